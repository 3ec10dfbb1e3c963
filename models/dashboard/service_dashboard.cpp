#include "models/dashboard/service_dashboard.h"

#include "models/dashboard/event_scan.h"
#include "models/inventory/catalogue.h"
#include "models/store/rollup_scan.h"

#include <unordered_map>

namespace cadf::dashboard {

bool computeServiceDashboard(store::StoreReader& reader, const inventory::Catalogue& catalogue,
                             int serviceId, const DashboardQuery& query, ServiceDashboard& out,
                             store::StoreError& error) {
    out = ServiceDashboard{};
    out.serviceId = serviceId;
    out.name = serviceName(catalogue, serviceId);
    if (const inventory::ServiceInfo* info = catalogue.serviceById(serviceId))
        out.category = info->category;

    // Without a filter the (service, ts) index serves both the histogram and the scan. Under a
    // filter, SQLite (no ANALYZE statistics) would still pick that index for the equality and
    // test the filter on every event of the service (2.5 s for code:5xx on a 4-million-event
    // service of a 10M store); the unary + keeps the service test off the index so the filter's
    // own index drives (0.3 s). bench/bench_dashboard measures both.
    const store::SqlFilter filter =
        andWhere(query.filter, query.filter.where.empty() ? "e.service = ?" : "+e.service = ?",
                 {std::int64_t(serviceId)});
    // The rollups answer when the filter keeps to the columns both rollup_hour (charts,
    // endpoints, codes) and rollup_initiator_3h (initiators, addresses) have.
    const store::RollupFilter* hourly = detail::rollupFit(reader, query, store::Rollup::Hour);
    const store::RollupFilter* blocks = detail::rollupFit(reader, query, store::Rollup::Initiator);
    const std::vector<store::SqlValue> service = {std::int64_t(serviceId)};
    const store::RollupFilter hourOfService =
        hourly ? store::andRollup(*hourly, "e.service = ?", service) : store::RollupFilter{};
    if (!detail::histogramLayout(reader, filter, query, out.histogram, error,
                                 hourly ? &hourOfService : nullptr))
        return false;
    const detail::BucketLayout layout(out.histogram);
    out.actionsOverTime.assign(layout.buckets, ActionCounts{});

    std::unordered_map<std::int64_t, EndpointCount> endpoints;
    std::unordered_map<std::int64_t, InitiatorCount> initiators;
    std::unordered_map<std::int64_t, ValueEvents> addresses;
    std::unordered_map<int, std::int64_t> codes;
    // (action id, bucket) -> events: actions are a handful of dictionary ids, named after the
    // scan so no text is looked at per row.
    std::unordered_map<std::uint64_t, std::int64_t> actionBuckets;
    // One event (n = 1) or one rollup row (n events) of the service.
    const auto count = [&](int bucket, std::int64_t endpointId, std::int64_t outcome, int code,
                           std::int64_t action, std::int64_t n) {
        const bool failed = outcome == std::int64_t(cadf::Outcome::Failure);
        out.events += n;
        out.failures += failed ? n : 0;
        if (outcome >= 0 && outcome < 4) {
            out.outcomes[std::size_t(outcome)] += n;
            if (bucket >= 0)
                out.histogram.buckets[std::size_t(bucket)].counts[std::size_t(outcome)] += n;
        }
        EndpointCount& endpoint = endpoints[endpointId];
        endpoint.events += n;
        endpoint.failures += failed ? n : 0;
        if (failed)
            codes[code] += n;
        if (bucket >= 0)
            actionBuckets[(std::uint64_t(action) << 24) | std::uint64_t(bucket)] += n;
    };
    const auto countWho = [&](std::int64_t initiatorRef, std::int64_t addressRef,
                              std::int64_t outcome, std::int64_t n) {
        const bool failed = outcome == std::int64_t(cadf::Outcome::Failure);
        InitiatorCount& initiator = initiators[initiatorRef];
        initiator.events += n;
        initiator.failures += failed ? n : 0;
        ValueEvents& address = addresses[addressRef];
        address.events += n;
        address.failures += failed ? n : 0;
    };

    if (hourly && blocks && detail::bucketsOnHours(out.histogram)) {
        const store::RollupFilter blocksOfService =
            store::andRollup(*blocks, "e.service = ?", service);
        const store::RollupScan byHour{store::Rollup::Hour,
                                       "e.ts, e.endpoint, e.outcome, e.code, e.action",
                                       "e.ts, e.endpoint, e.outcome, e.code, e.action"};
        error = store::scanRollup(reader, byHour, filter, hourOfService, query.fromUs, query.toUs,
                                  query.cancel, {}, [&](const store::ScanRow& s, std::int64_t n) {
                                      count(layout.bucketOf(s.int64(0)), s.int64(1), s.int64(2),
                                            detail::codeOf(s, 3), s.int64(4), n);
                                  });
        const store::RollupScan byBlock{store::Rollup::Initiator,
                                        "e.initiator, e.address, e.outcome",
                                        "e.initiator, e.address, e.outcome"};
        if (!error)
            error = store::scanRollup(reader, byBlock, filter, blocksOfService, query.fromUs,
                                      query.toUs, query.cancel, {},
                                      [&](const store::ScanRow& s, std::int64_t n) {
                                          countWho(s.int64(0), s.int64(1), s.int64(2), n);
                                      });
    } else {
        DashboardQuery ranged = query;
        ranged.filter = filter;
        error = detail::scanEvents(
            reader, "e.ts, e.endpoint, e.outcome, e.code, e.initiator, e.address, e.action",
            rangedFilter(ranged), query.cancel,
            [&](const store::ScanRow& s, std::int64_t) {
                count(layout.bucketOf(s.int64(0)), s.int64(1), s.int64(2), detail::codeOf(s, 3),
                      s.int64(6), 1);
                countWho(s.int64(4), s.int64(5), s.int64(2), 1);
            },
            &out.histogram);
    }
    if (error)
        return false;

    for (const auto& [key, events] : actionBuckets) {
        const ActionKind kind = actionKindOf(reader.stringValue(std::int64_t(key >> 24)));
        out.actionsOverTime[std::size_t(key & 0xffffff)][std::size_t(kind)] += events;
    }

    for (auto& [id, endpoint] : endpoints) {
        endpoint.endpointId = int(id);
        endpoint.serviceId = serviceId;
        out.topEndpoints.push_back(endpoint);
    }
    keepTop(
        out.topEndpoints, query.topN, [](const EndpointCount& e) { return e.events; },
        [](const EndpointCount& e) { return e.endpointId; });
    for (EndpointCount& e : out.topEndpoints)
        nameEndpoint(catalogue, e);

    for (auto& [ref, initiator] : initiators) {
        initiator.ref = ref;
        out.topInitiators.push_back(initiator);
    }
    keepTop(
        out.topInitiators, query.topN, [](const InitiatorCount& i) { return i.events; },
        [](const InitiatorCount& i) { return i.ref; });
    for (InitiatorCount& i : out.topInitiators)
        nameInitiator(reader, i);

    for (auto& [ref, address] : addresses) {
        address.ref = ref;
        out.topAddresses.push_back(address);
    }
    keepTop(
        out.topAddresses, query.topN, [](const ValueEvents& v) { return v.events; },
        [](const ValueEvents& v) { return v.ref; });
    for (ValueEvents& v : out.topAddresses)
        v.value = reader.stringValue(v.ref);

    for (const auto& [code, events] : codes)
        out.failuresByCode.push_back({code, events});
    keepTop(
        out.failuresByCode, 0, [](const CodeCount& c) { return c.events; },
        [](const CodeCount& c) { return c.code; });

    // Never seen: the service's catalogue rows without a matching event (under the filter: an
    // analyst asks "which endpoints did nobody call in this range").
    for (const inventory::CatalogueRow& row : catalogue.rows()) {
        if (row.serviceId == serviceId && serviceId != 0 && !endpoints.contains(row.id))
            out.neverSeen.push_back({row.id, row.description, row.urls});
    }
    return true;
}

} // namespace cadf::dashboard
