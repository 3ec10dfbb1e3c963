#pragma once

#include "models/cadf/event.h"
#include "models/cadf/record_parser.h"
#include "models/store/event_batch.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

// The per-record step every ingest path shares (file import and the syslog listeners): parse one
// record, classify its events, and append them (or its reject) to the batch being filled, with
// the counts the summaries need. Kept in one place so a line read from a file and the same line
// received over the network end up as the same rows.
namespace cadf::ingest {

struct RecordCounts {
    // One per record, except that a record holding several events counts once per event, so
    // events + duplicates + rejected == records once the writer has reported.
    std::int64_t records = 0;
    std::int64_t parsedEvents = 0;
    std::int64_t rejected = 0;
    std::map<std::string, std::int64_t> rejectsByReason; // cadf::rejectReasonKey -> count
};

class RecordBatcher {
public:
    explicit RecordBatcher(std::int64_t referenceUtcMicros = 0);

    void setClassifier(std::function<void(store::StoredEventInput&)> classify);
    void setSourceId(std::int64_t id) { m_batch.sourceId = id; }
    std::int64_t sourceId() const { return m_batch.sourceId; }
    // Receive time for a live source: year inference and the time of last resort.
    void setReferenceTime(std::int64_t utcMicros) { m_parser.setReferenceTime(utcMicros); }
    void setBatchSize(int records);
    int batchSize() const { return m_batchSize; }

    // Parses one record into the current batch. `rejectNote` is appended to a reject's detail
    // (the listener says which sender and connection the bytes came from).
    void add(std::string_view record, std::int64_t lineNo, std::int64_t byteOffset,
             bool oversize = false, std::string_view rejectNote = {});
    // A record that never reached the parser (a damaged stream, a cut network frame).
    void addReject(cadf::Reject reject);

    // Records (events and rejects) waiting in the current batch.
    int pending() const { return static_cast<int>(m_batch.events.size() + m_batch.rejects.size()); }
    bool full() const { return pending() >= m_batchSize; }
    // Hands out the current batch and starts a new one for the same source.
    store::EventBatch take();
    // The batch being filled, for trySubmit (which leaves a refused batch untouched).
    store::EventBatch& batch() { return m_batch; }
    void resetBatch();

    const RecordCounts& counts() const { return m_counts; }

private:
    RecordParser m_parser;
    std::function<void(store::StoredEventInput&)> m_classify;
    std::vector<cadf::Event> m_parsed;
    store::EventBatch m_batch;
    RecordCounts m_counts;
    int m_batchSize = 2000;
};

} // namespace cadf::ingest
