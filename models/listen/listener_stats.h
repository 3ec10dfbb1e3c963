#pragma once

#include "models/listen/listener_options.h"

#include <QString>

#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

// Counters of a running listener, shared by its receiver threads and read by the CLI's stats line
// and the GUI's status bar. Receivers add their counts once per batch, not once per message, so
// the mutex is cold.
namespace cadf::ingest {

struct ListenerStats {
    std::int64_t received = 0; // messages: datagrams and frames (cut and oversize ones included)
    std::int64_t records = 0;  // events parsed + rejects (a record with N events counts N)
    std::int64_t parsedEvents = 0;
    std::int64_t events = 0;     // committed as new
    std::int64_t duplicates = 0; // committed as already stored
    std::int64_t rejected = 0;
    std::map<std::string, std::int64_t> rejectsByReason;
    std::int64_t droppedOwn = 0;    // datagrams dropped because the writer was too far behind
    std::int64_t droppedKernel = 0; // datagrams the kernel dropped (socket buffer full)
    std::int64_t denied = 0;        // datagrams and connections from senders not allowed
    std::int64_t refused = 0;       // connections over the limit
    std::int64_t tlsFailures = 0;   // handshakes that failed (no or unaccepted certificate...)
    std::int64_t connectionsOpen = 0;
    std::int64_t connectionsTotal = 0;
    std::int64_t bytes = 0;
    QString lastProblem; // the most recent refused handshake, closed stream... for the UI
};

// One sender (protocol and address) as the Senders view shows it.
struct SenderStats {
    QString protocol; // "udp", "tcp", "tls"
    QString address;  // IP address without port
    QString framing;  // last framing seen: "octet-counting", "lf", ...
    QString tlsSubject;
    std::int64_t messages = 0;
    std::int64_t rejected = 0;
    std::int64_t connections = 0;
    int openConnections = 0;
    std::int64_t lastMessageUs = 0; // UTC µs
};

class ListenerCounters {
public:
    template <typename F> void update(F&& f) {
        std::lock_guard lock(m_mutex);
        f(m_stats);
    }
    template <typename F>
    void updateSender(const QString& protocol, const QString& address, F&& f) {
        std::lock_guard lock(m_mutex);
        SenderStats& s = m_senders[protocol + QLatin1Char(' ') + address];
        if (s.address.isEmpty()) {
            s.protocol = protocol;
            s.address = address;
        }
        f(s);
    }
    void addSource(std::int64_t id) {
        std::lock_guard lock(m_mutex);
        m_sources.insert(id);
    }
    // From the writer's callback: the committed truth about events and duplicates.
    void committed(std::int64_t sourceId, int inserted, int duplicates) {
        std::lock_guard lock(m_mutex);
        if (m_sources.count(sourceId) == 0)
            return;
        m_stats.events += inserted;
        m_stats.duplicates += duplicates;
    }
    ListenerStats stats() const {
        std::lock_guard lock(m_mutex);
        return m_stats;
    }
    std::vector<SenderStats> senders() const {
        std::lock_guard lock(m_mutex);
        std::vector<SenderStats> out;
        out.reserve(m_senders.size());
        for (const auto& entry : m_senders)
            out.push_back(entry.second);
        return out;
    }

private:
    mutable std::mutex m_mutex;
    ListenerStats m_stats;
    std::map<QString, SenderStats> m_senders;
    std::set<std::int64_t> m_sources;
};

} // namespace cadf::ingest
