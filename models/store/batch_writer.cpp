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

// The columns of an events row, in the order insertRows() binds them.
const char* const kEventColumns =
    "id, ts, tq, outcome, code, service, endpoint, action, initiator, target, address, agent, "
    "source, line, reason_raw, pattern, outcome_raw, severity, event_type, type_uri, "
    "reason_type, observer, platform, path, syslog_host, syslog_app, byte_offset, part, digest, "
    "raw_block, raw_index, cadf_id";
constexpr int kEventColumnCount = 32;

// INSERT OR IGNORE of `rows` rows: a row whose (ts, digest) is already stored is skipped.
std::string insertEventsSql(int rows) {
    std::string sql = "INSERT OR IGNORE INTO events(";
    sql += kEventColumns;
    sql += ") VALUES";
    for (int r = 0; r < rows; ++r) {
        sql += r == 0 ? "(" : ",(";
        for (int c = 0; c < kEventColumnCount; ++c)
            sql += c == 0 ? "?" : ",?";
        sql += ')';
    }
    return sql;
}

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
    m_compressor =
        std::make_unique<BlockCompressor>(m_options.compressionLevel, m_options.compressionTuning);
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
         {&m_begin, &m_commit, &m_rollback, &m_deleteEvents, &m_insertReject, &m_insertBlock,
          &m_updateCounts, &m_selectString, &m_insertString, &m_selectResource, &m_insertResource,
          &m_stringById, &m_resourceById, &m_maxIds, &m_insertSource, &m_finishSource,
          &m_insertDictionary, &m_selectAttrs, &m_insertAttrs})
        *s = Statement();
    for (Statement& s : m_insertEvents)
        s = Statement();
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
        {&m_deleteEvents, "DELETE FROM events WHERE id BETWEEN ?1 AND ?2"},
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
                    "(SELECT IFNULL(max(id), 0) FROM resource_ids), "
                    "(SELECT IFNULL(max(id), 0) FROM events)"},
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
    m_nextEventId = m_maxIds.int64(2) + 1;
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
    m_nextEventId = m_db.queryInt("SELECT IFNULL(max(id), 0) + 1 FROM events", 1, &error);
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

bool BatchWriter::makeRow(const StoredEventInput& input, std::int64_t sourceId, EventRow& row,
                          StoreError& error) {
    const cadf::Event& ev = input.event;
    row.ts = ev.timeUs;
    row.tq = static_cast<int>(ev.timeQuality);
    row.outcome = static_cast<int>(ev.outcome);
    row.hasCode = numericCode(ev.reasonCode, row.code);
    row.service = input.serviceId;
    row.endpoint = input.endpointId;
    // Dictionary look-ups may insert rows; an error is kept in `error` and stops the batch.
    row.action = stringId(StringKind::Action, ev.action, error);
    row.initiator = resourceId(ev.initiator, 0, error);
    row.target = resourceId(ev.target, 1, error);
    row.address = stringId(StringKind::Address, ev.initiator.hostAddress, error);
    row.agent = stringId(StringKind::Agent, ev.initiator.hostAgent, error);
    row.source = sourceId;
    row.line = input.lineNo;
    // The text is kept only when the number does not give it back ("0200", "E42", "+1").
    const bool codeIsText =
        !ev.reasonCode.empty() && (!row.hasCode || std::to_string(row.code) != ev.reasonCode);
    row.reasonRaw = codeIsText ? stringId(StringKind::ReasonRaw, ev.reasonCode, error) : 0;
    row.pattern = stringId(StringKind::Pattern, input.pathPattern, error);
    row.outcomeRaw = stringId(StringKind::OutcomeRaw, ev.outcomeRaw, error);
    row.severity = stringId(StringKind::Severity, ev.severity, error);
    row.eventType = stringId(StringKind::EventType, ev.eventType, error);
    row.typeUri = stringId(StringKind::TypeUri, ev.typeUri, error);
    row.reasonType = stringId(StringKind::ReasonType, ev.reasonType, error);
    row.observer = resourceId(ev.observer, 2, error);
    row.platform = stringId(StringKind::Platform, ev.initiator.hostPlatform, error);
    row.path = stringId(StringKind::RequestPath, ev.requestPath, error);
    row.syslogHost = stringId(StringKind::SyslogHost, ev.syslog.hostname, error);
    row.syslogApp = stringId(StringKind::SyslogApp, ev.syslog.appName, error);
    row.byteOffset = input.byteOffset;
    row.part = input.part;
    row.digest = static_cast<std::int64_t>(ev.digest);
    row.rawBlock = m_blockId;
    row.rawIndex = m_block.count();
    row.cadfId = ev.id;
    return !error;
}

