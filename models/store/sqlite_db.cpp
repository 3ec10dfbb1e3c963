#include "models/store/sqlite_db.h"

#include <QCoreApplication>

#include <sqlite3.h>

namespace cadf::store {

namespace {

QString trStore(const char* text) {
    return QCoreApplication::translate("cadf::store", text);
}

std::string fileUri(const std::string& path, const char* query) {
    static const char hex[] = "0123456789ABCDEF";
    std::string uri = "file:";
    for (const char c : path) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '?' || c == '#' || c == '%' || u < 0x20 || u >= 0x7f) {
            uri += '%';
            uri += hex[u >> 4];
            uri += hex[u & 15];
        } else {
            uri += c;
        }
    }
    uri += '?';
    uri += query;
    return uri;
}

// Process-wide settings, before SQLite initialises itself (sqlite3_config refuses them after).
// Memory statistics cost a global mutex around every sqlite3_malloc and sqlite3_free, ~4% of the
// import's writer thread (perf, bench_import); nothing here reads them.
void configureSqliteOnce() {
    static const bool configured = [] {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        return sqlite3_initialize() == SQLITE_OK;
    }();
    (void)configured;
}

} // namespace

std::string describeSqliteError(int code, const std::string& detail, const std::string& path) {
    QString text;
    switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        text = trStore("the store is locked by another program");
        break;
    case SQLITE_READONLY:
        text = trStore("the store is read-only");
        break;
    case SQLITE_CORRUPT:
        text = trStore("the store is damaged (corrupt database)");
        break;
    case SQLITE_NOTADB:
        text = trStore("the file is not a cadfscope store (not an SQLite database)");
        break;
    case SQLITE_FULL:
        text = trStore("the disk is full");
        break;
    case SQLITE_CANTOPEN:
        text = trStore("cannot open the store");
        break;
    case SQLITE_PERM:
    case SQLITE_AUTH:
        text = trStore("permission denied");
        break;
    case SQLITE_IOERR:
        text = trStore("a read or write error occurred on the store's disk");
        break;
    case SQLITE_INTERRUPT:
        text = trStore("interrupted");
        break;
    case SQLITE_NOMEM:
        text = trStore("out of memory");
        break;
    case SQLITE_TOOBIG:
        text = trStore("a value is too big for the store");
        break;
    default:
        text = QString::fromUtf8(sqlite3_errstr(code));
        break;
    }
    std::string result = text.toStdString();
    if (!path.empty())
        result += ": " + path;
    // SQLite's own text for the code says nothing the sentence above does not.
    if (!detail.empty() && detail != sqlite3_errstr(code) && detail != "not an error") {
        result += " (";
        result += detail;
        result += ')';
    }
    return result;
}

StoreError makeStoreError(int code, const std::string& detail, const std::string& path) {
    return StoreError{code, describeSqliteError(code, detail, path)};
}

// ---- Statement ----------------------------------------------------------------------------

Statement::Statement(Statement&& other) noexcept
    : m_stmt(other.m_stmt)
    , m_lastCode(other.m_lastCode) {
    other.m_stmt = nullptr;
}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_stmt = other.m_stmt;
        m_lastCode = other.m_lastCode;
        other.m_stmt = nullptr;
    }
    return *this;
}

Statement::~Statement() {
    sqlite3_finalize(m_stmt);
}

Statement& Statement::bind(int idx, std::int64_t value) {
    sqlite3_bind_int64(m_stmt, idx, value);
    return *this;
}

Statement& Statement::bind(int idx, double value) {
    sqlite3_bind_double(m_stmt, idx, value);
    return *this;
}

Statement& Statement::bind(int idx, std::string_view text) {
    // A null data pointer would bind NULL; an empty string must stay an empty string.
    sqlite3_bind_text64(m_stmt, idx, text.data() ? text.data() : "", text.size(), SQLITE_STATIC,
                        SQLITE_UTF8);
    return *this;
}

Statement& Statement::bindCopy(int idx, std::string_view text) {
    sqlite3_bind_text64(m_stmt, idx, text.data() ? text.data() : "", text.size(), SQLITE_TRANSIENT,
                        SQLITE_UTF8);
    return *this;
}

Statement& Statement::bindBlob(int idx, const void* data, std::size_t size) {
    if (size == 0)
        sqlite3_bind_zeroblob(m_stmt, idx, 0);
    else
        sqlite3_bind_blob64(m_stmt, idx, data, size, SQLITE_STATIC);
    return *this;
}

Statement& Statement::bindNull(int idx) {
    sqlite3_bind_null(m_stmt, idx);
    return *this;
}

Statement::Step Statement::step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return Step::Row;
    if (rc == SQLITE_DONE)
        return Step::Done;
    m_lastCode = sqlite3_extended_errcode(sqlite3_db_handle(m_stmt));
    if (m_lastCode == SQLITE_OK)
        m_lastCode = rc;
    return Step::Error;
}

