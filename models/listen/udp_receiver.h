#pragma once

#include "models/listen/listener_options.h"

#include <QObject>

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

class QTimer;
class QUdpSocket;

namespace cadf::store {
class StoreWriter;
struct StoredEventInput;
} // namespace cadf::store

namespace cadf::ingest {

class ListenerCounters;
class RecordBatcher;

// The UDP side of a listener, on its own thread ("cadf-listen-udp"): one message per datagram
// (RFC 5426). UDP has no back-pressure, so this side never blocks on the writer: it uses
// trySubmit() and holds records back while the writer is busy, up to a bound; beyond it, datagrams
// are dropped and counted. Datagrams the kernel dropped (socket buffer full) are read from
// /proc/net/udp{,6} and counted too. Each sender address is one store source ("udp://ADDR:PORT
// from SENDER"), like a TCP connection.
class UdpReceiver : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UdpReceiver)

public:
    UdpReceiver(ListenerOptions options, store::StoreWriter& writer, ListenerCounters& counters,
                std::function<void(store::StoredEventInput&)> classify);
    ~UdpReceiver() override;

    bool start(QString* error, QList<ListenEndpoint>* bound);
    // Reads what the sockets hold, submits everything and finishes the sources.
    void stop();

private:
    struct Endpoint;
    struct SenderSource;
    SenderSource* sourceFor(Endpoint& e, const QString& sender);
    // Whether the sender's source id is known (waiting for it when `wait`).
    bool sourceReady(Endpoint& e, SenderSource& source, bool wait);
    void readFrom(Endpoint& e);
    void trySubmit(Endpoint& e, SenderSource& source, bool force);
    void submitAll(Endpoint& e, bool force);
    void publish(Endpoint& e);
    void tick();

    ListenerOptions m_options;
    store::StoreWriter& m_writer;
    ListenerCounters& m_counters;
    std::function<void(store::StoredEventInput&)> m_classify;
    std::vector<std::unique_ptr<Endpoint>> m_endpoints;
    std::vector<char> m_datagram;
    QTimer* m_timer = nullptr;
};

} // namespace cadf::ingest
