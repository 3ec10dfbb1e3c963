#pragma once

#include "models/dashboard/action_kind.h"
#include "models/dashboard/dashboard_query.h"
#include "models/store/time_histogram.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

// One service's dashboard for a filter and time range (issue 6): activity over time by action,
// top endpoints, initiators and source addresses, failures by reason code, the outcome split,
// and the service's inventory endpoints no matching event reached.
namespace cadf::dashboard {

struct NeverSeenEndpoint {
    int endpointId = 0; // catalogue row id
    std::string description;
    std::vector<std::string> urls; // the row's URL templates
};

struct ServiceDashboard {
    int serviceId = 0; // 0 = the unclassified events
    std::string name;
    std::string category;
    // This service's events per bucket and outcome; its buckets are actionsOverTime's.
    store::TimeHistogram histogram;
    std::vector<ActionCounts> actionsOverTime; // per bucket
    std::int64_t events = 0;
    std::int64_t failures = 0;
    std::array<std::int64_t, 4> outcomes{};    // indexed by cadf::Outcome
    std::vector<EndpointCount> topEndpoints;   // most events first
    std::vector<InitiatorCount> topInitiators; // most events first
    std::vector<ValueEvents> topAddresses;     // initiator host addresses, most events first
    std::vector<CodeCount> failuresByCode;     // failures only, most first
    std::vector<NeverSeenEndpoint> neverSeen;  // catalogue order
};

// Computes the dashboard of `serviceId` under `query` (its filter AND e.service = serviceId) in
// one pass over the service's matching events.
bool computeServiceDashboard(store::StoreReader& reader, const inventory::Catalogue& catalogue,
                             int serviceId, const DashboardQuery& query, ServiceDashboard& out,
                             store::StoreError& error);

} // namespace cadf::dashboard
