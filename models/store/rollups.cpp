#include "models/store/rollups.h"

#include "models/store/sqlite_db.h"

#include <sqlite3.h>

#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

namespace cadf::store {

namespace {

// The same floor in SQL (correct for negative times too).
std::string sqlFloor(const char* column, std::int64_t unit) {
    const std::string u = std::to_string(unit);
    return std::string("(") + column + " - ((" + column + " % " + u + ") + " + u + ") % " + u + ")";
}

const char* const kUpsertHour =
    "INSERT INTO rollup_hour(ts, service, endpoint, outcome, code, action, n) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(ts, service, endpoint, outcome, code, action) "
    "DO UPDATE SET n = n + excluded.n";
const char* const kUpsertInitiator =
    "INSERT INTO rollup_initiator_3h(ts, initiator, service, address, agent, action, code, "
    "outcome, n, first_ts, last_ts) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
    "ON CONFLICT(ts, initiator, service, address, agent, action, code, outcome) DO UPDATE SET "
    "n = n + excluded.n, first_ts = min(first_ts, excluded.first_ts), "
    "last_ts = max(last_ts, excluded.last_ts)";
const char* const kUpsertTarget =
    "INSERT INTO rollup_target_3h(ts, initiator, service, endpoint, pattern, action, code, "
    "outcome, n) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
    "ON CONFLICT(ts, initiator, service, endpoint, pattern, action, code, outcome) DO UPDATE SET "
    "n = n + excluded.n";

StoreError stepOnce(Statement& s) {
    const bool ok = s.step() != Statement::Step::Error;
    StoreError error = ok ? StoreError{} : s.error();
    s.reset();
    return error;
}

// The map's entries in primary key order: the upserts then walk each table's b-tree from left
// to right, touching each page once (a migration's millions of keys in hash order would jump
// between pages for each one).
template <typename Map> std::vector<const typename Map::Slot*> sortedEntries(const Map& map) {
    std::vector<const typename Map::Slot*> out;
    out.reserve(map.size());
    map.forEach([&](const typename Map::Slot& entry) { out.push_back(&entry); });
    std::sort(out.begin(), out.end(), [](const auto* a, const auto* b) {
        return std::lexicographical_compare(std::begin(a->first.v), std::end(a->first.v),
                                            std::begin(b->first.v), std::end(b->first.v));
    });
    return out;
}

// Events per flush of fillRollups: bounds the maps (up to two ~90-byte slots a key) on stores of
// any size. The 10M store migrates in 13 s at 354 MB peak (4M per flush: 830 MB).
constexpr std::int64_t kFillChunk = 1'000'000;

} // namespace

namespace {

// The initiator and target rollup tables and their views, named rollup_initiator_<unit> and
// rollup_target_<unit>: version 2 made them per day, version 3 per 3-hour block.
std::string keyedRollupTables(const std::string& unit) {
    const std::string initiator = "rollup_initiator_" + unit;
    const std::string target = "rollup_target_" + unit;
    return "CREATE TABLE " + initiator + R"sql((
    ts INTEGER NOT NULL,
    initiator INTEGER NOT NULL,
    service INTEGER NOT NULL,
    address INTEGER NOT NULL,
    agent INTEGER NOT NULL,
    action INTEGER NOT NULL,
    code INTEGER NOT NULL,
    outcome INTEGER NOT NULL,
    n INTEGER NOT NULL,
    first_ts INTEGER NOT NULL,
    last_ts INTEGER NOT NULL,
    PRIMARY KEY(ts, initiator, service, address, agent, action, code, outcome)) WITHOUT ROWID;
CREATE VIEW )sql" +
           initiator +
           R"sql(_v(ts, initiator, service, address, agent, action, code, outcome, n, first_ts,
                                 last_ts) AS
    SELECT ts, initiator, service, address, agent, action, NULLIF(code, 1000000000), outcome, n,
           first_ts, last_ts
    FROM )sql" +
           initiator +
           R"sql(;
CREATE TABLE )sql" +
           target +
           R"sql((
    ts INTEGER NOT NULL,
    initiator INTEGER NOT NULL,
    service INTEGER NOT NULL,
    endpoint INTEGER NOT NULL,
    pattern INTEGER NOT NULL,
    action INTEGER NOT NULL,
    code INTEGER NOT NULL,
    outcome INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY(ts, initiator, service, endpoint, pattern, action, code, outcome)) WITHOUT ROWID;
