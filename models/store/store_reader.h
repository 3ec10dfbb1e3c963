#pragma once

#include "models/store/raw_block.h"
#include "models/store/sqlite_db.h"
#include "models/store/store_error.h"
#include "models/store/store_types.h"

#include <cstdint>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

// One read connection over a store, for one thread at a time (each GUI worker opens its own).
// Every query returns plain values; on failure it returns an empty result (or -1 for counts) and
// lastError() says why. interrupt() may be called from any thread to abort a stale query.
namespace cadf::store {

class StoreReader {
public:
    static std::unique_ptr<StoreReader> open(const std::string& path, StoreError* error);
    // `busyTimeoutMs`: how long a query waits for another program's exclusive lock.
    static std::unique_ptr<StoreReader> open(const std::string& path, int busyTimeoutMs,
                                             StoreError* error);
    ~StoreReader();
    StoreReader(const StoreReader&) = delete;
    StoreReader& operator=(const StoreReader&) = delete;

    // Number of events matching `filter`; -1 on error.
    std::int64_t countEvents(const SqlFilter& filter);
    // Up to `limit` events after `after` (exclusive) in (sort value, ts, id) order. Pass the
    // keysetOf() the last row of a page to get the next one; no OFFSET anywhere. Time, service,
    // outcome, code, action and address pages are index seeks whatever the depth; initiator and
    // target pages sort their labels (seconds on 10 million unfiltered events).
    // Text columns sort by their text: action and address by value, initiator by name (its id
    // when the name is empty), target by id (its name when the id is empty: targets are named
    // after their service, and their id is the URL that tells them apart).
    std::vector<EventRow> page(const SqlFilter& filter, SortColumn sort, bool descending,
                               std::optional<Keyset> after, int limit);
    // The keyset of row `offset` (0-based) in page() order, to start a page deep in the result
    // without walking every page before it: one OFFSET scan (an index walk for time order, a
    // sort for the others). nullopt with no lastError() when there are fewer rows.
    std::optional<Keyset> keysetAt(const SqlFilter& filter, SortColumn sort, bool descending,
                                   std::int64_t offset);
    // Everything about one event, the raw record decompressed; nullopt when missing or on error.
    std::optional<StoredEvent> event(std::int64_t id);
    // Events per value of `field` under `filter`, by count descending (by day ascending for Day);
    // limit <= 0 = all. Labels as for sorting: initiator name, target id; "" for a missing code.
    std::vector<ValueCount> countBy(GroupField field, const SqlFilter& filter, int limit);
    std::vector<SourceRow> sources();
    // Rejects with id > afterId in id order, raw records decompressed.
    std::vector<RejectRow> rejects(int limit, std::int64_t afterId);
    std::vector<ReasonCount> rejectCountsByReason();
    // All events in the store (kept per source by the writer: no table scan); -1 on error.
    std::int64_t totalEvents();

    // Dictionary look-ups (cached): a strings value, a resource.
    std::string stringValue(std::int64_t id);
    cadf::Resource resourceValue(std::int64_t id);

    // Aborts the query running on this reader. Thread-safe.
    void interrupt();
    // Changes whenever another connection commits (PRAGMA data_version): cheap polling for "new
    // events arrived". -1 on error.
    std::int64_t dataVersion();

    // The error of the last call; empty after a success.
    StoreError lastError() const { return m_error; }
    // The last call was stopped by interrupt().
    bool wasInterrupted() const;

    Database& database() { return m_db; }

private:
    StoreReader() = default;
    StoreError openConnection(const std::string& path, int busyTimeoutMs);

    struct Block {
        std::int64_t id = 0;
        std::string plain;
        std::vector<RawEntry> entries;
    };
    struct ResourceText {
        std::string rid, name, type, domain, credential;
    };

    const Block* block(std::int64_t id, std::int64_t minEntries);
    const std::string* dictionary(std::int64_t id);
    const ResourceText& resourceText(std::int64_t id);
    const std::string& sourceName(std::int64_t id);
    bool fail(const StoreError& error);
    bool failStep(const Statement& statement);
    Statement prepareFiltered(const std::string& sql, const SqlFilter& filter, int& nextParam);
    bool pageSegment(const std::string& sql, const SqlFilter& filter,
                     const std::vector<SqlValue>& extra, int limit, bool withSortValue,
                     std::vector<EventRow>& rows);
    std::string groupLabel(GroupField field, const Statement& row, int col);
    bool countByDay(const SqlFilter& filter, int limit, std::vector<ValueCount>& out);

    Database m_db;
    StoreError m_error;
    Statement m_stringById, m_resourceById, m_sourceById, m_blockById, m_eventById, m_dataVersion,
        m_dictionaryById;
    std::unordered_map<std::int64_t, std::string> m_dictionaries;
    std::unordered_map<std::int64_t, std::string> m_strings;
    std::unordered_map<std::int64_t, ResourceText> m_resources;
    std::unordered_map<std::int64_t, std::string> m_sourceNames;
    std::list<Block> m_blocks; // most recently used first
};

} // namespace cadf::store
