#pragma once

#include "models/listen/listener_options.h"
#include "models/listen/listener_stats.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <vector>

class QThread;
class QTimer;

namespace cadf::ingest {
class SyslogListener;
}
namespace cadf::store {
class StoreWriter;
}

// Runs the live syslog listener for the window. Starting (bind) and stopping (hand over every
// received message, flush the writer) happen on the "cadf-listen-ctl" thread, never on the UI
// thread; the sockets live on the listener's own threads. While listening, a UI-thread timer
// copies the listener's counters four times a second (a mutex-guarded copy, never a wait on I/O).
//
// The listener writes through the window's one StoreWriter when setWriterSource() provides it (the
// import's), so imports and live events share a single writer thread and its group commits.
// Without one (or when it failed) it opens a writer of its own on the store.
class ListenController : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ListenController)

public:
    explicit ListenController(const QString& storePath, QObject* parent = nullptr);
    // Stops listening (flushing what was received) and joins the thread.
    ~ListenController() override;

    // Where the shared writer comes from; called on the controller's thread at each start().
    using WriterSource = std::function<std::shared_ptr<cadf::store::StoreWriter>()>;
    void setWriterSource(WriterSource source) { m_writerSource = std::move(source); }

    void start(const cadf::ingest::ListenerOptions& options);
    void stop();
    bool isListening() const { return m_listening; }
    bool isBusy() const { return m_busy; }
    // Endpoints as bound (port 0 replaced by the real one), valid after started().
    QList<cadf::ingest::ListenEndpoint> endpoints() const { return m_endpoints; }
    cadf::ingest::ListenerStats lastStats() const { return m_lastStats; }

Q_SIGNALS:
    void started(const QList<cadf::ingest::ListenEndpoint>& endpoints);
    void startFailed(const QString& message);
    // After the last batch is committed.
    void stopped(const cadf::ingest::ListenerStats& totals);
    // Four times a second while listening; eventsPerSecond over the last interval.
    void statsUpdated(const cadf::ingest::ListenerStats& stats, double eventsPerSecond);
    void sendersUpdated(const std::vector<cadf::ingest::SenderStats>& senders);

private:
    void poll();

    const QString m_storePath;
    QThread* m_thread = nullptr;
    QObject* m_context = nullptr; // lives on m_thread
    // Created, used and destroyed on m_thread; poll() only calls the thread-safe stats().
    std::shared_ptr<cadf::store::StoreWriter> m_writer;
    WriterSource m_writerSource;
    std::unique_ptr<cadf::ingest::SyslogListener> m_listener;
    QTimer* m_pollTimer = nullptr;
    QList<cadf::ingest::ListenEndpoint> m_endpoints;
    cadf::ingest::ListenerStats m_lastStats;
    qint64 m_lastPollMs = 0;
    bool m_listening = false;
    bool m_busy = false;
};