CREATE VIEW )sql" +
           target +
           R"sql(_v(ts, initiator, service, endpoint, pattern, action, code, outcome, n) AS
    SELECT ts, initiator, service, endpoint, pattern, action, NULLIF(code, 1000000000), outcome, n
    FROM )sql" +
           target + ";";
}

} // namespace

const std::string& rollupSchemaV2() {
    static const std::string sql = R"sql(
CREATE TABLE rollup_hour(
    ts INTEGER NOT NULL,
    service INTEGER NOT NULL,
    endpoint INTEGER NOT NULL,
    outcome INTEGER NOT NULL,
    code INTEGER NOT NULL,
    action INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY(ts, service, endpoint, outcome, code, action)) WITHOUT ROWID;
CREATE VIEW rollup_hour_v(ts, service, endpoint, outcome, code, action, n) AS
    SELECT ts, service, endpoint, outcome, NULLIF(code, 1000000000), action, n FROM rollup_hour;
)sql" + keyedRollupTables("day");
    return sql;
}

// Version 3: the day rollups give way to 3-hour ones (same columns; see rollups.h for why).
const std::string& rollupSchemaV3() {
    static const std::string sql = "DROP VIEW rollup_initiator_day_v; DROP TABLE "
                                   "rollup_initiator_day; DROP VIEW rollup_target_day_v; DROP "
                                   "TABLE rollup_target_day;" +
                                   keyedRollupTables("3h");
    return sql;
}

std::uint32_t rollupColumns(Rollup rollup) {
    switch (rollup) {
    case Rollup::Hour:
        return kRollupService | kRollupEndpoint | kRollupOutcome | kRollupCode | kRollupAction;
    case Rollup::Initiator:
        return kRollupInitiator | kRollupService | kRollupAddress | kRollupAgent | kRollupAction |
               kRollupCode | kRollupOutcome;
    case Rollup::Target:
        return kRollupInitiator | kRollupService | kRollupEndpoint | kRollupPattern |
               kRollupAction | kRollupCode | kRollupOutcome;
    }
    return 0;
}

std::int64_t rollupUnitUs(Rollup rollup) {
    return rollup == Rollup::Hour ? kHourUs : kRollupBlockUs;
}

const char* rollupSource(Rollup rollup) {
    switch (rollup) {
    case Rollup::Hour:
        return "rollup_hour_v";
    case Rollup::Initiator:
        return "rollup_initiator_3h_v";
    case Rollup::Target:
        return "rollup_target_3h_v";
    }
    return "rollup_hour_v";
}

void RollupAccumulator::add(const RollupEvent& e) {
    if (m_tables & bit(Rollup::Hour))
        ++m_hour[Key6{
            {floorTo(e.ts, kHourUs), e.service, e.endpoint, e.outcome, e.code, e.action}}];
    const std::int64_t block = floorTo(e.ts, kRollupBlockUs);
    if (m_tables & bit(Rollup::Initiator)) {
        bool added = false;
        Span& span = m_initiator.findOrInsert(
            Key8{{block, e.initiator, e.service, e.address, e.agent, e.action, e.code, e.outcome}},
            Span{0, e.ts, e.ts}, added);
        ++span.n;
        if (!added) {
            span.first = std::min(span.first, e.ts);
            span.last = std::max(span.last, e.ts);
        }
    }
    if (m_tables & bit(Rollup::Target))
        ++m_target[Key8{
            {block, e.initiator, e.service, e.endpoint, e.pattern, e.action, e.code, e.outcome}}];
}

void RollupAccumulator::clear() {
    m_hour.clear();
    m_initiator.clear();
    m_target.clear();
}

