#pragma once

#include "models/store/store_error.h"

// The store's schema and its migrations. The version lives in PRAGMA user_version (cheap to read
// before anything else) and, for people looking at the file with other tools, in meta.
namespace cadf::store {

class Database;

inline constexpr int kSchemaVersion = 4;
inline constexpr int kBusyTimeoutMs = 5000;
// 8 KiB: the raw blocks (~15 KiB compressed) waste half a page each on average at the end of
// their overflow chain; measured against 4 and 16 KiB on the bench data.
inline constexpr int kPageSize = 8192;

// Connection settings every connection needs: busy timeout, foreign keys off, a page cache.
StoreError configureConnection(Database& db, bool writer, int busyTimeoutMs = kBusyTimeoutMs);

// Brings the file to kSchemaVersion one step at a time, each step in its own transaction, and
// switches it to WAL. Refuses (and leaves untouched) a store written by a newer cadfscope.
StoreError migrate(Database& db);

// The schema version of an open store without changing anything.
int schemaVersion(Database& db, StoreError* error);

} // namespace cadf::store
