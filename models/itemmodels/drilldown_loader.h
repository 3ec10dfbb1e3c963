#pragma once

#include "models/dashboard/dashboard_query.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

class QThread;
class DrilldownWorker;

// Runs one drill-down computation at a time (models/dashboard compute functions) on its own
// reader thread, for a view of the drill-down tables or profiles. A request makes every earlier
// one stale: its cancel flag is raised, the running statement interrupted, and a result of an old
// generation is dropped. The job runs over the worker's StoreReader, never on the caller's
// thread; its result (any type, shared read-only) comes back through ready().
class DrilldownLoader : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DrilldownLoader)

public:
    using Result = std::shared_ptr<const void>;
    // Fills a result for `query` (whose cancel flag the job must pass on); on failure returns
    // nullptr and sets `error`.
    using Job = std::function<Result(cadf::store::StoreReader& reader,
                                     const cadf::dashboard::DashboardQuery& query,
                                     cadf::store::StoreError& error)>;

    DrilldownLoader(const QString& storePath, const QString& threadName, QObject* parent = nullptr);
    ~DrilldownLoader() override;

    // Computes `job` for `query` (query.cancel is set here) after cancelling the running one.
    void request(const cadf::dashboard::DashboardQuery& query, Job job);
    // Cancels the running request; nothing is delivered for it.
    void cancel();

    bool isBusy() const { return m_busy; }
    quint64 generation() const { return m_generation; }

Q_SIGNALS:
    void ready(const DrilldownLoader::Result& result);
    void failed(const QString& message);
    void busyChanged(bool busy);

private:
    void onDone(quint64 generation, const Result& result, const QString& error);
    void setBusy(bool busy);

    QThread* m_thread = nullptr;
    DrilldownWorker* m_worker = nullptr; // lives on m_thread
    std::shared_ptr<std::atomic<quint64>> m_latest;
    std::shared_ptr<std::atomic_bool> m_cancel; // the running request's flag
    quint64 m_generation = 0;
    bool m_busy = false;
};