StoreError RollupAccumulator::flush(Database& db) {
    if (empty())
        return {};
    StoreError error;
    // Prepared per flush (three prepares per transaction, next to thousands of upserts): no
    // statement outlives a connection the writer closes or reopens.
    // Only the tables counted into: a migration step fills the tables it has just made.
    auto prepare = [&](Rollup rollup, const char* sql) {
        return (m_tables & bit(rollup)) && !error ? db.prepare(sql, &error) : Statement();
    };
    Statement hour = prepare(Rollup::Hour, kUpsertHour);
    Statement initiator = prepare(Rollup::Initiator, kUpsertInitiator);
    Statement target = prepare(Rollup::Target, kUpsertTarget);
    if (error)
        return error;
    for (const auto* entry : sortedEntries(m_hour)) {
        for (int i = 0; i < 6; ++i)
            hour.bind(i + 1, entry->first.v[i]);
        hour.bind(7, entry->second);
        if ((error = stepOnce(hour)))
            return error;
    }
    for (const auto* entry : sortedEntries(m_initiator)) {
        const Span& span = entry->second;
        for (int i = 0; i < 8; ++i)
            initiator.bind(i + 1, entry->first.v[i]);
        initiator.bind(9, span.n).bind(10, span.first).bind(11, span.last);
        if ((error = stepOnce(initiator)))
            return error;
    }
    for (const auto* entry : sortedEntries(m_target)) {
        for (int i = 0; i < 8; ++i)
            target.bind(i + 1, entry->first.v[i]);
        target.bind(9, entry->second);
        if ((error = stepOnce(target)))
            return error;
    }
    clear();
    return {};
}

StoreError fillRollups(Database& db, std::uint32_t tables) {
    StoreError error;
    Statement scan = db.prepare("SELECT ts, service, endpoint, outcome, code, action, initiator, "
                                "address, agent, pattern FROM events",
                                &error);
    if (!scan)
        return error;
    RollupAccumulator acc(tables);
    RollupEvent e;
    for (std::int64_t rows = 1;; ++rows) {
        const Statement::Step step = scan.step();
        if (step == Statement::Step::Done)
            break;
        if (step == Statement::Step::Error)
            return scan.error();
        e.ts = scan.int64(0);
        e.service = scan.int64(1);
        e.endpoint = scan.int64(2);
        e.outcome = scan.int64(3);
        e.code = scan.isNull(4) ? kNoCode : scan.int64(4);
        e.action = scan.int64(5);
        e.initiator = scan.int64(6);
        e.address = scan.int64(7);
        e.agent = scan.int64(8);
        e.pattern = scan.int64(9);
        acc.add(e);
        if (rows % kFillChunk == 0) {
            if ((error = acc.flush(db)))
                return error;
        }
    }
    return acc.flush(db);
}

bool hasRollups(Database& db) {
    StoreError error;
    return db.queryInt("PRAGMA user_version", 0, &error) >= 3 && !error;
}

