#pragma once

#include <string>

// Errors of the store come back as values: the ingest pipeline, the CLI and the GUI each decide
// how to show them, and nothing throws across the module border.
namespace cadf::store {

struct StoreError {
    int sqliteCode = 0;  // SQLITE_OK (0) when there is no error; the primary or extended code
    std::string message; // English, one line, ready for the CLI; the GUI wraps it in tr()

    explicit operator bool() const { return sqliteCode != 0; }
};

// The message for an SQLite result code, worded for an analyst rather than a developer:
// "the store is locked by another program", "the disk is full", ... `path`, when given, follows
// the sentence, and `detail` (sqlite3_errmsg) closes it when it adds something:
// "cannot open the store: /data/x.cadfdb (no such file)".
std::string describeSqliteError(int code, const std::string& detail = {},
                                const std::string& path = {});

StoreError makeStoreError(int code, const std::string& detail = {}, const std::string& path = {});

} // namespace cadf::store
