#include "models/store/rollup_scan.h"

#include "models/store/sql_value.h"
#include "models/store/sqlite_db.h"
#include "models/store/store_reader.h"

#include <sqlite3.h>

#include <algorithm>
#include <limits>
#include <memory>
#include <thread>
#include <utility>
#include <vector>

namespace cadf::store {

namespace {

std::int64_t floorTo(std::int64_t value, std::int64_t step) {
    const std::int64_t q = value / step;
    return (value % step != 0 && value < 0 ? q - 1 : q) * step;
}

std::int64_t ceilTo(std::int64_t value, std::int64_t step) {
    const std::int64_t f = floorTo(value, step);
    return f == value ? f : f + step;
}

// One statement: `SELECT columns, weight FROM source e WHERE where [AND ts range]`.
StoreError runScan(Database& db, const std::string& columns, const char* weight, const char* source,
                   const std::string& where, const std::vector<SqlValue>& params,
                   std::optional<std::int64_t> lo, std::optional<std::int64_t> hi,
                   const std::atomic_bool* cancel, const std::function<bool()>& stop,
                   const ScanRowHandler& onRow, int weightColumn) {
    std::string sql = "SELECT " + columns + ", " + weight + " FROM " + source + " e WHERE (" +
                      (where.empty() ? std::string("1") : where) + ")";
    if (lo)
        sql += " AND e.ts >= ?";
    if (hi)
        sql += " AND e.ts < ?";
    StoreError error;
    Statement s = db.prepare(sql, &error);
    if (!s)
        return error;
    int next = 1;
    for (const SqlValue& value : params)
        bindValue(s, next++, value);
    if (lo)
        s.bind(next++, *lo);
    if (hi)
        s.bind(next++, *hi);
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

// Events an edge holds before it is worth a second connection and thread (~0.1 s of reading
// at the rates on this machine): below this, opening the connection costs more than it saves.
constexpr std::int64_t kParallelEdgeUs = 3 * kHourUs;

// Reads the events of [lo, hi) on its own connection and thread, keeping the rows' values; then
// finish() hands them to onRow on the caller's thread. Stops early on `cancel` or abort().
class EdgeReader {
public:
    EdgeReader(std::string path, std::string columns, int columnsInRow, const SqlFilter& events,
               std::int64_t lo, std::int64_t hi, const std::atomic_bool* cancel)
        : m_columns(columnsInRow) {
        m_thread = std::thread([this, path = std::move(path), columns = std::move(columns),
                                where = events.where, params = events.params, lo, hi, cancel] {
            std::unique_ptr<StoreReader> reader = StoreReader::open(path, &m_error);
            if (!reader)
                return;
            m_error = runScan(
                reader->database(), columns, "1", "events", where, params, lo, hi, cancel,
                [this] { return m_abort.load(std::memory_order_relaxed); },
                [this](const ScanRow& row, std::int64_t) {
                    for (int c = 0; c < m_columns; ++c)
                        m_values.push_back(row.isNull(c) ? ScanRow::kNullValue : row.int64(c));
                },
                m_columns);
        });
    }
    EdgeReader(const EdgeReader&) = delete;
    EdgeReader& operator=(const EdgeReader&) = delete;
    ~EdgeReader() {
        abort();
        if (m_thread.joinable())
            m_thread.join();
    }
    void abort() { m_abort.store(true, std::memory_order_relaxed); }
    StoreError finish(const ScanRowHandler& onRow) {
        m_thread.join();
        if (m_error)
            return m_error;
        for (std::size_t at = 0; at + std::size_t(m_columns) <= m_values.size(); at += m_columns)
            onRow(ScanRow(m_values.data() + at), 1);
        m_values = {};
        return {};
    }

private:
    const int m_columns;
    std::atomic_bool m_abort{false};
    StoreError m_error;
    std::vector<std::int64_t> m_values;
    std::thread m_thread; // last: started once every other member exists
};

int columnCount(const std::string& columns) {
    // The SELECT lists here are plain `e.x, e.y` lists (no commas inside an expression).
    int n = 1;
    for (const char c : columns)
        n += c == ',';
    return n;
}

} // namespace

const RollupFilter* rollupFilterFor(StoreReader& reader, const SqlFilter& filter, Rollup rollup) {
    static const RollupFilter everything;
    if (!hasRollups(reader.database()))
        return nullptr;
    if (filter.where.empty())
        return &everything;
    const RollupFilter* r = filter.rollup.get();
    if (!r || r->eventsWhere != filter.where || (r->columns & ~rollupColumns(rollup)) != 0)
        return nullptr;
    return r;
}

RollupFilter andRollup(const RollupFilter& filter, const std::string& clause,
                       const std::vector<SqlValue>& params) {
    RollupFilter out = filter;
    out.where = out.where.empty() ? clause : "(" + out.where + ") AND " + clause;
    out.params.insert(out.params.end(), params.begin(), params.end());
    return out;
}

std::optional<std::int64_t> rollupBound(StoreReader& reader, const SqlFilter& events,
                                        const RollupFilter& hourly, bool last, StoreError& error) {
    Database& db = reader.database();
    const char* aggregate = last ? "max" : "min";
    // Hours that may hold a match: within the filter's own time range, if it has one.
    std::int64_t lo =
        hourly.fromUs ? floorTo(*hourly.fromUs, kHourUs) : std::numeric_limits<std::int64_t>::min();
    std::int64_t hi = hourly.toUs ? *hourly.toUs : std::numeric_limits<std::int64_t>::max();
    // The first (last) hour with a match, then the match in it. An hour cut by the filter's range
    // may hold its events only outside the range: then the next hour in.
    for (int attempt = 0; attempt < 4; ++attempt) {
        std::optional<std::int64_t> hour;
        error = runScan(
            db, std::string(aggregate) + "(e.ts)", "0", rollupSource(Rollup::Hour), hourly.where,
            hourly.params, lo, hi, nullptr, {},
            [&](const ScanRow& s, std::int64_t) {
                if (!s.isNull(0))
                    hour = s.int64(0);
            },
            1);
        if (error || !hour)
            return std::nullopt;
        std::optional<std::int64_t> out;
        error = runScan(
            db, std::string(aggregate) + "(e.ts)", "0", "events", events.where, events.params,
            *hour, *hour + kHourUs, nullptr, {},
            [&](const ScanRow& s, std::int64_t) {
                if (!s.isNull(0))
                    out = s.int64(0);
            },
            1);
        if (error || out)
            return out;
        if (last)
            hi = *hour;
        else
            lo = *hour + kHourUs;
    }
    return std::nullopt;
}

StoreError scanRollup(StoreReader& reader, const RollupScan& scan, const SqlFilter& events,
                      const RollupFilter& rollup, std::optional<std::int64_t> fromUs,
                      std::optional<std::int64_t> toUs, const std::atomic_bool* cancel,
                      const std::function<bool()>& stop, const ScanRowHandler& onRow) {
    Database& db = reader.database();
    // The filter's own time range narrows the caller's.
    if (rollup.fromUs)
        fromUs = fromUs ? std::max(*fromUs, *rollup.fromUs) : *rollup.fromUs;
    if (rollup.toUs)
        toUs = toUs ? std::min(*toUs, *rollup.toUs) : *rollup.toUs;
    const std::int64_t unit = rollupUnitUs(scan.rollup);
    const int rollupWeight = columnCount(scan.rollupColumns);
    const int eventWeight = columnCount(scan.eventColumns);
    auto fromRollup = [&](std::optional<std::int64_t> lo, std::optional<std::int64_t> hi) {
        return runScan(db, scan.rollupColumns, "e.n", rollupSource(scan.rollup), rollup.where,
                       rollup.params, lo, hi, cancel, stop, onRow, rollupWeight);
    };
    auto fromEvents = [&](std::int64_t lo, std::int64_t hi) {
        return runScan(db, scan.eventColumns, "1", "events", events.where, events.params, lo, hi,
                       cancel, stop, onRow, eventWeight);
    };
    if (!fromUs && !toUs)
        return fromRollup(std::nullopt, std::nullopt);
    // Whole units: [lo, hi); the rest of [fromUs, toUs) is at most one partial unit each side
    // (or, inside one unit or across one boundary only, the whole range: events alone).
    std::int64_t lo = fromUs ? ceilTo(*fromUs, unit) : std::numeric_limits<std::int64_t>::min();
    std::int64_t hi = toUs ? floorTo(*toUs, unit) : std::numeric_limits<std::int64_t>::max();
    const bool wholeUnits = lo < hi;
    if (!wholeUnits) {
        lo = *toUs;
        hi = *toUs;
    }
    std::vector<std::pair<std::int64_t, std::int64_t>> edges; // from events, in time order
    if (fromUs && *fromUs < lo)
        edges.emplace_back(*fromUs, lo);
    if (toUs && hi < *toUs)
        edges.emplace_back(hi, *toUs);

    // The later half of the edges' time (cut on an hour) to a second thread, when worth it.
    std::int64_t edgeUs = 0;
    for (const auto& [a, b] : edges)
        edgeUs += b - a;
    std::unique_ptr<EdgeReader> parallel;
    if (edgeUs >= kParallelEdgeUs) {
        auto& last = edges.back();
        const std::int64_t cut = std::max(last.first, floorTo(last.second - edgeUs / 2, kHourUs));
        parallel = std::make_unique<EdgeReader>(db.path(), scan.eventColumns, eventWeight, events,
                                                cut, last.second, cancel);
        last.second = cut;
    }
    // The callers aggregate: the order of the parts does not matter.
    auto readHere = [&]() -> StoreError {
        for (const auto& [a, b] : edges) {
            if (a >= b)
                continue;
            if (StoreError e = fromEvents(a, b))
                return e;
        }
        if (!wholeUnits)
            return {};
        return fromRollup(fromUs ? std::optional(lo) : std::nullopt,
                          toUs ? std::optional(hi) : std::nullopt);
    };
    StoreError error = readHere();
    if (parallel) {
        if (error)
            parallel->abort();
        StoreError edgeError = parallel->finish(onRow);
        if (!error)
            error = edgeError;
    }
    return error;
}

} // namespace cadf::store
