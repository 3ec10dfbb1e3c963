#include "models/store/store_writer.h"

#include <pthread.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace cadf::store {

namespace {

struct Job {
    enum class Kind { Batch, Begin, Finish, Flush, Stop };
    Kind kind = Kind::Flush;
    EventBatch batch;
    SourceInfo info;
    SourceSummary summary;
    std::int64_t sourceId = 0;
    std::promise<std::int64_t> reply;
};

} // namespace

class StoreWriter::Impl {
public:
    std::string path;
    WriterOptions options;

    mutable std::mutex mutex;
    std::condition_variable workCv;  // the writer waits for jobs
    std::condition_variable spaceCv; // submitters wait for room in the queue
    std::deque<Job> queue;
    int batchesQueued = 0;
    // Written batches, freed by the next submit() on the producer's thread: an event owns some
    // thirty strings, and freeing them took 12% of the writer thread, the import's bottleneck
    // (perf, bench_import 300000: 14.6 -> 12.8 us per event), while the producer has time to
    // spare.
    std::vector<EventBatch> spent;
    std::function<void(const BatchResult&)> callback;
    StoreError lastError;
    bool failed = false;
    WriterStats stats;

    std::thread thread;
    // Used on the writer thread only:
    BatchWriter writer;
    std::vector<BatchResult> pending; // batches of the open transaction, reported at commit
    std::size_t groupEvents = 0;
    std::chrono::steady_clock::time_point groupDeadline;

    void push(Job&& job) {
        {
            std::lock_guard lock(mutex);
            queue.push_back(std::move(job));
        }
        workCv.notify_one();
    }

    void run(std::promise<StoreError>& opened) {
        // Linux allows 15 bytes: "cadf-store-writer" would be refused entirely.
        pthread_setname_np(pthread_self(), "cadf-store-writ");
        StoreError error = writer.open(path, options);
        const bool ok = !error;
        opened.set_value(std::move(error));
        if (!ok)
            return;
        for (;;) {
            Job job;
            {
                std::unique_lock lock(mutex);
                if (writer.inTransaction()) {
                    // Group commit: the open transaction waits for more batches, not longer
                    // than its deadline.
                    if (!workCv.wait_until(lock, groupDeadline,
                                           [this] { return !queue.empty(); })) {
                        lock.unlock();
                        commitGroup();
                        continue;
                    }
                } else {
                    workCv.wait(lock, [this] { return !queue.empty(); });
                }
                job = std::move(queue.front());
                queue.pop_front();
                if (job.kind == Job::Kind::Batch) {
                    --batchesQueued;
                    spaceCv.notify_all();
                }
            }
            if (job.kind != Job::Kind::Batch)
                commitGroup(); // sources, flushes and the stop see every batch before them
            switch (job.kind) {
            case Job::Kind::Batch: {
                handleBatch(job.batch);
                std::lock_guard lock(mutex);
                spent.push_back(std::move(job.batch));
                break;
            }
            case Job::Kind::Begin:
                job.reply.set_value(handleBegin(job.info));
                break;
            case Job::Kind::Finish:
                // Tried even after a failure: marking the source failed may still fit.
                writer.finishSource(job.sourceId, job.summary);
                break;
            case Job::Kind::Flush:
                job.reply.set_value(0);
                break;
            case Job::Kind::Stop:
                writer.close();
                job.reply.set_value(0);
                return;
            }
        }
    }

    void handleBatch(const EventBatch& batch) {
        StoreError refusal;
        {
            std::lock_guard lock(mutex);
            if (failed)
                refusal = lastError;
        }
        if (refusal) {
            report({BatchResult{batch.sourceId, 0, 0, 0, refusal}}, {});
            return;
        }
        StoreError error;
        if (!writer.inTransaction()) {
            if (!writer.begin(error)) {
                report({BatchResult{batch.sourceId, 0, 0, 0, error}}, error);
                return;
            }
            groupDeadline =
                std::chrono::steady_clock::now() + std::chrono::milliseconds(options.groupCommitMs);
            groupEvents = 0;
        }
        BatchResult result;
        if (!writer.add(batch, result, error)) {
            // Rolled back: every batch of the group shares the error.
            for (BatchResult& r : pending) {
                r.inserted = r.duplicates = r.rejects = 0;
                r.error = error;
            }
            pending.push_back(result);
            report(std::move(pending), error);
            pending.clear();
            return;
        }
        pending.push_back(result);
        groupEvents += batch.events.size();
        if (groupEvents >= static_cast<std::size_t>(options.groupCommitEvents)) {
            commitGroup();
        } else if (std::chrono::steady_clock::now() >= groupDeadline) {
            // Past the deadline, but more batches already wait (an import): they join, up to the
            // size limit. A live feed that leaves gaps is committed at its deadline.
            bool moreWaiting = false;
            {
                std::lock_guard lock(mutex);
                moreWaiting = !queue.empty() && queue.front().kind == Job::Kind::Batch;
            }
            if (!moreWaiting)
                commitGroup();
        }
    }

