#include "app/import_controller.h"

#include "models/ingest/import_classifier.h"
#include "models/inventory/catalogue.h"
#include "models/store/store_writer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QThread>

namespace {

constexpr int kProgressIntervalMs = 100; // ten updates a second at most

} // namespace

ImportController::ImportController(const QString& storePath, QObject* parent)
    : QObject(parent)
    , m_storePath(storePath) {
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("cadf-import"));
    m_threadContext = new QObject;
    m_threadContext->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_threadContext, &QObject::deleteLater);
    m_thread->start();
}

ImportController::~ImportController() {
    m_cancel.store(true);
    m_pending.clear();
    // Blocking: waits for the cancelled import to return, then closes the writer on its own
    // thread so the last batches are committed before the window goes away.
    QMetaObject::invokeMethod(
        m_threadContext,
        [this] {
            m_writer.reset();
            publishWriter(); // the listener may hold it a little longer; the last owner closes
        },
        Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

void ImportController::open() {
    QMetaObject::invokeMethod(
        m_threadContext,
        [this] {
            (void)cadf::inventory::Catalogue::builtIn();
            const QString error = ensureWriter();
            QMetaObject::invokeMethod(
                this,
                [this, error] {
                    m_storeOpen = error.isEmpty();
                    if (m_storeOpen)
                        Q_EMIT storeOpened();
                    else
                        Q_EMIT storeFailed(error);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

QString ImportController::ensureWriter() {
    // A writer that hit an error refuses every later batch: start afresh with a new one.
    if (m_writer && m_writer->failed()) {
        m_writer.reset();
        publishWriter();
    }
    if (m_writer)
        return {};
    cadf::store::StoreError error;
    const QString dir = QFileInfo(m_storePath).absolutePath();
    if (!QDir().mkpath(dir))
        return tr("cannot create the folder %1").arg(QDir::toNativeSeparators(dir));
    m_writer = cadf::store::StoreWriter::open(QFile::encodeName(m_storePath).toStdString(), &error);
    publishWriter();
    if (!m_writer)
        return QString::fromStdString(error.message);
    return {};
}

void ImportController::publishWriter() {
    std::lock_guard lock(m_published->mutex);
    m_published->writer = m_writer;
}

std::function<std::shared_ptr<cadf::store::StoreWriter>()> ImportController::writerSource() const {
    return [published = m_published] {
        std::lock_guard lock(published->mutex);
        return published->writer;
    };
}

void ImportController::importFiles(const QStringList& files) {
    if (!files.isEmpty())
        enqueue(Job{files, false});
}

void ImportController::importSample() {
    enqueue(Job{{}, true});
}

void ImportController::cancel() {
    m_cancel.store(true);
    m_pending.clear();
}

void ImportController::enqueue(Job job) {
    m_pending.push_back(std::move(job));
    if (!m_busy)
        startNext();
}

void ImportController::startNext() {
    if (m_pending.empty())
        return;
    Job job = std::move(m_pending.front());
    m_pending.erase(m_pending.begin());
    m_busy = true;
    m_cancel.store(false);
    Q_EMIT importStarted(job.sample ? 1 : int(job.files.size()));
    QMetaObject::invokeMethod(
        m_threadContext, [this, job] { runJob(job); }, Qt::QueuedConnection);
}

void ImportController::runJob(const Job& job) {
    std::vector<cadf::ingest::FileImportResult> results;
    QString error = ensureWriter();

    // The sample is a resource: it becomes a real file under a temporary folder, named as the
    // bundled file so the store's source list reads "sample_audit.log".
    std::unique_ptr<QTemporaryDir> sampleDir;
    std::vector<std::string> paths;
    if (error.isEmpty() && job.sample) {
        sampleDir = std::make_unique<QTemporaryDir>();
        const QString target = sampleDir->filePath(QStringLiteral("sample_audit.log"));
        if (!sampleDir->isValid() || !QFile::copy(QString::fromLatin1(kSampleResource), target))
            error = tr("the sample log could not be copied to a temporary folder");
        else
            paths.push_back(QFile::encodeName(target).toStdString());
    }
    for (const QString& file : job.files)
        paths.push_back(QFile::encodeName(file).toStdString());

    if (error.isEmpty()) {
        cadf::ingest::FileImporter importer(*m_writer);
        importer.setClassifier(cadf::ingest::makeImportClassifier());
        importer.setProgressCallback(
            [this](const cadf::ingest::ImportProgress& value) {
                QMetaObject::invokeMethod(
                    this, [this, value] { Q_EMIT progress(value); }, Qt::QueuedConnection);
            },
            kProgressIntervalMs);
        results = importer.importFiles(paths, m_cancel);
        m_writer->flush();
        if (m_writer->failed())
            error = QString::fromStdString(m_writer->lastError().message);
    }
    QMetaObject::invokeMethod(
        this, [this, results, error] { finishJob(results, error); }, Qt::QueuedConnection);
}

void ImportController::finishJob(const std::vector<cadf::ingest::FileImportResult>& results,
                                 const QString& error) {
    m_busy = false;
    Q_EMIT importFinished(results, error);
    startNext();
}
