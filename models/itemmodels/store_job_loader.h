#pragma once

#include "models/dashboard/dashboard_query.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

class QThread;
class StoreJobWorker;

// Runs one job at a time over its own StoreReader on its own reader thread: the dashboards, the
// drill-down tables and profiles, the inventory coverage. A request makes every earlier one
// stale: its cancel flag is raised, the running statement interrupted, and a result of an old
// generation is dropped. No SQL runs on the thread that owns the loader; the result (any type,
// shared read-only) comes back through ready().
class StoreJobLoader : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreJobLoader)

public:
    using Result = std::shared_ptr<const void>;
    // Runs on the loader's thread; `cancel` must reach every scan. Returns the result; nullptr
    // with `error` set on failure; nullptr with no error when there is nothing new to show (then
    // no signal but busyChanged).
    using Job =
        std::function<Result(cadf::store::StoreReader& reader, const std::atomic_bool& cancel,
                             cadf::store::StoreError& error)>;
    // A job over a dashboard query, whose cancel flag is set to the request's.
    using QueryJob = std::function<Result(cadf::store::StoreReader& reader,
                                          const cadf::dashboard::DashboardQuery& query,
                                          cadf::store::StoreError& error)>;
    // Whether the views grey while the job runs: not for a background poll that usually finds
    // nothing new.
    enum class Busy { Show, Quiet };

    StoreJobLoader(const QString& storePath, const QString& threadName, QObject* parent = nullptr);
    ~StoreJobLoader() override;

    // Runs `job` after cancelling the running one.
    void request(Job job, Busy busy = Busy::Show);
    void request(const cadf::dashboard::DashboardQuery& query, QueryJob job);
    // Cancels the running request; nothing is delivered for it.
    void cancel();

    bool isBusy() const { return m_busy; }
    // A request is queued or running (quiet ones included).
    bool isRunning() const { return m_running; }
    quint64 generation() const { return m_generation; }

Q_SIGNALS:
    void ready(const StoreJobLoader::Result& result);
    void failed(const QString& message);
    void busyChanged(bool busy);

private:
    void onDone(quint64 generation, const Result& result, const QString& error);
    void setBusy(bool busy);

    QThread* m_thread = nullptr;
    StoreJobWorker* m_worker = nullptr; // lives on m_thread
    std::shared_ptr<std::atomic<quint64>> m_latest;
    std::shared_ptr<std::atomic_bool> m_cancel; // the running request's flag
    quint64 m_generation = 0;
    bool m_busy = false;
    bool m_running = false;
};
