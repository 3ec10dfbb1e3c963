#pragma once

#include "models/itemmodels/workspace_worker.h"
#include "models/store/store_types.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>

class QThread;

// Everything the workspace counts for the current filter besides the table: the time histogram
// and the facets (a quick sample first, then exact), plus the most frequent values of a field for
// the filter bar's completion. It runs on two worker threads, the histogram on one and the rest on
// the other; setFilter() makes the queries of the previous filter stale and interrupts the ones
// running (sqlite3_interrupt), so typing never queues up old work.
class WorkspaceQueries : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkspaceQueries)

public:
    static constexpr int kHistogramBuckets = 120;
    static constexpr int kTopValues = 10;
    static constexpr int kCompletionValues = 30;

    explicit WorkspaceQueries(const QString& storePath, QObject* parent = nullptr);
    ~WorkspaceQueries() override;

    // Starts counting for `filter`: the histogram, and at the same time each facet's sample;
    // the exact facets when the histogram is in.
    void setFilter(const cadf::store::SqlFilter& filter);
    // Counts again for the same filter (new events arrived).
    void refresh();
    // Offset of the display zone east of UTC: histogram buckets start at its midnights.
    void setAlignOffsetSeconds(int seconds);
    // Asks for the most frequent values of a filter field (service names, codes, ...);
    // valuesReady() answers. Cached until refresh().
    void requestValues(const QString& field);

    quint64 generation() const { return m_generation; }
    bool busy() const { return m_pending > 0; }

Q_SIGNALS:
    void histogramReady(TimeHistogramPtr histogram);
    // `exact` false: counted over the newest WorkspaceWorker::kSampleEvents matching events;
    // the exact counts follow unless a newer filter comes first.
    void facetReady(FacetKind kind, ValueCountsPtr counts, bool exact);
    void valuesReady(const QString& field, const QStringList& values);
    void busyChanged(bool busy);
    void failed(const QString& message);

private:
    void start();
    // Queues the exact facets of the current generation, once.
    void startExactFacets();
    void onHistogram(quint64 generation, TimeHistogramPtr histogram);
    void onFacet(quint64 generation, FacetKind kind, ValueCountsPtr counts, bool exact);
    void onValues(quint64 request, const QString& field, const QStringList& values);
    void finishOne();

    QThread* m_thread = nullptr;
    WorkspaceWorker* m_worker = nullptr; // facets and completion values
    QThread* m_histogramThread = nullptr;
    WorkspaceWorker* m_histogramWorker = nullptr;
    std::shared_ptr<std::atomic<quint64>> m_latest;
    std::shared_ptr<std::atomic<quint64>> m_latestValues;
    cadf::store::SqlFilter m_filter;
    quint64 m_generation = 0;
    quint64 m_valuesRequest = 0;
    int m_pending = 0;
    int m_alignOffset = 0;
    bool m_exactStarted = false;
    QHash<QString, QStringList> m_valueCache;
};
