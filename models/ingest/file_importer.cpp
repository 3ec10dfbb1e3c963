#include "models/ingest/file_importer.h"

#include "models/ingest/file_digest.h"
#include "models/ingest/record_batcher.h"
#include "models/store/store_reader.h"
#include "models/store/store_writer.h"

#include <QDateTime>

#include <chrono>
#include <optional>

namespace cadf::ingest {

namespace {

using Clock = std::chrono::steady_clock;

std::int64_t nowUtcMicros() {
    return QDateTime::currentMSecsSinceEpoch() * 1000;
}

double secondsSince(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

std::optional<store::SourceRow> committedCounts(const std::string& dbPath, std::int64_t sourceId) {
    store::StoreError error;
    const auto reader = store::StoreReader::open(dbPath, &error);
    if (!reader)
        return std::nullopt;
    for (store::SourceRow& row : reader->sources()) {
        if (row.id == sourceId)
            return std::move(row);
    }
    return std::nullopt;
}

} // namespace

FileImporter::FileImporter(store::StoreWriter& writer)
    : m_writer(writer) {}

void FileImporter::setProgressCallback(std::function<void(const ImportProgress&)> callback,
                                       int intervalMs) {
    m_progress = std::move(callback);
    m_progressIntervalMs = intervalMs;
}

void FileImporter::setClassifier(std::function<void(store::StoredEventInput&)> classify) {
    m_classify = std::move(classify);
}

std::vector<FileImportResult> FileImporter::importFiles(const std::vector<std::string>& paths,
                                                        const std::atomic_bool& cancel) {
    ImportProgress progress;
    progress.fileCount = static_cast<int>(paths.size());
    for (const std::string& p : paths) {
        RecordReader probe(p);
        std::string ignored;
        if (probe.open(&ignored))
            progress.bytesTotal += probe.fileSize();
    }
    std::vector<FileImportResult> results;
    const auto t0 = Clock::now();
    m_started = t0;
    for (std::size_t i = 0; i < paths.size(); ++i) {
        progress.fileIndex = static_cast<int>(i);
        progress.path = paths[i];
        if (cancel.load()) {
            FileImportResult skipped;
            skipped.path = paths[i];
            skipped.cancelled = true;
            results.push_back(std::move(skipped));
            continue;
        }
        const std::int64_t bytesBefore = progress.bytesDone;
        results.push_back(importOne(paths[i], cancel, progress));
        progress.bytesDone = bytesBefore + results.back().size;
        progress.seconds = secondsSince(t0);
        if (m_progress)
            m_progress(progress);
    }
    return results;
}

FileImportResult FileImporter::importOne(const std::string& path, const std::atomic_bool& cancel,
                                         ImportProgress& progress) {
    FileImportResult result;
    result.path = path;
    const auto t0 = Clock::now();

    RecordReader reader(path);
    if (!reader.open(&result.error))
        return result;
    result.size = reader.fileSize();
    result.shape = reader.shape();
    result.compressed = reader.compressed();

    store::SourceInfo info;
    info.kind = store::SourceKind::File;
    info.name = path;
    info.size = result.size;
    info.startedUs = nowUtcMicros();
    result.sourceId = m_writer.beginSource(info);
    if (result.sourceId == 0) {
        result.error = m_writer.lastError().message;
        return result;
    }

    FileSha1 digest(path);

    RecordBatcher batcher(info.startedUs);
    batcher.setSourceId(result.sourceId);
    batcher.setBatchSize(m_batchSize);
    if (m_classify)
        batcher.setClassifier(m_classify);
    const RecordCounts& counts = batcher.counts();

    const std::int64_t bytesBefore = progress.bytesDone;
    const std::int64_t recordsBefore = progress.records;
    const std::int64_t eventsBefore = progress.events;
    const std::int64_t rejectedBefore = progress.rejected;
    auto lastProgress = Clock::now();
    const auto progressInterval = std::chrono::milliseconds(m_progressIntervalMs);

    // A full writer queue is the importer's cue to hash the file (FileSha1) instead of waiting.
    auto flushBatch = [&] {
        if (batcher.pending() == 0)
            return;
        while (!digest.finished() && !cancel.load(std::memory_order_relaxed)) {
            if (m_writer.trySubmit(std::move(batcher.batch()))) {
                batcher.resetBatch();
                return;
            }
            digest.step();
        }
        m_writer.submit(batcher.take());
    };

    Record record;
    while (!cancel.load(std::memory_order_relaxed) && reader.next(record)) {
        batcher.add(record.text, record.lineNo, record.byteOffset, record.oversize);
        if (batcher.full())
            flushBatch();
        if (m_progress && Clock::now() - lastProgress >= progressInterval) {
            lastProgress = Clock::now();
            progress.bytesDone = bytesBefore + reader.bytesConsumed();
            progress.records = recordsBefore + counts.records;
            progress.events = eventsBefore + counts.parsedEvents;
            progress.rejected = rejectedBefore + counts.rejected;
            progress.seconds = secondsSince(m_started);
            m_progress(progress);
        }
    }
    result.physicalLines = record.lineNo;
    result.cancelled = cancel.load();

    if (!reader.streamError().empty() && !result.cancelled) {
        // The damaged rest of a file is one more record: nothing vanishes without a trace.
        cadf::Reject damaged;
        damaged.reason = RejectReason::StreamError;
        damaged.detail = reader.streamError();
        damaged.lineNo = record.lineNo + 1;
        damaged.byteOffset = reader.streamErrorOffset();
        batcher.addReject(std::move(damaged));
        result.warning = reader.streamError();
    }
    flushBatch();
    // What is left of the hash runs while the writer commits the last transaction.
    if (!result.cancelled)
        result.digest = digest.result(cancel);
    m_writer.flush();
    result.records = counts.records;
    result.rejected = counts.rejected;
    result.rejectsByReason = counts.rejectsByReason;

    // The writer knows which events were new: it counts duplicates in the same transactions as
    // the events, so the committed source row is the truth.
    if (m_writer.failed()) {
        result.error = m_writer.lastError().message;
    } else if (const auto committed = committedCounts(m_writer.path(), result.sourceId)) {
        result.events = committed->events;
        result.duplicates = committed->duplicates;
    }

    store::SourceSummary summary;
    summary.status = result.cancelled ? store::SourceStatus::Cancelled : store::SourceStatus::Done;
    summary.records = result.records;
    summary.message = result.cancelled ? std::string("cancelled by the user") : result.warning;
    summary.digest = result.cancelled ? std::string() : result.digest;
    m_writer.finishSource(result.sourceId, summary);
    m_writer.flush();

    result.seconds = secondsSince(t0);
    progress.records = recordsBefore + result.records;
    progress.events = eventsBefore + counts.parsedEvents;
    progress.rejected = rejectedBefore + result.rejected;
    return result;
}

} // namespace cadf::ingest
