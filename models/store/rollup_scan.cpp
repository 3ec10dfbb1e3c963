#include "models/store/rollup_scan.h"

#include "models/store/sql_value.h"
#include "models/store/sqlite_db.h"
#include "models/store/store_reader.h"

#include <sqlite3.h>

#include <algorithm>
#include <limits>
#include <memory>
#include <thread>
#include <utility>
#include <vector>

namespace cadf::store {

const RollupFilter* rollupFilterFor(StoreReader& reader, const SqlFilter& filter, Rollup rollup) {
    static const RollupFilter everything;
    if (!hasRollups(reader.database()))
        return nullptr;
    if (filter.where.empty())
        return &everything;
    const RollupFilter* r = filter.rollup.get();
    if (!r || r->eventsWhere != filter.where || (r->columns & ~rollupColumns(rollup)) != 0)
        return nullptr;
    return r;
}

RollupFilter andRollup(const RollupFilter& filter, const std::string& clause,
                       const std::vector<SqlValue>& params) {
    RollupFilter out = filter;
    out.where = out.where.empty() ? clause : "(" + out.where + ") AND " + clause;
    out.params.insert(out.params.end(), params.begin(), params.end());
    return out;
}

std::optional<std::int64_t> rollupBound(StoreReader& reader, const SqlFilter& events,
                                        const RollupFilter& hourly, bool last, StoreError& error) {
    Database& db = reader.database();
    const char* aggregate = last ? "max" : "min";
    // Hours that may hold a match: within the filter's own time range, if it has one.
    std::int64_t lo =
        hourly.fromUs ? floorTo(*hourly.fromUs, kHourUs) : std::numeric_limits<std::int64_t>::min();
    std::int64_t hi = hourly.toUs ? *hourly.toUs : std::numeric_limits<std::int64_t>::max();
    // The first (last) hour with a match, then the match in it. An hour cut by the filter's range
    // may hold its events only outside the range: then the next hour in.
    for (int attempt = 0; attempt < 4; ++attempt) {
        std::optional<std::int64_t> hour;
        error = scanRange(
            db, std::string(aggregate) + "(e.ts)", "0", rollupSource(Rollup::Hour), hourly.where,
            hourly.params, lo, hi, nullptr, {},
            [&](const ScanRow& s, std::int64_t) {
                if (!s.isNull(0))
                    hour = s.int64(0);
            },
            1);
        if (error || !hour)
            return std::nullopt;
        std::optional<std::int64_t> out;
        error = scanRange(
            db, std::string(aggregate) + "(e.ts)", "0", "events", events.where, events.params,
            *hour, *hour + kHourUs, nullptr, {},
            [&](const ScanRow& s, std::int64_t) {
                if (!s.isNull(0))
                    out = s.int64(0);
            },
            1);
        if (error || out)
            return out;
        if (last)
            hi = *hour;
        else
            lo = *hour + kHourUs;
    }
    return std::nullopt;
}

StoreError scanRollup(StoreReader& reader, const RollupScan& scan, const SqlFilter& events,
                      const RollupFilter& rollup, std::optional<std::int64_t> fromUs,
                      std::optional<std::int64_t> toUs, const std::atomic_bool* cancel,
                      const std::function<bool()>& stop, const ScanRowHandler& onRow) {
    Database& db = reader.database();
    // The filter's own time range narrows the caller's.
    if (rollup.fromUs)
        fromUs = fromUs ? std::max(*fromUs, *rollup.fromUs) : *rollup.fromUs;
    if (rollup.toUs)
        toUs = toUs ? std::min(*toUs, *rollup.toUs) : *rollup.toUs;
    const std::int64_t unit = rollupUnitUs(scan.rollup);
    const int rollupWeight = columnCount(scan.rollupColumns);
    const int eventWeight = columnCount(scan.eventColumns);
    auto fromRollup = [&](std::optional<std::int64_t> lo, std::optional<std::int64_t> hi) {
        return scanRange(db, scan.rollupColumns, "e.n", rollupSource(scan.rollup), rollup.where,
                         rollup.params, lo, hi, cancel, stop, onRow, rollupWeight);
    };
    auto fromEvents = [&](std::int64_t lo, std::int64_t hi) {
        return scanRange(db, scan.eventColumns, "1", "events", events.where, events.params, lo, hi,
                         cancel, stop, onRow, eventWeight);
    };
    if (!fromUs && !toUs)
        return fromRollup(std::nullopt, std::nullopt);
    // Whole units: [lo, hi); the rest of [fromUs, toUs) is at most one partial unit each side
    // (or, inside one unit or across one boundary only, the whole range: events alone).
    const std::int64_t lo =
        fromUs ? ceilTo(*fromUs, unit) : std::numeric_limits<std::int64_t>::min();
    const std::int64_t hi = toUs ? floorTo(*toUs, unit) : std::numeric_limits<std::int64_t>::max();
    const bool wholeUnits = lo < hi;                          // if not, both ends are given
    std::vector<std::pair<std::int64_t, std::int64_t>> edges; // from events, in time order
    if (!wholeUnits) {
        edges.emplace_back(*fromUs, *toUs);
    } else {
        if (fromUs && *fromUs < lo)
            edges.emplace_back(*fromUs, lo);
        if (toUs && hi < *toUs)
            edges.emplace_back(hi, *toUs);
    }

    // The later half of the edges' time (cut on an hour) to a second thread, when worth it.
    std::int64_t edgeUs = 0;
    for (const auto& [a, b] : edges)
        edgeUs += b - a;
    std::unique_ptr<BackgroundEventScan> parallel;
    if (edgeUs >= kParallelScanUs) {
        auto& last = edges.back();
        const std::int64_t cut = std::max(last.first, floorTo(last.second - edgeUs / 2, kHourUs));
        parallel = std::make_unique<BackgroundEventScan>(db.path(), scan.eventColumns, events, cut,
                                                         last.second, cancel);
        last.second = cut;
    }
    // The callers aggregate: the order of the parts does not matter.
    auto readHere = [&]() -> StoreError {
        for (const auto& [a, b] : edges) {
            if (a >= b)
                continue;
            if (StoreError e = fromEvents(a, b))
                return e;
        }
        if (!wholeUnits)
            return {};
        return fromRollup(fromUs ? std::optional(lo) : std::nullopt,
                          toUs ? std::optional(hi) : std::nullopt);
    };
    StoreError error = readHere();
    return parallel ? parallel->finishAfter(std::move(error), onRow) : error;
}

} // namespace cadf::store
