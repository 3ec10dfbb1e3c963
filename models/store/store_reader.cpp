#include "models/store/store_reader.h"

#include "models/store/schema.h"
#include "models/store/sql_value.h"

#include <QCoreApplication>

#include <sqlite3.h>

#include <cstdio>
#include <unistd.h>

namespace cadf::store {

namespace {

constexpr std::size_t kMaxCachedBlocks = 8;
constexpr std::size_t kMaxCachedValues = 200'000;

} // namespace

std::unique_ptr<StoreReader> StoreReader::open(const std::string& path, StoreError* error) {
    return open(path, kBusyTimeoutMs, error);
}

std::unique_ptr<StoreReader> StoreReader::open(const std::string& path, int busyTimeoutMs,
                                               StoreError* error) {
    std::unique_ptr<StoreReader> reader(new StoreReader());
    StoreError e = reader->openConnection(path, busyTimeoutMs);
    if (e) {
        if (error)
            *error = std::move(e);
        return nullptr;
    }
    if (error)
        *error = {};
    return reader;
}

StoreReader::~StoreReader() {
    for (Statement* s : {&m_stringById, &m_resourceById, &m_sourceById, &m_blockById, &m_eventById,
                         &m_dataVersion, &m_dictionaryById})
        *s = Statement();
    m_db.close();
}

StoreError StoreReader::openConnection(const std::string& path, int busyTimeoutMs) {
    // A missing file must not be created by a reader: say so instead of opening an empty store.
    if (::access(path.c_str(), F_OK) != 0)
        return makeStoreError(SQLITE_CANTOPEN, "no such file", path);
    StoreError error = m_db.open(path, Database::Mode::ReadOnly);
    int version = -1;
    if (!error)
        error = configureConnection(m_db, false, busyTimeoutMs);
    if (!error)
        version = schemaVersion(m_db, &error);
    const int primary = error.sqliteCode & 0xff;
    if (error && (primary == SQLITE_CANTOPEN || primary == SQLITE_READONLY)) {
        // A WAL store whose -shm cannot be created (read-only folder): read it as immutable.
        error = m_db.open(path, Database::Mode::ReadOnlyImmutable);
        if (!error)
            error = configureConnection(m_db, false, busyTimeoutMs);
        if (!error)
            version = schemaVersion(m_db, &error);
    }
    if (error)
        return error;
    if (version > kSchemaVersion) {
        const QString text =
            QCoreApplication::translate("cadf::store",
                                        "the store was written by a newer cadfscope (schema "
                                        "version %1; this version reads up to %2)")
                .arg(version)
                .arg(kSchemaVersion);
        return StoreError{SQLITE_ERROR, text.toStdString()};
    }
    if (version < 1) {
        const QString text = QCoreApplication::translate(
            "cadf::store", "the file is not a cadfscope store (no schema)");
        return StoreError{SQLITE_NOTADB, text.toStdString()};
    }
    struct Entry {
        Statement* target;
        const char* sql;
    };
    const Entry entries[] = {
        {&m_stringById, "SELECT value FROM strings WHERE id = ?1"},
        {&m_resourceById,
         "SELECT rid, name, type, domain, credential FROM resources WHERE id = ?1"},
        {&m_sourceById, "SELECT name FROM sources WHERE id = ?1"},
        {&m_blockById, "SELECT codec, count, data FROM raw_blocks WHERE id = ?1"},
        {&m_eventById,
         "SELECT ts, tq, outcome, code, service, endpoint, action, initiator, target, address, "
         "agent, source, line, reason_raw, pattern, outcome_raw, severity, event_type, type_uri, "
         "reason_type, observer, platform, path, syslog_host, syslog_app, "
         "byte_offset, part, digest, raw_block, raw_index, cadf_id FROM events WHERE id = ?1"},
        {&m_dataVersion, "PRAGMA data_version"},
        {&m_dictionaryById, "SELECT data FROM raw_dicts WHERE id = ?1"},
    };
    for (const Entry& entry : entries) {
        *entry.target = m_db.prepare(entry.sql, &error, true);
        if (!*entry.target)
            return error;
    }
    return {};
}

bool StoreReader::fail(const StoreError& error) {
    m_error = error;
    return false;
}

bool StoreReader::failStep(const Statement& statement) {
    m_error = statement.error();
    if (!m_error)
        m_error = m_db.lastError();
    return false;
}

bool StoreReader::wasInterrupted() const {
    return (m_error.sqliteCode & 0xff) == SQLITE_INTERRUPT;
}

void StoreReader::interrupt() {
    m_db.interrupt();
}

std::int64_t StoreReader::dataVersion() {
    m_error = {};
    m_dataVersion.rewind();
    std::int64_t version = -1;
    if (m_dataVersion.step() == Statement::Step::Row)
        version = m_dataVersion.int64(0);
    else
        failStep(m_dataVersion);
    m_dataVersion.reset();
    return version;
}

Statement StoreReader::prepareFiltered(const std::string& sql, const SqlFilter& filter,
                                       int& nextParam) {
    StoreError error;
    Statement s = m_db.prepare(sql, &error);
    if (!s) {
        fail(error);
        return s;
    }
    nextParam = bindParams(s, filter.params);
    return s;
}

std::string StoreReader::stringValue(std::int64_t id) {
    if (id == 0)
        return {};
    if (auto it = m_strings.find(id); it != m_strings.end())
        return it->second;
    std::string value;
    m_stringById.rewind();
    m_stringById.bind(1, id);
    if (m_stringById.step() == Statement::Step::Row)
        value = m_stringById.string(0);
    m_stringById.reset();
    if (m_strings.size() >= kMaxCachedValues)
        m_strings.clear();
    m_strings.emplace(id, value);
    return value;
}

const StoreReader::ResourceText& StoreReader::resourceText(std::int64_t id) {
    if (auto it = m_resources.find(id); it != m_resources.end())
        return it->second;
    ResourceText text;
    if (id != 0) {
        m_resourceById.rewind();
        m_resourceById.bind(1, id);
        if (m_resourceById.step() == Statement::Step::Row) {
            text.rid = m_resourceById.string(0);
            text.name = m_resourceById.string(1);
            text.type = m_resourceById.string(2);
            text.domain = m_resourceById.string(3);
            text.credential = m_resourceById.string(4);
        }
        m_resourceById.reset();
    }
    if (m_resources.size() >= kMaxCachedValues)
        m_resources.clear();
    return m_resources.emplace(id, std::move(text)).first->second;
}

cadf::Resource StoreReader::resourceValue(std::int64_t id) {
    const ResourceText& t = resourceText(id);
    cadf::Resource r;
    r.id = t.rid;
    r.name = t.name;
    r.typeUri = t.type;
    r.domain = t.domain;
    r.credentialType = t.credential;
    return r;
}

const std::string& StoreReader::sourceName(std::int64_t id) {
    if (auto it = m_sourceNames.find(id); it != m_sourceNames.end())
        return it->second;
    std::string name;
    m_sourceById.rewind();
    m_sourceById.bind(1, id);
    if (m_sourceById.step() == Statement::Step::Row)
        name = m_sourceById.string(0);
    m_sourceById.reset();
    return m_sourceNames.emplace(id, std::move(name)).first->second;
}

const StoreReader::Block* StoreReader::block(std::int64_t id, std::int64_t minEntries) {
    for (auto it = m_blocks.begin(); it != m_blocks.end(); ++it) {
        if (it->id != id)
            continue;
        // The writer appends to its last block batch by batch: an older copy may be too short.
        if (static_cast<std::int64_t>(it->entries.size()) < minEntries) {
            m_blocks.erase(it);
            break;
        }
        m_blocks.splice(m_blocks.begin(), m_blocks, it);
        return &m_blocks.front();
    }
    m_blockById.rewind();
    m_blockById.bind(1, id);
    const Statement::Step step = m_blockById.step();
    if (step != Statement::Step::Row) {
        if (step == Statement::Step::Error)
            failStep(m_blockById);
        else
            fail(makeStoreError(SQLITE_CORRUPT, "raw block " + std::to_string(id) + " missing"));
        m_blockById.reset();
        return nullptr;
    }
    Block fresh;
    fresh.id = id;
    const auto codec = static_cast<RawCodec>(m_blockById.int64(0));
    const std::string_view blob = m_blockById.blob(2);
    BlobHeader header;
    const std::string* dict = nullptr;
    bool ok = parseBlob(codec, blob, header);
    if (ok && header.dictionaryId > 0)
        ok = (dict = dictionary(header.dictionaryId)) != nullptr;
    ok = ok &&
         unframeBlob(codec, blob, fresh.plain,
                     dict ? std::string_view(*dict) : std::string_view()) &&
         parseBlock(fresh.plain, fresh.entries);
    m_blockById.reset();
    if (!ok) {
        fail(makeStoreError(SQLITE_CORRUPT, "raw block " + std::to_string(id) + " damaged"));
        return nullptr;
    }
    if (m_blocks.size() >= kMaxCachedBlocks)
        m_blocks.pop_back();
    m_blocks.push_front(std::move(fresh));
    // Entries are views into plain: a std::string move keeps the heap buffer (blocks are far
    // beyond the small-string size), so they stay valid.
    return &m_blocks.front();
}

const std::string* StoreReader::dictionary(std::int64_t id) {
    if (auto it = m_dictionaries.find(id); it != m_dictionaries.end())
        return &it->second;
    m_dictionaryById.rewind();
    m_dictionaryById.bind(1, id);
    const std::string* found = nullptr;
    if (m_dictionaryById.step() == Statement::Step::Row)
        found = &m_dictionaries.emplace(id, std::string(m_dictionaryById.blob(0))).first->second;
    m_dictionaryById.reset();
    return found;
}

std::optional<StoredEvent> StoreReader::event(std::int64_t id) {
    m_error = {};
    Statement& s = m_eventById;
    s.rewind();
    s.bind(1, id);
    const Statement::Step step = s.step();
    if (step != Statement::Step::Row) {
        if (step == Statement::Step::Error)
            failStep(s);
        s.reset();
        return std::nullopt;
    }
    StoredEvent out;
    out.id = id;
    cadf::Event& ev = out.event;
    ev.timeUs = s.int64(0);
    ev.timeQuality = static_cast<cadf::TimeQuality>(s.int64(1));
    ev.outcome = static_cast<cadf::Outcome>(s.int64(2));
    const bool hasCode = !s.isNull(3);
    const std::int64_t code = s.int64(3);
    out.serviceId = static_cast<int>(s.int64(4));
    out.endpointId = static_cast<int>(s.int64(5));
    const std::int64_t ids[] = {s.int64(6),  s.int64(7),  s.int64(8),  s.int64(9),  s.int64(10),
                                s.int64(13), s.int64(14), s.int64(15), s.int64(16), s.int64(17),
                                s.int64(18), s.int64(19), s.int64(20), s.int64(21), s.int64(22),
                                s.int64(23), s.int64(24)};
    out.sourceId = s.int64(11);
    out.lineNo = s.int64(12);
    out.byteOffset = s.int64(25);
    out.part = static_cast<int>(s.int64(26));
    ev.digest = static_cast<std::uint64_t>(s.int64(27));
    const std::int64_t blockId = s.int64(28);
    const std::int64_t rawIndex = s.int64(29);
    ev.id = s.string(30);
    s.reset();

    ev.action = stringValue(ids[0]);
    out.initiatorRef = ids[1];
    ev.initiator = resourceValue(ids[1]);
    out.targetRef = ids[2];
    ev.target = resourceValue(ids[2]);
    ev.initiator.hostAddress = stringValue(ids[3]);
    ev.initiator.hostAgent = stringValue(ids[4]);
    if (ids[5] != 0)
        ev.reasonCode = stringValue(ids[5]);
    else if (hasCode)
        ev.reasonCode = std::to_string(code);
    out.pathPattern = stringValue(ids[6]);
    ev.outcomeRaw = stringValue(ids[7]);
    ev.severity = stringValue(ids[8]);
    ev.eventType = stringValue(ids[9]);
    ev.typeUri = stringValue(ids[10]);
    ev.reasonType = stringValue(ids[11]);
    out.observerRef = ids[12];
    ev.observer = resourceValue(ids[12]);
    ev.initiator.hostPlatform = stringValue(ids[13]);
    ev.requestPath = stringValue(ids[14]);
    ev.syslog.hostname = stringValue(ids[15]);
    ev.syslog.appName = stringValue(ids[16]);
    out.sourceName = sourceName(out.sourceId);

    const Block* b = block(blockId, rawIndex + 1);
    if (!b)
        return std::nullopt;
    if (rawIndex < 0 || rawIndex >= static_cast<std::int64_t>(b->entries.size())) {
        fail(makeStoreError(SQLITE_CORRUPT,
                            "raw record of event " + std::to_string(id) + " missing"));
        return std::nullopt;
    }
    const RawEntry& entry = b->entries[static_cast<std::size_t>(rawIndex)];
    out.record.assign(entry.record);
    ev.json.assign(entry.json);
    if (!decodeExtras(entry.extras, ev)) {
        fail(makeStoreError(SQLITE_CORRUPT,
                            "attributes of event " + std::to_string(id) + " damaged"));
        return std::nullopt;
    }
    return out;
}

std::int64_t StoreReader::totalEvents() {
    m_error = {};
    StoreError error;
    const std::int64_t n = m_db.queryInt("SELECT IFNULL(sum(events), 0) FROM sources", -1, &error);
    if (error)
        fail(error);
    return error ? -1 : n;
}

std::int64_t StoreReader::countEvents(const SqlFilter& filter) {
    if (filter.where.empty())
        return totalEvents();
    m_error = {};
    int next = 1;
    Statement s =
        prepareFiltered("SELECT count(*) FROM events e WHERE (" + filter.where + ")", filter, next);
    if (!s)
        return -1;
    if (s.step() != Statement::Step::Row) {
        failStep(s);
        return -1;
    }
    return s.int64(0);
}

} // namespace cadf::store
