#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace cadf::store {

// An open-addressing hash map (linear probing, at most half full) for the writer's per-
// transaction counters: a node-based std::unordered_map paid a malloc and a free for each new
// key of each transaction (about 12% of the writer thread in perf on a 1M import). clear() keeps
// the slots, so a transaction after the first allocates nothing. No erase.
template <typename Key, typename Value, typename Hash> class FlatMap {
public:
    struct Slot {
        Key first;
        Value second;
    };

    bool empty() const { return m_size == 0; }
    std::size_t size() const { return m_size; }

    // The value of `key`, inserted as `initial` when absent; `added` says which.
    Value& findOrInsert(const Key& key, const Value& initial, bool& added) {
        if ((m_size + 1) * 2 > m_slots.size())
            grow();
        std::size_t i = Hash{}(key) & (m_slots.size() - 1);
        while (m_used[i]) {
            if (m_slots[i].first == key) {
                added = false;
                return m_slots[i].second;
            }
            i = (i + 1) & (m_slots.size() - 1);
        }
        m_used[i] = 1;
        m_slots[i] = Slot{key, initial};
        ++m_size;
        added = true;
        return m_slots[i].second;
    }
    Value& operator[](const Key& key) {
        bool added = false;
        return findOrInsert(key, Value{}, added);
    }

    void clear() {
        if (m_size == 0)
            return;
        std::fill(m_used.begin(), m_used.end(), std::uint8_t(0));
        m_size = 0;
    }

    template <typename F> void forEach(F&& f) const {
        for (std::size_t i = 0; i < m_slots.size(); ++i) {
            if (m_used[i])
                f(m_slots[i]);
        }
    }

private:
    void grow() {
        std::vector<Slot> old = std::move(m_slots);
        std::vector<std::uint8_t> oldUsed = std::move(m_used);
        const std::size_t capacity = old.empty() ? 1024 : old.size() * 2;
        m_slots.assign(capacity, Slot{});
        m_used.assign(capacity, 0);
        m_size = 0;
        for (std::size_t i = 0; i < old.size(); ++i) {
            if (oldUsed[i]) {
                bool added = false;
                findOrInsert(old[i].first, old[i].second, added);
            }
        }
    }

    std::vector<Slot> m_slots;
    std::vector<std::uint8_t> m_used;
    std::size_t m_size = 0;
};

} // namespace cadf::store
