#pragma once

#include "models/store/store_error.h"

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

// A thin RAII layer over the SQLite C API: ownership, error values and nothing else. The store
// needs prepared statements reused millions of times, so no per-call allocation happens here.
namespace cadf::store {

class Statement {
public:
    enum class Step { Row, Done, Error };

    Statement() = default;
    explicit Statement(sqlite3_stmt* stmt)
        : m_stmt(stmt) {}
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    bool valid() const { return m_stmt != nullptr; }
    explicit operator bool() const { return valid(); }

    // Parameter indexes are 1-based, as in SQLite. Text and blobs are bound without a copy: the
    // caller keeps them alive until step() has run (or reset()).
    Statement& bind(int idx, std::int64_t value);
    Statement& bind(int idx, int value) { return bind(idx, static_cast<std::int64_t>(value)); }
    Statement& bind(int idx, double value);
    Statement& bind(int idx, std::string_view text);
    Statement& bind(int idx, const char* text) { return bind(idx, std::string_view(text)); }
    Statement& bind(int idx, const std::string& text) { return bind(idx, std::string_view(text)); }
    Statement& bindBlob(int idx, const void* data, std::size_t size);
    Statement& bindNull(int idx);
    // Text that must outlive the caller's buffer (SQLITE_TRANSIENT: SQLite copies it).
    Statement& bindCopy(int idx, std::string_view text);

    Step step();
    // Clears the result, the bindings, and the statement's last error.
    void reset();
    // Ready to run again with the same bindings (hot loops rebind every parameter anyway).
    void rewind();

    int columnCount() const;
    bool isNull(int col) const;
    std::int64_t int64(int col) const;
    double real(int col) const;
    std::string_view text(int col) const; // valid until the next step/reset
    std::string_view blob(int col) const; // valid until the next step/reset
    std::string string(int col) const { return std::string(text(col)); }

    // The error of the last failed step, with its English message.
    StoreError error() const;
    sqlite3_stmt* handle() const { return m_stmt; }

private:
    sqlite3_stmt* m_stmt = nullptr;
    int m_lastCode = 0;
};

class Database {
public:
    enum class Mode {
        ReadWriteCreate,
        ReadWrite,
        ReadOnly,
        // A file nobody can change (read-only file in a read-only folder): no -shm, no locks.
        ReadOnlyImmutable,
    };

    Database() = default;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    StoreError open(const std::string& path, Mode mode);
    void close();
    bool isOpen() const { return m_db != nullptr; }
    const std::string& path() const { return m_path; }

    // One or more statements without results (schema, pragmas, BEGIN/COMMIT).
    StoreError exec(std::string_view sql);
    // A single statement; on failure returns an invalid Statement and fills *error.
    Statement prepare(std::string_view sql, StoreError* error = nullptr, bool persistent = false);
    // The first column of the first row as an integer (PRAGMA user_version, count(*)...).
    std::int64_t queryInt(std::string_view sql, std::int64_t fallback, StoreError* error = nullptr);
    // Runs a query without parameters and calls onRow(statement) for each row.
    template <typename OnRow> StoreError forEachRow(std::string_view sql, OnRow&& onRow) {
        StoreError error;
        Statement s = prepare(sql, &error);
        if (!s)
            return error;
        Statement::Step step;
        while ((step = s.step()) == Statement::Step::Row)
            onRow(s);
        return step == Statement::Step::Error ? s.error() : StoreError{};
    }

    StoreError lastError() const;
    std::int64_t lastInsertRowid() const;
    int changes() const;

    // Aborts the statement running on this connection. Callable from any thread; a no-op when
    // the connection is closed or closing.
    void interrupt();

    sqlite3* handle() const { return m_db; }

private:
    sqlite3* m_db = nullptr;
    std::string m_path;
    std::mutex m_interruptMutex; // keeps interrupt() from racing with close()
};

} // namespace cadf::store
