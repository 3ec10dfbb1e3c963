#include "models/store/block_compressor.h"

#include "models/store/zlib_codec.h"

#include <pthread.h>

namespace cadf::store {

BlockCompressor::BlockCompressor(int level, DeflateTuning tuning)
    : m_level(level)
    , m_tuning(tuning)
    , m_thread([this] { run(); }) {}

BlockCompressor::~BlockCompressor() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void BlockCompressor::push(std::int64_t id, int count, std::string plain, std::int64_t dictionaryId,
                           std::shared_ptr<const std::string> dictionary, bool draft) {
    {
        std::lock_guard lock(m_mutex);
        m_work.push_back(Work{id, count, std::move(plain), dictionary ? dictionaryId : 0,
                              std::move(dictionary), draft});
    }
    m_wake.notify_one();
}

std::string BlockCompressor::spareBuffer() {
    std::lock_guard lock(m_mutex);
    if (m_spare.empty())
        return {};
    std::string buffer = std::move(m_spare.back());
    m_spare.pop_back();
    return buffer;
}

std::vector<CompressedBlock> BlockCompressor::drain() {
    std::unique_lock lock(m_mutex);
    m_done.wait(lock, [this] { return m_work.empty() && m_busy == 0; });
    std::vector<CompressedBlock> out;
    out.swap(m_results);
    return out;
}

void BlockCompressor::discard() {
    std::unique_lock lock(m_mutex);
    m_work.clear();
    m_done.wait(lock, [this] { return m_busy == 0; });
    m_results.clear();
}

void BlockCompressor::run() {
    pthread_setname_np(pthread_self(), "cadf-store-zip");
    Deflater deflater(m_level, DeflateFraming::Raw, m_tuning);
    Deflater fast(1, DeflateFraming::Raw);
    std::string packed;
    for (;;) {
        Work work;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || !m_work.empty(); });
            if (m_work.empty())
                return; // stopping, nothing left
            work = std::move(m_work.front());
            m_work.pop_front();
            ++m_busy;
        }
        CompressedBlock block;
        block.id = work.id;
        block.count = work.count;
        block.plainSize = static_cast<std::int64_t>(work.plain.size());
        packed.clear();
        block.codec = RawCodec::RawDeflate;
        if (!(work.draft ? fast : deflater)
                 .compress(work.plain, packed,
                           work.dictionary ? std::string_view(*work.dictionary)
                                           : std::string_view())) {
            block.codec = RawCodec::Plain; // zlib out of memory: still keep the records
            packed = work.plain;
        }
        frameBlob(block.codec, work.plain.size(), work.dictionaryId, packed, block.blob);
        {
            std::lock_guard lock(m_mutex);
            m_results.push_back(std::move(block));
            if (!work.draft && m_spare.size() < 4) {
                work.plain.clear();
                m_spare.push_back(std::move(work.plain));
            }
            --m_busy;
        }
        m_done.notify_all();
    }
}

} // namespace cadf::store
