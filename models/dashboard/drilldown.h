#pragma once

#include "models/dashboard/dashboard_query.h"
#include "models/store/time_histogram.h"

#include <cstdint>
#include <string>
#include <vector>

// The drill-down tables of issue 6 (Initiators, Targets, Outcomes, Conversations) for a filter
// and time range. Each is one pass over the matching events; rows come sorted by events (or
// failures) descending with a stable tie order, and the views sort further in memory.
namespace cadf::dashboard {

struct InitiatorRow {
    std::int64_t ref = 0; // resources.id
    std::string id;
    std::string name;
    std::string type;
    std::int64_t events = 0;
    std::int64_t failures = 0;
    int services = 0;  // distinct services touched (unclassified counts as one)
    int addresses = 0; // distinct initiator host addresses (an absent address counts as one)
    int agents = 0;    // distinct initiator host agents (likewise)
    std::int64_t firstUs = 0;
    std::int64_t lastUs = 0;
    double failureRate() const { return failurePercent(events, failures); }
};

// A target as the analyst reads it: an inventory endpoint, or for unclassified events the
// unclassified path pattern (/api/x/{id}).
struct TargetRow {
    int endpointId = 0;         // catalogue row id; 0 = unclassified (see patternId)
    std::int64_t patternId = 0; // strings.id of the pattern when unclassified
    std::string target;         // the endpoint's first URL template, or the pattern
    std::string description;    // the endpoint's inventory description
    int serviceId = 0;
    std::string service;
    std::int64_t events = 0;
    std::int64_t failures = 0;
    std::int64_t initiators = 0; // distinct initiators
};

struct ServiceCode {
    int serviceId = 0;
    int code = -1; // -1: no numeric code
    std::int64_t events = 0;
};

struct FailingPair {
    InitiatorCount initiator; // events and failures of the pair, not of the initiator
    EndpointCount endpoint;   // likewise
};

struct Outcomes {
    store::TimeHistogram histogram;      // success / failure / other (unknown, pending) per bucket
    std::vector<ServiceCode> codes;      // by service, then code
    std::vector<FailingPair> topFailing; // most failures first, at most topN
};

struct ConversationRow {
    InitiatorCount initiator; // its events/failures are the pair's
    int serviceId = 0;
    std::string service;
    std::int64_t events = 0;
    std::int64_t failures = 0;
    std::int64_t firstUs = 0;
    std::int64_t lastUs = 0;
};

// Every initiator under the query (query.topN is not applied: the table shows all).
bool computeInitiators(store::StoreReader& reader, const DashboardQuery& query,
                       std::vector<InitiatorRow>& out, store::StoreError& error);
// Every target under the query.
bool computeTargets(store::StoreReader& reader, const inventory::Catalogue& catalogue,
                    const DashboardQuery& query, std::vector<TargetRow>& out,
                    store::StoreError& error);
bool computeOutcomes(store::StoreReader& reader, const inventory::Catalogue& catalogue,
                     const DashboardQuery& query, Outcomes& out, store::StoreError& error);
// Every (initiator, service) pair under the query.
bool computeConversations(store::StoreReader& reader, const inventory::Catalogue& catalogue,
                          const DashboardQuery& query, std::vector<ConversationRow>& out,
                          store::StoreError& error);

} // namespace cadf::dashboard