StoreError installRollupTriggers(Database& db) {
    const std::string hourOld = sqlFloor("old.ts", kHourUs);
    const std::string hourNew = sqlFloor("new.ts", kHourUs);
    const std::string blockOld = sqlFloor("old.ts", kRollupBlockUs);
    const std::string blockNew = sqlFloor("new.ts", kRollupBlockUs);
    const std::string noCode = std::to_string(kNoCode);
    const std::string hourKeyOld = "ts = " + hourOld +
                                   " AND service = old.service AND endpoint = old.endpoint AND "
                                   "outcome = old.outcome AND code = IFNULL(old.code, " +
                                   noCode + ") AND action = old.action";
    const std::string initiatorKeyOld =
        "ts = " + blockOld +
        " AND initiator = old.initiator AND service = old.service AND address = old.address AND "
        "agent = old.agent AND action = old.action AND code = IFNULL(old.code, " +
        noCode + ") AND outcome = old.outcome";
    const std::string targetKeyOld =
        "ts = " + blockOld +
        " AND initiator = old.initiator AND service = old.service AND endpoint = old.endpoint "
        "AND pattern = old.pattern AND action = old.action AND code = IFNULL(old.code, " +
        noCode + ") AND outcome = old.outcome";
    // The initiator-day key has no endpoint or pattern: only a new service moves its counts.
    const char* const serviceChanged = "old.service IS NOT new.service";
    const std::string sql =
        "CREATE TEMP TABLE IF NOT EXISTS rollup_dirty(ts INTEGER, initiator INTEGER, service "
        "INTEGER, address INTEGER, agent INTEGER, action INTEGER, code INTEGER, outcome INTEGER, "
        "PRIMARY KEY(ts, initiator, service, address, agent, action, code, outcome)) WITHOUT "
        "ROWID;"
        "DROP TRIGGER IF EXISTS temp.rollup_reclassify;"
        "CREATE TEMP TRIGGER rollup_reclassify AFTER UPDATE OF service, endpoint, pattern ON "
        "main.events WHEN old.service IS NOT new.service OR old.endpoint IS NOT new.endpoint OR "
        "old.pattern IS NOT new.pattern BEGIN "
        // rollup_hour
        "UPDATE rollup_hour SET n = n - 1 WHERE " +
        hourKeyOld + "; DELETE FROM rollup_hour WHERE " + hourKeyOld +
        " AND n <= 0; INSERT INTO rollup_hour(ts, service, endpoint, outcome, code, action, n) "
        "VALUES(" +
        hourNew + ", new.service, new.endpoint, new.outcome, IFNULL(new.code, " + noCode +
        "), new.action, 1) ON CONFLICT(ts, service, endpoint, outcome, code, action) DO UPDATE "
        "SET n = n + 1; "
        // rollup_target_3h
        "UPDATE rollup_target_3h SET n = n - 1 WHERE " +
        targetKeyOld + "; DELETE FROM rollup_target_3h WHERE " + targetKeyOld +
        " AND n <= 0; INSERT INTO rollup_target_3h(ts, initiator, service, endpoint, pattern, "
        "action, code, outcome, n) VALUES(" +
        blockNew +
        ", new.initiator, new.service, new.endpoint, new.pattern, new.action, IFNULL(new.code, " +
        noCode +
        "), new.outcome, 1) ON CONFLICT(ts, initiator, service, endpoint, pattern, action, code, "
        "outcome) DO UPDATE SET n = n + 1; "
        // rollup_initiator_3h: a row that keeps events but lost its first or last one is
        // marked, and commitWithRollups() looks its times up again.
        "UPDATE rollup_initiator_3h SET n = n - 1 WHERE " +
        serviceChanged + " AND " + initiatorKeyOld +
        "; INSERT OR IGNORE INTO rollup_dirty SELECT ts, initiator, service, address, agent, "
        "action, code, outcome FROM rollup_initiator_3h WHERE " +
        serviceChanged + " AND " + initiatorKeyOld +
        " AND n > 0 AND (first_ts = old.ts OR last_ts = old.ts); "
        "DELETE FROM rollup_initiator_3h WHERE " +
        initiatorKeyOld +
        " AND n <= 0; INSERT INTO rollup_initiator_3h(ts, initiator, service, address, agent, "
        "action, code, outcome, n, first_ts, last_ts) SELECT " +
        blockNew +
        ", new.initiator, new.service, new.address, new.agent, new.action, IFNULL(new.code, " +
        noCode + "), new.outcome, 1, new.ts, new.ts WHERE " + serviceChanged +
        " ON CONFLICT(ts, initiator, service, address, agent, action, code, outcome) DO UPDATE "
        "SET "
        "n = n + 1, first_ts = min(first_ts, excluded.first_ts), "
        "last_ts = max(last_ts, excluded.last_ts); "
        "END;";
    return db.exec(sql);
}

StoreError commitWithRollups(Database& db) {
    const std::string block = std::to_string(kRollupBlockUs);
    const std::string match = "FROM events ev WHERE ev.initiator = r.initiator AND ev.ts >= r.ts "
                              "AND ev.ts < r.ts + " +
                              block +
                              " AND ev.service = r.service AND ev.address = r.address AND "
                              "ev.agent = r.agent AND ev.action = r.action AND "
                              "IFNULL(ev.code, " +
                              std::to_string(kNoCode) + ") = r.code AND ev.outcome = r.outcome";
    // Only when the triggers are installed (the temp table exists).
    StoreError error;
    const bool installed =
        db.queryInt("SELECT count(*) FROM temp.sqlite_schema WHERE name = 'rollup_dirty'", 0,
                    &error) > 0;
    if (error)
        return error;
    if (installed) {
        if (StoreError e = db.exec(
                "UPDATE rollup_initiator_3h AS r SET first_ts = IFNULL((SELECT min(ev.ts) " +
                match + "), first_ts), last_ts = IFNULL((SELECT max(ev.ts) " + match +
                "), last_ts) WHERE (ts, initiator, service, address, agent, action, code, outcome) "
                "IN "
                "(SELECT * "
                "FROM "
                "temp.rollup_dirty); DELETE FROM temp.rollup_dirty"))
            return e;
    }
    return db.exec("COMMIT");
}

} // namespace cadf::store