// One INSERT for `count` rows (prepared on first use for each count). `inserted` is how many
// rows were new; the others were duplicates and are not in the table.
bool BatchWriter::insertRows(const EventRow* rows, int count, int& inserted, StoreError& error) {
    Statement& s = m_insertEvents[static_cast<std::size_t>(count)];
    if (!s) {
        s = m_db.prepare(insertEventsSql(count), &error, true);
        if (!s)
            return false;
    }
    s.rewind();
    for (int r = 0; r < count; ++r) {
        const EventRow& row = rows[r];
        const int p = r * kEventColumnCount;
        s.bind(p + 1, row.id).bind(p + 2, row.ts).bind(p + 3, row.tq).bind(p + 4, row.outcome);
        if (row.hasCode)
            s.bind(p + 5, row.code);
        else
            s.bindNull(p + 5);
        s.bind(p + 6, row.service).bind(p + 7, row.endpoint).bind(p + 8, row.action);
        s.bind(p + 9, row.initiator).bind(p + 10, row.target).bind(p + 11, row.address);
        s.bind(p + 12, row.agent).bind(p + 13, row.source).bind(p + 14, row.line);
        s.bind(p + 15, row.reasonRaw).bind(p + 16, row.pattern).bind(p + 17, row.outcomeRaw);
        s.bind(p + 18, row.severity).bind(p + 19, row.eventType).bind(p + 20, row.typeUri);
        s.bind(p + 21, row.reasonType).bind(p + 22, row.observer).bind(p + 23, row.platform);
        s.bind(p + 24, row.path).bind(p + 25, row.syslogHost).bind(p + 26, row.syslogApp);
        s.bind(p + 27, row.byteOffset).bind(p + 28, row.part).bind(p + 29, row.digest);
        s.bind(p + 30, row.rawBlock).bind(p + 31, row.rawIndex);
        if (row.cadfId.empty())
            s.bindNull(p + 32);
        else
            s.bind(p + 32, row.cadfId);
    }
    if (s.step() == Statement::Step::Error) {
        error = s.error();
        s.reset();
        return false;
    }
    inserted = m_db.changes();
    return true;
}

void BatchWriter::appendRaw(const StoredEventInput& input) {
    const bool sameRecord = input.part > 0 && m_block.lastRecord() == input.record;
    m_block.append(input.event, input.record, sameRecord);
}

// A block that filled up goes to the compressor, and the next events start a new one.
bool BatchWriter::finishFullBlock(std::int64_t sourceId, StoreError& error) {
    m_blockDirty = true;
    if (!m_block.full())
        return true;
    pushBlock(sourceId, true, error);
    if (error)
        return false;
    ++m_blockId;
    return true;
}

// One event on its own (the way back for a chunk that held a duplicate).
bool BatchWriter::writeEvent(const StoredEventInput& input, std::int64_t sourceId, bool& inserted,
                             StoreError& error) {
    EventRow& row = m_rows[0];
    if (!makeRow(input, sourceId, row, error))
        return false;
    row.id = m_nextEventId;
    int count = 0;
    if (!insertRows(&row, 1, count, error))
        return false;
    inserted = count > 0;
    if (!inserted)
        return true; // a duplicate: its raw record is not stored, nor counted in the rollups
    ++m_nextEventId;
    countInRollups(row);
    appendRaw(input);
    return finishFullBlock(sourceId, error);
}

