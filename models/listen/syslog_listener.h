#pragma once

#include "models/listen/listener_options.h"
#include "models/listen/listener_stats.h"

#include <QString>

#include <functional>
#include <memory>
#include <vector>

class QThread;

namespace cadf::store {
class StoreWriter;
struct StoredEventInput;
struct BatchResult;
} // namespace cadf::store

namespace cadf::ingest {

class TcpReceiver;
class UdpReceiver;

// A live syslog listener: UDP, TCP and TLS endpoints (several at once, IPv4 and IPv6) feeding one
// store through its writer. The sockets live on worker threads ("cadf-listen-tcp",
// "cadf-listen-udp") created here; this object only starts, stops and reports. Not a QObject: the
// CLI and the GUI's controller poll stats() on their own timers.
//
// Every message received is stored once: as an event, a duplicate (counted by the writer) or a
// reject with reason, sender and connection. stop() (and the destructor) hand everything received
// so far to the writer; call the writer's flush() afterwards to wait for the commit.
class SyslogListener {
public:
    explicit SyslogListener(store::StoreWriter& writer);
    ~SyslogListener();
    SyslogListener(const SyslogListener&) = delete;
    SyslogListener& operator=(const SyslogListener&) = delete;

    // Classifies each event before it is stored (the inventory's classifier); optional.
    void setClassifier(std::function<void(store::StoredEventInput&)> classify);

    // Binds every endpoint (blocking for the few milliseconds that takes). On failure nothing is
    // left listening and *error says which endpoint and why.
    bool start(const ListenerOptions& options, QString* error);
    // Stops receiving and hands over everything received. Blocks until the receivers have
    // submitted their last batches (which waits for the writer's queue to have room).
    void stop();
    bool isRunning() const { return m_running; }

    // The endpoints as bound (a port 0 replaced by the port the system chose).
    QList<ListenEndpoint> boundEndpoints() const { return m_bound; }
    ListenerStats stats() const { return m_counters.stats(); }
    std::vector<SenderStats> senders() const { return m_counters.senders(); }

    // Forward the store writer's batch callback here (any thread): the committed counts of new
    // events and duplicates for this listener's sources.
    void noteCommitted(const store::BatchResult& result);

private:
    store::StoreWriter& m_writer;
    std::function<void(store::StoredEventInput&)> m_classify;
    ListenerCounters m_counters;
    QThread* m_tcpThread = nullptr;
    QThread* m_udpThread = nullptr;
    TcpReceiver* m_tcp = nullptr;
    UdpReceiver* m_udp = nullptr;
    QList<ListenEndpoint> m_bound;
    bool m_running = false;
};

} // namespace cadf::ingest
