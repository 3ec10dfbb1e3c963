#include "models/store/dictionary_cache.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace cadf::store {

namespace {
constexpr std::size_t kMinRecent = 64;
constexpr std::size_t kMaxRecent = std::size_t(1) << 17; // 6 MB of slots for the largest
} // namespace

std::uint64_t DictionaryCache::hash(std::string_view key) {
    // Eight bytes per step (FNV-1a one byte at a time was 1.5% of the writer). Not stored
    // anywhere, so it may change between versions.
    constexpr std::uint64_t k = 0x9e3779b97f4a7c15ULL;
    std::uint64_t h = 0x243f6a8885a308d3ULL ^ (key.size() * k);
    const char* p = key.data();
    std::size_t n = key.size();
    for (; n >= 8; n -= 8, p += 8) {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        h = (h ^ w) * k;
        h ^= h >> 29;
    }
    std::uint64_t tail = 0;
    std::memcpy(&tail, p, n);
    h = (h ^ tail) * k;
    h ^= h >> 32;
    h *= 0xbf58476d1ce4e5b9ULL;
    return h ^ (h >> 29);
}

void DictionaryCache::add(std::string_view key, std::uint64_t hash, std::int64_t id, bool recent) {
    const auto [it, inserted] = m_byHash.emplace(hash, id);
    if (!inserted && it->second != id)
        m_collisions.emplace(std::string(key), id);
    if (recent)
        remember(key, hash, id);
}

void DictionaryCache::remember(std::string_view key, std::uint64_t hash, std::int64_t id) {
    // Twice as many slots as keys, up to the cap: growing drops the window, which is only a cache
    // (m_byHash is the truth).
    if (m_recent.size() < kMaxRecent && m_recent.size() < 2 * m_byHash.size())
        m_recent = std::vector<Recent>(
            std::clamp(std::bit_ceil(2 * m_byHash.size()), kMinRecent, kMaxRecent));
    // A colliding key simply takes the slot.
    Recent& slot = m_recent[hash & (m_recent.size() - 1)];
    slot.hash = hash;
    slot.id = id;
    slot.key.assign(key);
}

void DictionaryCache::clear() {
    m_byHash.clear();
    m_recent.clear();
    m_collisions.clear();
}

} // namespace cadf::store