void BatchWriter::countInRollups(const EventRow& row) {
    m_rollups.add({row.ts, row.service, row.endpoint, row.outcome, row.hasCode ? row.code : kNoCode,
                   row.action, row.initiator, row.address, row.agent, row.pattern});
}

// Up to kRowsPerInsert events from `first` in one INSERT, their raw records appended first (a
// chunk ends where the raw block fills up, so that every row of it points into one block). When
// all rows are new, that is all. When some were duplicates, the chunk's new rows are deleted,
// the block goes back to its mark and the events are written one by one: duplicates are rare
// (a re-import is mostly whole chunks of them, and those stay cheap: nothing to delete).
bool BatchWriter::writeChunk(const EventBatch& batch, std::size_t first, std::size_t& next,
                             BatchResult& result, StoreError& error) {
    const RawBlockBuilder::Mark mark = m_block.mark();
    int count = 0;
    for (std::size_t i = first; i < batch.events.size() && count < kRowsPerInsert; ++i) {
        EventRow& row = m_rows[static_cast<std::size_t>(count)];
        if (!makeRow(batch.events[i], batch.sourceId, row, error))
            return false;
        row.id = m_nextEventId + count;
        ++count;
        appendRaw(batch.events[i]);
        if (m_block.full())
            break;
    }
    next = first + static_cast<std::size_t>(count);
    int inserted = 0;
    if (!insertRows(m_rows.data(), count, inserted, error))
        return false;
    if (inserted == count) {
        for (int i = 0; i < count; ++i)
            countInRollups(m_rows[static_cast<std::size_t>(i)]);
        m_nextEventId += count;
        result.inserted += count;
        return finishFullBlock(batch.sourceId, error);
    }
    m_block.rewind(mark);
    if (inserted == 0) {
        // Nothing of the chunk went in: every row met a stored one, all are duplicates.
        result.duplicates += count;
        return true;
    }
    {
        Statement& d = m_deleteEvents;
        d.rewind();
        d.bind(1, m_nextEventId).bind(2, m_nextEventId + count - 1);
        const bool ok = d.step() != Statement::Step::Error;
        if (!ok)
            error = d.error();
        d.reset();
        if (!ok)
            return false;
    }
    for (std::size_t i = first; i < next; ++i) {
        bool wasInserted = false;
        if (!writeEvent(batch.events[i], batch.sourceId, wasInserted, error))
            return false;
        ++(wasInserted ? result.inserted : result.duplicates);
    }
    return true;
}

bool BatchWriter::addEvents(const EventBatch& batch, BatchResult& result, StoreError& error) {
    for (std::size_t i = 0; i < batch.events.size();) {
        if (!writeChunk(batch, i, i, result, error))
            return false;
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
    const int count = m_block.count();
    // A full block is handed over as it is; the open one is copied, it goes on filling.
    std::string plain = full ? m_block.takePlain(m_compressor->spareBuffer()) : m_block.plain();
    m_compressor->push(m_blockId, count, std::move(plain), m_dictionaryId, m_dictionary, !full);
    m_blockDirty = false;
}

// Writes the blocks compressed meanwhile (commit() has pushed the open block as it stands).
bool BatchWriter::flushBlocks(StoreError& error) {
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
        frameBlob(RawCodec::Deflate, raw.size(), 0, deflateOnce(raw, 6), m_blob);
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
    bool ok = m_inTransaction && addEvents(batch, result, error);
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
    // The open block is written as it stands and rewritten with each transaction until full,
    // so that a commit never refers to records not in the file. It goes to the compressor first,
    // so that the compressor deflates the blocks still queued while this thread upserts the
    // rollups: waiting for it first left a core idle at each commit (~45 ms of 200 per 128k
    // events, bench_import).
    if (m_blockDirty)
        pushBlock(0, false, error);
    bool ok = !error;
    if (ok)
        ok = !(error = m_rollups.flush(m_db));
    if (ok)
        ok = flushBlocks(error);
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