    void commitGroup() {
        if (!writer.inTransaction())
            return;
        StoreError error;
        if (!writer.commit(error)) {
            for (BatchResult& r : pending) {
                r.inserted = r.duplicates = r.rejects = 0;
                r.error = error;
            }
        }
        std::vector<BatchResult> results = std::move(pending);
        pending.clear();
        report(std::move(results), error);
    }

    // Publishes results (and the error that stops the writer), then calls the callback.
    void report(std::vector<BatchResult> results, const StoreError& error) {
        std::function<void(const BatchResult&)> notify;
        {
            std::lock_guard lock(mutex);
            if (error && !failed) {
                failed = true;
                lastError = error;
            }
            stats = writer.stats();
            notify = callback;
        }
        if (notify)
            for (const BatchResult& result : results)
                notify(result);
    }

    std::int64_t handleBegin(const SourceInfo& info) {
        {
            std::lock_guard lock(mutex);
            if (failed)
                return 0;
        }
        StoreError error;
        const std::int64_t id = writer.beginSource(info, &error);
        if (error) {
            std::lock_guard lock(mutex);
            lastError = error;
        }
        return id;
    }
};

StoreWriter::StoreWriter(std::unique_ptr<Impl> impl)
    : m_impl(std::move(impl)) {}

std::unique_ptr<StoreWriter> StoreWriter::open(const std::string& path, StoreError* error) {
    return open(path, WriterOptions{}, error);
}

std::unique_ptr<StoreWriter> StoreWriter::open(const std::string& path,
                                               const WriterOptions& options, StoreError* error) {
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->options = options;
    if (impl->options.maxQueuedBatches < 1)
        impl->options.maxQueuedBatches = 1;
    std::promise<StoreError> opened;
    std::future<StoreError> result = opened.get_future();
    Impl* raw = impl.get();
    // The promise moves into the thread: set_value may still be running when get() returns.
    impl->thread = std::thread([raw, p = std::move(opened)]() mutable { raw->run(p); });
    StoreError openError = result.get();
    if (openError) {
        impl->thread.join();
        if (error)
            *error = std::move(openError);
        return nullptr;
    }
    if (error)
        *error = {};
    return std::unique_ptr<StoreWriter>(new StoreWriter(std::move(impl)));
}

StoreWriter::~StoreWriter() {
    Job job;
    job.kind = Job::Kind::Stop;
    std::future<std::int64_t> done = job.reply.get_future();
    m_impl->push(std::move(job));
    done.wait();
    m_impl->thread.join();
}

std::int64_t StoreWriter::beginSource(const SourceInfo& info) {
    return beginSourceAsync(info).get();
}

std::future<std::int64_t> StoreWriter::beginSourceAsync(const SourceInfo& info) {
    Job job;
    job.kind = Job::Kind::Begin;
    job.info = info;
    std::future<std::int64_t> id = job.reply.get_future();
    m_impl->push(std::move(job));
    return id;
}

void StoreWriter::submit(EventBatch&& batch) {
    std::vector<EventBatch> spent; // freed here, after the lock
    {
        std::unique_lock lock(m_impl->mutex);
        m_impl->spaceCv.wait(
            lock, [this] { return m_impl->batchesQueued < m_impl->options.maxQueuedBatches; });
        Job job;
        job.kind = Job::Kind::Batch;
        job.batch = std::move(batch);
        m_impl->queue.push_back(std::move(job));
        ++m_impl->batchesQueued;
        spent.swap(m_impl->spent);
    }
    m_impl->workCv.notify_one();
}

bool StoreWriter::trySubmit(EventBatch&& batch) {
    std::vector<EventBatch> spent; // freed here, after the lock
    {
        std::lock_guard lock(m_impl->mutex);
        if (m_impl->batchesQueued >= m_impl->options.maxQueuedBatches)
            return false;
        Job job;
        job.kind = Job::Kind::Batch;
        job.batch = std::move(batch);
        m_impl->queue.push_back(std::move(job));
        ++m_impl->batchesQueued;
        spent.swap(m_impl->spent);
    }
    m_impl->workCv.notify_one();
    return true;
}

void StoreWriter::finishSource(std::int64_t id, const SourceSummary& summary) {
    Job job;
    job.kind = Job::Kind::Finish;
    job.sourceId = id;
    job.summary = summary;
    m_impl->push(std::move(job));
}

void StoreWriter::flush() {
    Job job;
    job.kind = Job::Kind::Flush;
    std::future<std::int64_t> done = job.reply.get_future();
    m_impl->push(std::move(job));
    done.wait();
}

void StoreWriter::setBatchCallback(std::function<void(const BatchResult&)> callback) {
    std::lock_guard lock(m_impl->mutex);
    m_impl->callback = std::move(callback);
}

StoreError StoreWriter::lastError() const {
    std::lock_guard lock(m_impl->mutex);
    return m_impl->lastError;
}

bool StoreWriter::failed() const {
    std::lock_guard lock(m_impl->mutex);
    return m_impl->failed;
}

int StoreWriter::queuedBatches() const {
    std::lock_guard lock(m_impl->mutex);
    return m_impl->batchesQueued;
}

WriterStats StoreWriter::stats() const {
    std::lock_guard lock(m_impl->mutex);
    return m_impl->stats;
}

const std::string& StoreWriter::path() const {
    return m_impl->path;
}

} // namespace cadf::store
