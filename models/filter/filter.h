#pragma once

#include "models/store/store_types.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <cstdint>
#include <optional>

namespace cadf::inventory {
class Catalogue;
}
namespace cadf::store {
class Database;
struct StoreError;
} // namespace cadf::store

// The filter language shared by the filter bar and the command line (README, "Filter language"):
//   outcome:failure code:4xx -initiator:svc-* (time>=-15m OR address:10.0.0.0/8) "disk full"
// compile() turns a text into a WHERE clause over the events table aliased `e` with every value
// bound as a parameter, or into an error with its position. Pure and thread-safe: the UI thread
// may call it on every keystroke (no SQLite, no disk).
namespace cadf::filter {

struct FilterError {
    int position = 0; // index into the text (QChar units) where the problem starts
    int length = 0;   // characters to underline, >= 1 for any error (0 only when no error)
    QString message;  // translated (context "filter"), one line, e.g. "unknown field 'outcme' —
                      // did you mean 'outcome'?"
};

struct CompileOptions {
    // "Now" for relative times (time>=-15m), UTC µs; 0 = the clock when compile() runs.
    std::int64_t nowUs = 0;
    // Offset of the display time zone from UTC, for times written without a zone
    // (time>=2023-10-18T14:00). The command line passes 0 (UTC).
    int displayUtcOffsetSeconds = 0;
    // When valid, the display time zone itself, which overrides displayUtcOffsetSeconds and gets
    // daylight saving right for each written time (a local-time view in November still reads
    // time:2023-10-18T14:00 as summer time, and 2023-10-29 as a 25-hour day in Europe).
    QTimeZone displayTimeZone;
    // Service, category and endpoint names are resolved against this; nullptr = builtIn().
    const cadf::inventory::Catalogue* catalogue = nullptr;
    // Bare words and "phrases" also search the raw record text (decompressing each candidate
    // event's raw block through the SQL function registered by registerSqlFunctions()). Correct
    // but slow on big stores; false restricts them to the dictionary-backed text fields.
    bool searchRawText = true;
};

// One `field<op>value` comparison as written, for the UI (facet highlighting, chips).
struct FilterTerm {
    QString field;        // canonical field name ("initiator.name"); empty for a bare word
    QString op;           // ":", "!=", "<", "<=", ">", ">="
    QString value;        // unquoted value as written
    bool negated = false; // under an odd number of NOT / leading '-'
    int position = 0;
    int length = 0;
};

struct CompiledFilter {
    bool ok = false;
    cadf::store::SqlFilter sql; // empty where = every event (empty or blank text)
    FilterError error;          // set when !ok
    QList<FilterTerm> terms;
};

CompiledFilter compile(const QString& text, const CompileOptions& options = {});

// Canonical field names, in the order a completer should offer them.
QStringList fieldNames();
// One translated line describing a field (tooltips, help); empty for an unknown name.
QString fieldDescription(const QString& field);
// The store column a field's most frequent values come from (completion after `field:`), if any.
std::optional<cadf::store::GroupField> groupFieldFor(const QString& field);

// Example filters with a translated one-line explanation, for the in-app help popup.
struct FilterExample {
    QString text;
    QString description;
};
QList<FilterExample> examples();

// The text of one term for click-to-filter, quoted when needed:
//   termFor("initiator", "alice smith")        -> initiator:"alice smith"
//   termFor("initiator", "alice smith", true)  -> -initiator:"alice smith"
// Values are matched literally: a '*' in the value is escaped so it is not a wildcard.
QString termFor(const QString& field, const QString& value, bool exclude = false);
// The negation of a filter text for "Exclude": `-term` for one term, `NOT (text)` for several
//   excludedFilter("service:SOAR")                  -> -service:SOAR
//   excludedFilter("service:SOAR endpoint:\"a b\"") -> NOT (service:SOAR endpoint:"a b")
QString excludedFilter(const QString& text);

// Plans for queries that read every matching event (histogram, facet counts), filter_plan.cpp.
// SQLite has no statistics for the store and always takes an events index a filter offers; for a
// filter matching a large share of the events, reading the table once in storage order is several
// times faster than a row look-up per match in index order.
//
// The same filter with its terms on the events' indexed columns kept off their indexes (a unary
// plus: `+e.address IN (...)`), time and event id excepted. Same parameters, same results.
cadf::store::SqlFilter unindexed(const cadf::store::SqlFilter& filter);
// The share of events `filter` matches in a sample of ~16,000 events spread over the table (all
// of them in a small store): a few milliseconds besides the filter's dictionary look-ups.
// nullopt on an SQLite error (also an interrupt).
std::optional<double> sampledShare(cadf::store::Database& db, const cadf::store::SqlFilter& filter,
                                   cadf::store::StoreError* error = nullptr);
// The share of events from which one pass over the table beats a look-up per match (measured on
// 10 million events: the break-even lies between 4% for one dictionary id and ~10% for many).
inline constexpr double kFullPassTableShare = 0.08;
// The share of events the index SQLite reads a conjunction through must name, matches or not,
// before one pass over the table beats a row look-up for each (those look-ups run in time order
// per dictionary id, cheaper than the matches' look-ups the threshold above is measured for).
inline constexpr double kFullPassVisitedShare = 0.2;
// `filter` itself, or unindexed(filter) when the sample says it matches enough events, or the
// index SQLite would take visits enough of them, that one pass over the table is cheaper. The
// workspace's histogram and facets use it (the newest 50,000 matches of a dense filter are then
// read along the time index, which stops early). The table's pages keep the indexed form:
// SQLite reads only the first rows of each dictionary id.
cadf::store::SqlFilter forFullPass(cadf::store::Database& db, const cadf::store::SqlFilter& filter,
                                   cadf::store::StoreError* error = nullptr);

// The same filter with each dictionary subquery (`e.initiator IN (SELECT id FROM resource_ids
// WHERE ...)`) replaced by the ids it returns now, bound as parameters, and its rollup form
// likewise (filter_lookups.cpp). Exact until the store gains dictionary entries: a reader that
// keeps the result across statements resolves it again when the store changes. A subquery with
// more than `maxIds` ids stays as written (SQLite plans a long list no better than the subquery,
// and the text would grow without bound). On an SQLite error (also an interrupt) returns `filter`
// unchanged with `error` set.
inline constexpr int kMaxResolvedIds = 5000;
cadf::store::SqlFilter resolveLookups(cadf::store::Database& db,
                                      const cadf::store::SqlFilter& filter,
                                      cadf::store::StoreError* error = nullptr,
                                      int maxIds = kMaxResolvedIds);

// Registers the SQL functions a compiled filter may call (raw text search, CIDR match) on every
// SQLite connection opened afterwards in this process (sqlite3_auto_extension). Idempotent;
// compile() calls it too, and it runs at start-up when this library is linked, so connections
// opened later always have the functions.
void registerSqlFunctions();

} // namespace cadf::filter
