#pragma once

#include "models/cadf/reject.h"
#include "models/listen/listener_options.h"

#include <QObject>
#include <QSslConfiguration>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

class QTcpServer;
class QTcpSocket;
class QTimer;

namespace cadf::store {
class StoreWriter;
struct StoredEventInput;
} // namespace cadf::store

namespace cadf::syslog {
struct Frame;
}

namespace cadf::ingest {

class ListenerCounters;
struct TcpConnection;

// The TCP and TLS side of a listener, living on its own thread ("cadf-listen-tcp"): accepts
// connections, frames each stream (RFC 6587 / RFC 5425), parses and batches the messages and hands
// the batches to the store's writer. Back-pressure is the writer's blocking submit(): while it
// waits, no socket is read, the kernel buffers fill and the senders slow down, so nothing is lost.
// Each connection becomes a store source once its first byte arrives (its sender and TLS subject
// in the name), finished when the connection ends, with why.
class TcpReceiver : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TcpReceiver)

public:
    TcpReceiver(ListenerOptions options, store::StoreWriter& writer, ListenerCounters& counters,
                std::function<void(store::StoredEventInput&)> classify);
    ~TcpReceiver() override;

    // On the receiver's thread. Binds every TCP/TLS endpoint of the options; on failure nothing
    // stays bound. `bound` gets the endpoints with their actual ports.
    bool start(QString* error, QList<ListenEndpoint>* bound);
    // On the receiver's thread: stops accepting, reads what the sockets hold, hands out every
    // partial frame as a reject, submits the batches and finishes the sources.
    void stop();

private:
    void accept(int endpointIndex, qintptr descriptor);
    void onEncrypted(TcpConnection& c);
    void readFrom(TcpConnection& c);
    void handleFrame(TcpConnection& c, const syslog::Frame& frame);
    void rejectFrame(TcpConnection& c, const syslog::Frame& frame, cadf::RejectReason reason,
                     std::string detail);
    void ensureSource(TcpConnection& c);
    void submitPending(TcpConnection& c);
    void flushAll();
    void checkIdle();
    void endConnection(TcpConnection& c, const QString& reason, bool stopping = false);
    void publish(TcpConnection& c);
    bool allowed(const QHostAddress& peer) const;

    ListenerOptions m_options;
    store::StoreWriter& m_writer;
    ListenerCounters& m_counters;
    std::function<void(store::StoredEventInput&)> m_classify;
    QSslConfiguration m_ssl;
    std::vector<QTcpServer*> m_servers; // parallel to m_endpoints
    QList<ListenEndpoint> m_endpoints;
    std::map<std::int64_t, std::unique_ptr<TcpConnection>> m_connections;
    std::int64_t m_nextId = 1;
    QTimer* m_flushTimer = nullptr;
    QTimer* m_idleTimer = nullptr;
    bool m_stopping = false;
};

} // namespace cadf::ingest
