#include "models/dashboard/event_scan.h"

#include "models/store/rollup_scan.h"
#include "models/store/time_units.h"

#include <algorithm>
#include <optional>

namespace cadf::dashboard::detail {

namespace {

// min(ts) or max(ts) under the filter, alone in its statement so SQLite answers it from the end
// of an index; nullopt when nothing matches or on error.
std::optional<std::int64_t> bound(store::StoreReader& reader, const store::SqlFilter& filter,
                                  const char* aggregate, store::StoreError& error) {
    std::optional<std::int64_t> out;
    error = scanEvents(reader, std::string(aggregate) + "(e.ts)", filter, nullptr,
                       [&](const store::ScanRow& s) {
                           if (!s.isNull(0))
                               out = s.int64(0);
                       });
    return out;
}

} // namespace

store::StoreError scanEvents(store::StoreReader& reader, const std::string& columns,
                             const store::SqlFilter& filter, const std::atomic_bool* cancel,
                             const std::function<void(const store::ScanRow&)>& onRow,
                             const store::TimeHistogram* span) {
    const store::ScanRowHandler handler = [&](const store::ScanRow& row, std::int64_t) {
        onRow(row);
    };
    if (span && !span->buckets.empty())
        return store::scanEventsSplit(reader, columns, filter, span->fromUs, span->toUs, cancel,
                                      handler);
    return store::scanRange(reader.database(), columns, "1", "events", filter.where, filter.params,
                            std::nullopt, std::nullopt, cancel, {}, handler,
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
    std::optional<std::int64_t> from = query.fromUs;
    std::optional<std::int64_t> to = query.toUs;
    // Without a filter the events' time index answers at once.
    if (filter.where.empty())
        hourly = nullptr;
    if (!from)
        from = hourly ? store::rollupBound(reader, filter, *hourly, false, error)
                      : bound(reader, filter, "min", error);
    if (!error && !to) {
        to = hourly ? store::rollupBound(reader, filter, *hourly, true, error)
                    : bound(reader, filter, "max", error);
        if (to)
            *to += 1; // exclusive
    }
    if (error) {
        out.error = error;
        return false;
    }
    out.ok = true;
    if (!from || !to || *to <= *from)
        return true; // nothing matches
    const std::int64_t bucket =
        store::histogramBucketSize(*to - *from, std::clamp(query.maxBuckets, 1, kMaxBuckets));
    const std::int64_t shift = std::int64_t(query.alignOffsetSeconds) * 1'000'000;
    out.bucketUs = bucket;
    out.fromUs = store::floorTo(*from + shift, bucket) - shift;
    const std::int64_t n = (*to - out.fromUs + bucket - 1) / bucket;
    out.toUs = out.fromUs + n * bucket;
    out.buckets.resize(std::size_t(n));
    for (std::int64_t i = 0; i < n; ++i)
        out.buckets[std::size_t(i)].startUs = out.fromUs + i * bucket;
    return true;
}

} // namespace cadf::dashboard::detail
