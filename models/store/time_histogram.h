#pragma once

#include "models/store/store_error.h"
#include "models/store/store_types.h"

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

// Events per time bucket and outcome under a filter: the data of the time histogram above the
// event table. Plain values, so the reader thread hands them to the UI by copy.
namespace cadf::store {

class StoreReader;

struct HistogramBucket {
    std::int64_t startUs = 0;
    std::array<std::int64_t, 4> counts{}; // indexed by cadf::Outcome (unknown, success, ...)
    std::int64_t total() const { return counts[0] + counts[1] + counts[2] + counts[3]; }
};

struct TimeHistogram {
    bool ok = false;         // false: failed (error says why) or stopped
    StoreError error;        // SQLITE_INTERRUPT when sqlite3_interrupt() stopped it
    std::int64_t fromUs = 0; // first bucket's start
    std::int64_t toUs = 0;   // last bucket's end (exclusive)
    std::int64_t bucketUs = 0;
    std::vector<HistogramBucket> buckets; // consecutive, empty ones included
};

// A "round" bucket width (1 s, 5 s, ... 1 h, 3 h, 1 d, 7 d, ...) giving at most maxBuckets
// buckets over spanUs.
std::int64_t histogramBucketSize(std::int64_t spanUs, int maxBuckets);

struct RollupFilter;

// The span [first, last + 1) of the events matching `filter`, each end taken from fromUs / toUs
// when given. Under a filter that `hourly` (rollup_hour's clause for it, or nullptr) answers,
// each end is two short look-ups (the hour, then the event in it) instead of a walk of the
// filter's rows; else min(ts) / max(ts), each alone in its statement so SQLite answers it from
// the end of an index. nullopt when nothing matches, or on error (`error` set).
std::optional<std::pair<std::int64_t, std::int64_t>>
matchSpan(StoreReader& reader, const SqlFilter& filter, std::optional<std::int64_t> fromUs,
          std::optional<std::int64_t> toUs, const RollupFilter* hourly, StoreError& error);

// Lays out `out`'s empty buckets over [fromUs, toUs): a round width (histogramBucketSize) for
// at most maxBuckets, starting on multiples of it in the display zone (alignOffsetSeconds east
// of UTC), so days begin at local midnight.
void layOutBuckets(TimeHistogram& out, std::int64_t fromUs, std::int64_t toUs, int maxBuckets,
                   int alignOffsetSeconds);

// Counts the events matching `filter` per bucket and outcome, between fromUs and toUs (or the
// filtered events' first and last time when not given). Buckets start on multiples of their
// width in the display zone (alignOffsetSeconds east of UTC), so days begin at local midnight.
// Every event: one index range count per (outcome, bucket) over the (outcome, ts) index, each
// event counted by one small seek with nothing computed per row. Under a filter: one pass over
// the matching events, through whatever index the filter's own terms choose. `stop` is asked
// between counts: a newer request ends this one early (ok = false).
TimeHistogram timeHistogram(StoreReader& reader, const SqlFilter& filter,
                            std::optional<std::int64_t> fromUs, std::optional<std::int64_t> toUs,
                            int maxBuckets, int alignOffsetSeconds,
                            const std::function<bool()>& stop = {});

} // namespace cadf::store
