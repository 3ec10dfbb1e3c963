#include "models/itemmodels/covered_histogram.h"

#include "models/store/rollup_scan.h"
#include "models/store/sql_value.h"
#include "models/store/sqlite_db.h"
#include "models/store/store_reader.h"

#include <sqlite3.h>

#include <string>

using cadf::store::Database;
using cadf::store::SqlFilter;
using cadf::store::Statement;
using cadf::store::StoreError;
using cadf::store::StoreReader;
using cadf::store::TimeHistogram;

namespace {

constexpr std::uint8_t kNoOutcome = 0xff;
constexpr std::uint8_t kSuccess = 1; // cadf::Outcome::Success: most events, left out of the map
// A store whose rowids run this far (deleted ranges included) keeps the table pass.
constexpr std::int64_t kMaxMappedRowid = 256LL * 1024 * 1024;
const char* const kFunction = "cadf_covered_histogram";

std::string where(const SqlFilter& filter) {
    return filter.where.empty() ? std::string() : " WHERE (" + filter.where + ")";
}

// xStep of cadf_covered_histogram(rowid, ts): one match into its bucket and outcome.
void step(sqlite3_context* context, int, sqlite3_value** argv) {
    const auto* pass = static_cast<const CoveredHistogram::Pass*>(sqlite3_user_data(context));
    const std::int64_t rowid = sqlite3_value_int64(argv[0]);
    const std::int64_t ts = sqlite3_value_int64(argv[1]);
    const std::vector<std::uint8_t>& outcomes = *pass->outcomes;
    if (rowid < 0 || rowid >= std::int64_t(outcomes.size()))
        return; // cannot happen within the checked transaction
    const std::uint8_t outcome = outcomes[std::size_t(rowid)];
    const std::int64_t i = (ts - pass->fromUs) / pass->bucketUs;
    if (outcome < 4 && i >= 0 && i < std::int64_t(pass->buckets->size()))
        ++(*pass->buckets)[std::size_t(i)].counts[outcome];
}

void final(sqlite3_context* context) {
    sqlite3_result_null(context);
}

// Ends the read transaction however the count ends.
class ReadTransaction {
public:
    explicit ReadTransaction(Database& db)
        : m_db(db)
        , m_error(db.exec("BEGIN")) {}
    ~ReadTransaction() {
        // A read transaction left open would freeze the connection's snapshot (and the WAL).
        if (!m_error && m_db.exec("COMMIT"))
            m_db.exec("ROLLBACK");
    }
    ReadTransaction(const ReadTransaction&) = delete;
    ReadTransaction& operator=(const ReadTransaction&) = delete;
    const StoreError& error() const { return m_error; }

private:
    Database& m_db;
    StoreError m_error;
};

} // namespace

bool CoveredHistogram::covered(StoreReader& reader, const SqlFilter& filter) {
    StoreError error;
    bool readsEvents = false;
    for (const std::string& detail : cadf::store::queryPlan(
             reader.database(), "SELECT e.rowid, e.ts FROM events e", filter, &error)) {
        // "SEARCH e USING COVERING INDEX events_address (address=?)" covers; "SCAN e",
        // "SEARCH e USING INDEX ..." and "... INTEGER PRIMARY KEY" read rows.
        if (detail.rfind("SEARCH e ", 0) != 0 && detail.rfind("SCAN e", 0) != 0)
            continue;
        if (detail.find("COVERING INDEX") == std::string::npos)
            return false;
        readsEvents = true;
    }
    return readsEvents && !error;
}

StoreError CoveredHistogram::ensureOutcomes(StoreReader& reader) {
    Database& db = reader.database();
    StoreError error;
    const std::int64_t version = reader.dataVersion();
    const std::int64_t last = db.queryInt("SELECT IFNULL(max(rowid), 0) FROM events", -1, &error);
    if (error)
        return error;
    if (version == m_version && last == m_lastRowid && !m_outcomes.empty())
        return {};
    m_version = -1;
    if (last < 0 || last >= kMaxMappedRowid) {
        m_outcomes.clear();
        return {};
    }
    // Every event success but the ones the outcome index names otherwise; rowids of no event
    // are never matched, so they need no mark. Built in place: one map's memory, not two.
    m_outcomes.assign(std::size_t(last) + 1, kSuccess);
    const auto fail = [this](StoreError e) {
        m_outcomes.clear();
        return e;
    };
    Statement s = db.prepare(
        "SELECT e.rowid, e.outcome FROM events e WHERE e.outcome < ?1 OR e.outcome > ?1", &error);
    if (!s)
        return fail(error);
    s.bind(1, std::int64_t(kSuccess));
    for (Statement::Step st; (st = s.step()) != Statement::Step::Done;) {
        if (st == Statement::Step::Error)
            return fail(s.error());
        const std::int64_t rowid = s.int64(0);
        const std::int64_t outcome = s.int64(1);
        if (rowid >= 0 && rowid <= last)
            m_outcomes[std::size_t(rowid)] =
                outcome >= 0 && outcome < 4 ? std::uint8_t(outcome) : kNoOutcome;
    }
    m_version = version;
    m_lastRowid = last;
    return {};
}

std::optional<TimeHistogram> CoveredHistogram::count(StoreReader& reader, const SqlFilter& bounds,
                                                     const SqlFilter& indexed, int maxBuckets,
                                                     int alignOffsetSeconds) {
    if (indexed.where.empty() ||
        cadf::store::rollupFilterFor(reader, indexed, cadf::store::Rollup::Hour) ||
        cadf::store::rollupFilterFor(reader, bounds, cadf::store::Rollup::Hour) ||
        !covered(reader, indexed))
        return std::nullopt;
    Database& db = reader.database();
    if (m_registeredOn != db.handle()) {
        const int rc = sqlite3_create_function_v2(db.handle(), kFunction, 2, SQLITE_UTF8, &m_pass,
                                                  nullptr, step, final, nullptr);
        if (rc != SQLITE_OK)
            return std::nullopt;
        m_registeredOn = db.handle();
    }
    TimeHistogram out;
    // One snapshot for the map check, the bounds and the count.
    const ReadTransaction transaction(db);
    if (transaction.error()) {
        out.error = transaction.error();
        return out;
    }
    if (StoreError error = ensureOutcomes(reader)) {
        out.error = error;
        return out;
    }
    if (m_outcomes.empty())
        return std::nullopt;

    // The first and last match, as store::timeHistogram finds them (rollup_hour cannot answer
    // these filters).
    const auto span =
        cadf::store::matchSpan(reader, bounds, std::nullopt, std::nullopt, nullptr, out.error);
    if (out.error)
        return out;
    if (!span) {
        out.ok = true; // nothing matches
        return out;
    }
    cadf::store::layOutBuckets(out, span->first, span->second, maxBuckets, alignOffsetSeconds);

    m_pass = Pass{&m_outcomes, out.fromUs, out.bucketUs, &out.buckets};
    Statement s = db.prepare(std::string("SELECT ") + kFunction + "(e.rowid, e.ts) FROM events e" +
                                 where(indexed),
                             &out.error);
    if (!s)
        return out;
    cadf::store::bindParams(s, indexed.params);
    if (s.step() != Statement::Step::Row) {
        out.error = s.error();
        return out;
    }
    out.ok = true;
    return out;
}
