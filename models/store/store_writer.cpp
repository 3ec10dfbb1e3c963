#include "models/store/store_writer.h"

#include <pthread.h>

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
    std::function<void(const BatchResult&)> callback;
    StoreError lastError;
    bool failed = false;
    WriterStats stats;

    std::thread thread;
    BatchWriter writer; // used on the writer thread only

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
        std::vector<Job> group;
        for (;;) {
            Job job;
            group.clear();
            {
                std::unique_lock lock(mutex);
                workCv.wait(lock, [this] { return !queue.empty(); });
                job = std::move(queue.front());
                queue.pop_front();
                if (job.kind == Job::Kind::Batch) {
                    // Batches already waiting join this one's transaction (group commit).
                    std::size_t events = job.batch.events.size();
                    while (!queue.empty() && queue.front().kind == Job::Kind::Batch &&
                           events + queue.front().batch.events.size() <=
                               static_cast<std::size_t>(options.groupCommitEvents)) {
                        events += queue.front().batch.events.size();
                        group.push_back(std::move(queue.front()));
                        queue.pop_front();
                    }
                    batchesQueued -= 1 + static_cast<int>(group.size());
                    spaceCv.notify_all();
                }
            }
            switch (job.kind) {
            case Job::Kind::Batch:
                handleBatches(job, group);
                break;
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

    void handleBatches(const Job& first, const std::vector<Job>& more) {
        std::vector<const EventBatch*> batches{&first.batch};
        for (const Job& job : more)
            batches.push_back(&job.batch);
        StoreError refusal;
        {
            std::lock_guard lock(mutex);
            if (failed)
                refusal = lastError;
        }
        std::vector<BatchResult> results;
        if (refusal) {
            for (const EventBatch* batch : batches)
                results.push_back(BatchResult{batch->sourceId, 0, 0, 0, refusal});
        } else {
            results = writer.write(batches);
        }
        std::function<void(const BatchResult&)> notify;
        {
            std::lock_guard lock(mutex);
            if (!results.empty() && results.front().error && !failed) {
                failed = true;
                lastError = results.front().error;
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
    Job job;
    job.kind = Job::Kind::Begin;
    job.info = info;
    std::future<std::int64_t> id = job.reply.get_future();
    m_impl->push(std::move(job));
    return id.get();
}

void StoreWriter::submit(EventBatch&& batch) {
    {
        std::unique_lock lock(m_impl->mutex);
        m_impl->spaceCv.wait(
            lock, [this] { return m_impl->batchesQueued < m_impl->options.maxQueuedBatches; });
        Job job;
        job.kind = Job::Kind::Batch;
        job.batch = std::move(batch);
        m_impl->queue.push_back(std::move(job));
        ++m_impl->batchesQueued;
    }
    m_impl->workCv.notify_one();
}

bool StoreWriter::trySubmit(EventBatch&& batch) {
    {
        std::lock_guard lock(m_impl->mutex);
        if (m_impl->batchesQueued >= m_impl->options.maxQueuedBatches)
            return false;
        Job job;
        job.kind = Job::Kind::Batch;
        job.batch = std::move(batch);
        m_impl->queue.push_back(std::move(job));
        ++m_impl->batchesQueued;
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
