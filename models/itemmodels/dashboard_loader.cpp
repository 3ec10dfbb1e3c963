#include "models/itemmodels/dashboard_loader.h"

#include "models/inventory/catalogue.h"
#include "models/store/sql_value.h"
#include "models/store/store_reader.h"

#include <QThread>

#include <mutex>

namespace {

// Every action text the store holds (a few dozen dictionary rows, not a scan of the events):
// the click clauses of the action charts list the texts of each group.
bool readActionTexts(cadf::store::StoreReader& reader, std::vector<std::string>& out,
                     cadf::store::StoreError& error) {
    out.clear();
    cadf::store::Statement s = reader.database().prepare(
        "SELECT value FROM strings WHERE kind = ? AND value <> '' ORDER BY value", &error);
    if (!s)
        return false;
    cadf::store::bindValue(s, 1,
                           cadf::store::SqlValue(std::int64_t(cadf::store::StringKind::Action)));
    for (;;) {
        const cadf::store::Statement::Step step = s.step();
        if (step == cadf::store::Statement::Step::Done)
            return true;
        if (step == cadf::store::Statement::Step::Error) {
            error = s.error();
            return false;
        }
        out.push_back(s.string(0));
    }
}

} // namespace

bool computeDashboard(cadf::store::StoreReader& reader, const cadf::inventory::Catalogue& catalogue,
                      const DashboardRequest& request, DashboardResult& out,
                      cadf::store::StoreError& error, const std::atomic_bool* cancel) {
    out = DashboardResult{};
    out.request = request;
    cadf::dashboard::DashboardQuery query;
    query.filter = request.filter;
    query.fromUs = request.fromUs;
    query.toUs = request.toUs;
    query.maxBuckets = request.maxBuckets;
    query.alignOffsetSeconds = request.alignOffsetSeconds;
    query.topN = request.topN;
    query.cancel = cancel;
    if (!readActionTexts(reader, out.actions, error))
        return false;
    if (request.serviceId < 0)
        return cadf::dashboard::computeOverview(reader, catalogue, query, out.overview, error);
    return cadf::dashboard::computeServiceDashboard(reader, catalogue, request.serviceId, query,
                                                    out.service, error);
}

// The SQL side: owns the thread's StoreReader. Called through queued invokeMethod only.
class DashboardWorker : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardWorker)

public:
    DashboardWorker(QString storePath, const cadf::inventory::Catalogue& catalogue,
                    std::shared_ptr<const std::atomic<quint64>> latest)
        : m_storePath(std::move(storePath))
        , m_catalogue(catalogue)
        , m_latest(std::move(latest)) {}
    ~DashboardWorker() override {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_reader.reset();
    }

    void compute(quint64 generation, const DashboardRequest& request) {
        // Cleared before the generation check: a newer request sets it after bumping the
        // generation, so either this check sees the bump or the scan sees the flag.
        m_cancel.store(false);
        if (generation != m_latest->load())
            return; // a newer request is queued behind this one
        if (!ensureReader(generation))
            return;
        auto result = std::make_shared<DashboardResult>();
        cadf::store::StoreError error;
        if (!computeDashboard(*m_reader, m_catalogue, request, *result, error, &m_cancel)) {
            if (generation != m_latest->load())
                return; // stopped for a newer request: its own answer follows
            Q_EMIT failed(generation, QString::fromStdString(error.message));
            return;
        }
        Q_EMIT ready(generation, std::move(result));
    }

    // Thread-safe: stops the running scan (polled) and statement (sqlite3_interrupt).
    void cancel() {
        m_cancel.store(true);
        const std::lock_guard<std::mutex> lock(m_mutex);
        if (m_reader)
            m_reader->interrupt();
    }

Q_SIGNALS:
    void ready(quint64 generation, DashboardResultPtr result);
    void failed(quint64 generation, const QString& message);

private:
    bool ensureReader(quint64 generation) {
        if (m_reader)
            return true;
        cadf::store::StoreError error;
        auto reader = cadf::store::StoreReader::open(m_storePath.toStdString(), &error);
        if (!reader) {
            Q_EMIT failed(generation, QString::fromStdString(error.message));
            return false;
        }
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_reader = std::move(reader);
        return true;
    }

    const QString m_storePath;
    const cadf::inventory::Catalogue& m_catalogue;
    const std::shared_ptr<const std::atomic<quint64>> m_latest;
    std::atomic_bool m_cancel{false};
    std::mutex m_mutex; // guards m_reader against cancel() from the UI thread
    std::unique_ptr<cadf::store::StoreReader> m_reader;
};

DashboardLoader::DashboardLoader(const QString& storePath,
                                 const cadf::inventory::Catalogue& catalogue, QObject* parent)
    : QObject(parent)
    , m_latest(std::make_shared<std::atomic<quint64>>(0)) {
    qRegisterMetaType<DashboardResultPtr>();
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("cadf-dashboard"));
    m_worker = new DashboardWorker(storePath, catalogue, m_latest);
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &DashboardWorker::ready, this, &DashboardLoader::onReady);
    connect(m_worker, &DashboardWorker::failed, this, &DashboardLoader::onFailed);
    m_thread->start();
}

DashboardLoader::~DashboardLoader() {
    m_latest->store(~quint64(0)); // everything queued is stale
    m_worker->cancel();
    m_thread->quit();
    m_thread->wait();
}

void DashboardLoader::request(const DashboardRequest& request) {
    m_generation = ++*m_latest;
    if (m_busy)
        m_worker->cancel(); // the running scan is for an older generation
    setBusy(true);
    const quint64 generation = m_generation;
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, generation, request] { worker->compute(generation, request); },
        Qt::QueuedConnection);
}

void DashboardLoader::cancel() {
    if (!m_busy)
        return;
    m_generation = ++*m_latest; // what is running or queued is stale now
    m_worker->cancel();
    setBusy(false);
}

void DashboardLoader::onReady(quint64 generation, DashboardResultPtr result) {
    if (generation != m_generation)
        return;
    setBusy(false);
    Q_EMIT resultReady(std::move(result));
}

void DashboardLoader::onFailed(quint64 generation, const QString& message) {
    if (generation != m_generation)
        return;
    setBusy(false);
    Q_EMIT failed(message);
}

void DashboardLoader::setBusy(bool busy) {
    if (busy == m_busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

#include "dashboard_loader.moc"
