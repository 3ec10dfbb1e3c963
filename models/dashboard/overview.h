#pragma once

#include "models/dashboard/action_kind.h"
#include "models/dashboard/dashboard_query.h"
#include "models/store/time_histogram.h"

#include <cstdint>
#include <string>
#include <vector>

// The Overview dashboard's data for a filter and time range (issue 6): events over time by
// outcome, a tile per service grouped by category, reason codes by service over time, the top
// failing endpoints, the top initiators, and the create/read/update/delete/other split.
namespace cadf::dashboard {

struct ServiceTile {
    int serviceId = 0; // 0 = unclassified events
    std::string name;  // catalogue name; empty for unclassified (the UI names it)
    std::int64_t events = 0;
    std::int64_t failures = 0;
    std::vector<std::int64_t> sparkline; // events per bucket of Overview::histogram
    double failureRate() const { return failurePercent(events, failures); }
};

struct CategoryTiles {
    int categoryId = 0; // catalogue order; 0 = unclassified
    std::string name;
    std::int64_t events = 0;
    std::int64_t failures = 0;
    std::vector<ServiceTile> services; // most events first
};

// One cell of the reason-code heatmap: events of `serviceId` with `code` in bucket `bucket`.
struct HeatCell {
    int serviceId = 0;
    int code = -1; // -1: no numeric code
    int bucket = 0;
    std::int64_t events = 0;
};

struct Overview {
    // Events per bucket and outcome, the same buckets and counts store::timeHistogram gives the
    // Events view (tst_dashboard checks); its buckets are every series' buckets.
    store::TimeHistogram histogram;
    std::int64_t events = 0;
    std::int64_t failures = 0;
    std::vector<CategoryTiles> categories; // catalogue order, unclassified last; only non-empty
    std::vector<HeatCell> reasonHeatmap;   // by service, code, bucket; only non-zero cells
    std::vector<EndpointCount> topFailingEndpoints; // most failures first; only failing ones
    std::vector<InitiatorCount> topInitiatorsByEvents;
    std::vector<InitiatorCount> topInitiatorsByFailures; // only initiators with failures
    ActionCounts actions{};
};

// Computes the overview of `query` in one pass over the matching events (plus the min/max time
// seeks that place the buckets). False with `error` set on failure or cancel.
bool computeOverview(store::StoreReader& reader, const inventory::Catalogue& catalogue,
                     const DashboardQuery& query, Overview& out, store::StoreError& error);

} // namespace cadf::dashboard
