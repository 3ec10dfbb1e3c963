#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

// Copies the WAL back into the store file on a thread of its own ("cadf-store-ckpt"), so the
// writer never waits for that copy and its fsyncs (about a seventh of the writer's time when it
// checkpoints itself). The writer calls walGrew() after each commit (from SQLite's WAL hook);
// passive checkpoints never block the writer or the readers.
namespace cadf::store {

class Checkpointer {
public:
    // `thresholdPages`: checkpoint once the WAL holds this many pages.
    Checkpointer(std::string path, int thresholdPages);
    ~Checkpointer();
    Checkpointer(const Checkpointer&) = delete;
    Checkpointer& operator=(const Checkpointer&) = delete;

    void walGrew(int pages);
    std::int64_t checkpoints() const;

private:
    void run();

    std::string m_path;
    int m_threshold;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_pending = false;
    bool m_stop = false;
    std::int64_t m_done = 0;
    std::thread m_thread;
};

} // namespace cadf::store
