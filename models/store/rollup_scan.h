#pragma once

#include "models/store/range_scan.h"
#include "models/store/rollups.h"
#include "models/store/store_error.h"
#include "models/store/store_types.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

// Reading the rollup tables (models/store/rollups.h) for a filter and a time range: the whole
// units (hours, or 3-hour blocks) inside the range from the rollup, the partial ones at its edges
// from events, so every count is exact. The callers aggregate rows the same way whichever side they
// came from, each row weighted by the number of events it stands for.
namespace cadf::store {

class StoreReader;

// The clause over `rollup` that selects what `filter` selects, or nullptr when the rollup cannot
// answer it: the store has no rollups, the filter uses a column the rollup lacks (or time), or
// its `where` is no longer the text the rollup clause was compiled for. An empty filter fits.
const RollupFilter* rollupFilterFor(StoreReader& reader, const SqlFilter& filter, Rollup rollup);

// `filter` AND `clause`, the same clause added to both sides (the rollups carry the events'
// column names): for a service dashboard's `e.service = ?`.
RollupFilter andRollup(const RollupFilter& filter, const std::string& clause,
                       const std::vector<SqlValue>& params);

// The first (or last) time an event matching `events` has, looked up in rollup_hour (`hourly`,
// its clause) and then within that hour in events: two short queries whatever the filter.
// nullopt when nothing matches (or on error, then `error` is set).
std::optional<std::int64_t> rollupBound(StoreReader& reader, const SqlFilter& events,
                                        const RollupFilter& hourly, bool last, StoreError& error);

struct RollupScan {
    Rollup rollup = Rollup::Hour;
    std::string rollupColumns; // SELECT list over the rollup `e` (e.ts is the unit's start)
    std::string eventColumns;  // the same values over `events e`, for the edges
};

// Calls onRow(row, events) for each row: the rollup's rows for the whole units within
// [fromUs, toUs) (every unit when neither is given) and the events of the partial units at the
// edges, one each. `events` and `rollup` are the same filter for the two sides. Stops with
// SQLITE_INTERRUPT when `cancel` is set or `stop` returns true.
// Edges of 3-hour units can hold hundreds of thousands of events: when they span kParallelScanUs
// or more, the later half of their time (cut on an hour) is read on a second connection on
// another core while this thread reads the rest, and its rows are handed to onRow afterwards, on
// this thread (onRow is never called concurrently). That part is read in its own snapshot:
// during a live import it may see events committed a moment later than the rest, never an event
// twice.
StoreError scanRollup(StoreReader& reader, const RollupScan& scan, const SqlFilter& events,
                      const RollupFilter& rollup, std::optional<std::int64_t> fromUs,
                      std::optional<std::int64_t> toUs, const std::atomic_bool* cancel,
                      const std::function<bool()>& stop, const ScanRowHandler& onRow);

} // namespace cadf::store
