#pragma once

#include "models/dashboard/action_kind.h"
#include "models/dashboard/dashboard_query.h"
#include "models/store/time_histogram.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

// The profiles the drill-down tables open on double-click (issue 6): an initiator's activity
// over time, the services and endpoints it touched, its addresses and agents and its failures
// by code; a target's initiators, actions and outcomes. One shape for both: what the profile
// is about is fixed by the subject, every list is "by events, most first".
namespace cadf::dashboard {

struct ProfileSubject {
    enum class Kind { Initiator, Endpoint, Pattern };
    Kind kind = Kind::Initiator;
    std::int64_t id = 0; // resources.id, catalogue row id, or strings.id of the pattern
};

struct ServiceEvents {
    int serviceId = 0;
    std::string service;
    std::int64_t events = 0;
    std::int64_t failures = 0;
};

struct Profile {
    ProfileSubject subject;
    store::TimeHistogram histogram; // the subject's events per bucket and outcome
    std::int64_t events = 0;
    std::int64_t failures = 0;
    std::int64_t firstUs = 0; // meaningful when events > 0
    std::int64_t lastUs = 0;
    std::array<std::int64_t, 4> outcomes{}; // indexed by cadf::Outcome
    ActionCounts actions{};
    std::vector<ServiceEvents> services;
    std::vector<EndpointCount> endpoints;
    std::vector<InitiatorCount> initiators;
    std::vector<ValueEvents> addresses;
    std::vector<ValueEvents> agents;
    std::vector<CodeCount> failuresByCode; // failures only
};

// The subject's profile under `query` (its filter AND the subject), each list cut to query.topN.
bool computeProfile(store::StoreReader& reader, const inventory::Catalogue& catalogue,
                    const ProfileSubject& subject, const DashboardQuery& query, Profile& out,
                    store::StoreError& error);

} // namespace cadf::dashboard
