// SQL functions a compiled filter calls, registered on every connection of the process.
//
// cadf_raw_like(raw_block, raw_index, pattern): the event's raw record LIKE pattern (ESCAPE '\').
//   Raw records live deflated in blocks of ~100-1000 (models/store/raw_block.h), so this
//   decompresses each block once per connection and keeps the last one: events scanned in
//   rowid/time order hit the same block. The trade-off: a bare word that no dictionary holds is
//   found anywhere in the record, but every candidate event is inflated (roughly 1-3 s per
//   million events on this machine). The dictionary tests come first in the OR, so events they
//   already match skip the inflation; CompileOptions::searchRawText turns it off.
// cadf_cidr_match(cidr, address): `address` text lies in the network (filter_values.h). Only
//   ever applied to the address dictionary (strings of kind Address), never per event.
#include "models/filter/filter.h"

#include "models/filter/filter_values.h"
#include "models/store/raw_block.h"

#include <sqlite3.h>

#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace cadf::filter {

namespace {

// Per connection (a connection belongs to one thread), freed with the connection.
struct RawCache {
    std::int64_t blockId = -1;
    std::string plain;
    std::vector<store::RawEntry> entries;
    std::unordered_map<std::int64_t, std::string> dictionaries;
    std::string record; // NUL-terminated copy for sqlite3_strlike
};

bool queryBlob(sqlite3* db, const char* sql, std::int64_t id, std::int64_t* codec,
               std::string& out) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return false;
    }
    sqlite3_bind_int64(stmt, 1, id);
    bool found = false;
    if (sqlite3_step(stmt) == SQLITE_ROW) {
        const int col = codec ? 1 : 0;
        if (codec)
            *codec = sqlite3_column_int64(stmt, 0);
        const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt, col));
        out.assign(data ? data : "", std::size_t(sqlite3_column_bytes(stmt, col)));
        found = true;
    }
    sqlite3_finalize(stmt);
    return found;
}

// Loads block `id` with at least `minEntries` entries into the cache. The writer appends to its
// last block, so a cached copy that is too short is read again.
bool loadBlock(sqlite3* db, RawCache& cache, std::int64_t id, std::int64_t minEntries) {
    if (cache.blockId == id && std::int64_t(cache.entries.size()) >= minEntries)
        return true;
    cache.blockId = -1;
    cache.entries.clear();
    std::int64_t codecValue = 0;
    std::string blob;
    if (!queryBlob(db, "SELECT codec, data FROM raw_blocks WHERE id = ?1", id, &codecValue, blob))
        return false;
    const auto codec = static_cast<store::RawCodec>(codecValue);
    store::BlobHeader header;
    if (!store::parseBlob(codec, blob, header))
        return false;
    const std::string* dictionary = nullptr;
    if (header.dictionaryId > 0) {
        auto it = cache.dictionaries.find(header.dictionaryId);
        if (it == cache.dictionaries.end()) {
            std::string data;
            if (!queryBlob(db, "SELECT data FROM raw_dicts WHERE id = ?1", header.dictionaryId,
                           nullptr, data))
                return false;
            it = cache.dictionaries.emplace(header.dictionaryId, std::move(data)).first;
        }
        dictionary = &it->second;
    }
    if (!store::unframeBlob(codec, blob, cache.plain,
                            dictionary ? std::string_view(*dictionary) : std::string_view()) ||
        !store::parseBlock(cache.plain, cache.entries)) {
        cache.entries.clear();
        return false;
    }
    cache.blockId = id;
    return true;
}

void rawLike(sqlite3_context* ctx, int, sqlite3_value** argv) {
    auto* cache = static_cast<RawCache*>(sqlite3_user_data(ctx));
    const std::int64_t block = sqlite3_value_int64(argv[0]);
    const std::int64_t index = sqlite3_value_int64(argv[1]);
    const auto* pattern = reinterpret_cast<const char*>(sqlite3_value_text(argv[2]));
    if (!pattern || index < 0 ||
        !loadBlock(sqlite3_context_db_handle(ctx), *cache, block, index + 1) ||
        index >= std::int64_t(cache->entries.size())) {
        // A damaged or missing block holds no text to find; it must not stop the query.
        sqlite3_result_int(ctx, 0);
        return;
    }
    const std::string_view record = cache->entries[std::size_t(index)].record;
    cache->record.assign(record.data(), record.size());
    sqlite3_result_int(ctx, sqlite3_strlike(pattern, cache->record.c_str(), '\\') == 0);
}

void cidrMatch(sqlite3_context* ctx, int, sqlite3_value** argv) {
    const auto* cidr = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
    const auto* address = reinterpret_cast<const char*>(sqlite3_value_text(argv[1]));
    sqlite3_result_int(ctx, cidr && address && cidrContains(cidr, address));
}

int registerOn(sqlite3* db, const char**, const sqlite3_api_routines*) {
    int rc = sqlite3_create_function_v2(db, "cadf_raw_like", 3, SQLITE_UTF8, new RawCache, rawLike,
                                        nullptr, nullptr,
                                        [](void* p) { delete static_cast<RawCache*>(p); });
    if (rc == SQLITE_OK)
        rc =
            sqlite3_create_function_v2(db, "cadf_cidr_match", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                       nullptr, cidrMatch, nullptr, nullptr, nullptr);
    return rc;
}

// Connections opened before main() runs do not exist, so registering at start-up covers every
// connection of the program.
const bool kRegisteredAtStartup = (registerSqlFunctions(), true);

} // namespace

void registerSqlFunctions() {
    static std::once_flag once;
    std::call_once(once, [] {
        // SQLite's documented idiom: the entry point is passed as void(*)(void).
        sqlite3_auto_extension(reinterpret_cast<void (*)()>(&registerOn));
    });
    (void)kRegisteredAtStartup;
}

} // namespace cadf::filter
