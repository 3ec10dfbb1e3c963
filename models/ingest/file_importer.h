#pragma once

#include "models/ingest/record_reader.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace cadf::store {
class StoreWriter;
struct StoredEventInput;
} // namespace cadf::store

// Imports files into the store: reads records, parses them on the calling thread and hands
// batches to the store's single writer thread, so reading/parsing and SQLite work overlap on the
// two cores. Used by the CLI directly and by the GUI from a worker thread.
namespace cadf::ingest {

struct FileImportResult {
    std::string path;
    std::int64_t sourceId = 0;
    std::int64_t size = 0;
    std::string digest; // sha1 hex of the file as on disk
    InputShape shape = InputShape::Lines;
    bool compressed = false;
    // `records` follows the CLI's `lines` rule: one per physical line or document element, except
    // that a record holding several events (a Hermes list, a CADF log document on one line)
    // counts once per event. So events + duplicates + rejected == records, always.
    std::int64_t records = 0;
    std::int64_t physicalLines = 0;
    std::int64_t events = 0;     // new events stored
    std::int64_t duplicates = 0; // events already in the store
    std::int64_t rejected = 0;
    std::map<std::string, std::int64_t> rejectsByReason; // cadf::rejectReasonKey -> count
    std::string error;   // the file could not be read at all (nothing imported)
    std::string warning; // the file was read in part (a damaged gzip stream)
    bool cancelled = false;
    double seconds = 0;
};

struct ImportProgress {
    int fileIndex = 0; // 0-based
    int fileCount = 0;
    std::string path;
    std::int64_t bytesDone = 0; // on disk, over all files
    std::int64_t bytesTotal = 0;
    std::int64_t records = 0; // over all files so far
    std::int64_t events = 0;  // parsed events (duplicates are known only once written)
    std::int64_t rejected = 0;
    double seconds = 0;
};

class FileImporter {
public:
    explicit FileImporter(store::StoreWriter& writer);

    // Called on the importing thread at most every intervalMs (and once at the end of each file).
    void setProgressCallback(std::function<void(const ImportProgress&)> callback,
                             int intervalMs = 100);
    // Classifies each event before it is stored (the inventory's classifier); optional.
    void setClassifier(std::function<void(store::StoredEventInput&)> classify);
    void setBatchSize(int events) { m_batchSize = events; }

    // Imports the files one after the other. A file that cannot be opened is reported in its
    // result and does not stop the others. Cancelling stops at the next record; what was read
    // before is kept (and said so in the results).
    std::vector<FileImportResult> importFiles(const std::vector<std::string>& paths,
                                              const std::atomic_bool& cancel);

private:
    FileImportResult importOne(const std::string& path, const std::atomic_bool& cancel,
                               ImportProgress& progress);

    store::StoreWriter& m_writer;
    std::function<void(const ImportProgress&)> m_progress;
    std::function<void(store::StoredEventInput&)> m_classify;
    int m_progressIntervalMs = 100;
    int m_batchSize = 2000;
    std::chrono::steady_clock::time_point m_started;
};

} // namespace cadf::ingest
