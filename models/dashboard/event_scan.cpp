#include "models/dashboard/event_scan.h"

#include "models/store/rollup_scan.h"
#include "models/store/time_units.h"

#include <algorithm>
#include <optional>

namespace cadf::dashboard::detail {

store::StoreError scanEvents(store::StoreReader& reader, const std::string& columns,
                             const store::SqlFilter& filter, const std::atomic_bool* cancel,
                             const store::ScanRowHandler& onRow, const store::TimeHistogram* span) {
    if (span && !span->buckets.empty())
        return store::scanEventsSplit(reader, columns, filter, span->fromUs, span->toUs, cancel,
                                      onRow);
    return store::scanRange(reader.database(), columns, "1", "events", filter.where, filter.params,
                            std::nullopt, std::nullopt, cancel, {}, onRow,
                            store::columnCount(columns));
}

const store::RollupFilter* rollupFit(store::StoreReader& reader, const DashboardQuery& query,
                                     store::Rollup rollup) {
    return query.rollups ? store::rollupFilterFor(reader, query.filter, rollup) : nullptr;
}

bool bucketsOnHours(const store::TimeHistogram& histogram) {
    return histogram.bucketUs > 0 && histogram.bucketUs % store::kHourUs == 0 &&
           histogram.fromUs % store::kHourUs == 0;
}

bool histogramLayout(store::StoreReader& reader, const store::SqlFilter& filter,
                     const DashboardQuery& query, store::TimeHistogram& out,
                     store::StoreError& error, const store::RollupFilter* hourly) {
    out = store::TimeHistogram{};
    const auto span = store::matchSpan(reader, filter, query.fromUs, query.toUs, hourly, error);
    if (error) {
        out.error = error;
        return false;
    }
    out.ok = true;
    if (span) // else nothing matches
        store::layOutBuckets(out, span->first, span->second,
                             std::clamp(query.maxBuckets, 1, kMaxBuckets),
                             query.alignOffsetSeconds);
    return true;
}

} // namespace cadf::dashboard::detail
