#pragma once

#include "models/store/batch_writer.h"
#include "models/store/event_batch.h"
#include "models/store/store_error.h"
#include "models/store/store_types.h"

#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <string>

// The one writer of a store: owns the only write connection on its own thread
// ("cadf-store-writ", Linux caps names at 15 bytes), drains a queue of batches and commits them
// in transactions of whole batches: a transaction stays open for the batches that follow, up to
// WriterOptions::groupCommitEvents events, and commits groupCommitMs after its first batch unless
// more batches are already waiting (group commit); it also commits before any other job
// (beginSource, finishSource, flush, the destructor). A batch is never
// split; results are reported after the commit. Helper threads: "cadf-store-zip" compresses raw
// blocks, "cadf-store-ckpt" copies the WAL into the file. Every public function is thread-safe.
namespace cadf::store {

class StoreWriter {
public:
    // Creates or migrates the store at `path` and starts the writer thread; nullptr and *error
    // when the file cannot be opened, is not a store, is newer than this program, is read-only...
    static std::unique_ptr<StoreWriter> open(const std::string& path, StoreError* error);
    static std::unique_ptr<StoreWriter> open(const std::string& path, const WriterOptions& options,
                                             StoreError* error);
    // Commits everything queued, then stops the thread and closes the file.
    ~StoreWriter();
    StoreWriter(const StoreWriter&) = delete;
    StoreWriter& operator=(const StoreWriter&) = delete;

    // Records a new import or listener and returns its id (after the batches queued before it).
    // 0 when it could not be stored; see lastError().
    std::int64_t beginSource(const SourceInfo& info);
    // The same without waiting, for a receiver that must never block (UDP): the future is ready
    // once the writer has stored the source.
    std::future<std::int64_t> beginSourceAsync(const SourceInfo& info);
    // Queues a batch. Blocks while maxQueuedBatches batches are already waiting: back-pressure
    // for the file pipeline and the TCP listener. After a write error the writer refuses every
    // batch: each is reported with the error through the callback and nothing is written.
    void submit(EventBatch&& batch);
    // Queues a batch unless the queue is full; on false, `batch` is left untouched.
    bool trySubmit(EventBatch&& batch);
    // Marks a source finished (queued after its batches).
    void finishSource(std::int64_t id, const SourceSummary& summary);
    // Waits until everything queued so far is committed (or refused).
    void flush();
    // Called on the writer thread after each batch's commit, or with the error that stopped it.
    // Keep it short and thread-safe: post the result to your own thread.
    void setBatchCallback(std::function<void(const BatchResult&)> callback);

    // The first error that stopped the writer; empty while it works.
    StoreError lastError() const;
    bool failed() const;
    int queuedBatches() const;
    WriterStats stats() const;
    const std::string& path() const;

private:
    class Impl;
    explicit StoreWriter(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace cadf::store
