#include "models/itemmodels/coverage_loader.h"

#include "models/inventory/catalogue.h"
#include "models/inventory/coverage_report.h"
#include "models/store/coverage_reader.h"
#include "models/store/store_reader.h"

#include <QCoreApplication>
#include <QThread>

#include <mutex>

// The SQL side: owns the thread's StoreReader. Called through queued invokeMethod only.
class CoverageWorker : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CoverageWorker)

public:
    CoverageWorker(QString storePath, std::shared_ptr<const std::atomic<quint64>> latest)
        : m_storePath(std::move(storePath))
        , m_latest(std::move(latest)) {}
    ~CoverageWorker() override {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_reader.reset();
    }

    void compute(quint64 generation, const cadf::store::SqlFilter& filter, bool onlyIfChanged) {
        if (generation != m_latest->load())
            return; // a newer request is queued behind this one
        if (!ensureReader())
            return;
        const std::int64_t version = m_reader->dataVersion();
        if (onlyIfChanged && version == m_version && version >= 0) {
            Q_EMIT unchanged(generation);
            return;
        }
        Q_EMIT started(generation);
        cadf::store::StoreCoverage raw;
        cadf::store::StoreError error;
        cadf::store::CoverageOptions options;
        if (!cadf::store::readCoverage(*m_reader, filter, options, raw, error)) {
            if (generation != m_latest->load())
                return; // interrupted for a newer request: its own answer follows
            Q_EMIT failed(generation, QString::fromStdString(error.message));
            return;
        }
        m_version = version;
        auto report = std::make_shared<cadf::inventory::CoverageReport>(
            cadf::inventory::buildCoverageReport(cadf::inventory::Catalogue::builtIn(), raw));
        Q_EMIT ready(generation, std::move(report));
    }

    // Thread-safe.
    void interrupt() {
        const std::lock_guard<std::mutex> lock(m_mutex);
        if (m_reader)
            m_reader->interrupt();
    }

Q_SIGNALS:
    void started(quint64 generation);
    void ready(quint64 generation, CoverageReportPtr report);
    void failed(quint64 generation, const QString& message);
    void unchanged(quint64 generation);

private:
    bool ensureReader() {
        if (m_reader)
            return true;
        cadf::store::StoreError error;
        auto reader = cadf::store::StoreReader::open(m_storePath.toStdString(), &error);
        if (!reader) {
            Q_EMIT failed(m_latest->load(), QString::fromStdString(error.message));
            return false;
        }
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_reader = std::move(reader);
        return true;
    }

    const QString m_storePath;
    const std::shared_ptr<const std::atomic<quint64>> m_latest;
    std::mutex m_mutex; // guards m_reader against interrupt() from the UI thread
    std::unique_ptr<cadf::store::StoreReader> m_reader;
    std::int64_t m_version = -1;
};

CoverageLoader::CoverageLoader(const QString& storePath, QObject* parent)
    : QObject(parent)
    , m_latest(std::make_shared<std::atomic<quint64>>(0)) {
    qRegisterMetaType<CoverageReportPtr>();
    qRegisterMetaType<cadf::store::SqlFilter>();
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("cadf-coverage"));
    m_worker = new CoverageWorker(storePath, m_latest);
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &CoverageWorker::ready, this, &CoverageLoader::onReady);
    connect(m_worker, &CoverageWorker::failed, this, &CoverageLoader::onFailed);
    connect(m_worker, &CoverageWorker::unchanged, this, &CoverageLoader::onUnchanged);
    connect(m_worker, &CoverageWorker::started, this, [this](quint64 generation) {
        if (generation == m_generation)
            setBusy(true);
    });
    m_thread->start();
}

CoverageLoader::~CoverageLoader() {
    m_latest->store(~quint64(0)); // everything queued is stale
    m_worker->interrupt();
    m_thread->quit();
    m_thread->wait();
}

void CoverageLoader::setFilter(const cadf::store::SqlFilter& filter, bool computeNow) {
    m_filter = filter;
    if (computeNow)
        request(false);
}

void CoverageLoader::reload() {
    request(false);
}

void CoverageLoader::refreshIfChanged(int minIntervalMs) {
    if (m_busy || (m_sinceRequest.isValid() && m_sinceRequest.elapsed() < minIntervalMs))
        return;
    request(true);
}

void CoverageLoader::request(bool onlyIfChanged) {
    m_generation = ++*m_latest;
    m_sinceRequest.start();
    if (m_busy)
        m_worker->interrupt(); // the running scan is for an older generation
    // A poll that finds nothing new must not grey the view: busy from the worker's start then.
    if (!onlyIfChanged)
        setBusy(true);
    const quint64 generation = m_generation;
    const cadf::store::SqlFilter filter = m_filter;
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, generation, filter, onlyIfChanged] {
            worker->compute(generation, filter, onlyIfChanged);
        },
        Qt::QueuedConnection);
}

void CoverageLoader::onReady(quint64 generation, CoverageReportPtr report) {
    if (generation != m_generation)
        return;
    m_report = std::move(report);
    setBusy(false);
    Q_EMIT reportChanged(m_report);
}

void CoverageLoader::onFailed(quint64 generation, const QString& message) {
    if (generation != m_generation)
        return;
    setBusy(false);
    Q_EMIT failed(message);
}

void CoverageLoader::onUnchanged(quint64 generation) {
    if (generation == m_generation)
        setBusy(false);
}

void CoverageLoader::setBusy(bool busy) {
    if (busy == m_busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

#include "coverage_loader.moc"
