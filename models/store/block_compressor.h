#pragma once

#include "models/store/raw_block.h"
#include "models/store/zlib_codec.h"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

// Deflates raw blocks on a helper thread ("cadf-store-zip") while the writer goes on inserting
// rows: compression is a third of the writer's work and needs no SQLite. The writer collects the
// results before it commits, so a transaction never refers to a block it did not write.
namespace cadf::store {

struct CompressedBlock {
    std::int64_t id = 0;
    int count = 0;
    RawCodec codec = RawCodec::Deflate;
    std::int64_t plainSize = 0;
    std::string blob; // as stored in raw_blocks.data
};

class BlockCompressor {
public:
    explicit BlockCompressor(int level, DeflateTuning tuning = {});
    ~BlockCompressor();
    BlockCompressor(const BlockCompressor&) = delete;
    BlockCompressor& operator=(const BlockCompressor&) = delete;

    // `dictionary` (raw_dicts row `dictionaryId`) primes the stream; null for none. `draft`: a
    // block still filling, rewritten by the next transaction: compressed fast (zlib level 1),
    // since that work is thrown away once the block is full.
    void push(std::int64_t id, int count, std::string plain, std::int64_t dictionaryId = 0,
              std::shared_ptr<const std::string> dictionary = nullptr, bool draft = false);
    // An empty string with the capacity of a block already compressed (or a new one): plain
    // buffers go round between the writer and this thread instead of being allocated, and
    // page-faulted, for every block.
    std::string spareBuffer();
    // Waits for everything pushed so far; results in push order.
    std::vector<CompressedBlock> drain();
    // Drops pending work and results (after a rollback).
    void discard();

private:
    struct Work {
        std::int64_t id = 0;
        int count = 0;
        std::string plain;
        std::int64_t dictionaryId = 0;
        std::shared_ptr<const std::string> dictionary;
        bool draft = false;
    };
    void run();

    int m_level;
    DeflateTuning m_tuning;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_done;
    std::deque<Work> m_work;
    std::vector<CompressedBlock> m_results;
    std::vector<std::string> m_spare;
    int m_busy = 0;
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace cadf::store
