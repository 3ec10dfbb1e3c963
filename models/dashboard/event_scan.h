#pragma once

#include "models/dashboard/dashboard_query.h"
#include "models/store/range_scan.h"
#include "models/store/rollups.h"
#include "models/store/sql_value.h"
#include "models/store/sqlite_db.h"
#include "models/store/store_reader.h"
#include "models/store/store_types.h"
#include "models/store/time_histogram.h"

#include <sqlite3.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

// The one way the dashboards read events: a single pass over the rows a filter matches, the
// aggregation done by the caller in memory. One pass feeds every chart of a dashboard, where a
// GROUP BY per chart would read the same rows once per chart, and the counts per small key
// (service, endpoint, code, bucket) fit in vectors and small hash maps.
namespace cadf::dashboard::detail {

// Calls onRow(row, 1) for each row of `SELECT <columns> FROM events e WHERE <filter>`. With `span`
// (a histogram whose [fromUs, toUs) holds every match, as histogramLayout makes it), a long span
// is read in two halves in parallel (store::scanEventsSplit); rows still reach onRow on this
// thread only. Returns an error (SQLITE_INTERRUPT when `cancel` was set or the reader
// interrupted).
store::StoreError scanEvents(store::StoreReader& reader, const std::string& columns,
                             const store::SqlFilter& filter, const std::atomic_bool* cancel,
                             const store::ScanRowHandler& onRow,
                             const store::TimeHistogram* span = nullptr);

// The buckets of a store::timeHistogram, so every series of a dashboard lines up with it.
struct BucketLayout {
    std::int64_t fromUs = 0;
    std::int64_t bucketUs = 0;
    std::size_t buckets = 0;

    explicit BucketLayout(const store::TimeHistogram& histogram)
        : fromUs(histogram.fromUs)
        , bucketUs(histogram.bucketUs)
        , buckets(histogram.buckets.size()) {}
    // -1 when outside the layout (or there is none: nothing matched).
    int bucketOf(std::int64_t ts) const {
        if (bucketUs <= 0 || ts < fromUs)
            return -1;
        const std::int64_t i = (ts - fromUs) / bucketUs;
        return i < std::int64_t(buckets) ? int(i) : -1;
    }
};

// Buckets of a chart, at most: keeps the packed per-bucket keys of the aggregates in 16 bits.
inline constexpr int kMaxBuckets = 10000;

// The buckets store::timeHistogram would use for `filter` and the query's range (the same
// round width from store::histogramBucketSize, the same alignment), all counts zero: the
// dashboards count outcomes per bucket in their own pass instead of paying a second one
// (store::timeHistogram under a filter reads every match itself: ~40% of an overview's time on
// 10M events). DashboardQuery::maxBuckets is clamped to 1..kMaxBuckets. `out.ok` is set; false with
// `error` set on failure.
// `hourly`: the filter's rollup_hour clause when it has one: the first and last match are then
// looked up through the rollup (store::rollupBound), not walked in events.
bool histogramLayout(store::StoreReader& reader, const store::SqlFilter& filter,
                     const DashboardQuery& query, store::TimeHistogram& out,
                     store::StoreError& error, const store::RollupFilter* hourly = nullptr);

// The query's filter over `rollup` when the rollup can answer it and the query allows rollups
// (store::rollupFilterFor), else nullptr.
const store::RollupFilter* rollupFit(store::StoreReader& reader, const DashboardQuery& query,
                                     store::Rollup rollup);

// Whether a histogram's buckets are whole hours starting on the hour, so that rollup_hour rows
// (one hour each) fall into exactly one bucket.
bool bucketsOnHours(const store::TimeHistogram& histogram);

// Counts one event into its bucket of `histogram` (bucket from BucketLayout::bucketOf).
inline void countOutcome(store::TimeHistogram& histogram, int bucket, std::int64_t outcome) {
    if (bucket >= 0 && outcome >= 0 && outcome < 4)
        ++histogram.buckets[std::size_t(bucket)].counts[std::size_t(outcome)];
}

// e.code as an int, -1 for NULL (of a statement's row or a store::ScanRow).
template <typename Row> int codeOf(const Row& s, int col) {
    return s.isNull(col) ? -1 : int(s.int64(col));
}

} // namespace cadf::dashboard::detail
