#include "models/store/batch_writer.h"

#include "models/store/schema.h"
#include "models/store/zlib_codec.h"

#include <sqlite3.h>
#include <unistd.h>

#include <charconv>
#include <chrono>

namespace cadf::store {

namespace {

std::int64_t nowUs() {
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

// The reason code as a number when the text is one (at most 9 digits, so it fits an int).
bool numericCode(std::string_view text, std::int64_t& code) {
    if (text.empty() || text.size() > 10)
        return false;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, code);
    return ec == std::errc() && ptr == end && code > -1'000'000'000 && code < 1'000'000'000;
}

void appendKeyPart(std::string& key, std::string_view part) {
    const auto size = static_cast<std::uint32_t>(part.size());
    key.append(reinterpret_cast<const char*>(&size), sizeof size);
    key.append(part);
}

void attrsKey(std::string& key, std::string_view name, std::string_view type,
              std::string_view domain, std::string_view credential) {
    key.clear();
    appendKeyPart(key, name);
    appendKeyPart(key, type);
    appendKeyPart(key, domain);
    appendKeyPart(key, credential);
}

void resourceKey(std::string& key, std::string_view rid, std::string_view name,
                 std::string_view type, std::string_view domain, std::string_view credential) {
    key.clear();
    appendKeyPart(key, rid);
    appendKeyPart(key, name);
    appendKeyPart(key, type);
    appendKeyPart(key, domain);
    appendKeyPart(key, credential);
}

const char* const kInsertEvent =
    "INSERT OR IGNORE INTO events(ts, tq, outcome, code, service, endpoint, action, initiator, "
    "target, address, agent, source, line, reason_raw, pattern, outcome_raw, severity, "
    "event_type, type_uri, reason_type, observer, platform, path, syslog_host, syslog_app, "
    "byte_offset, part, digest, raw_block, raw_index, cadf_id) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
    "?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31)";

} // namespace

const char* sourceStatusKey(SourceStatus status) {
    switch (status) {
    case SourceStatus::Running:
        return "running";
    case SourceStatus::Done:
        return "done";
    case SourceStatus::Cancelled:
        return "cancelled";
    case SourceStatus::Failed:
        return "failed";
    }
    return "running";
}

SourceStatus sourceStatusFromKey(const std::string& key) {
    if (key == "done")
        return SourceStatus::Done;
    if (key == "cancelled")
        return SourceStatus::Cancelled;
    if (key == "failed")
        return SourceStatus::Failed;
    return SourceStatus::Running;
}

// SQLite reports a store it cannot write as "cannot open" when the -wal or -shm file cannot be
// created: say what the analyst can act on.
StoreError BatchWriter::explainOpenFailure(const std::string& path, const StoreError& error) {
    const int primary = error.sqliteCode & 0xff;
    if (primary != SQLITE_CANTOPEN && primary != SQLITE_READONLY && primary != SQLITE_PERM)
        return error;
    if (::access(path.c_str(), F_OK) == 0 && ::access(path.c_str(), W_OK) != 0)
        return makeStoreError(SQLITE_READONLY, {}, path);
    const std::string folder = path.find('/') == std::string::npos
                                   ? std::string(".")
                                   : path.substr(0, std::max<std::size_t>(1, path.rfind('/')));
    if (::access(folder.c_str(), F_OK) == 0 && ::access(folder.c_str(), W_OK) != 0)
        return makeStoreError(SQLITE_READONLY, "its folder does not allow new files", path);
    return error;
}

StoreError BatchWriter::open(const std::string& path, const WriterOptions& options) {
    m_options = options;
    if (auto error = m_db.open(path, Database::Mode::ReadWriteCreate))
        return explainOpenFailure(path, error);
    StoreError error = configureConnection(m_db, true, m_options.busyTimeoutMs);
    if (!error)
        error = migrate(m_db);
    if (!error && sqlite3_db_readonly(m_db.handle(), "main") == 1)
        error = makeStoreError(SQLITE_READONLY, {}, path);
    if (!error && m_options.maxPageCount > 0)
        error = m_db.exec("PRAGMA max_page_count=" + std::to_string(m_options.maxPageCount));
    // secure_delete is compiled in on Debian: it would zero every page the open raw block frees
    // on its rewrite. The store holds no secrets that its own raw records do not hold anyway.
    if (!error)
        error = m_db.exec("PRAGMA journal_size_limit=67108864;PRAGMA secure_delete=OFF");
    if (!error)
        error = prepareStatements();
    if (!error)
        error = resync();
    if (error) {
        close();
        return explainOpenFailure(path, error);
    }
    m_compressor = std::make_unique<BlockCompressor>(m_options.compressionLevel);
    if (m_options.backgroundCheckpointPages > 0) {
        m_checkpointer = std::make_unique<Checkpointer>(path, m_options.backgroundCheckpointPages);
        m_db.exec("PRAGMA wal_autocheckpoint=0");
        sqlite3_wal_hook(
            m_db.handle(),
            [](void* self, sqlite3*, const char*, int pages) {
                static_cast<Checkpointer*>(self)->walGrew(pages);
                return SQLITE_OK;
            },
            m_checkpointer.get());
    }
    return {};
}

void BatchWriter::close() {
    m_compressor.reset();
    // The checkpointer's connection goes first, so that closing the writer's, the last one,
    // checkpoints the whole WAL into the file and removes it.
    if (m_checkpointer) {
        sqlite3_wal_hook(m_db.handle(), nullptr, nullptr);
        m_checkpointer.reset();
    }
    // Statements first: close_v2 would otherwise keep the file open until they are finalized.
    for (Statement* s :
         {&m_begin, &m_commit, &m_rollback, &m_insertEvent, &m_insertReject, &m_insertBlock,
          &m_updateCounts, &m_selectString, &m_insertString, &m_selectResource, &m_insertResource,
          &m_stringById, &m_resourceById, &m_maxIds, &m_insertSource, &m_finishSource,
          &m_insertDictionary, &m_selectAttrs, &m_insertAttrs})
        *s = Statement();
    m_db.close();
}

StoreError BatchWriter::prepareStatements() {
    StoreError error;
    struct Entry {
        Statement* target;
        const char* sql;
    };
    const Entry entries[] = {
        {&m_begin, "BEGIN IMMEDIATE"},
        {&m_commit, "COMMIT"},
        {&m_rollback, "ROLLBACK"},
        {&m_insertEvent, kInsertEvent},
        {&m_insertReject, "INSERT INTO rejects(source, line, byte_offset, reason, detail, "
                          "raw_size, raw, received_us) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"},
        {&m_insertBlock, "INSERT OR REPLACE INTO raw_blocks(id, codec, count, data) "
                         "VALUES(?1, ?2, ?3, ?4)"},
        {&m_updateCounts, "UPDATE sources SET events = events + ?2, duplicates = duplicates + "
                          "?3, rejected = rejected + ?4 WHERE id = ?1"},
        {&m_selectString, "SELECT id FROM strings WHERE kind = ?1 AND value = ?2"},
        {&m_insertString, "INSERT INTO strings(kind, value) VALUES(?1, ?2)"},
        // No index on the texts: only reached after a 64-bit hash collision.
        {&m_selectResource, "SELECT id FROM resources WHERE rid = ?1 AND name = ?2 AND type = ?3 "
                            "AND domain = ?4 AND credential = ?5"},
        {&m_insertResource, "INSERT INTO resource_ids(rid, attrs) VALUES(?1, ?2)"},
        {&m_selectAttrs, "SELECT id FROM resource_attrs WHERE name = ?1 AND type = ?2 AND "
                         "domain = ?3 AND credential = ?4"},
        {&m_insertAttrs, "INSERT INTO resource_attrs(name, type, domain, credential) "
                         "VALUES(?1, ?2, ?3, ?4)"},
        {&m_stringById, "SELECT kind, value FROM strings WHERE id = ?1"},
        {&m_resourceById,
         "SELECT rid, name, type, domain, credential FROM resources WHERE id = ?1"},
        {&m_maxIds, "SELECT (SELECT IFNULL(max(id), 0) FROM strings), "
                    "(SELECT IFNULL(max(id), 0) FROM resource_ids)"},
        {&m_insertDictionary, "INSERT INTO raw_dicts(data) VALUES(?1)"},
        {&m_insertSource, "INSERT INTO sources(kind, name, size, digest, started_us, status) "
                          "VALUES(?1, ?2, ?3, ?4, ?5, 'running')"},
        {&m_finishSource,
         "UPDATE sources SET status = ?2, records = ?3, finished_us = ?4, message = ?5, "
         "size = CASE WHEN ?6 >= 0 THEN ?6 ELSE size END, "
         "digest = CASE WHEN ?7 <> '' THEN ?7 ELSE digest END WHERE id = ?1"},
    };
    for (const Entry& entry : entries) {
        *entry.target = m_db.prepare(entry.sql, &error, true);
        if (!*entry.target)
            return error;
    }
    return {};
}

// Reads every dictionary key into memory (as hashes): after this a value missing from the
// caches is certainly new, and is inserted without a SELECT.
StoreError BatchWriter::loadDictionaries() {
    for (DictionaryCache& cache : m_strings)
        cache.clear();
    m_resources.clear();
    m_attrs.clear();
    m_maxStringId = 0;
    m_maxResourceId = 0;
    StoreError error =
        m_db.forEachRow("SELECT id, kind, value FROM strings WHERE id > 0", [&](Statement& s) {
            const std::int64_t id = s.int64(0);
            const std::string_view value = s.text(2);
            m_strings[static_cast<std::size_t>(s.int64(1)) & 15].add(
                value, DictionaryCache::hash(value), id, false);
            m_maxStringId = std::max(m_maxStringId, id);
        });
    if (error)
        return error;
    error = m_db.forEachRow(
        "SELECT id, name, type, domain, credential FROM resource_attrs WHERE id > 0",
        [&](Statement& s) {
            attrsKey(m_attrsKey, s.text(1), s.text(2), s.text(3), s.text(4));
            m_attrs.add(m_attrsKey, DictionaryCache::hash(m_attrsKey), s.int64(0), false);
        });
    if (error)
        return error;
    return m_db.forEachRow(
        "SELECT id, rid, name, type, domain, credential FROM resources WHERE id > 0",
        [&](Statement& s) {
            const std::int64_t id = s.int64(0);
            resourceKey(m_key, s.text(1), s.text(2), s.text(3), s.text(4), s.text(5));
            m_resources.add(m_key, DictionaryCache::hash(m_key), id, false);
            m_maxResourceId = std::max(m_maxResourceId, id);
        });
}

// Called inside each write transaction: another program writing the same store (a second
// cadfscope) would add dictionary rows this writer does not know.
bool BatchWriter::checkDictionariesCurrent(StoreError& error) {
    m_maxIds.rewind();
    if (m_maxIds.step() != Statement::Step::Row) {
        error = m_maxIds.error();
        m_maxIds.reset();
        return false;
    }
    const bool current = m_maxIds.int64(0) == m_maxStringId && m_maxIds.int64(1) == m_maxResourceId;
    m_maxIds.reset();
    if (current)
        return true;
    error = resync();
    return !error;
}

// Forgets everything that may not match the file any more (after a rollback, or at open).
StoreError BatchWriter::resync() {
    m_lastStringId.fill(0);
    for (std::int64_t& id : m_lastResourceId)
        id = 0;
    m_block.clear();
    m_blockDirty = false;
    if (m_compressor)
        m_compressor->discard();
    // The dictionary row may have been rolled back: start a new one with the next full block.
    m_dictionaryId = 0;
    m_dictionary.reset();
    m_sourcesWithDictionary.clear();
    StoreError error;
    // A new block after the last one: the last one, possibly partial, stays as it is.
    m_blockId = m_db.queryInt("SELECT IFNULL(max(id), 0) + 1 FROM raw_blocks", 1, &error);
    if (error)
        return error;
    return loadDictionaries();
}

std::int64_t BatchWriter::beginSource(const SourceInfo& info, StoreError* error) {
    Statement& s = m_insertSource;
    s.reset();
    s.bind(1, static_cast<int>(info.kind)).bind(2, info.name);
    if (info.size >= 0)
        s.bind(3, info.size);
    else
        s.bindNull(3);
    s.bind(4, info.digest).bind(5, info.startedUs != 0 ? info.startedUs : nowUs());
    if (s.step() == Statement::Step::Error) {
        if (error)
            *error = s.error();
        s.reset();
        return 0;
    }
    s.reset();
    return m_db.lastInsertRowid();
}

StoreError BatchWriter::finishSource(std::int64_t id, const SourceSummary& summary) {
    Statement& s = m_finishSource;
    s.reset();
    s.bind(1, id)
        .bind(2, sourceStatusKey(summary.status))
        .bind(3, summary.records)
        .bind(4, summary.finishedUs != 0 ? summary.finishedUs : nowUs())
        .bind(5, summary.message)
        .bind(6, summary.size)
        .bind(7, summary.digest);
    StoreError error;
    if (s.step() == Statement::Step::Error)
        error = s.error();
    s.reset();
    return error;
}

std::int64_t BatchWriter::stringId(StringKind kind, std::string_view value, StoreError& error) {
    if (value.empty())
        return 0;
    const std::size_t k = static_cast<std::size_t>(kind) & 15;
    if (m_lastStringId[k] != 0 && m_lastString[k] == value)
        return m_lastStringId[k];

    DictionaryCache& cache = m_strings[k];
    const std::uint64_t hash = DictionaryCache::hash(value);
    std::int64_t id = cache.find(value, hash, [&](std::int64_t candidate) {
        m_stringById.rewind();
        m_stringById.bind(1, candidate);
        const bool same = m_stringById.step() == Statement::Step::Row &&
                          m_stringById.int64(0) == static_cast<std::int64_t>(kind) &&
                          m_stringById.text(1) == value;
        m_stringById.reset();
        return same;
    });
    if (id == DictionaryCache::kAskStore) {
        m_selectString.rewind();
        m_selectString.bind(1, static_cast<int>(kind)).bind(2, value);
        id = m_selectString.step() == Statement::Step::Row ? m_selectString.int64(0)
                                                           : DictionaryCache::kUnknown;
        m_selectString.reset();
        if (id != DictionaryCache::kUnknown)
            cache.add(value, hash, id);
    }
    if (id == DictionaryCache::kUnknown) {
        m_insertString.rewind();
        m_insertString.bind(1, static_cast<int>(kind)).bind(2, value);
        if (m_insertString.step() == Statement::Step::Error) {
            error = m_insertString.error();
            m_insertString.reset();
            return -1;
        }
        m_insertString.reset();
        id = m_db.lastInsertRowid();
        m_maxStringId = id;
        cache.add(value, hash, id);
    }
    m_lastString[k].assign(value);
    m_lastStringId[k] = id;
    return id;
}

std::int64_t BatchWriter::attrsId(const cadf::Resource& r, StoreError& error) {
    if (r.name.empty() && r.typeUri.empty() && r.domain.empty() && r.credentialType.empty())
        return 0;
    attrsKey(m_attrsKey, r.name, r.typeUri, r.domain, r.credentialType);
    const std::uint64_t hash = DictionaryCache::hash(m_attrsKey);
    auto bindAll = [&r](Statement& s) {
        s.bind(1, r.name).bind(2, r.typeUri).bind(3, r.domain).bind(4, r.credentialType);
    };
    // resource_attrs has a UNIQUE index: a SELECT settles any doubt, and the table is small.
    std::int64_t id = m_attrs.find(m_attrsKey, hash, [](std::int64_t) { return false; });
    if (id == DictionaryCache::kAskStore) {
        m_selectAttrs.rewind();
        bindAll(m_selectAttrs);
        id = m_selectAttrs.step() == Statement::Step::Row ? m_selectAttrs.int64(0)
                                                          : DictionaryCache::kUnknown;
        m_selectAttrs.reset();
        if (id != DictionaryCache::kUnknown)
            m_attrs.add(m_attrsKey, hash, id);
    }
    if (id == DictionaryCache::kUnknown) {
        m_insertAttrs.rewind();
        bindAll(m_insertAttrs);
        if (m_insertAttrs.step() == Statement::Step::Error) {
            error = m_insertAttrs.error();
            m_insertAttrs.reset();
            return -1;
        }
        m_insertAttrs.reset();
        id = m_db.lastInsertRowid();
        m_attrs.add(m_attrsKey, hash, id);
    }
    return id;
}

std::int64_t BatchWriter::resourceId(const cadf::Resource& r, int slot, StoreError& error) {
    if (r.id.empty() && r.name.empty() && r.typeUri.empty() && r.domain.empty() &&
        r.credentialType.empty())
        return 0;
    resourceKey(m_key, r.id, r.name, r.typeUri, r.domain, r.credentialType);
    if (m_lastResourceId[slot] != 0 && m_lastResourceKey[slot] == m_key)
        return m_lastResourceId[slot];

    auto bindAll = [&r](Statement& s) {
        s.bind(1, r.id)
            .bind(2, r.name)
            .bind(3, r.typeUri)
            .bind(4, r.domain)
            .bind(5, r.credentialType);
    };
    const std::uint64_t hash = DictionaryCache::hash(m_key);
    std::int64_t id = m_resources.find(m_key, hash, [&](std::int64_t candidate) {
        m_resourceById.rewind();
        m_resourceById.bind(1, candidate);
        const Statement& s = m_resourceById;
        const bool same = m_resourceById.step() == Statement::Step::Row && s.text(0) == r.id &&
                          s.text(1) == r.name && s.text(2) == r.typeUri && s.text(3) == r.domain &&
                          s.text(4) == r.credentialType;
        m_resourceById.reset();
        return same;
    });
    if (id == DictionaryCache::kAskStore) {
        m_selectResource.rewind();
        bindAll(m_selectResource);
        id = m_selectResource.step() == Statement::Step::Row ? m_selectResource.int64(0)
                                                             : DictionaryCache::kUnknown;
        m_selectResource.reset();
        if (id != DictionaryCache::kUnknown)
            m_resources.add(m_key, hash, id);
    }
    if (id == DictionaryCache::kUnknown) {
        const std::int64_t attrs = attrsId(r, error);
        if (attrs < 0)
            return -1;
        m_insertResource.rewind();
        m_insertResource.bind(1, r.id).bind(2, attrs);
        if (m_insertResource.step() == Statement::Step::Error) {
            error = m_insertResource.error();
            m_insertResource.reset();
            return -1;
        }
        m_insertResource.reset();
        id = m_db.lastInsertRowid();
        m_maxResourceId = id;
        // Not into the window of recent texts: most new targets are never seen again (URLs with
        // ids in them), and the few that are get confirmed by one rowid look-up.
        m_resources.add(m_key, hash, id, false);
    }
    m_lastResourceKey[slot] = m_key;
    m_lastResourceId[slot] = id;
    return id;
}

bool BatchWriter::writeEvent(const StoredEventInput& input, std::int64_t sourceId, bool& inserted,
                             StoreError& error) {
    const cadf::Event& ev = input.event;
    std::int64_t ids[17];
    // Dictionary look-ups first: they may insert, and the row needs every id.
    ids[0] = stringId(StringKind::Action, ev.action, error);
    ids[1] = resourceId(ev.initiator, 0, error);
    ids[2] = resourceId(ev.target, 1, error);
    ids[3] = stringId(StringKind::Address, ev.initiator.hostAddress, error);
    ids[4] = stringId(StringKind::Agent, ev.initiator.hostAgent, error);
    std::int64_t code = 0;
    const bool hasCode = numericCode(ev.reasonCode, code);
    // The text is kept only when the number does not give it back ("0200", "E42", "+1").
    const bool codeIsText =
        !ev.reasonCode.empty() && (!hasCode || std::to_string(code) != ev.reasonCode);
    ids[5] = codeIsText ? stringId(StringKind::ReasonRaw, ev.reasonCode, error) : 0;
    ids[6] = stringId(StringKind::Pattern, input.pathPattern, error);
    ids[7] = stringId(StringKind::OutcomeRaw, ev.outcomeRaw, error);
    ids[8] = stringId(StringKind::Severity, ev.severity, error);
    ids[9] = stringId(StringKind::EventType, ev.eventType, error);
    ids[10] = stringId(StringKind::TypeUri, ev.typeUri, error);
    ids[11] = stringId(StringKind::ReasonType, ev.reasonType, error);
    ids[12] = resourceId(ev.observer, 2, error);
    ids[13] = stringId(StringKind::Platform, ev.initiator.hostPlatform, error);
    ids[14] = stringId(StringKind::RequestPath, ev.requestPath, error);
    ids[15] = stringId(StringKind::SyslogHost, ev.syslog.hostname, error);
    ids[16] = stringId(StringKind::SyslogApp, ev.syslog.appName, error);
    if (error)
        return false;

    Statement& s = m_insertEvent;
    s.rewind();
    s.bind(1, ev.timeUs)
        .bind(2, static_cast<int>(ev.timeQuality))
        .bind(3, static_cast<int>(ev.outcome));
    if (hasCode)
        s.bind(4, code);
    else
        s.bindNull(4);
    s.bind(5, input.serviceId).bind(6, input.endpointId);
    s.bind(7, ids[0]).bind(8, ids[1]).bind(9, ids[2]).bind(10, ids[3]).bind(11, ids[4]);
    s.bind(12, sourceId).bind(13, input.lineNo);
    for (int i = 5; i <= 16; ++i)
        s.bind(i + 9, ids[i]);
    s.bind(26, input.byteOffset).bind(27, input.part);
    s.bind(28, static_cast<std::int64_t>(ev.digest));
    s.bind(29, m_blockId).bind(30, m_block.count());
    if (ev.id.empty())
        s.bindNull(31);
    else
        s.bind(31, ev.id);

    if (s.step() == Statement::Step::Error) {
        error = s.error();
        s.reset();
        return false;
    }
    inserted = m_db.changes() > 0;
    if (!inserted)
        return true; // a duplicate: its raw record is not stored, nor counted in the rollups
    m_rollups.add({ev.timeUs, input.serviceId, input.endpointId, static_cast<int>(ev.outcome),
                   hasCode ? code : kNoCode, ids[0], ids[1], ids[3], ids[4], ids[6]});

    const bool sameRecord = input.part > 0 && m_block.lastRecord() == input.record;
    m_block.append(ev, input.record, sameRecord);
    m_blockDirty = true;
    if (m_block.full()) {
        pushBlock(sourceId, true, error);
        if (error)
            return false;
        ++m_blockId;
        m_block.clear();
    }
    return true;
}

// The first full block of a source becomes the preset dictionary for the blocks after it (its
// last 32 KiB: deflate cannot look further back). Sources differ (CP4S syslog, OpenStack JSON),
// so each gets its own, once.
bool BatchWriter::startDictionary(std::int64_t sourceId, StoreError& error) {
    for (const std::int64_t id : m_sourcesWithDictionary)
        if (id == sourceId)
            return true;
    const std::string& plain = m_block.plain();
    const std::size_t size = std::min(plain.size(), kDictionaryBytes);
    auto dictionary = std::make_shared<const std::string>(plain.substr(plain.size() - size));
    Statement& s = m_insertDictionary;
    s.rewind();
    s.bindBlob(1, dictionary->data(), dictionary->size());
    const bool ok = s.step() != Statement::Step::Error;
    if (!ok)
        error = s.error();
    s.reset();
    if (!ok)
        return false;
    m_dictionaryId = m_db.lastInsertRowid();
    m_dictionary = std::move(dictionary);
    m_sourcesWithDictionary.push_back(sourceId);
    return true;
}

void BatchWriter::pushBlock(std::int64_t sourceId, bool full, StoreError& error) {
    if (full && !startDictionary(sourceId, error))
        return;
    m_compressor->push(m_blockId, m_block.count(), m_block.plain(), m_dictionaryId, m_dictionary,
                       !full);
    m_blockDirty = false;
}

// Writes the blocks compressed meanwhile, and the open block as it stands: it is rewritten with
// each transaction until full, so that a commit never refers to records not in the file.
bool BatchWriter::flushBlocks(StoreError& error) {
    if (m_blockDirty)
        pushBlock(0, false, error);
    if (error)
        return false;
    for (const CompressedBlock& block : m_compressor->drain()) {
        Statement& s = m_insertBlock;
        s.rewind();
        s.bind(1, block.id).bind(2, static_cast<int>(block.codec)).bind(3, block.count);
        s.bindBlob(4, block.blob.data(), block.blob.size());
        const bool ok = s.step() != Statement::Step::Error;
        if (!ok)
            error = s.error();
        s.reset();
        if (!ok)
            return false;
        ++m_stats.blocks;
        m_stats.plainBytes += block.plainSize;
        m_stats.storedBytes += static_cast<std::int64_t>(block.blob.size());
    }
    return true;
}

bool BatchWriter::writeReject(const cadf::Reject& reject, std::int64_t sourceId,
                              std::int64_t receivedUs, StoreError& error) {
    const std::string_view raw =
        std::string_view(reject.raw).substr(0, std::min(reject.raw.size(), cadf::kMaxRejectBytes));
    Statement& s = m_insertReject;
    s.rewind();
    s.bind(1, sourceId)
        .bind(2, reject.lineNo)
        .bind(3, reject.byteOffset)
        .bind(4, static_cast<int>(reject.reason))
        .bind(5, reject.detail)
        .bind(6, static_cast<std::int64_t>(reject.raw.size()));
    if (raw.empty()) {
        s.bindNull(7);
    } else {
        frameBlob(raw.size(), 0, deflateOnce(raw, 6), m_blob);
        s.bindBlob(7, m_blob.data(), m_blob.size());
    }
    s.bind(8, receivedUs);
    const bool ok = s.step() != Statement::Step::Error;
    if (!ok)
        error = s.error();
    s.reset();
    return ok;
}

void BatchWriter::rollback() {
    // SQLite rolls back by itself on some errors (SQLITE_FULL, I/O); a ROLLBACK would then fail.
    if (!sqlite3_get_autocommit(m_db.handle())) {
        m_rollback.rewind();
        m_rollback.step();
        m_rollback.reset();
    }
    resync();
}

BatchResult BatchWriter::write(const EventBatch& batch) {
    return write(std::vector<const EventBatch*>{&batch}).front();
}

bool BatchWriter::begin(StoreError& error) {
    m_begin.rewind();
    const bool ok = m_begin.step() != Statement::Step::Error;
    if (!ok)
        error = m_begin.error();
    m_begin.reset();
    if (!ok)
        return false;
    m_inTransaction = true;
    m_pending.clear();
    if (!checkDictionariesCurrent(error)) {
        abort();
        return false;
    }
    return true;
}

bool BatchWriter::add(const EventBatch& batch, BatchResult& result, StoreError& error) {
    result = BatchResult{};
    result.sourceId = batch.sourceId;
    bool ok = m_inTransaction;
    for (std::size_t i = 0; ok && i < batch.events.size(); ++i) {
        bool wasInserted = false;
        ok = writeEvent(batch.events[i], batch.sourceId, wasInserted, error);
        if (ok)
            ++(wasInserted ? result.inserted : result.duplicates);
    }
    const std::int64_t receivedUs = nowUs();
    for (std::size_t i = 0; ok && i < batch.rejects.size(); ++i)
        ok = writeReject(batch.rejects[i], batch.sourceId, receivedUs, error);
    if (ok) {
        result.rejects = static_cast<int>(batch.rejects.size());
        Statement& u = m_updateCounts;
        u.rewind();
        u.bind(1, batch.sourceId)
            .bind(2, result.inserted)
            .bind(3, result.duplicates)
            .bind(4, result.rejects);
        ok = u.step() != Statement::Step::Error;
        if (!ok)
            error = u.error();
        u.reset();
    }
    if (!ok) {
        if (!error)
            error = m_db.lastError();
        abort();
        result.inserted = result.duplicates = result.rejects = 0;
        result.error = error;
        return false;
    }
    m_pending.push_back(result);
    return true;
}

bool BatchWriter::commit(StoreError& error) {
    if (!m_inTransaction)
        return true;
    bool ok = flushBlocks(error);
    if (ok)
        ok = !(error = m_rollups.flush(m_db));
    if (ok) {
        m_commit.rewind();
        ok = m_commit.step() != Statement::Step::Error;
        if (!ok)
            error = m_commit.error();
        m_commit.reset();
    }
    if (!ok) {
        if (!error)
            error = m_db.lastError();
        abort();
        return false;
    }
    m_inTransaction = false;
    for (const BatchResult& r : m_pending) {
        ++m_stats.batches;
        m_stats.inserted += r.inserted;
        m_stats.duplicates += r.duplicates;
        m_stats.rejects += r.rejects;
    }
    m_pending.clear();
    return true;
}

void BatchWriter::abort() {
    m_rollups.clear();
    rollback();
    m_inTransaction = false;
    m_pending.clear();
}

std::vector<BatchResult> BatchWriter::write(const std::vector<const EventBatch*>& batches) {
    std::vector<BatchResult> results(batches.size());
    for (std::size_t i = 0; i < batches.size(); ++i)
        results[i].sourceId = batches[i]->sourceId;
    StoreError error;
    bool ok = begin(error);
    for (std::size_t i = 0; ok && i < batches.size(); ++i)
        ok = add(*batches[i], results[i], error);
    if (ok)
        ok = commit(error);
    if (!ok) {
        for (BatchResult& r : results) {
            r.inserted = r.duplicates = r.rejects = 0;
            r.error = error;
        }
    }
    return results;
}

} // namespace cadf::store
