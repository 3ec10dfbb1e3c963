// Choosing between a filter's two plans for queries that read every matching event (histogram,
// facet counts), which SQLite cannot do itself: the store has no statistics, so it takes an index
// whenever one fits, and with `e.address IN (SELECT ...)` it reads the matches in (address, ts)
// order, one row look-up each. Measured on 10 million events (bench_workspace, sqlite3 -readonly):
// address:10.0.0.0/8 matches 171 addresses and 6.5 million events; the look-ups visit the table
// once per address, ~1 µs each, 6.8 s of CPU for the histogram's pass, where one pass over the
// table in storage order takes 1.1 s. A single initiator's 368,000 events (3.7%) cost 0.47 s by
// index and 0.5 s by the table. So the index wins below a few percent, the table above.
#include "models/filter/filter.h"

#include "models/store/sql_value.h"
#include "models/store/sqlite_db.h"

#include <algorithm>
#include <array>
#include <memory>
#include <string_view>

namespace cadf::filter {

namespace {

// The events' columns with an index of their own (schema.cpp), except time, which stays indexed:
// a time range is read in time order, which is storage order for imported logs, and a narrow one
// reads only what it names. cadf_id too: an id names one event.
constexpr std::array<std::string_view, 7> kIndexedColumns = {
    "service", "outcome", "code", "action", "initiator", "target", "address"};

bool isIdentifierChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// The sample: this many runs of consecutive rowids, spread evenly over the table.
constexpr std::int64_t kSampleRuns = 32;
constexpr std::int64_t kRunLength = 512;

} // namespace

store::SqlFilter unindexed(const store::SqlFilter& filter) {
    store::SqlFilter out;
    out.params = filter.params;
    const std::string& in = filter.where;
    out.where.reserve(in.size() + 16);
    for (std::size_t i = 0; i < in.size(); ++i) {
        // `e.column`, not `xe.column`, `+e.column` or `e.column_more`.
        const bool start =
            in.compare(i, 2, "e.") == 0 &&
            (i == 0 || (!isIdentifierChar(in[i - 1]) && in[i - 1] != '.' && in[i - 1] != '+'));
        if (start) {
            for (const std::string_view column : kIndexedColumns) {
                const std::size_t end = i + 2 + column.size();
                if (in.compare(i + 2, column.size(), column) == 0 &&
                    (end == in.size() || !isIdentifierChar(in[end]))) {
                    // Unary plus: the same value, but no longer a column SQLite can look up.
                    out.where += '+';
                    break;
                }
            }
        }
        out.where += in[i];
    }
    // The same events, so the same rollup form: the histogram keeps reading rollup_hour.
    if (filter.rollup && filter.rollup->eventsWhere == filter.where) {
        auto rollup = std::make_shared<store::RollupFilter>(*filter.rollup);
        rollup->eventsWhere = out.where;
        out.rollup = std::move(rollup);
    }
    return out;
}

std::optional<double> sampledShare(store::Database& db, const store::SqlFilter& filter,
                                   store::StoreError* error) {
    if (filter.where.empty())
        return 1.0;
    const std::int64_t last = db.queryInt("SELECT IFNULL(max(rowid), 0) FROM events", -1, error);
    if (last < 0)
        return std::nullopt;
    if (last == 0)
        return 0.0;
    // NOT INDEXED keeps SQLite on the rowid runs whatever the filter's terms offer it.
    std::string sql = "SELECT count(*), IFNULL(sum(CASE WHEN (" + filter.where +
                      ") THEN 1 ELSE 0 END), 0) FROM events e NOT INDEXED WHERE ";
    const bool whole = last <= kSampleRuns * kRunLength * 2;
    std::vector<std::int64_t> bounds;
    if (whole) {
        sql += "1";
    } else {
        for (std::int64_t run = 0; run < kSampleRuns; ++run) {
            const std::int64_t from = 1 + run * (last / kSampleRuns);
            sql += run == 0 ? "(" : " OR ";
            sql += "e.rowid BETWEEN ? AND ?";
            bounds.push_back(from);
            bounds.push_back(from + kRunLength - 1);
        }
        sql += ')';
    }
    store::Statement s = db.prepare(sql, error);
    if (!s)
        return std::nullopt;
    int next = 1;
    for (const store::SqlValue& value : filter.params)
        store::bindValue(s, next++, value);
    for (const std::int64_t bound : bounds)
        s.bind(next++, bound);
    if (s.step() != store::Statement::Step::Row) {
        if (error)
            *error = s.error();
        return std::nullopt;
    }
    const std::int64_t sampled = s.int64(0);
    return sampled > 0 ? double(s.int64(1)) / double(sampled) : 0.0;
}

store::SqlFilter forFullPass(store::Database& db, const store::SqlFilter& filter,
                             store::StoreError* error) {
    const store::SqlFilter table = unindexed(filter);
    if (table.where == filter.where)
        return filter; // nothing indexed to keep SQLite off
    const std::optional<double> share = sampledShare(db, filter, error);
    return share && *share >= kFullPassTableShare ? table : filter;
}

} // namespace cadf::filter
