#pragma once

#include "models/itemmodels/covered_histogram.h"
#include "models/store/store_types.h"
#include "models/store/time_histogram.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace cadf::store {
class StoreReader;
}

// Which facet a list of counts belongs to.
enum class FacetKind { Outcome, Code, Service, Initiator, Target, Address };

using ValueCountsPtr = std::shared_ptr<const std::vector<cadf::store::ValueCount>>;
using TimeHistogramPtr = std::shared_ptr<const cadf::store::TimeHistogram>;

// The SQL side of WorkspaceQueries: facet counts, the time histogram and completion values for
// the current filter, on its own thread ("cadf-workspace", "cadf-histogram") with its own read
// connection, so the counting never competes with the event table's page loads for a connection.
// Requests older than the latest generation are skipped; a running one is interrupted by
// WorkspaceQueries.
class WorkspaceWorker : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkspaceWorker)

public:
    static constexpr int kSampleEvents = 50000;
    static constexpr int kFacetKinds = 6;

    WorkspaceWorker(QString storePath, std::shared_ptr<const std::atomic<quint64>> latest,
                    std::shared_ptr<const std::atomic<quint64>> latestValues);
    ~WorkspaceWorker() override;

    // Runs on the worker thread.
    void histogram(quint64 generation, const cadf::store::SqlFilter& filter, int maxBuckets,
                   int alignOffsetSeconds);
    // Every facet counted over the newest kSampleEvents matching events: one query, a fraction
    // of a second on any store. `limits[kind]`: values kept per facet, 0 = all.
    void facets(quint64 generation, const cadf::store::SqlFilter& filter,
                const std::vector<int>& limits);
    // The exact counts, unless the sample of facets() already held every match: under a filter
    // one pass over its matches, without one each facet from its index.
    void exactFacets(quint64 generation, const cadf::store::SqlFilter& filter,
                     const std::vector<int>& limits);
    void values(quint64 request, const QString& field, cadf::store::GroupField group, int limit);

    // Events in the sample of facets() (kSampleEvents): smaller in tests, so that the exact
    // counts of exactFacets() have something to add on a small store.
    void setSampleEvents(int events) { m_sampleEvents = events; }

    // Thread-safe: stops the query running now.
    void interrupt();

Q_SIGNALS:
    void histogramReady(quint64 generation, TimeHistogramPtr histogram);
    // `exact` false: counts of the sample, exact ones follow.
    void facetReady(quint64 generation, FacetKind kind, ValueCountsPtr counts, bool exact);
    void valuesReady(quint64 request, const QString& field, const QStringList& values);
    void failed(quint64 generation, const QString& message);

private:
    bool ensureReader();
    // One facet exactly; false when stopped or failed (failed() says why).
    bool exactFacet(quint64 generation, FacetKind kind, const cadf::store::SqlFilter& filter,
                    int limit);
    std::string label(FacetKind kind, std::int64_t key);
    // The values of one facet (value, events) with their labels, most frequent first; at least the
    // top `limit` (0 = all), more only when tied with the limit-th.
    std::vector<cadf::store::ValueCount>
    topValues(FacetKind kind, std::vector<std::pair<std::int64_t, std::int64_t>> counts, int limit);
    // Every facet from one read of the matching events: the newest m_sampleEvents of them when
    // `sample` (`exact` says whether that was all), else all of them.
    bool countFacets(quint64 generation, const cadf::store::SqlFilter& filter,
                     const std::vector<int>& limits, bool sample, bool* exact);
    bool stale(quint64 generation) const;
    // The filter as the histogram and the facets read it, decided once per generation: its
    // dictionary look-ups resolved, and the plan for a pass over every match
    // (cadf::filter::forFullPass).
    struct PassFilters {
        cadf::store::SqlFilter resolved; // look-ups resolved, still read through its indexes
        cadf::store::SqlFilter planned;  // resolved, then planned for the full pass
    };
    PassFilters fullPass(quint64 generation, const cadf::store::SqlFilter& filter);

    const QString m_storePath;
    const std::shared_ptr<const std::atomic<quint64>> m_latest;
    const std::shared_ptr<const std::atomic<quint64>> m_latestValues;
    std::mutex m_readerMutex; // guards m_reader against interrupt() from the UI thread
    std::unique_ptr<cadf::store::StoreReader> m_reader;
    int m_sampleEvents = kSampleEvents;
    quint64 m_exactBySample = 0; // generation whose sample held every matching event
    quint64 m_fullPassGeneration = 0;
    PassFilters m_fullPass;
    CoveredHistogram m_covered;
};

Q_DECLARE_METATYPE(ValueCountsPtr)
Q_DECLARE_METATYPE(TimeHistogramPtr)
Q_DECLARE_METATYPE(FacetKind)
