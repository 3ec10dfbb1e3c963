#include "models/store/dictionary_cache.h"

namespace cadf::store {

namespace {
constexpr std::size_t kMaxRecent = 200'000;
}

std::uint64_t DictionaryCache::hash(std::string_view key) {
    // FNV-1a, 64 bit: not stored anywhere, but deterministic, which keeps runs reproducible.
    std::uint64_t h = 14695981039346656037ULL;
    for (const char c : key) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    }
    return h;
}

void DictionaryCache::add(std::string_view key, std::uint64_t hash, std::int64_t id, bool recent) {
    const auto [it, inserted] = m_byHash.emplace(hash, id);
    if (!inserted && it->second != id)
        m_collisions.emplace(std::string(key), id);
    if (recent)
        remember(key, hash, id);
}

void DictionaryCache::remember(std::string_view key, std::uint64_t hash, std::int64_t id) {
    if (m_recent.size() >= kMaxRecent)
        m_recent.clear();
    // A colliding key simply takes the slot: the window is a cache, m_byHash the truth.
    Recent& slot = m_recent[hash];
    slot.id = id;
    slot.key.assign(key);
}

void DictionaryCache::clear() {
    m_byHash.clear();
    m_recent.clear();
    m_collisions.clear();
}

} // namespace cadf::store