void Statement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    m_lastCode = 0;
}

void Statement::rewind() {
    sqlite3_reset(m_stmt);
    m_lastCode = 0;
}

int Statement::columnCount() const {
    return sqlite3_column_count(m_stmt);
}

bool Statement::isNull(int col) const {
    return sqlite3_column_type(m_stmt, col) == SQLITE_NULL;
}

std::int64_t Statement::int64(int col) const {
    return sqlite3_column_int64(m_stmt, col);
}

double Statement::real(int col) const {
    return sqlite3_column_double(m_stmt, col);
}

std::string_view Statement::text(int col) const {
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, col));
    const int size = sqlite3_column_bytes(m_stmt, col);
    return data ? std::string_view(data, static_cast<std::size_t>(size)) : std::string_view();
}

std::string_view Statement::blob(int col) const {
    const auto* data = static_cast<const char*>(sqlite3_column_blob(m_stmt, col));
    const int size = sqlite3_column_bytes(m_stmt, col);
    return data ? std::string_view(data, static_cast<std::size_t>(size)) : std::string_view();
}

StoreError Statement::error() const {
    if (m_lastCode == 0)
        return {};
    return makeStoreError(m_lastCode, sqlite3_errmsg(sqlite3_db_handle(m_stmt)));
}

// ---- Database -----------------------------------------------------------------------------

Database::~Database() {
    close();
}

StoreError Database::open(const std::string& path, Mode mode) {
    configureSqliteOnce();
    close();
    int flags = SQLITE_OPEN_NOMUTEX; // one connection per thread: SQLite's own mutex is waste
    switch (mode) {
    case Mode::ReadWriteCreate:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        break;
    case Mode::ReadWrite:
        flags |= SQLITE_OPEN_READWRITE;
        break;
    case Mode::ReadOnly:
        flags |= SQLITE_OPEN_READONLY;
        break;
    case Mode::ReadOnlyImmutable:
        flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
        break;
    }
    const std::string name = mode == Mode::ReadOnlyImmutable ? fileUri(path, "immutable=1") : path;
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(name.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        const std::string detail = db ? sqlite3_errmsg(db) : std::string();
        sqlite3_close_v2(db);
        return makeStoreError(rc, detail, path);
    }
    sqlite3_extended_result_codes(db, 1);
    {
        std::lock_guard lock(m_interruptMutex);
        m_db = db;
    }
    m_path = path;
    return {};
}

void Database::close() {
    std::lock_guard lock(m_interruptMutex);
    if (m_db) {
        // close_v2 defers the close until statements still alive are finalized, so a Statement
        // outliving its Database cannot crash the program.
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

StoreError Database::exec(std::string_view sql) {
    if (!m_db)
        return makeStoreError(SQLITE_MISUSE, "the store is not open");
    const std::string text(sql);
    char* message = nullptr;
    const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message);
    if (rc == SQLITE_OK)
        return {};
    const std::string detail = message ? message : sqlite3_errmsg(m_db);
    sqlite3_free(message);
    int code = sqlite3_extended_errcode(m_db);
    if (code == SQLITE_OK)
        code = rc;
    return makeStoreError(code, detail);
}

Statement Database::prepare(std::string_view sql, StoreError* error, bool persistent) {
    if (!m_db) {
        if (error)
            *error = makeStoreError(SQLITE_MISUSE, "the store is not open");
        return {};
    }
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()),
                                      persistent ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, nullptr);
    if (rc != SQLITE_OK) {
        if (error)
            *error = lastError();
        sqlite3_finalize(stmt);
        return {};
    }
    return Statement(stmt);
}

std::int64_t Database::queryInt(std::string_view sql, std::int64_t fallback, StoreError* error) {
    Statement stmt = prepare(sql, error);
    if (!stmt)
        return fallback;
    switch (stmt.step()) {
    case Statement::Step::Row:
        return stmt.isNull(0) ? fallback : stmt.int64(0);
    case Statement::Step::Done:
        return fallback;
    case Statement::Step::Error:
        if (error)
            *error = stmt.error();
        return fallback;
    }
    return fallback;
}

StoreError Database::lastError() const {
    if (!m_db)
        return makeStoreError(SQLITE_MISUSE, "the store is not open");
    const int code = sqlite3_extended_errcode(m_db);
    if (code == SQLITE_OK)
        return {};
    return makeStoreError(code, sqlite3_errmsg(m_db));
}

std::int64_t Database::lastInsertRowid() const {
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const {
    return sqlite3_changes(m_db);
}

void Database::interrupt() {
    std::lock_guard lock(m_interruptMutex);
    if (m_db)
        sqlite3_interrupt(m_db);
}

} // namespace cadf::store
