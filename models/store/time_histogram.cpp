#include "models/store/time_histogram.h"

#include "models/store/rollup_scan.h"
#include "models/store/sql_value.h"
#include "models/store/store_reader.h"

#include <algorithm>

namespace cadf::store {

namespace {

constexpr std::int64_t kSecond = 1'000'000;

// min(ts) or max(ts) under the filter; nullopt when nothing matches or on error.
std::optional<std::int64_t> bound(Database& db, const SqlFilter& filter, const char* aggregate,
                                  StoreError& error) {
    std::string sql = std::string("SELECT ") + aggregate + "(e.ts) FROM events e";
    if (!filter.where.empty())
        sql += " WHERE (" + filter.where + ")";
    Statement s = db.prepare(sql, &error);
    if (!s)
        return std::nullopt;
    bindParams(s, filter.params);
    if (s.step() != Statement::Step::Row) {
        error = s.error();
        return std::nullopt;
    }
    if (s.isNull(0))
        return std::nullopt;
    return s.int64(0);
}

} // namespace

std::int64_t histogramBucketSize(std::int64_t spanUs, int maxBuckets) {
    static constexpr std::int64_t kSteps[] = {
        1,          2,          5,           10,         15,        30,        60,
        120,        300,        600,         900,        1800,      3600,      7200,
        10800,      21600,      43200,       86400,      2 * 86400, 7 * 86400, 14 * 86400,
        30 * 86400, 91 * 86400, 182 * 86400, 365 * 86400};
    maxBuckets = std::max(1, maxBuckets);
    for (const std::int64_t seconds : kSteps) {
        if (spanUs / (seconds * kSecond) < maxBuckets)
            return seconds * kSecond;
    }
    // Centuries: whole years, as many as it takes.
    const std::int64_t year = 365 * 86400 * kSecond;
    return (spanUs / maxBuckets / year + 1) * year;
}

std::optional<std::pair<std::int64_t, std::int64_t>>
matchSpan(StoreReader& reader, const SqlFilter& filter, std::optional<std::int64_t> fromUs,
          std::optional<std::int64_t> toUs, const RollupFilter* hourly, StoreError& error) {
    // Without a filter the events' time index answers at once.
    if (filter.where.empty())
        hourly = nullptr;
    if (!fromUs)
        fromUs = hourly ? rollupBound(reader, filter, *hourly, false, error)
                        : bound(reader.database(), filter, "min", error);
    if (!error && !toUs) {
        toUs = hourly ? rollupBound(reader, filter, *hourly, true, error)
                      : bound(reader.database(), filter, "max", error);
        if (toUs)
            *toUs += 1; // exclusive
    }
    if (error || !fromUs || !toUs || *toUs <= *fromUs)
        return std::nullopt;
    return std::pair(*fromUs, *toUs);
}

void layOutBuckets(TimeHistogram& out, std::int64_t fromUs, std::int64_t toUs, int maxBuckets,
                   int alignOffsetSeconds) {
    const std::int64_t bucket = histogramBucketSize(toUs - fromUs, maxBuckets);
    const std::int64_t shift = std::int64_t(alignOffsetSeconds) * kSecond;
    out.bucketUs = bucket;
    out.fromUs = floorTo(fromUs + shift, bucket) - shift;
    const std::int64_t n = (toUs - out.fromUs + bucket - 1) / bucket;
    out.toUs = out.fromUs + n * bucket;
    out.buckets.assign(static_cast<std::size_t>(n), HistogramBucket{});
    for (std::int64_t i = 0; i < n; ++i)
        out.buckets[static_cast<std::size_t>(i)].startUs = out.fromUs + i * bucket;
}

TimeHistogram timeHistogram(StoreReader& reader, const SqlFilter& filter,
                            std::optional<std::int64_t> fromUs, std::optional<std::int64_t> toUs,
                            int maxBuckets, int alignOffsetSeconds,
                            const std::function<bool()>& stop) {
    TimeHistogram out;
    Database& db = reader.database();
    const bool explicitFrom = fromUs.has_value();
    const bool explicitTo = toUs.has_value();
    StoreError error;
    const RollupFilter* hourly = rollupFilterFor(reader, filter, Rollup::Hour);
    const auto span = matchSpan(reader, filter, fromUs, toUs, hourly, error);
    if (error) {
        out.error = error;
        return out;
    }
    if (!span) {
        out.ok = true; // nothing matches
        return out;
    }
    layOutBuckets(out, span->first, span->second, maxBuckets, alignOffsetSeconds);
    const std::int64_t bucket = out.bucketUs;
    const auto n = static_cast<std::int64_t>(out.buckets.size());

    // The explicit range ends may cut into the first and last bucket.
    const std::int64_t lo = span->first;
    const std::int64_t hi = span->second;
    // Buckets of whole hours starting on the hour (any zone a whole number of hours from UTC):
    // rollup_hour counts them, events only the partial hours at the ends of an explicit range.
    if (hourly && bucket % kHourUs == 0 && out.fromUs % kHourUs == 0) {
        RollupScan scan{Rollup::Hour, "e.ts, e.outcome", "e.ts, e.outcome"};
        out.error = scanRollup(
            reader, scan, filter, *hourly, explicitFrom ? std::optional(lo) : std::nullopt,
            explicitTo ? std::optional(hi) : std::nullopt, nullptr, stop,
            [&](const ScanRow& s, std::int64_t events) {
                const std::int64_t i = (s.int64(0) - out.fromUs) / bucket;
                const std::int64_t outcome = s.int64(1);
                if (i >= 0 && i < n && outcome >= 0 && outcome < 4)
                    out.buckets[std::size_t(i)].counts[std::size_t(outcome)] += events;
            });
        out.ok = !out.error;
        return out;
    }
    if (!filter.where.empty()) {
        // Under a filter, one pass over what it matches: SQLite picks the filter's best index,
        // where per-bucket counts would drive every count through the (outcome, ts) index and
        // test the filter on each of those rows.
        // The time bounds only when the caller gave them: a bound spanning every match would
        // tempt the planner into the time index and a row look-up per event.
        // Given bounds come first (rangeFirst), like every other ranged scan.
        const SqlFilter ranged = rangeFirst(filter, explicitFrom ? std::optional(lo) : std::nullopt,
                                            explicitTo ? std::optional(hi) : std::nullopt);
        Statement s =
            db.prepare("SELECT e.ts, e.outcome FROM events e WHERE " + ranged.where, &out.error);
        if (!s)
            return out;
        bindParams(s, ranged.params);
        for (std::int64_t rows = 0;; ++rows) {
            if ((rows & 0xffff) == 0 && stop && stop())
                return out;
            const Statement::Step step = s.step();
            if (step == Statement::Step::Done)
                break;
            if (step == Statement::Step::Error) {
                out.error = s.error();
                return out;
            }
            const std::int64_t i = (s.int64(0) - out.fromUs) / bucket;
            const std::int64_t outcome = s.int64(1);
            if (i >= 0 && i < n && outcome >= 0 && outcome < 4)
                ++out.buckets[std::size_t(i)].counts[std::size_t(outcome)];
        }
        out.ok = true;
        return out;
    }
    // Every event: per-bucket range counts on the (outcome, ts) index, nothing computed per row.
    const std::string sql = "SELECT count(*) FROM events e WHERE e.outcome = ? AND e.ts >= ? AND "
                            "e.ts < ?";
    Statement s = db.prepare(sql, &out.error);
    if (!s)
        return out;
    for (int outcome = 0; outcome < 4; ++outcome) {
        for (std::size_t i = 0; i < out.buckets.size(); ++i) {
            if (stop && stop())
                return out;
            HistogramBucket& b = out.buckets[i];
            s.rewind();
            s.bind(1, std::int64_t(outcome));
            s.bind(2, std::max(b.startUs, lo));
            s.bind(3, std::min(b.startUs + bucket, hi));
            if (s.step() != Statement::Step::Row) {
                out.error = s.error();
                return out;
            }
            b.counts[static_cast<std::size_t>(outcome)] = s.int64(0);
        }
    }
    out.ok = true;
    return out;
}

} // namespace cadf::store
