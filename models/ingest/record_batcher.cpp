#include "models/ingest/record_batcher.h"

#include <utility>

namespace cadf::ingest {

RecordBatcher::RecordBatcher(std::int64_t referenceUtcMicros)
    : m_parser(referenceUtcMicros) {
    // The raw record is stored beside the event; the parsed JSON copy would only cost memory.
    m_parser.setKeepJson(false);
    m_batch.events.reserve(static_cast<std::size_t>(m_batchSize));
}

void RecordBatcher::setClassifier(std::function<void(store::StoredEventInput&)> classify) {
    m_classify = std::move(classify);
}

void RecordBatcher::setBatchSize(int records) {
    m_batchSize = records < 1 ? 1 : records;
}

void RecordBatcher::add(std::string_view record, std::int64_t lineNo, std::int64_t byteOffset,
                        bool oversize, std::string_view rejectNote) {
    m_parsed.clear();
    RecordOutcome outcome = m_parser.parse(record, m_parsed, lineNo, byteOffset, oversize);
    if (outcome.reject) {
        if (!rejectNote.empty())
            outcome.reject->detail.append(rejectNote);
        addReject(std::move(*outcome.reject));
        return;
    }
    m_counts.records += outcome.events;
    m_counts.parsedEvents += outcome.events;
    int part = 0;
    for (cadf::Event& ev : m_parsed) {
        // Built in place: an event is ~1.5 KB of strings, and each move of it costs.
        store::StoredEventInput& in = m_batch.events.emplace_back();
        in.event = std::move(ev);
        in.record.assign(record);
        in.lineNo = lineNo;
        in.byteOffset = byteOffset;
        in.part = part++;
        if (m_classify)
            m_classify(in);
    }
}

void RecordBatcher::addReject(cadf::Reject reject) {
    ++m_counts.records;
    ++m_counts.rejected;
    ++m_counts.rejectsByReason[rejectReasonKey(reject.reason)];
    m_batch.rejects.push_back(std::move(reject));
}

store::EventBatch RecordBatcher::take() {
    store::EventBatch out = std::move(m_batch);
    resetBatch();
    return out;
}

void RecordBatcher::resetBatch() {
    const std::int64_t id = m_batch.sourceId;
    m_batch = store::EventBatch{};
    m_batch.sourceId = id;
    m_batch.events.reserve(static_cast<std::size_t>(m_batchSize));
}

} // namespace cadf::ingest
