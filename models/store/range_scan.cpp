#include "models/store/range_scan.h"

#include "models/store/store_reader.h"
#include "models/store/time_units.h"

#include <sqlite3.h>

#include <algorithm>
#include <memory>
#include <utility>

namespace cadf::store {

SqlFilter rangeFirst(const SqlFilter& filter, std::optional<std::int64_t> lo,
                     std::optional<std::int64_t> hi) {
    if (!lo && !hi)
        return filter;
    SqlFilter out;
    if (lo) {
        out.where = "e.ts >= ?";
        out.params.emplace_back(*lo);
    }
    if (hi) {
        out.where += out.where.empty() ? "e.ts < ?" : " AND e.ts < ?";
        out.params.emplace_back(*hi);
    }
    if (!filter.where.empty()) {
        out.where += " AND (" + filter.where + ")";
        out.params.insert(out.params.end(), filter.params.begin(), filter.params.end());
    }
    return out;
}

StoreError scanRange(Database& db, const std::string& columns, const char* weight,
                     const char* source, const std::string& where,
                     const std::vector<SqlValue>& params, std::optional<std::int64_t> lo,
                     std::optional<std::int64_t> hi, const std::atomic_bool* cancel,
                     const std::function<bool()>& stop, const ScanRowHandler& onRow,
                     int weightColumn) {
    const SqlFilter ranged = rangeFirst(SqlFilter{where, params}, lo, hi);
    const std::string sql = "SELECT " + columns + ", " + weight + " FROM " + source + " e WHERE " +
                            (ranged.where.empty() ? std::string("1") : ranged.where);
    StoreError error;
    Statement s = db.prepare(sql, &error);
    if (!s)
        return error;
    bindParams(s, ranged.params);
    for (std::int64_t rows = 0;; ++rows) {
        if ((rows & 0xfff) == 0 &&
            ((cancel && cancel->load(std::memory_order_relaxed)) || (stop && stop())))
            return makeStoreError(SQLITE_INTERRUPT);
        const Statement::Step step = s.step();
        if (step == Statement::Step::Done)
            return {};
        if (step == Statement::Step::Error)
            return s.error();
        onRow(s, s.int64(weightColumn));
    }
}

int columnCount(const std::string& columns) {
    // The SELECT lists here are plain `e.x, e.y` lists (no commas inside an expression).
    int n = 1;
    for (const char c : columns)
        n += c == ',';
    return n;
}

BackgroundEventScan::BackgroundEventScan(const std::string& path, const std::string& columns,
                                         const SqlFilter& events, std::int64_t lo, std::int64_t hi,
                                         const std::atomic_bool* cancel)
    : m_columns(columnCount(columns)) {
    m_thread = std::thread(
        [this, path, columns, where = events.where, params = events.params, lo, hi, cancel] {
            std::unique_ptr<StoreReader> reader = StoreReader::open(path, &m_error);
            if (!reader)
                return;
            m_error = scanRange(
                reader->database(), columns, "1", "events", where, params, lo, hi, cancel,
                [this] { return m_abort.load(std::memory_order_relaxed); },
                [this](const ScanRow& row, std::int64_t) {
                    for (int c = 0; c < m_columns; ++c)
                        m_values.push_back(row.isNull(c) ? ScanRow::kNullValue : row.int64(c));
                },
                m_columns);
        });
}

BackgroundEventScan::~BackgroundEventScan() {
    abort();
    if (m_thread.joinable())
        m_thread.join();
}

StoreError BackgroundEventScan::finish(const ScanRowHandler& onRow) {
    if (m_thread.joinable())
        m_thread.join();
    if (m_error)
        return m_error;
    for (std::size_t at = 0; at + std::size_t(m_columns) <= m_values.size(); at += m_columns)
        onRow(ScanRow(m_values.data() + at), 1);
    m_values = {};
    return {};
}

StoreError BackgroundEventScan::finishAfter(StoreError mine, const ScanRowHandler& onRow) {
    if (mine)
        abort();
    StoreError theirs = finish(onRow);
    return mine ? mine : theirs;
}

StoreError scanEventsSplit(StoreReader& reader, const std::string& columns, const SqlFilter& filter,
                           std::int64_t lo, std::int64_t hi, const std::atomic_bool* cancel,
                           const ScanRowHandler& onRow) {
    Database& db = reader.database();
    const int weight = columnCount(columns);
    std::unique_ptr<BackgroundEventScan> later;
    std::int64_t cut = hi;
    if (hi - lo >= kParallelScanUs) {
        cut = std::max(lo, floorTo(lo + (hi - lo) / 2, kHourUs));
        later = std::make_unique<BackgroundEventScan>(db.path(), columns, filter, cut, hi, cancel);
    }
    StoreError error = scanRange(db, columns, "1", "events", filter.where, filter.params, lo, cut,
                                 cancel, {}, onRow, weight);
    return later ? later->finishAfter(std::move(error), onRow) : error;
}

} // namespace cadf::store
