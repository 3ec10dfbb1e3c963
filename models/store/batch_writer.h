#pragma once

#include "models/store/block_compressor.h"
#include "models/store/checkpointer.h"
#include "models/store/dictionary_cache.h"
#include "models/store/event_batch.h"
#include "models/store/raw_block.h"
#include "models/store/rollups.h"
#include "models/store/sqlite_db.h"
#include "models/store/store_types.h"

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

// The SQL side of the StoreWriter: one write connection, its prepared statements and the
// in-memory dictionary caches. Not thread-safe; StoreWriter runs it on its own thread (and the
// tests and the benchmark may drive it directly).
namespace cadf::store {

struct WriterOptions {
    int maxQueuedBatches = 4; // submit() blocks while this many batches wait
    // Group commit: a transaction stays open for the batches that follow, up to this many events
    // or this long after its first batch. The (initiator, ts), (target, ts) and (address, ts)
    // indexes cost per page dirtied, and a page dirtied by many rows of one transaction is
    // written once: 32k-event transactions are ~25% faster than 2k ones. From 32k to 128k (an
    // import, or a live feed the writer is behind on; one it keeps up with commits at
    // groupCommitMs), per event: COMMIT 1.0-1.8 -> 0.6 us, the rollup upserts 1.3 -> 0.9 us
    // (more events per key), the checkpointer 0.75 -> 0.4 us; writer 15.0 -> 13.8 us, peak RSS
    // +13 MB (bench_import 1M, thread CPU, three rounds each at load 6). 128k to 256k: each
    // commit is a pause in which only the writer runs (the parser waits for queue room, the
    // compressor for blocks), and half as many pauses gave 93.9k -> 95.9k events/s end to end
    // (median of five each, load ~2), peak RSS +21 MB; an import commits every ~2.5 s. A batch
    // is never split between transactions.
    int groupCommitEvents = 262144;
    int groupCommitMs = 200;
    // zlib level for raw blocks (on the compressor thread): 5 costs 1 byte per event more than 6
    // and 20% less compressor time, measured end to end with bench_import.
    int compressionLevel = 5;
    // Level 5's lazy matching with a shorter hash chain (16 instead of 32) but matches up to the
    // longest deflate allows (258 instead of 32): on syslog lines that repeat long runs, 1 byte per
    // event smaller and ~5% less compressor time (the real blocks of a 1M import replayed through
    // each setting; level 5 79.8 B/event 4.85 us, this 78.8 B 4.60 us; tuned level 1-3 reach
    // 3.5 us but 89-97 B, which would take the store past 400 bytes per event). These replace
    // the level's own search parameters whatever compressionLevel is: reset them with the level.
    DeflateTuning compressionTuning{8, 16, 258, 16};
    int busyTimeoutMs = 5000; // how long a write waits for another program's lock
    // PRAGMA max_page_count for the write connection, 0 = none: a quota, and how the tests make
    // the disk "full" without root.
    std::int64_t maxPageCount = 0;
    // Checkpoint the WAL on a helper thread once it holds this many pages (8 KiB each); 0 = let
    // the writer checkpoint itself, as SQLite does by default.
    int backgroundCheckpointPages = 8192;
};

struct WriterStats {
    std::int64_t batches = 0;
    std::int64_t inserted = 0;
    std::int64_t duplicates = 0;
    std::int64_t rejects = 0;
    std::int64_t blocks = 0;      // raw blocks written (each rewrite of the open one counts)
    std::int64_t plainBytes = 0;  // raw block bytes before compression
    std::int64_t storedBytes = 0; // raw block bytes after compression
};

class BatchWriter {
public:
    BatchWriter() = default;
    BatchWriter(const BatchWriter&) = delete;
    BatchWriter& operator=(const BatchWriter&) = delete;

    // Opens (creating if needed) and migrates the store.
    StoreError open(const std::string& path, const WriterOptions& options);
    void close();

    std::int64_t beginSource(const SourceInfo& info, StoreError* error);
    BatchResult write(const EventBatch& batch);
    // Several batches in one transaction: all are committed, or none (each result has the error).
    std::vector<BatchResult> write(const std::vector<const EventBatch*>& batches);

    // The same in steps, for a transaction kept open while batches arrive (group commit):
    // begin(), add() per batch, commit(). A failed add() or commit() rolls back everything since
    // begin(); the caller reports the error for every batch added since.
    bool begin(StoreError& error);
    bool add(const EventBatch& batch, BatchResult& result, StoreError& error);
    bool commit(StoreError& error);
    void abort();
    bool inTransaction() const { return m_inTransaction; }
    StoreError finishSource(std::int64_t id, const SourceSummary& summary);

