// Choosing between a filter's two plans for queries that read every matching event (histogram,
// facet counts), which SQLite cannot do itself: the store has no statistics, so it takes an index
// whenever one fits, and with `e.address IN (SELECT ...)` it reads the matches in (address, ts)
// order, one row look-up each. Measured on 10 million events (bench_workspace, sqlite3 -readonly):
// address:10.0.0.0/8 matches 171 addresses and 6.5 million events; the look-ups visit the table
// once per address, ~1 µs each, 6.8 s of CPU for the histogram's pass, where one pass over the
// table in storage order takes 1.1 s. A single initiator's 368,000 events (3.7%) cost 0.47 s by
// index and 0.5 s by the table. So the index wins below a few percent, the table above.
#include "models/filter/filter.h"

#include "models/filter/filter_sql_scan.h"

#include "models/store/sql_value.h"
#include "models/store/sqlite_db.h"

#include <algorithm>
#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace cadf::filter {

namespace {

// The events' columns with an index of their own (schema.cpp), except time, which stays indexed:
// a time range is read in time order, which is storage order for imported logs, and a narrow one
// reads only what it names. cadf_id too: an id names one event.
constexpr std::array<std::string_view, 7> kIndexedColumns = {
    "service", "outcome", "code", "action", "initiator", "target", "address"};

using sqlscan::isIdentifierChar;

// A stretch [begin, end) of a clause's text.
struct Span {
    std::size_t begin = 0;
    std::size_t end = 0;
};

// The top-level stretches of sql[span] between " AND "s (outside parentheses and literals);
// `hasOr` is set when an " OR " stands at that level too.
std::vector<Span> splitAnd(const std::string& sql, Span span, bool* hasOr) {
    const std::string_view separator = " AND ";
    const std::string_view other = " OR ";
    std::vector<Span> out;
    int depth = 0;
    std::size_t start = span.begin;
    for (std::size_t i = span.begin; i < span.end;) {
        const char c = sql[i];
        if (c == '\'') {
            i = sqlscan::skipLiteral(sql, i);
            continue;
        }
        if (c == '(') {
            ++depth;
        } else if (c == ')') {
            --depth;
        } else if (depth == 0 && sql.compare(i, separator.size(), separator) == 0) {
            out.push_back({start, i});
            i += separator.size();
            start = i;
            continue;
        } else if (depth == 0 && sql.compare(i, other.size(), other) == 0) {
            *hasOr = true;
        }
        ++i;
    }
    out.push_back({start, span.end});
    return out;
}

// Whether sql[i..] is the column reference `e.column`: not `xe.column`, `a.e.column`,
// `+e.column` (unary plus: no longer a column SQLite can look up) or `e.column_more`.
bool columnAt(std::string_view sql, std::size_t i, std::string_view column) {
    const std::size_t end = i + 2 + column.size();
    return sql.compare(i, 2, "e.") == 0 &&
           (i == 0 || (!isIdentifierChar(sql[i - 1]) && sql[i - 1] != '.' && sql[i - 1] != '+')) &&
           sql.compare(i + 2, column.size(), column) == 0 &&
           (end == sql.size() || !isIdentifierChar(sql[end]));
}

// The terms ANDed at the top of sql[span], through nested parenthesised ANDs: "((A AND B) AND
// C)" -> A, B, C; "(A OR B)" stays one.
void conjuncts(const std::string& sql, Span span, std::vector<Span>& out) {
    if (span.end > span.begin + 1 && sql[span.begin] == '(' &&
        sqlscan::closingParen(sql, span.begin) == span.end - 1) {
        bool mixed = false;
        const Span inner{span.begin + 1, span.end - 1};
        const std::vector<Span> parts = splitAnd(sql, inner, &mixed);
        if (parts.size() > 1 && !mixed) {
            for (const Span& part : parts)
                conjuncts(sql, part, out);
            return;
        }
    }
    out.push_back(span);
}

// `column` ("initiator") named as `e.initiator` in sql[span], not `+e.initiator`.
bool namesColumn(const std::string& sql, Span span, const std::string& column) {
    const std::string name = "e." + column;
    for (std::size_t i = sql.find(name, span.begin); i != std::string::npos && i < span.end;
         i = sql.find(name, i + 1)) {
        if (i + name.size() <= span.end && columnAt(sql, i, column))
            return true;
    }
    return false;
}

// The column of the events index SQLite reads the matches through, a row look-up each ("SEARCH
// e USING INDEX events_initiator (initiator=?)"); empty when it scans, covers, seeks time or an
// id, or uses several indexes.
std::string lookedUpColumn(store::Database& db, const store::SqlFilter& filter,
                           store::StoreError* error) {
    std::string column;
    int indexes = 0;
    const std::string_view prefix = "SEARCH e USING INDEX events_";
    for (const std::string& detail :
         store::queryPlan(db, "SELECT e.ts, e.outcome FROM events e", filter, error)) {
        if (detail.rfind("SEARCH e ", 0) == 0 || detail.rfind("SCAN e", 0) == 0)
            ++indexes;
        if (detail.rfind(prefix, 0) != 0)
            continue;
        const std::size_t end = detail.find(' ', prefix.size());
        column = detail.substr(prefix.size(),
                               end == std::string::npos ? std::string::npos : end - prefix.size());
    }
    const bool own =
        std::find(kIndexedColumns.begin(), kIndexedColumns.end(), column) != kIndexedColumns.end();
    return indexes == 1 && own ? column : std::string();
}

// The filter made of the terms of `filter` that name `column`: the events its index visits.
store::SqlFilter termsOn(const store::SqlFilter& filter, const std::string& column) {
    std::vector<Span> terms;
    conjuncts(filter.where, {0, filter.where.size()}, terms);
    store::SqlFilter out;
    for (const Span& term : terms) {
        if (!namesColumn(filter.where, term, column))
            continue;
        const std::size_t first = sqlscan::countParams(filter.where, 0, term.begin);
        const std::size_t count = sqlscan::countParams(filter.where, term.begin, term.end);
        out.where += out.where.empty() ? "(" : " AND (";
        out.where.append(filter.where, term.begin, term.end - term.begin);
        out.where += ')';
        for (std::size_t i = first; i < first + count && i < filter.params.size(); ++i)
            out.params.push_back(filter.params[i]);
    }
    return out;
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
        for (const std::string_view column : kIndexedColumns) {
            if (columnAt(in, i, column)) {
                out.where += '+'; // the same value, but no longer a column SQLite can look up
                break;
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
    int next = store::bindParams(s, filter.params);
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
    if (!share)
        return filter;
    if (*share >= kFullPassTableShare)
        return table;
    // Few matches, but the index SQLite takes may name many more events than match, each read
    // to test the rest of the filter: for `initiator.type:*user* code:4xx` it reads the 5.6
    // million events of the user initiators for 600,000 matches (9.6 s, where the table pass
    // takes 1.4 s). So the share of the events that index visits decides as well.
    const std::string column = lookedUpColumn(db, filter, error);
    if (column.empty())
        return filter;
    const store::SqlFilter visited = termsOn(filter, column);
    if (visited.where.empty() || visited.where == "(" + filter.where + ")")
        return filter;
    const std::optional<double> visitedShare = sampledShare(db, visited, error);
    return visitedShare && *visitedShare >= kFullPassVisitedShare ? table : filter;
}

} // namespace cadf::filter
