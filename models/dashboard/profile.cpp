#include "models/dashboard/profile.h"

#include "models/dashboard/event_scan.h"
#include "models/inventory/catalogue.h"

#include <algorithm>
#include <unordered_map>

namespace cadf::dashboard {

namespace {

// The subject as a WHERE over `events e`, on an index: (initiator, ts) for an initiator; for an
// endpoint (no index of its own) the (service, ts) index of its service; unclassified patterns
// live under service 0.
store::SqlFilter subjectFilter(const inventory::Catalogue& catalogue, const ProfileSubject& subject,
                               const store::SqlFilter& filter) {
    switch (subject.kind) {
    case ProfileSubject::Kind::Initiator:
        return andWhere(filter, "e.initiator = ?", {subject.id});
    case ProfileSubject::Kind::Endpoint: {
        const inventory::CatalogueRow* row = catalogue.rowById(int(subject.id));
        // Under a filter text the filter's own index drives, as in the service dashboard (the
        // unary + keeps SQLite off the service index: the busiest endpoint under an initiator
        // filter 1048 -> 728 ms on 10M events; a time-only filter text pays, see bench_dashboard).
        return andWhere(filter,
                        filter.where.empty() ? "e.service = ? AND e.endpoint = ?"
                                             : "+e.service = ? AND e.endpoint = ?",
                        {std::int64_t(row ? row->serviceId : 0), subject.id});
    }
    case ProfileSubject::Kind::Pattern:
        break;
    }
    return andWhere(filter, "e.service = 0 AND e.endpoint = 0 AND e.pattern = ?", {subject.id});
}

// The tie order of each row type: its id, so equal counts come out the same way every run.
std::int64_t tieKey(const ServiceEvents& r) {
    return r.serviceId;
}
std::int64_t tieKey(const EndpointCount& r) {
    return r.endpointId;
}
std::int64_t tieKey(const InitiatorCount& r) {
    return r.ref;
}
std::int64_t tieKey(const ValueEvents& r) {
    return r.ref;
}

template <typename Row, typename Map, typename Fill>
std::vector<Row> topOf(Map& map, int topN, Fill fill) {
    std::vector<Row> rows;
    rows.reserve(map.size());
    for (auto& [key, row] : map) {
        fill(key, row);
        rows.push_back(row);
    }
    keepTop(
        rows, topN, [](const Row& r) { return r.events; }, [](const Row& r) { return tieKey(r); });
    return rows;
}

} // namespace

bool computeProfile(store::StoreReader& reader, const inventory::Catalogue& catalogue,
                    const ProfileSubject& subject, const DashboardQuery& query, Profile& out,
                    store::StoreError& error) {
    out = Profile{};
    out.subject = subject;
    const store::SqlFilter filter = subjectFilter(catalogue, subject, query.filter);
    if (!detail::histogramLayout(reader, filter, query, out.histogram, error))
        return false;
    const detail::BucketLayout layout(out.histogram);
    DashboardQuery ranged = query;
    ranged.filter = filter;

    std::unordered_map<std::int64_t, ServiceEvents> services;
    std::unordered_map<std::int64_t, EndpointCount> endpoints;
    std::unordered_map<std::int64_t, InitiatorCount> initiators;
    std::unordered_map<std::int64_t, ValueEvents> addresses, agents;
    std::unordered_map<std::int64_t, std::int64_t> actions;
    std::unordered_map<int, std::int64_t> codes;
    error = detail::scanEvents(
        reader,
        "e.ts, e.outcome, e.code, e.service, e.endpoint, e.initiator, e.address, e.agent, "
        "e.action",
        rangedFilter(ranged), query.cancel,
        [&](const store::ScanRow& s, std::int64_t) {
            const std::int64_t ts = s.int64(0);
            const std::int64_t outcome = s.int64(1);
            const bool failed = outcome == std::int64_t(cadf::Outcome::Failure);
            out.firstUs = out.events == 0 ? ts : std::min(out.firstUs, ts);
            out.lastUs = out.events == 0 ? ts : std::max(out.lastUs, ts);
            ++out.events;
            out.failures += failed;
            if (outcome >= 0 && outcome < 4)
                ++out.outcomes[std::size_t(outcome)];
            detail::countOutcome(out.histogram, layout.bucketOf(ts), outcome);
            if (failed)
                ++codes[detail::codeOf(s, 2)];
            ServiceEvents& service = services[s.int64(3)];
            ++service.events;
            service.failures += failed;
            EndpointCount& endpoint = endpoints[s.int64(4)];
            endpoint.serviceId = int(s.int64(3));
            ++endpoint.events;
            endpoint.failures += failed;
            InitiatorCount& initiator = initiators[s.int64(5)];
            ++initiator.events;
            initiator.failures += failed;
            ValueEvents& address = addresses[s.int64(6)];
            ++address.events;
            address.failures += failed;
            ValueEvents& agent = agents[s.int64(7)];
            ++agent.events;
            agent.failures += failed;
            ++actions[s.int64(8)];
        },
        &out.histogram);
    if (error)
        return false;

    out.services = topOf<ServiceEvents>(services, query.topN, [&](std::int64_t id, auto& row) {
        row.serviceId = int(id);
        row.service = serviceName(catalogue, row.serviceId);
    });
    out.endpoints = topOf<EndpointCount>(endpoints, query.topN, [&](std::int64_t id, auto& row) {
        row.endpointId = int(id);
        nameEndpoint(catalogue, row);
    });
    out.initiators = topOf<InitiatorCount>(initiators, query.topN,
                                           [](std::int64_t id, auto& row) { row.ref = id; });
    for (InitiatorCount& i : out.initiators)
        nameInitiator(reader, i);
    const auto refOnly = [](std::int64_t id, ValueEvents& row) { row.ref = id; };
    out.addresses = topOf<ValueEvents>(addresses, query.topN, refOnly);
    out.agents = topOf<ValueEvents>(agents, query.topN, refOnly);
    for (ValueEvents& v : out.addresses)
        v.value = reader.stringValue(v.ref);
    for (ValueEvents& v : out.agents)
        v.value = reader.stringValue(v.ref);
    for (const auto& [action, events] : actions)
        out.actions[std::size_t(actionKindOf(reader.stringValue(action)))] += events;
    for (const auto& [code, events] : codes)
        out.failuresByCode.push_back({code, events});
    keepTop(
        out.failuresByCode, 0, [](const CodeCount& c) { return c.events; },
        [](const CodeCount& c) { return c.code; });
    return true;
}

} // namespace cadf::dashboard
