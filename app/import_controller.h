#pragma once

#include "models/ingest/file_importer.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

class QThread;

namespace cadf::store {
class StoreWriter;
}

// Runs imports off the UI thread. Owns the "cadf-import" thread, and on it the store's one
// StoreWriter for the life of the window (opened by open(), closed by the destructor) and the
// FileImporter. Progress comes back queued at most ten times a second; cancel() sets an atomic
// flag the importer checks between records. Files asked for while an import runs wait their turn.
class ImportController : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportController)

public:
    static constexpr const char* kSampleResource = ":/sample/sample_audit.log";

    explicit ImportController(const QString& storePath, QObject* parent = nullptr);
    // Cancels a running import, closes the writer on its thread and joins the thread.
    ~ImportController() override;

    // Creates or opens the store on the import thread; storeOpened() or storeFailed() follows.
    // Either way the built-in inventory catalogue has been parsed (there, not on the UI thread)
    // by the time the signal arrives.
    void open();
    bool isStoreOpen() const { return m_storeOpen; }
    bool isBusy() const { return m_busy; }
    QString storePath() const { return m_storePath; }

    // The store's one writer, for the live listener to share: the function returns it (nullptr
    // before storeOpened() or after the writer failed), from any thread, and stays safe to call
    // after this controller is gone.
    std::function<std::shared_ptr<cadf::store::StoreWriter>()> writerSource() const;

    void importFiles(const QStringList& files);
    // Copies the bundled sample log to a temporary file (on the import thread) and imports it.
    void importSample();
    void cancel();

Q_SIGNALS:
    void storeOpened();
    void storeFailed(const QString& message);
    void importStarted(int fileCount);
    void progress(const cadf::ingest::ImportProgress& progress);
    // `error`: the import could not run at all (store not writable, sample not readable).
    void importFinished(const std::vector<cadf::ingest::FileImportResult>& results,
                        const QString& error);

private:
    struct Job {
        QStringList files;
        bool sample = false;
    };

    void enqueue(Job job);
    void startNext();
    void finishJob(const std::vector<cadf::ingest::FileImportResult>& results,
                   const QString& error);
    // Import thread only.
    QString ensureWriter();
    void publishWriter();
    void runJob(const Job& job);

    const QString m_storePath;
    QThread* m_thread = nullptr;
    QObject* m_threadContext = nullptr; // lives on m_thread; the receiver of queued work
    std::shared_ptr<cadf::store::StoreWriter> m_writer; // touched on m_thread only
    // m_writer as other threads may take it (the listener shares the writer).
    struct PublishedWriter {
        std::mutex mutex;
        std::shared_ptr<cadf::store::StoreWriter> writer;
    };
    const std::shared_ptr<PublishedWriter> m_published = std::make_shared<PublishedWriter>();
    std::atomic_bool m_cancel{false};

    bool m_storeOpen = false;
    bool m_busy = false;
    std::vector<Job> m_pending;
};
