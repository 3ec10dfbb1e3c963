#pragma once

#include "models/itemmodels/event_table_reader.h"
#include "models/itemmodels/page_cache.h"
#include "models/store/store_types.h"

#include <QAbstractTableModel>
#include <QString>

#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <unordered_set>
#include <vector>

class QThread;

// The event table over the store, for any number of rows: it never loads the whole store.
// rowCount() is the query's count, fetched on the reader thread; data() reads a bounded LRU
// cache of 256-row pages and, on a miss, shows a placeholder and asks for that page once. Pages
// load by keyset in the SQL sort order (time by default); results carry the generation they were
// asked for, and a reload() makes everything in flight stale. No SQL runs on the thread that owns
// the model. Colours are the view's business: it reads OutcomeRole and CodeRole, so the model
// needs no QtGui and the palette decides how a failure looks.
class EventTableModel : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventTableModel)

public:
    enum Column {
        TimeColumn,
        ServiceColumn,
        ActionColumn,
        OutcomeColumn,
        CodeColumn,
        InitiatorColumn,
        TargetColumn,
        AddressColumn,
        // Not sortable: the inventory row's description (shown next to the service by default).
        EndpointColumn,
        // Hidden until the column chooser (or "Add as column") shows them; not sortable.
        AgentColumn,
        InitiatorIdColumn,
        TargetNameColumn,
        SourceColumn,
        ColumnCount
    };
    enum Role {
        EventIdRole = Qt::UserRole + 1, // qint64 events.id; invalid while the row is loading
        OutcomeRole,                    // int cadf::Outcome
        TimestampRole,                  // qint64 UTC microseconds
        LoadedRole,                     // bool: the row's page is in the cache
        CodeRole,                       // int numeric reason code, -1 when none
        FilterFieldRole,                // QString filter-language field of the column ("code")
        FilterValueRole,                // QString the cell's value as the filter matches it
    };

    static constexpr int kPageSize = 256;
    static constexpr int kMaxCachedPages = 64;
    static QString placeholderText();

    explicit EventTableModel(const QString& storePath, QObject* parent = nullptr);
    ~EventTableModel() override;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    // Sorting is done in SQL with keyset paging; columns without an index path are ignored.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    static bool isSortable(int column);
    // The filter-language field a column filters on ("service"); empty when none.
    static QString filterField(int column);

    // Inventory service name for a service id (set by the app; blank service cells without it).
    void setServiceNameProvider(std::function<QString(int)> serviceName);
    // Endpoint (inventory row id) -> its description, for the Endpoint column.
    void setEndpointNameProvider(std::function<QString(int)> endpointName);
    // The columns a fresh table shows, in their default visual order; the rest start hidden.
    static QList<int> defaultVisibleColumns();
    // Times in UTC (the default) or in the local zone of this computer, with the offset shown.
    void setLocalTime(bool local);
    bool localTime() const { return m_localTime; }

    // The events shown: a WHERE clause from the query builder (empty = all), oldest or newest
    // first. Starts a new generation.
    void setQuery(const cadf::store::SqlFilter& filter, bool newestFirst = false);
    bool newestFirst() const { return m_sort == cadf::store::SortColumn::Time && m_descending; }
    void setFilter(const cadf::store::SqlFilter& filter);
    const cadf::store::SqlFilter& filter() const { return m_filter; }
    void setSort(cadf::store::SortColumn sort, bool descending);
    cadf::store::SortColumn sortColumn() const { return m_sort; }
    bool sortDescending() const { return m_descending; }

    // Counts again and forgets every cached page: what is in flight becomes stale.
    void reload();
    // Asks the reader whether another connection committed since the last look; reloads if so.
    // Cheap (PRAGMA data_version); meant for a timer in the window.
    void refreshIfChanged();
    // Loads one stored event on the reader thread; eventLoaded() brings it back. Only the answer
    // to the latest request is delivered.
    void requestEvent(qint64 id);

    bool countKnown() const { return m_countKnown; }
    // The count of the current query has arrived (countKnown() may still hold the previous one).
    bool countCurrent() const { return m_countFresh; }
    qint64 matchingEvents() const { return m_matching; }
    qint64 totalEvents() const { return m_total; }
    qint64 totalRejects() const { return m_rejects; }
    quint64 generation() const { return m_generation; }
    // Results that arrived for an older generation and were thrown away.
    int staleResultsDropped() const { return m_staleDropped; }

    // Tests only: returns once the reader thread has handled every request sent so far (its
    // answers may still be waiting in this thread's event queue).
    void waitForReaderForTesting();

Q_SIGNALS:
    // The count (and the store's totals) arrived for the current generation.
    void countChanged(qint64 matching, qint64 totalEvents, qint64 totalRejects);
    void eventLoaded(qint64 id, StoredEventPtr event); // nullptr when it could not be read
    void readError(const QString& message);

private:
    using Rows = std::vector<cadf::store::EventRow>;

    void onCountReady(quint64 generation, qint64 count, qint64 total, qint64 rejects);
    void onPageReady(quint64 generation, int page, EventRowsPtr rows);
    void onPageFailed(quint64 generation, int page, const QString& message);
    void onEventReady(quint64 request, qint64 id, StoredEventPtr event);

    struct CachedRow {
        const cadf::store::EventRow* row = nullptr; // nullptr: not loaded (or past a page's end)
        bool fresh = false; // from the current generation (not a stale page shown meanwhile)
    };
    CachedRow rowAt(int row) const;
    void requestPage(int page) const;
    void dispatchRequests() const;
    void startGeneration();
    QVariant displayText(const cadf::store::EventRow& row, int column) const;
    QVariant toolTipText(const cadf::store::EventRow& row, int column) const;
    QString timeText(std::int64_t utcMicros, int fractionDigits) const;
    QVariant filterValue(const cadf::store::EventRow& row, int column) const;

    QThread* m_thread = nullptr;
    EventTableReader* m_reader = nullptr; // lives on m_thread
    std::shared_ptr<std::atomic<quint64>> m_latest;
    std::function<QString(int)> m_serviceName;
    std::function<QString(int)> m_endpointName;

    cadf::store::SqlFilter m_filter;
    cadf::store::SortColumn m_sort = cadf::store::SortColumn::Time;
    bool m_descending = false;
    bool m_localTime = false;
    quint64 m_generation = 0;
    int m_rowCount = 0;
    bool m_countKnown = false;
    bool m_countFresh = false;   // the count of the current generation has arrived
    bool m_queryChanged = false; // the current generation has a new filter or sort
    qint64 m_matching = 0;
    qint64 m_total = 0;
    qint64 m_rejects = 0;
    int m_staleDropped = 0;
    quint64 m_eventRequest = 0;

    // data() is const but a miss changes what is cached and asked for.
    mutable PageCache<Rows> m_cache{kMaxCachedPages};
    mutable PageCache<Rows> m_staleCache{kMaxCachedPages}; // the previous generation's pages
    mutable std::unordered_set<int> m_requested;           // queued or in flight, this generation
    mutable std::deque<int> m_queue;                       // not yet sent; the newest is sent first
    mutable int m_inFlight = 0;
    mutable std::unordered_set<int> m_failedPages; // not asked again until the next reload
};
