#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

// The writer's memory of a dictionary table (strings or resources): which keys are stored, and
// under which id. It knows every stored key by a 64-bit hash (16 bytes each, so a million target
// URLs cost ~40 MB, not the ~200 MB of their texts), which makes "new value" certain without a
// SELECT, and keeps the full text of recent keys to confirm a hash hit without SQL. A hit outside
// that window is confirmed by the caller (one rowid look-up); a hash shared by two keys is handled
// through a small side table, so a collision can never map a value onto another value's id.
namespace cadf::store {

class DictionaryCache {
public:
    static constexpr std::int64_t kUnknown = 0;   // certainly not stored
    static constexpr std::int64_t kAskStore = -1; // hash hit that did not verify: look it up

    static std::uint64_t hash(std::string_view key);

    // `verify(id)` must say whether row `id` holds exactly `key`. A template, not std::function:
    // this runs for every event, and a capturing std::function allocates.
    template <typename Verify>
    std::int64_t find(std::string_view key, std::uint64_t hash, Verify&& verify) {
        if (!m_recent.empty()) {
            const Recent& slot = m_recent[hash & (m_recent.size() - 1)];
            if (slot.hash == hash && slot.id != kUnknown && slot.key == key)
                return slot.id;
        }
        if (!m_collisions.empty())
            if (auto it = m_collisions.find(key); it != m_collisions.end())
                return it->second;
        const auto it = m_byHash.find(hash);
        if (it == m_byHash.end())
            return kUnknown;
        if (!verify(it->second))
            return kAskStore;
        remember(key, hash, it->second);
        return it->second;
    }
    // `recent`: also keep the text (false when loading the whole table at open).
    void add(std::string_view key, std::uint64_t hash, std::int64_t id, bool recent = true);
    void clear();
    std::size_t size() const { return m_byHash.size(); }

private:
    struct TextHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept {
            return std::hash<std::string_view>{}(s);
        }
    };
    using TextMap = std::unordered_map<std::string, std::int64_t, TextHash, std::equal_to<>>;

    struct Recent {
        std::uint64_t hash = 0;
        std::int64_t id = kUnknown;
        std::string key;
    };
    // The keys are already hashes: hashing them again would be waste.
    struct Identity {
        std::size_t operator()(std::uint64_t h) const noexcept {
            return static_cast<std::size_t>(h);
        }
    };

    void remember(std::string_view key, std::uint64_t hash, std::int64_t id);

    std::unordered_map<std::uint64_t, std::int64_t, Identity> m_byHash; // every stored key
    // A bounded window of full keys, direct-mapped by hash (a power-of-two size that grows with
    // the dictionary): one probe and no allocation per look-up, where a node map cost 4% of the
    // import.
    std::vector<Recent> m_recent;
    TextMap m_collisions; // keys whose hash belongs to another key's id
};

} // namespace cadf::store
