#include "models/store/schema.h"

#include "models/store/rollups.h"
#include "models/store/sqlite_db.h"

#include <QCoreApplication>

#include <sqlite3.h>

#include <string>
#include <vector>

namespace cadf::store {

namespace {

// Version 1. Design notes (measured with bench/bench_store_write on 1.1 KB syslog lines):
// - events holds integers only: strings and resources are dictionaries (id 0 = empty, present
//   as a row so joins never need LEFT JOIN), sources and raw_blocks are referenced by id.
// - The raw records live in raw_blocks, ~100 records deflated together (10x on syslog lines),
//   not in the events row; events point at (raw_block, raw_index).
// - Indexes are (column, ts): a filter on the column gets its events in time order straight
//   from the index, and a group-by on it is a covering index scan.
// - resources are unique by (rid, name, type, domain, credential), enforced by the writer, which
//   knows every stored tuple by its hash (DictionaryCache): a UNIQUE index over the texts would
//   store every target URL twice, and targets are the one high-cardinality dictionary (URLs with
//   ids in them). Filters find resources by scanning the view (~70 bytes a row), which is
//   cheaper than an index per text column would be to keep.
// - Attributes nobody filters on (syslog PRI and header time, policy, tags...) are in the raw
//   block's extras, compressed, not in the row.
// - Deduplication: UNIQUE(ts, digest) doubles as the time index, and its inserts land near the
//   right edge of the b-tree (a UNIQUE(digest) index alone would dirty a random page per event
//   and write ~4 KB of WAL for each). An identical event always has the identical instant when
//   its time came from its own eventTime; when the time came from elsewhere (tq >= 4: syslog
//   header, envelope, import time) the partial UNIQUE(digest) index catches the copy.
const char* const kSchemaV1 = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

CREATE TABLE sources(
    id INTEGER PRIMARY KEY,
    kind INTEGER NOT NULL,
    name TEXT NOT NULL,
    size INTEGER,
    digest TEXT NOT NULL DEFAULT '',
    started_us INTEGER NOT NULL,
    finished_us INTEGER,
    status TEXT NOT NULL DEFAULT 'running',
    records INTEGER NOT NULL DEFAULT 0,
    events INTEGER NOT NULL DEFAULT 0,
    duplicates INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0,
    message TEXT NOT NULL DEFAULT '');
CREATE INDEX sources_digest ON sources(digest);

CREATE TABLE strings(
    id INTEGER PRIMARY KEY,
    kind INTEGER NOT NULL,
    value TEXT NOT NULL,
    UNIQUE(kind, value));
INSERT INTO strings(id, kind, value) VALUES(0, 0, '');

-- Resources (initiators, targets, observers) in two parts, read through the view `resources`:
-- the attributes a service's targets share (name, type, ...) once in resource_attrs, and per
-- distinct id only the id text. Target ids are URLs with ids in them; half the events of a CP4S
-- feed name a target no other event names, so each byte per distinct target counts.
CREATE TABLE resource_attrs(
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    domain TEXT NOT NULL,
    credential TEXT NOT NULL,
    UNIQUE(name, type, domain, credential));
INSERT INTO resource_attrs(id, name, type, domain, credential) VALUES(0, '', '', '', '');
CREATE TABLE resource_ids(
    id INTEGER PRIMARY KEY,
    rid TEXT NOT NULL,
    attrs INTEGER NOT NULL);
INSERT INTO resource_ids(id, rid, attrs) VALUES(0, '', 0);
-- "initiator:alice" finds the few attrs rows named alice, then their ids through this index.
CREATE INDEX resource_ids_attrs ON resource_ids(attrs);
CREATE VIEW resources(id, rid, name, type, domain, credential) AS
    SELECT r.id, r.rid, a.name, a.type, a.domain, a.credential
    FROM resource_ids r JOIN resource_attrs a ON a.id = r.attrs;

CREATE TABLE raw_blocks(
    id INTEGER PRIMARY KEY,
    codec INTEGER NOT NULL,
    count INTEGER NOT NULL,
    data BLOB NOT NULL);
-- Preset deflate dictionaries (32 KiB of a source's first block): each block starts with a warm
-- window instead of an empty one, 15% smaller blocks for similar lines.
CREATE TABLE raw_dicts(
    id INTEGER PRIMARY KEY,
    data BLOB NOT NULL);

CREATE TABLE events(
    id INTEGER PRIMARY KEY,
    ts INTEGER NOT NULL,
    tq INTEGER NOT NULL,
    outcome INTEGER NOT NULL,
    code INTEGER,
    service INTEGER NOT NULL,
    endpoint INTEGER NOT NULL,
    action INTEGER NOT NULL,
    initiator INTEGER NOT NULL,
    target INTEGER NOT NULL,
    address INTEGER NOT NULL,
    agent INTEGER NOT NULL,
    source INTEGER NOT NULL,
    line INTEGER NOT NULL,
    reason_raw INTEGER NOT NULL,
    pattern INTEGER NOT NULL,
    outcome_raw INTEGER NOT NULL,
    severity INTEGER NOT NULL,
    event_type INTEGER NOT NULL,
    type_uri INTEGER NOT NULL,
    reason_type INTEGER NOT NULL,
    observer INTEGER NOT NULL,
    platform INTEGER NOT NULL,
    path INTEGER NOT NULL,
    syslog_host INTEGER NOT NULL,
    syslog_app INTEGER NOT NULL,
    byte_offset INTEGER NOT NULL,
    part INTEGER NOT NULL,
    digest INTEGER NOT NULL,
    raw_block INTEGER NOT NULL,
    raw_index INTEGER NOT NULL,
    cadf_id TEXT);

CREATE UNIQUE INDEX events_ts ON events(ts, digest);
CREATE UNIQUE INDEX events_digest_untimed ON events(digest) WHERE tq >= 4;
CREATE INDEX events_service ON events(service, ts);
CREATE INDEX events_outcome ON events(outcome, ts);
CREATE INDEX events_code ON events(code, ts);
CREATE INDEX events_action ON events(action, ts);
CREATE INDEX events_initiator ON events(initiator, ts);
CREATE INDEX events_target ON events(target, ts);
CREATE INDEX events_address ON events(address, ts);
CREATE INDEX events_cadf_id ON events(cadf_id) WHERE cadf_id IS NOT NULL;

CREATE TABLE rejects(
    id INTEGER PRIMARY KEY,
    source INTEGER NOT NULL,
    line INTEGER NOT NULL,
    byte_offset INTEGER NOT NULL,
    reason INTEGER NOT NULL,
    detail TEXT NOT NULL,
    raw_size INTEGER NOT NULL,
    raw BLOB,
    received_us INTEGER NOT NULL);
CREATE INDEX rejects_reason ON rejects(reason);
)sql";

// Step N migrates version N-1 to N. Append, never edit a released step.
// Version 2: the rollup tables (models/store/rollups.h), filled from the stored events.
// Version 3: the day rollups replaced by 3-hour ones, filled from the stored events.
// Version 4: new raw blocks are raw deflate streams (RawCodec::RawDeflate, no Adler-32); blocks
// already stored keep their codec. Nothing to change in the file: the step only makes older
// cadfscope versions, which cannot read codec 3, refuse the store instead of calling it damaged.
const char* const kSchemaV4 =
    "INSERT OR REPLACE INTO meta(key, value) VALUES('raw_codecs', '0 1 2 3')";

const std::vector<std::string>& migrations() {
    static const std::vector<std::string> steps = {kSchemaV1, rollupSchemaV2(), rollupSchemaV3(),
                                                   kSchemaV4};
    return steps;
}

StoreError newerStoreError(int found) {
    const QString text =
        QCoreApplication::translate("cadf::store",
                                    "the store was written by a newer cadfscope (schema version "
                                    "%1; this version reads up to %2)")
            .arg(found)
            .arg(kSchemaVersion);
    return StoreError{SQLITE_ERROR, text.toStdString()};
}

} // namespace

StoreError configureConnection(Database& db, bool writer, int busyTimeoutMs) {
    std::string pragmas = "PRAGMA busy_timeout=" + std::to_string(busyTimeoutMs) +
                          ";PRAGMA foreign_keys=OFF;PRAGMA temp_store=MEMORY;";
    // The writer keeps the right edges of ten indexes hot; readers scan, and share the OS cache.
    pragmas += writer ? "PRAGMA cache_size=-131072;" : "PRAGMA cache_size=-32768;";
    // No mmap_size: mapping the file (1 GiB) did not make the writer's INSERT cheaper (6.3 vs
    // 6.4 us per event, bench_import 1M, three rounds each), and a mapped file turns an I/O
    // error into SIGBUS.
    return db.exec(pragmas);
}

int schemaVersion(Database& db, StoreError* error) {
    return static_cast<int>(db.queryInt("PRAGMA user_version", -1, error));
}

StoreError migrate(Database& db) {
    StoreError error;
    int version = schemaVersion(db, &error);
    if (error)
        return error;
    if (version > kSchemaVersion)
        return newerStoreError(version);

    if (version == 0) {
        // Version 0 with tables in it is another program's database: adding ours would mix them.
        const std::int64_t tables = db.queryInt("SELECT count(*) FROM sqlite_schema", -1, &error);
        if (error)
            return error;
        if (tables > 0) {
            const QString text = QCoreApplication::translate(
                "cadf::store",
                "the file is not a cadfscope store (it holds another program's tables)");
            return StoreError{SQLITE_NOTADB, text.toStdString()};
        }
        // An empty file: page size is only settable before the first table exists.
        if (auto e = db.exec("PRAGMA page_size=" + std::to_string(kPageSize)))
            return e;
    }
    // WAL lets readers (GUI, CLI) work while the writer imports; NORMAL sync in WAL mode never
    // corrupts the file on a crash, it only may lose the last commits on power loss.
    {
        Statement wal = db.prepare("PRAGMA journal_mode=WAL", &error);
        if (!wal)
            return error;
        if (wal.step() == Statement::Step::Error)
            return wal.error();
    }
    if (auto e = db.exec("PRAGMA synchronous=NORMAL;PRAGMA wal_autocheckpoint=4000"))
        return e;

    const auto& steps = migrations();
    while (version < kSchemaVersion) {
        const int next = version + 1;
        if (auto e = db.exec("BEGIN IMMEDIATE"))
            return e;
        // Re-read inside the write lock: another writer may have migrated meanwhile.
        version = schemaVersion(db, &error);
        if (error || version >= next) {
            db.exec("ROLLBACK");
            if (error)
                return error;
            if (version > kSchemaVersion)
                return newerStoreError(version);
            continue;
        }
        StoreError stepError = db.exec(steps[static_cast<std::size_t>(next - 1)]);
        if (!stepError)
            stepError =
                db.exec("PRAGMA user_version=" + std::to_string(next) +
                        ";INSERT OR REPLACE INTO meta(key, value) VALUES('schema_version', '" +
                        std::to_string(next) + "')");
        if (!stepError && next == 1)
            stepError = db.exec("INSERT OR REPLACE INTO meta(key, value) VALUES('application', "
                                "'cadfscope'), ('created_us', CAST((julianday('now') - "
                                "2440587.5) * 86400000000 AS INTEGER))");
        // Each step fills what it creates. The day rollups of step 2 are left empty: step 3, run
        // right after it, drops them (a store left at version 2 by a failed step 3 has no
        // rollups this version reads, and step 3 runs again at the next open).
        if (!stepError && next == 2)
            stepError = fillRollups(db, RollupAccumulator::bit(Rollup::Hour));
        if (!stepError && next == 3)
            stepError = fillRollups(db, RollupAccumulator::bit(Rollup::Initiator) |
                                            RollupAccumulator::bit(Rollup::Target));
        if (!stepError)
            stepError = db.exec("COMMIT");
        if (stepError) {
            db.exec("ROLLBACK");
            return stepError;
        }
        version = next;
    }
    return {};
}

} // namespace cadf::store
