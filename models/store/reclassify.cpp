#include "models/store/reclassify.h"

#include "models/store/rollups.h"
#include "models/store/schema.h"
#include "models/store/sqlite_db.h"
#include "models/store/store_types.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <unistd.h>
#include <unordered_map>
#include <vector>

namespace cadf::store {

namespace {

struct Key {
    std::int64_t target, path, action;
    bool operator==(const Key&) const = default;
};
struct KeyHash {
    std::size_t operator()(const Key& k) const noexcept {
        std::uint64_t h = static_cast<std::uint64_t>(k.target) * 0x9E3779B97F4A7C15ULL;
        h ^= static_cast<std::uint64_t>(k.path) + 0x7F4A7C15ULL + (h << 6) + (h >> 2);
        h ^= static_cast<std::uint64_t>(k.action) + 0x165667B1ULL + (h << 6) + (h >> 2);
        return static_cast<std::size_t>(h);
    }
};

// What the events of one request carry now. Events of one request normally share one
// classification; `mixed` when they do not (imported under different catalogues).
struct Stored {
    std::int64_t service = 0, endpoint = 0, pattern = 0;
    std::int64_t events = 0;
    bool mixed = false;
};

struct Planned {
    Key key;
    std::int64_t service = 0, endpoint = 0;
    std::int64_t events = 0; // upper bound of rows the update touches
};

StoreError stepError(const Statement& s, Database& db) {
    StoreError e = s.error();
    return e ? e : db.lastError();
}

// Up to this many changed requests are updated one UPDATE each (an index seek on target). Past
// it, one pass over the table in id ranges joined with a temporary map is faster: a catalogue
// change touching most requests rewrote 1M events in 41 s request by request (each request's
// events are scattered over the file), the pass reads each page once.
constexpr std::size_t kPerRequestLimit = 2000;

// Called inside the open transaction that added the new patterns; commits it.
StoreError updateByRanges(Database& db, const std::vector<std::pair<Planned, std::string>>& planned,
                          const std::unordered_map<std::string, std::int64_t>& patternIds,
                          const ReclassifyOptions& options, ReclassifySummary& summary) {
    StoreError error;
    if (StoreError e = db.exec("CREATE TEMP TABLE IF NOT EXISTS reclassify_map(target INTEGER, "
                               "path INTEGER, action INTEGER, service INTEGER, endpoint INTEGER, "
                               "pattern INTEGER, PRIMARY KEY(target, path, action)) WITHOUT "
                               "ROWID;DELETE FROM temp.reclassify_map"))
        return e;
    {
        Statement insert =
            db.prepare("INSERT INTO temp.reclassify_map VALUES(?1, ?2, ?3, ?4, ?5, ?6)", &error);
        if (!insert)
            return error;
        for (const auto& [plan, pattern] : planned) {
            insert.rewind();
            insert.bind(1, plan.key.target)
                .bind(2, plan.key.path)
                .bind(3, plan.key.action)
                .bind(4, plan.service)
                .bind(5, plan.endpoint)
                .bind(6, patternIds.at(pattern));
            if (insert.step() == Statement::Step::Error)
                return stepError(insert, db);
        }
    }
    if (StoreError e = commitWithRollups(db))
        return e;
    const std::int64_t first = db.queryInt("SELECT IFNULL(min(id), 0) FROM events", 0, &error);
    const std::int64_t last = db.queryInt("SELECT IFNULL(max(id), -1) FROM events", -1, &error);
    if (error)
        return error;
    Statement update = db.prepare(
        "UPDATE events SET service = m.service, endpoint = m.endpoint, pattern = m.pattern "
        "FROM temp.reclassify_map AS m WHERE events.id >= ?1 AND events.id < ?2 AND "
        "m.target = events.target AND m.path = events.path AND m.action = events.action AND "
        "(events.service <> m.service OR events.endpoint <> m.endpoint OR "
        "events.pattern <> m.pattern)",
        &error);
    if (!update)
        return error;
    const std::int64_t step = std::max<std::int64_t>(options.batchEvents, 1);
    const std::int64_t total = last >= first ? (last - first) / step + 1 : 0;
    std::int64_t done = 0;
    for (std::int64_t lo = first; lo <= last; lo += step) {
        if (StoreError e = db.exec("BEGIN IMMEDIATE"))
            return e;
        update.rewind();
        update.bind(1, lo).bind(2, lo + step);
        if (update.step() == Statement::Step::Error) {
            StoreError e = stepError(update, db);
            db.exec("ROLLBACK");
            return e;
        }
        summary.eventsChanged += db.changes();
        if (StoreError e = commitWithRollups(db)) {
            db.exec("ROLLBACK");
            return e;
        }
        if (options.progress)
            options.progress(++done, total);
        if (options.cancel && options.cancel->load() && lo + step <= last) {
            summary.cancelled = true;
            break;
        }
    }
    db.exec("DROP TABLE IF EXISTS temp.reclassify_map");
    return {};
}

} // namespace

StoreError reclassifyStore(const std::string& path, const ReclassifyFunction& classify,
                           const ReclassifyOptions& options, ReclassifySummary& summary) {
    const auto started = std::chrono::steady_clock::now();
    summary = ReclassifySummary{};
    if (::access(path.c_str(), F_OK) != 0)
        return makeStoreError(SQLITE_CANTOPEN, "no such file", path);
    Database db;
    if (StoreError e = db.open(path, Database::Mode::ReadWrite))
        return e;
    if (StoreError e = configureConnection(db, true, options.busyTimeoutMs))
        return e;
    StoreError error;
    const int version = schemaVersion(db, &error);
    if (error)
        return error;
    if (version < 1)
        return makeStoreError(SQLITE_NOTADB, "not a cadfscope store", path);
    if (StoreError e = migrate(db)) // refuses a newer store, upgrades an older one
        return e;
    // Every event moved to another service or endpoint moves its rollup counts with it, in the
    // same transaction (commitWithRollups() below).
    if (StoreError e = installRollupTriggers(db))
        return e;
    auto cancelled = [&] { return options.cancel && options.cancel->load(); };

    // 1. Each distinct request once, with what its events carry now. A read transaction of its
    // own: an importer may keep writing meanwhile; its events are classified on the way in.
    std::unordered_map<Key, Stored, KeyHash> requests;
    {
        Statement scan = db.prepare(
            "SELECT target, path, action, service, endpoint, pattern FROM events", &error);
        if (!scan)
            return error;
        for (;;) {
            const Statement::Step step = scan.step();
            if (step == Statement::Step::Done)
                break;
            if (step == Statement::Step::Error)
                return stepError(scan, db);
            if ((++summary.events & 0xffff) == 0 && cancelled()) {
                summary.cancelled = true;
                return {};
            }
            const Key key{scan.int64(0), scan.int64(1), scan.int64(2)};
            const std::int64_t service = scan.int64(3), endpoint = scan.int64(4),
                               pattern = scan.int64(5);
            auto [it, fresh] = requests.try_emplace(key);
            Stored& st = it->second;
            if (fresh) {
                st.service = service;
                st.endpoint = endpoint;
                st.pattern = pattern;
            } else if (st.service != service || st.endpoint != endpoint || st.pattern != pattern) {
                st.mixed = true;
            }
            ++st.events;
        }
    }
    summary.requests = static_cast<std::int64_t>(requests.size());

    // 2. Classify each request once, from its stored texts.
    Statement resource =
        db.prepare("SELECT rid, name, type FROM resources WHERE id = ?1", &error, true);
    Statement text = db.prepare("SELECT value FROM strings WHERE id = ?1", &error, true);
    Statement findPattern =
        db.prepare("SELECT id FROM strings WHERE kind = ?1 AND value = ?2", &error, true);
    Statement insertPattern =
        db.prepare("INSERT INTO strings(kind, value) VALUES(?1, ?2)", &error, true);
    if (!resource || !text || !findPattern || !insertPattern)
        return error;
    std::unordered_map<std::int64_t, std::string> texts{{0, std::string()}};
    auto textOf = [&](std::int64_t id) -> const std::string& {
        if (auto it = texts.find(id); it != texts.end())
            return it->second;
        std::string value;
        text.rewind();
        text.bind(1, id);
        if (text.step() == Statement::Step::Row)
            value = text.string(0);
        text.reset();
        return texts.emplace(id, std::move(value)).first->second;
    };
    std::unordered_map<std::string, std::int64_t> patternIds{{std::string(), 0}};
    std::vector<std::string> newPatterns;
    std::vector<std::pair<Planned, std::string>> planned; // pattern text until ids are known
    ReclassifyOutput out;
    std::string rid, name, type;
    constexpr int kPatternKind = static_cast<int>(StringKind::Pattern);
    for (const auto& [key, stored] : requests) {
        rid.clear();
        name.clear();
        type.clear();
        if (key.target != 0) {
            resource.rewind();
            resource.bind(1, key.target);
            if (resource.step() == Statement::Step::Row) {
                rid = resource.string(0);
                name = resource.string(1);
                type = resource.string(2);
            }
            resource.reset();
        }
        out = ReclassifyOutput{};
        const std::string requestPath = textOf(key.path);
        classify(ReclassifyInput{rid, requestPath, type, name, textOf(key.action)}, out);
        if (out.serviceId != 0 || out.endpointId != 0) {
            summary.classifiedEvents += stored.events;
            out.pattern.clear();
        } else {
            summary.unclassifiedEvents += stored.events;
        }
        auto pid = patternIds.find(out.pattern);
        if (pid == patternIds.end()) {
            findPattern.rewind();
            findPattern.bind(1, kPatternKind).bind(2, out.pattern);
            std::int64_t id = -1; // not stored yet: inserted with the first batch
            if (findPattern.step() == Statement::Step::Row)
                id = findPattern.int64(0);
            findPattern.reset();
            if (id < 0)
                newPatterns.push_back(out.pattern);
            pid = patternIds.emplace(out.pattern, id).first;
        }
        const bool same = !stored.mixed && stored.service == out.serviceId &&
                          stored.endpoint == out.endpointId && stored.pattern == pid->second;
        if (same)
            continue;
        planned.push_back(
            {Planned{key, out.serviceId, out.endpointId, stored.events}, out.pattern});
    }
    summary.changedRequests = static_cast<std::int64_t>(planned.size());
    if (planned.empty()) {
        summary.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return {};
    }

    // 3. Update in short transactions. New pattern strings go in with the first one.
    Statement update = db.prepare(
        "UPDATE events SET service = ?1, endpoint = ?2, pattern = ?3 WHERE target = ?4 AND "
        "path = ?5 AND action = ?6 AND (service <> ?1 OR endpoint <> ?2 OR pattern <> ?3)",
        &error, true);
    if (!update)
        return error;
    auto rollback = [&db] { db.exec("ROLLBACK"); };
    if (StoreError e = db.exec("BEGIN IMMEDIATE"))
        return e;
    for (const std::string& pattern : newPatterns) {
        insertPattern.rewind();
        insertPattern.bind(1, kPatternKind).bind(2, pattern);
        // Another writer may have added it since the look-up: then the UNIQUE index says so.
        const Statement::Step step = insertPattern.step();
        const StoreError insertError = insertPattern.error();
        insertPattern.reset();
        if (step == Statement::Step::Error &&
            (insertError.sqliteCode & 0xff) != SQLITE_CONSTRAINT) {
            rollback();
            return insertError;
        }
        findPattern.rewind();
        findPattern.bind(1, kPatternKind).bind(2, pattern);
        if (findPattern.step() != Statement::Step::Row) {
            StoreError e = stepError(findPattern, db);
            findPattern.reset();
            rollback();
            return e ? e : makeStoreError(SQLITE_CORRUPT, "pattern string missing");
        }
        patternIds[pattern] = findPattern.int64(0);
        findPattern.reset();
        ++summary.newPatterns;
    }
    if (planned.size() > kPerRequestLimit) {
        if (StoreError e = updateByRanges(db, planned, patternIds, options, summary)) {
            rollback();
            return e;
        }
        summary.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return {};
    }
    std::int64_t inBatch = 0;
    std::int64_t done = 0;
    const auto total = static_cast<std::int64_t>(planned.size());
    for (auto& [plan, pattern] : planned) {
        update.rewind();
        update.bind(1, plan.service)
            .bind(2, plan.endpoint)
            .bind(3, patternIds.at(pattern))
            .bind(4, plan.key.target)
            .bind(5, plan.key.path)
            .bind(6, plan.key.action);
        if (update.step() == Statement::Step::Error) {
            StoreError e = stepError(update, db);
            update.reset();
            rollback();
            return e;
        }
        update.reset();
        summary.eventsChanged += db.changes();
        inBatch += plan.events;
        ++done;
        if (inBatch >= options.batchEvents || done == total) {
            if (StoreError e = commitWithRollups(db)) {
                rollback();
                return e;
            }
            inBatch = 0;
            if (options.progress)
                options.progress(done, total);
            if (done == total)
                break;
            if (cancelled()) {
                summary.cancelled = true;
                break;
            }
            if (StoreError e = db.exec("BEGIN IMMEDIATE"))
                return e;
        }
    }
    summary.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return {};
}

} // namespace cadf::store
