#pragma once

#include "models/store/sql_value.h"
#include "models/store/sqlite_db.h"
#include "models/store/store_error.h"
#include "models/store/store_types.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <thread>
#include <vector>

// Reading the rows of a filter within a time range, one statement at a time, and (for long
// ranges) half of them on a second connection on the other core: a dashboard over millions of
// events then takes about half the time on an idle two-core machine.
namespace cadf::store {

class StoreReader;

// One row handed to a scan's caller: live from a statement, or from the buffer of a part read on
// a second connection (BackgroundEventScan: scanRollup's edges, scanEventsSplit's later half).
// Integer columns only (ids, times, counts); NULL is kept.
class ScanRow {
public:
    // Implicit on purpose: a statement's current row is a ScanRow.
    ScanRow(const Statement& statement)
        : m_statement(&statement) {}
    explicit ScanRow(const std::int64_t* values)
        : m_values(values) {}
    bool isNull(int col) const {
        return m_statement ? m_statement->isNull(col) : m_values[col] == kNullValue;
    }
    std::int64_t int64(int col) const {
        if (m_statement)
            return m_statement->int64(col);
        return m_values[col] == kNullValue ? 0 : m_values[col];
    }
    // NULL in a buffered row (no id, time or code takes this value).
    static constexpr std::int64_t kNullValue = std::numeric_limits<std::int64_t>::min();

private:
    const Statement* m_statement = nullptr;
    const std::int64_t* m_values = nullptr;
};
using ScanRowHandler = std::function<void(const ScanRow&, std::int64_t)>;

// Long ranges: below this, opening a second connection costs more than it saves (~0.1 s of
// reading at the rates on this machine).
inline constexpr std::int64_t kParallelScanUs = 3 * 3'600'000'000LL;

// `filter` within [lo, hi) (either end optional): `e.ts >= ? AND e.ts < ? AND (filter)`, the
// range first. Of several ranges on e.ts (a filter's own time terms, then this part of them)
// SQLite walks the time index over the first it meets and checks the others row by row: with
// the range last, an edge of 36k events inside a 4M-event filter range read all 4M index
// entries, 330 ms instead of 10. The range's parameters come first too.
SqlFilter rangeFirst(const SqlFilter& filter, std::optional<std::int64_t> lo,
                     std::optional<std::int64_t> hi);

// One statement, `SELECT columns, weight FROM source e WHERE [e.ts >= lo AND] [e.ts < hi AND]
// (where)` (rangeFirst), onRow(row, weight) for each row (`weightColumn`: the weight's index,
// the number of columns). SQLITE_INTERRUPT when `cancel` is set or `stop` returns true.
StoreError scanRange(Database& db, const std::string& columns, const char* weight,
                     const char* source, const std::string& where,
                     const std::vector<SqlValue>& params, std::optional<std::int64_t> lo,
                     std::optional<std::int64_t> hi, const std::atomic_bool* cancel,
                     const std::function<bool()>& stop, const ScanRowHandler& onRow,
                     int weightColumn);

// The number of columns of a plain `e.x, e.y` SELECT list (no commas inside an expression).
int columnCount(const std::string& columns);

// Reads the events of `events` within [lo, hi) on its own connection and thread, keeping the
// rows' values; finish() then hands them to onRow (weight 1) on the caller's thread, so onRow is
// never called concurrently. Its own snapshot: during a live import it may see events committed
// a moment later than the caller's statements, never an event twice. Stops early on `cancel` or
// abort(); the destructor aborts and joins.
class BackgroundEventScan {
public:
    BackgroundEventScan(const std::string& path, const std::string& columns,
                        const SqlFilter& events, std::int64_t lo, std::int64_t hi,
                        const std::atomic_bool* cancel);
    BackgroundEventScan(const BackgroundEventScan&) = delete;
    BackgroundEventScan& operator=(const BackgroundEventScan&) = delete;
    ~BackgroundEventScan();
    void abort() { m_abort.store(true, std::memory_order_relaxed); }
    StoreError finish(const ScanRowHandler& onRow);
    // After the caller's own part ended with `mine`: aborts this one if that failed, else hands
    // its rows over; the first error of the two.
    StoreError finishAfter(StoreError mine, const ScanRowHandler& onRow);

private:
    const int m_columns;
    std::atomic_bool m_abort{false};
    StoreError m_error;
    std::vector<std::int64_t> m_values;
    std::thread m_thread; // last: started once every other member exists
};

// The events of `filter` within [lo, hi) (onRow(row, 1) each): when the range is at least
// kParallelScanUs long, its later half (cut on an hour) is read by a BackgroundEventScan while
// this thread reads the first.
StoreError scanEventsSplit(StoreReader& reader, const std::string& columns, const SqlFilter& filter,
                           std::int64_t lo, std::int64_t hi, const std::atomic_bool* cancel,
                           const ScanRowHandler& onRow);

} // namespace cadf::store
