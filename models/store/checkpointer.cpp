#include "models/store/checkpointer.h"

#include "models/store/schema.h"
#include "models/store/sqlite_db.h"

#include <pthread.h>
#include <sqlite3.h>

namespace cadf::store {

Checkpointer::Checkpointer(std::string path, int thresholdPages)
    : m_path(std::move(path))
    , m_threshold(thresholdPages)
    , m_thread([this] { run(); }) {}

Checkpointer::~Checkpointer() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void Checkpointer::walGrew(int pages) {
    if (pages < m_threshold)
        return;
    {
        std::lock_guard lock(m_mutex);
        m_pending = true;
    }
    m_wake.notify_one();
}

std::int64_t Checkpointer::checkpoints() const {
    std::lock_guard lock(m_mutex);
    return m_done;
}

void Checkpointer::run() {
    pthread_setname_np(pthread_self(), "cadf-store-ckpt");
    // Its own connection: an sqlite3 connection belongs to one thread.
    Database db;
    const bool open =
        !db.open(m_path, Database::Mode::ReadWrite) && !configureConnection(db, false, 100);
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || m_pending; });
            if (m_stop)
                break;
            m_pending = false;
        }
        if (!open)
            continue; // the writer's own checkpoint on close still runs
        int walPages = 0;
        int copied = 0;
        sqlite3_wal_checkpoint_v2(db.handle(), "main", SQLITE_CHECKPOINT_PASSIVE, &walPages,
                                  &copied);
        std::lock_guard lock(m_mutex);
        ++m_done;
    }
    db.close();
}

} // namespace cadf::store
