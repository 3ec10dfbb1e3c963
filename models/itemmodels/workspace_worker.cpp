#include "models/itemmodels/workspace_worker.h"

#include "models/store/store_reader.h"

#include <QFileInfo>

#include <sqlite3.h>

using cadf::store::GroupField;
using cadf::store::StoreReader;

namespace {

GroupField groupOf(FacetKind kind) {
    switch (kind) {
    case FacetKind::Outcome:
        return GroupField::Outcome;
    case FacetKind::Code:
        return GroupField::Code;
    case FacetKind::Service:
        return GroupField::Service;
    case FacetKind::Initiator:
        return GroupField::Initiator;
    case FacetKind::Target:
        return GroupField::Target;
    case FacetKind::Address:
        return GroupField::Address;
    }
    return GroupField::Outcome;
}

bool interrupted(const cadf::store::StoreError& error) {
    return (error.sqliteCode & 0xff) == SQLITE_INTERRUPT;
}

} // namespace

WorkspaceWorker::WorkspaceWorker(QString storePath,
                                 std::shared_ptr<const std::atomic<quint64>> latest,
                                 std::shared_ptr<const std::atomic<quint64>> latestValues)
    : m_storePath(std::move(storePath))
    , m_latest(std::move(latest))
    , m_latestValues(std::move(latestValues)) {}

// Destroyed on the worker thread, where the connection was opened.
WorkspaceWorker::~WorkspaceWorker() {
    const std::lock_guard lock(m_readerMutex);
    m_reader.reset();
}

bool WorkspaceWorker::stale(quint64 generation) const {
    return generation != m_latest->load(std::memory_order_acquire);
}

bool WorkspaceWorker::ensureReader() {
    if (m_reader)
        return true;
    if (!QFileInfo::exists(m_storePath))
        return false; // no store yet: nothing to count
    cadf::store::StoreError error;
    auto reader = StoreReader::open(m_storePath.toStdString(), &error);
    if (!reader)
        return false;
    const std::lock_guard lock(m_readerMutex);
    m_reader = std::move(reader);
    return true;
}

void WorkspaceWorker::interrupt() {
    const std::lock_guard lock(m_readerMutex);
    if (m_reader)
        m_reader->interrupt();
}

void WorkspaceWorker::histogram(quint64 generation, const cadf::store::SqlFilter& filter,
                                int maxBuckets, int alignOffsetSeconds) {
    if (stale(generation))
        return;
    if (!ensureReader()) {
        Q_EMIT histogramReady(generation, std::make_shared<cadf::store::TimeHistogram>());
        return;
    }
    const auto stop = [this, generation] { return stale(generation); };
    for (int attempt = 0; attempt < 2; ++attempt) {
        auto result = std::make_shared<cadf::store::TimeHistogram>(cadf::store::timeHistogram(
            *m_reader, filter, std::nullopt, std::nullopt, maxBuckets, alignOffsetSeconds, stop));
        if (stale(generation))
            return;
        if (result->ok) {
            Q_EMIT histogramReady(generation, std::move(result));
            return;
        }
        // Caught by an interrupt meant for the previous generation: run it again.
        if (!interrupted(result->error)) {
            Q_EMIT failed(generation, QString::fromStdString(result->error.message));
            return;
        }
    }
}

void WorkspaceWorker::facet(quint64 generation, FacetKind kind,
                            const cadf::store::SqlFilter& filter, int limit) {
    if (stale(generation))
        return;
    if (!ensureReader()) {
        Q_EMIT facetReady(generation, kind,
                          std::make_shared<std::vector<cadf::store::ValueCount>>());
        return;
    }
    for (int attempt = 0; attempt < 2; ++attempt) {
        auto counts = std::make_shared<std::vector<cadf::store::ValueCount>>(
            m_reader->countBy(groupOf(kind), filter, limit));
        if (stale(generation))
            return;
        const cadf::store::StoreError error = m_reader->lastError();
        if (!error) {
            Q_EMIT facetReady(generation, kind, std::move(counts));
            return;
        }
        if (!interrupted(error)) {
            Q_EMIT failed(generation, QString::fromStdString(error.message));
            return;
        }
    }
}

void WorkspaceWorker::values(quint64 request, const QString& field, GroupField group, int limit) {
    if (request != m_latestValues->load(std::memory_order_acquire) || !ensureReader())
        return;
    QStringList values;
    for (const cadf::store::ValueCount& count : m_reader->countBy(group, {}, limit)) {
        if (!count.value.empty())
            values.append(QString::fromStdString(count.value));
    }
    Q_EMIT valuesReady(request, field, values);
}
