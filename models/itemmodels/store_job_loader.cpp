#include "models/itemmodels/store_job_loader.h"

#include "models/store/store_reader.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThread>

#include <mutex>

// The SQL side: owns the thread's StoreReader. Called through queued invokeMethod only.
class StoreJobWorker : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreJobWorker)

public:
    StoreJobWorker(QString storePath, std::shared_ptr<const std::atomic<quint64>> latest)
        : m_storePath(std::move(storePath))
        , m_latest(std::move(latest)) {}
    ~StoreJobWorker() override {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_reader.reset();
    }

    // Runs `job` unless a newer request is queued; `deliver` is called with the outcome (on this
    // thread; it posts to the loader).
    void run(quint64 generation, const std::atomic_bool& cancel, const StoreJobLoader::Job& job,
             const std::function<void(quint64, StoreJobLoader::Result, QString)>& deliver) {
        if (generation != m_latest->load())
            return;
        QString message;
        if (!ensureReader(message)) {
            deliver(generation, nullptr, message);
            return;
        }
        cadf::store::StoreError error;
        StoreJobLoader::Result result = job(*m_reader, cancel, error);
        if (generation != m_latest->load() || cancel.load())
            return; // stopped for a newer request: its own answer follows
        if (!result && error) {
            message = error.message.empty()
                          ? QCoreApplication::translate("StoreJobLoader", "the store could not be "
                                                                          "read (SQLite error %1)")
                                .arg(error.sqliteCode)
                          : QString::fromStdString(error.message);
        }
        deliver(generation, std::move(result), message);
    }

    // Thread-safe.
    void interrupt() {
        const std::lock_guard<std::mutex> lock(m_mutex);
        if (m_reader)
            m_reader->interrupt();
    }

private:
    bool ensureReader(QString& message) {
        if (m_reader)
            return true;
        cadf::store::StoreError error;
        auto reader = cadf::store::StoreReader::open(m_storePath.toStdString(), &error);
        if (!reader) {
            message = QString::fromStdString(error.message);
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
};

StoreJobLoader::StoreJobLoader(const QString& storePath, const QString& threadName, QObject* parent)
    : QObject(parent)
    , m_latest(std::make_shared<std::atomic<quint64>>(0)) {
    m_thread = new QThread(this);
    m_thread->setObjectName(threadName);
    m_worker = new StoreJobWorker(storePath, m_latest);
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start();
}

StoreJobLoader::~StoreJobLoader() {
    m_latest->store(~quint64(0)); // everything queued is stale
    if (m_cancel)
        m_cancel->store(true);
    m_worker->interrupt();
    m_thread->quit();
    m_thread->wait();
}

void StoreJobLoader::request(Job job, Busy busy) {
    if (m_cancel)
        m_cancel->store(true);
    m_generation = ++*m_latest;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    if (m_running)
        m_worker->interrupt(); // the running scan is for an older generation
    m_running = true;
    setBusy(busy == Busy::Show);
    const quint64 generation = m_generation;
    // Results are posted back to this object: a loader deleted meanwhile receives nothing.
    QPointer<StoreJobLoader> self(this);
    auto deliver = [self](quint64 gen, Result result, QString error) {
        // The loader outlives this call: its destructor waits for the thread.
        QMetaObject::invokeMethod(
            self.data(),
            [self, gen, result = std::move(result), error] {
                if (self)
                    self->onDone(gen, result, error);
            },
            Qt::QueuedConnection);
    };
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, generation, job = std::move(job), deliver, cancel = m_cancel] {
            worker->run(generation, *cancel, job, deliver);
        },
        Qt::QueuedConnection);
}

void StoreJobLoader::request(const cadf::dashboard::DashboardQuery& query, QueryJob job) {
    request([query, job = std::move(job)](cadf::store::StoreReader& reader,
                                          const std::atomic_bool& cancel,
                                          cadf::store::StoreError& error) {
        cadf::dashboard::DashboardQuery own = query;
        own.cancel = &cancel;
        return job(reader, own, error);
    });
}

void StoreJobLoader::cancel() {
    if (m_cancel)
        m_cancel->store(true);
    if (m_running) {
        ++*m_latest;
        m_generation = m_latest->load();
        m_worker->interrupt();
        m_running = false;
        setBusy(false);
    }
}

void StoreJobLoader::onDone(quint64 generation, const Result& result, const QString& error) {
    if (generation != m_generation)
        return;
    m_running = false;
    setBusy(false);
    if (result)
        Q_EMIT ready(result);
    else if (!error.isEmpty())
        Q_EMIT failed(error);
}

void StoreJobLoader::setBusy(bool busy) {
    if (busy == m_busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

#include "store_job_loader.moc"