    const WriterStats& stats() const { return m_stats; }
    Database& database() { return m_db; }

private:
    StoreError prepareStatements();
    static StoreError explainOpenFailure(const std::string& path, const StoreError& error);
    // One events row as bound: every string already a dictionary id.
    struct EventRow {
        std::int64_t id = 0;
        std::int64_t ts = 0;
        int tq = 0;
        int outcome = 0;
        bool hasCode = false;
        std::int64_t code = 0;
        int service = 0;
        int endpoint = 0;
        std::int64_t action = 0, initiator = 0, target = 0, address = 0, agent = 0;
        std::int64_t source = 0, line = 0;
        std::int64_t reasonRaw = 0, pattern = 0, outcomeRaw = 0, severity = 0, eventType = 0;
        std::int64_t typeUri = 0, reasonType = 0, observer = 0, platform = 0, path = 0;
        std::int64_t syslogHost = 0, syslogApp = 0;
        std::int64_t byteOffset = 0;
        int part = 0;
        std::int64_t digest = 0;
        std::int64_t rawBlock = 0;
        int rawIndex = 0;
        std::string_view cadfId; // empty: NULL
    };
    // Rows per INSERT statement: one statement for many rows opens each index's cursor once, not
    // once per row.
    static constexpr int kRowsPerInsert = 16;
    // An inserted (never a duplicate) event's counts, written to the rollups before COMMIT.
    void countInRollups(const EventRow& row);

    bool addEvents(const EventBatch& batch, BatchResult& result, StoreError& error);
    bool writeChunk(const EventBatch& batch, std::size_t first, std::size_t& next,
                    BatchResult& result, StoreError& error);
    bool writeEvent(const StoredEventInput& input, std::int64_t sourceId, bool& inserted,
                    StoreError& error);
    bool makeRow(const StoredEventInput& input, std::int64_t sourceId, EventRow& row,
                 StoreError& error);
    bool insertRows(const EventRow* rows, int count, int& inserted, StoreError& error);
    void appendRaw(const StoredEventInput& input);
    bool finishFullBlock(std::int64_t sourceId, StoreError& error);
    void pushBlock(std::int64_t sourceId, bool full, StoreError& error);
    bool writeReject(const cadf::Reject& reject, std::int64_t sourceId, std::int64_t nowUs,
                     StoreError& error);
    std::int64_t stringId(StringKind kind, std::string_view value, StoreError& error);
    std::int64_t resourceId(const cadf::Resource& resource, int slot, StoreError& error);
    std::int64_t attrsId(const cadf::Resource& resource, StoreError& error);
    bool startDictionary(std::int64_t sourceId, StoreError& error);
    bool flushBlocks(StoreError& error);
    void rollback();
    StoreError resync();
    StoreError loadDictionaries();
    bool checkDictionariesCurrent(StoreError& error);

    Database m_db;
    WriterOptions m_options;
    Statement m_begin, m_commit, m_rollback;
    std::array<Statement, kRowsPerInsert + 1> m_insertEvents; // [n] inserts n rows; on first use
    Statement m_deleteEvents;
    Statement m_insertReject, m_insertBlock, m_updateCounts;
    Statement m_selectString, m_insertString, m_selectResource, m_insertResource;
    Statement m_stringById, m_resourceById, m_maxIds, m_selectAttrs, m_insertAttrs;
    Statement m_insertSource, m_finishSource;

    std::array<DictionaryCache, 16> m_strings; // by StringKind
    DictionaryCache m_resources;               // by length-prefixed (rid, name, ...)
    DictionaryCache m_attrs;                   // by length-prefixed (name, type, ...)
    std::int64_t m_maxStringId = 0;            // the highest ids this writer knows: if the file has
    std::int64_t m_maxResourceId = 0;          // higher ones, another writer was here: reload
    // The previous value of each kind: most attributes repeat from one event to the next (type
    // URI, severity, host...), and a compare is much cheaper than a hash.
    std::array<std::string, 16> m_lastString;
    std::array<std::int64_t, 16> m_lastStringId{};
    std::string m_lastResourceKey[3];
    std::int64_t m_lastResourceId[3] = {0, 0, 0};
    std::string m_key;      // scratch for resource keys
    std::string m_attrsKey; // scratch

    // Event rows get their ids here, so that a chunk's rows are known by id: max(id) + 1 of the
    // file, read again in every transaction (another program may have written since).
    std::int64_t m_nextEventId = 1;
    std::array<EventRow, kRowsPerInsert> m_rows;

    RawBlockBuilder m_block;
    std::int64_t m_blockId = 1;
    bool m_blockDirty = false;
    std::unique_ptr<BlockCompressor> m_compressor;
    std::unique_ptr<Checkpointer> m_checkpointer;
    // The preset dictionary for new blocks: made from the first full block of each source.
    std::int64_t m_dictionaryId = 0;
    std::shared_ptr<const std::string> m_dictionary;
    std::vector<std::int64_t> m_sourcesWithDictionary;
    Statement m_insertDictionary;
    std::string m_blob; // scratch
    WriterStats m_stats;
    bool m_inTransaction = false;
    std::vector<BatchResult> m_pending; // added since begin(), counted in m_stats at commit
    RollupAccumulator m_rollups;        // the open transaction's inserted events, counted
};

} // namespace cadf::store
