#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <unordered_map>
#include <utility>

// A bounded least-recently-used map from page index to a shared, immutable page. The event table
// keeps a few dozen pages of a table that may have millions of rows; evicting the page looked at
// longest ago keeps what is on screen and what was just scrolled past.
template <typename Page> class PageCache {
public:
    using PagePtr = std::shared_ptr<const Page>;

    explicit PageCache(std::size_t capacity)
        : m_capacity(capacity < 1 ? 1 : capacity) {}

    // The page, marked as just used; nullptr when absent.
    PagePtr find(int index) {
        const auto it = m_pages.find(index);
        if (it == m_pages.end())
            return nullptr;
        m_order.splice(m_order.begin(), m_order, it->second.position);
        return it->second.page;
    }

    bool contains(int index) const { return m_pages.count(index) != 0; }

    // Stores or replaces the page; evicts the least recently used one when full.
    void insert(int index, PagePtr page) {
        const auto it = m_pages.find(index);
        if (it != m_pages.end()) {
            it->second.page = std::move(page);
            m_order.splice(m_order.begin(), m_order, it->second.position);
            return;
        }
        while (m_pages.size() >= m_capacity) {
            m_pages.erase(m_order.back());
            m_order.pop_back();
        }
        m_order.push_front(index);
        m_pages.emplace(index, Entry{std::move(page), m_order.begin()});
    }

    void clear() {
        m_pages.clear();
        m_order.clear();
    }

    std::size_t size() const { return m_pages.size(); }
    std::size_t capacity() const { return m_capacity; }

private:
    struct Entry {
        PagePtr page;
        std::list<int>::iterator position;
    };

    std::size_t m_capacity;
    std::list<int> m_order; // most recently used first
    std::unordered_map<int, Entry> m_pages;
};
