#pragma once

#include "models/store/store_error.h"
#include "models/store/store_types.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

namespace cadf::store {
class StoreReader;
}

using EventRowsPtr = std::shared_ptr<const std::vector<cadf::store::EventRow>>;
using StoredEventPtr = std::shared_ptr<const cadf::store::StoredEvent>;

// The SQL side of EventTableModel. Lives on the model's reader thread ("cadf-table-reader") and
// owns that thread's StoreReader: the UI thread never runs a query. The model calls the public
// functions through queued invokeMethod; results come back as signals tagged with the generation
// they were asked for, and the model drops the ones that are no longer current.
class EventTableReader : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventTableReader)

public:
    // `latestGeneration` is the model's current generation: requests older than it are skipped
    // without touching the store (the user scrolled on, or the query changed).
    EventTableReader(QString storePath,
                     std::shared_ptr<const std::atomic<quint64>> latestGeneration, int pageSize);
    ~EventTableReader() override;

    // Runs on the reader thread.
    void setQuery(quint64 generation, const cadf::store::SqlFilter& filter,
                  cadf::store::SortColumn sort, bool descending);
    void count(quint64 generation);
    void loadPage(quint64 generation, int page);
    void loadEvent(quint64 request, qint64 id);
    void pollVersion();

    // Thread-safe: aborts the query running now (it belongs to a generation the caller has just
    // made stale). A current request that gets caught by it is retried.
    void interrupt();

Q_SIGNALS:
    // totalEvents: every event in the store; rejects: every reject. -1 when unknown.
    void countReady(quint64 generation, qint64 count, qint64 totalEvents, qint64 rejects);
    void pageReady(quint64 generation, int page, EventRowsPtr rows);
    void pageFailed(quint64 generation, int page, const QString& message);
    void eventReady(quint64 request, qint64 id, StoredEventPtr event);
    // Another connection committed since the last poll (or the store appeared).
    void storeChanged();
    void failed(const QString& message);

private:
    bool ensureReader();
    bool stale(quint64 generation) const;
    QString lastErrorText() const;

    const QString m_storePath;
    const std::shared_ptr<const std::atomic<quint64>> m_latest;
    const int m_pageSize;

    std::mutex m_readerMutex; // guards m_reader against interrupt() from the UI thread
    std::unique_ptr<cadf::store::StoreReader> m_reader;
    std::int64_t m_lastVersion = -1;

    // The filter with its dictionary look-ups resolved once (filter::resolveLookups) for the
    // count and every page, instead of once per statement; again after the store changed.
    const cadf::store::SqlFilter& resolvedFilter();

    quint64 m_generation = 0;
    cadf::store::SqlFilter m_filter;
    cadf::store::SqlFilter m_resolved;
    bool m_resolvedKnown = false;
    cadf::store::SortColumn m_sort = cadf::store::SortColumn::Time;
    bool m_descending = false;
    // Keyset after the last row of page N (for the current generation): the next page's start.
    std::unordered_map<int, cadf::store::Keyset> m_pageEnds;
};

Q_DECLARE_METATYPE(EventRowsPtr)
Q_DECLARE_METATYPE(StoredEventPtr)
