#pragma once

#include "models/store/store_error.h"
#include "models/store/store_types.h"

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cadf::inventory {
class Catalogue;
}
namespace cadf::store {
class StoreReader;
}

// What every dashboard and drill-down table is computed for, and the rows they share. Plain
// values: a worker thread fills them over its own StoreReader and hands them to the UI by copy.
// Nothing here may run on the UI thread (each call reads every matching event once).
namespace cadf::dashboard {

// Time buckets the views ask for (at most): the dashboards' time charts, and the wider ones of the
// Outcomes and profile pages. The benchmark asks for the same.
inline constexpr int kDashboardBuckets = 60;
inline constexpr int kPageBuckets = 80;

struct DashboardQuery {
    store::SqlFilter filter;            // the filter bar's compiled text; empty = every event
    std::optional<std::int64_t> fromUs; // time range, UTC µs, inclusive; none = first match
    std::optional<std::int64_t> toUs;   // exclusive; none = after the last match
    int maxBuckets = kDashboardBuckets; // time buckets of the charts, 1..10000 (round widths, see
                                        // store::histogramBucketSize)
    int alignOffsetSeconds = 0;         // display zone east of UTC: buckets start at its midnight
    int topN = 10;                      // rows of each "top" list; <= 0 = all
    // Polled between rows; StoreReader::interrupt() stops a running statement too. A stopped
    // call returns SQLITE_INTERRUPT.
    const std::atomic_bool* cancel = nullptr;
    // Read the rollup tables where they answer the query (models/store/rollups.h); false reads
    // events only, for benchmarks and tests that compare the two.
    bool rollups = true;
};

// An inventory endpoint (catalogue row) or, for unclassified events, nothing (endpointId 0).
struct EndpointCount {
    int endpointId = 0; // catalogue row id; 0 = unclassified
    int serviceId = 0;  // 0 = unclassified
    std::string service;
    std::string description; // the row's inventory description
    std::int64_t events = 0;
    std::int64_t failures = 0;
};

// An initiator as stored: one resources row (its id, name and type together).
struct InitiatorCount {
    std::int64_t ref = 0; // resources.id: what "filter on" / the profile use
    std::string id;
    std::string name;
    std::string type;
    std::int64_t events = 0;
    std::int64_t failures = 0;
};

struct ValueEvents {
    std::int64_t ref = 0; // dictionary id (strings.id) or resources.id
    std::string value;
    std::int64_t events = 0;
    std::int64_t failures = 0;
};

struct CodeCount {
    int code = -1; // numeric reason code; -1 when absent or not a number
    std::int64_t events = 0;
};

// `filter` AND the query's time range, as one SqlFilter (values bound, in order).
store::SqlFilter rangedFilter(const DashboardQuery& query);
// `filter` AND `clause` (over `events e`, with `params` for its `?`s).
store::SqlFilter andWhere(store::SqlFilter filter, const std::string& clause,
                          std::vector<store::SqlValue> params);

// Share of failures in percent (0 when there are no events).
double failurePercent(std::int64_t events, std::int64_t failures);

// Catalogue names of a service and an endpoint; empty for 0 or an id the catalogue lacks.
std::string serviceName(const inventory::Catalogue& catalogue, int serviceId);
std::string endpointDescription(const inventory::Catalogue& catalogue, int endpointId);
// Fills an EndpointCount's names from the catalogue.
void nameEndpoint(const inventory::Catalogue& catalogue, EndpointCount& endpoint);
// Fills an InitiatorCount's id, name and type from the store's resources (cached by the reader).
void nameInitiator(store::StoreReader& reader, InitiatorCount& initiator);

// Sorts by `key` descending (ties: `tie` ascending, so the order is stable run to run) and keeps
// at most `topN` (<= 0 = all).
template <typename Row, typename Key, typename Tie>
void keepTop(std::vector<Row>& rows, int topN, Key key, Tie tie);

} // namespace cadf::dashboard

#include <algorithm>

template <typename Row, typename Key, typename Tie>
void cadf::dashboard::keepTop(std::vector<Row>& rows, int topN, Key key, Tie tie) {
    const auto less = [&](const Row& a, const Row& b) {
        const auto ka = key(a);
        const auto kb = key(b);
        return ka != kb ? ka > kb : tie(a) < tie(b);
    };
    if (topN > 0 && rows.size() > std::size_t(topN)) {
        std::partial_sort(rows.begin(), rows.begin() + topN, rows.end(), less);
        rows.resize(std::size_t(topN));
    } else {
        std::sort(rows.begin(), rows.end(), less);
    }
}
