#include "models/dashboard/overview.h"

#include "models/dashboard/event_scan.h"
#include "models/inventory/catalogue.h"
#include "models/store/rollup_scan.h"

#include <algorithm>
#include <tuple>
#include <unordered_map>

namespace cadf::dashboard {

namespace {

constexpr std::int64_t kFailure = std::int64_t(cadf::Outcome::Failure);

// (service, bucket, code) packed in one integer key: service ids (a catalogue's ~100) and
// buckets (at most detail::kMaxBuckets) fit 16 bits each, any int code the low 32.
std::uint64_t heatKey(std::int64_t service, int bucket, int code) {
    return (std::uint64_t(std::uint16_t(service)) << 48) |
           (std::uint64_t(std::uint16_t(bucket)) << 32) | std::uint64_t(std::uint32_t(code));
}

// The overview's counters, fed by one event (weight 1) or one rollup row (its count) at a time.
struct OverviewCounts {
    Overview& out;
    std::size_t services;
    std::vector<ServiceTile> tiles;
    std::vector<EndpointCount> endpoints;
    std::unordered_map<std::int64_t, InitiatorCount> initiators;
    std::unordered_map<std::uint64_t, std::int64_t> heat;
    std::unordered_map<std::int64_t, std::int64_t> actions; // strings.id -> events

    OverviewCounts(Overview& overview, const inventory::Catalogue& catalogue, std::size_t buckets)
        : out(overview)
        , services(catalogue.services().size() + 1)
        , tiles(services)
        , endpoints(catalogue.rows().size() + 1) {
        for (ServiceTile& tile : tiles)
            tile.sparkline.assign(buckets, 0);
    }

    // Everything but the initiators.
    void count(int bucket, std::int64_t service, std::int64_t endpoint, std::int64_t outcome,
               int code, std::int64_t action, std::int64_t n) {
        const bool failed = outcome == kFailure;
        if (bucket >= 0 && outcome >= 0 && outcome < 4)
            out.histogram.buckets[std::size_t(bucket)].counts[std::size_t(outcome)] += n;
        out.events += n;
        out.failures += failed ? n : 0;
        if (service >= 0 && std::size_t(service) < services) {
            ServiceTile& tile = tiles[std::size_t(service)];
            tile.events += n;
            tile.failures += failed ? n : 0;
            if (bucket >= 0)
                tile.sparkline[std::size_t(bucket)] += n;
        }
        if (bucket >= 0)
            heat[heatKey(service, bucket, code)] += n;
        if (endpoint >= 0 && std::size_t(endpoint) < endpoints.size()) {
            EndpointCount& e = endpoints[std::size_t(endpoint)];
            e.endpointId = int(endpoint);
            e.serviceId = int(service);
            e.events += n;
            e.failures += failed ? n : 0;
        }
        actions[action] += n;
    }

    void countInitiator(std::int64_t ref, std::int64_t outcome, std::int64_t n) {
        InitiatorCount& initiator = initiators[ref];
        initiator.events += n;
        initiator.failures += outcome == kFailure ? n : 0;
    }
};

// The rollup path: rollup_hour for everything but the initiators, which come from whichever
// 3-hour rollup keeps the filter's columns. False (and nothing read) when they cannot answer.
bool countFromRollups(store::StoreReader& reader, const DashboardQuery& query,
                      const store::RollupFilter* hourly, OverviewCounts& counts,
                      const detail::BucketLayout& layout, store::StoreError& error,
                      bool& answered) {
    answered = false;
    // The initiator rollup first: it has half the rows of the target one.
    const store::Rollup blockRollups[] = {store::Rollup::Initiator, store::Rollup::Target};
    const store::RollupFilter* blocks = nullptr;
    store::Rollup block = store::Rollup::Initiator;
    for (const store::Rollup r : blockRollups) {
        if ((blocks = detail::rollupFit(reader, query, r))) {
            block = r;
            break;
        }
    }
    if (!hourly || !blocks || !detail::bucketsOnHours(counts.out.histogram))
        return true;
    answered = true;
    const store::RollupScan byHour{store::Rollup::Hour,
                                   "e.ts, e.service, e.endpoint, e.outcome, e.code, e.action",
                                   "e.ts, e.service, e.endpoint, e.outcome, e.code, e.action"};
    error = store::scanRollup(reader, byHour, query.filter, *hourly, query.fromUs, query.toUs,
                              query.cancel, {}, [&](const store::ScanRow& s, std::int64_t n) {
                                  counts.count(layout.bucketOf(s.int64(0)), s.int64(1), s.int64(2),
                                               s.int64(3), detail::codeOf(s, 4), s.int64(5), n);
                              });
    if (error)
        return false;
    const store::RollupScan byBlock{block, "e.initiator, e.outcome", "e.initiator, e.outcome"};
    error = store::scanRollup(reader, byBlock, query.filter, *blocks, query.fromUs, query.toUs,
                              query.cancel, {}, [&](const store::ScanRow& s, std::int64_t n) {
                                  counts.countInitiator(s.int64(0), s.int64(1), n);
                              });
    return !error;
}

} // namespace

bool computeOverview(store::StoreReader& reader, const inventory::Catalogue& catalogue,
                     const DashboardQuery& query, Overview& out, store::StoreError& error) {
    out = Overview{};
    const store::RollupFilter* hourly = detail::rollupFit(reader, query, store::Rollup::Hour);
    if (!detail::histogramLayout(reader, query.filter, query, out.histogram, error, hourly))
        return false;
    const detail::BucketLayout layout(out.histogram);
    OverviewCounts counts(out, catalogue, layout.buckets);
    bool answered = false;
    if (!countFromRollups(reader, query, hourly, counts, layout, error, answered))
        return false;
    if (!answered) {
        error = detail::scanEvents(
            reader, "e.ts, e.service, e.endpoint, e.outcome, e.code, e.initiator, e.action",
            rangedFilter(query), query.cancel,
            [&](const store::ScanRow& s, std::int64_t) {
                counts.count(layout.bucketOf(s.int64(0)), s.int64(1), s.int64(2), s.int64(3),
                             detail::codeOf(s, 4), s.int64(6), 1);
                counts.countInitiator(s.int64(5), s.int64(3), 1);
            },
            &out.histogram);
        if (error)
            return false;
    }
    std::vector<ServiceTile>& tiles = counts.tiles;
    std::vector<EndpointCount>& endpoints = counts.endpoints;
    const auto& heat = counts.heat;
    auto& initiators = counts.initiators;
    const auto& actions = counts.actions;

    // Tiles by category, in catalogue order; unclassified events last.
    std::vector<CategoryTiles> categories(catalogue.categories().size() + 1);
    for (std::size_t i = 0; i < tiles.size(); ++i) {
        ServiceTile& tile = tiles[i];
        if (tile.events == 0)
            continue;
        tile.serviceId = int(i);
        tile.name = serviceName(catalogue, tile.serviceId);
        const inventory::ServiceInfo* info = catalogue.serviceById(tile.serviceId);
        const int category = info ? info->categoryId : 0;
        CategoryTiles& group = categories[std::size_t(category)];
        group.categoryId = category;
        group.events += tile.events;
        group.failures += tile.failures;
        group.services.push_back(std::move(tile));
    }
    for (std::size_t i = 1; i <= categories.size(); ++i) {
        CategoryTiles& group = categories[i % categories.size()]; // 1..N, then 0
        if (group.services.empty())
            continue;
        group.name = std::string(catalogue.categoryName(group.categoryId));
        keepTop(
            group.services, 0, [](const ServiceTile& t) { return t.events; },
            [](const ServiceTile& t) { return t.serviceId; });
        out.categories.push_back(std::move(group));
    }

    for (const auto& [key, events] : heat) {
        out.reasonHeatmap.push_back({int(key >> 48), int(std::int32_t(std::uint32_t(key))),
                                     int((key >> 32) & 0xffff), events});
    }
    std::sort(out.reasonHeatmap.begin(), out.reasonHeatmap.end(),
              [](const HeatCell& a, const HeatCell& b) {
                  return std::tie(a.serviceId, a.code, a.bucket) <
                         std::tie(b.serviceId, b.code, b.bucket);
              });

    for (EndpointCount& e : endpoints) {
        if (e.failures > 0)
            out.topFailingEndpoints.push_back(e);
    }
    keepTop(
        out.topFailingEndpoints, query.topN, [](const EndpointCount& e) { return e.failures; },
        [](const EndpointCount& e) { return e.endpointId; });
    for (EndpointCount& e : out.topFailingEndpoints)
        nameEndpoint(catalogue, e);

    std::vector<InitiatorCount> all;
    all.reserve(initiators.size());
    for (auto& [ref, initiator] : initiators) {
        initiator.ref = ref;
        all.push_back(initiator);
    }
    out.topInitiatorsByEvents = all;
    keepTop(
        out.topInitiatorsByEvents, query.topN, [](const InitiatorCount& i) { return i.events; },
        [](const InitiatorCount& i) { return i.ref; });
    std::erase_if(all, [](const InitiatorCount& i) { return i.failures == 0; });
    keepTop(
        all, query.topN, [](const InitiatorCount& i) { return i.failures; },
        [](const InitiatorCount& i) { return i.ref; });
    out.topInitiatorsByFailures = std::move(all);
    for (InitiatorCount& i : out.topInitiatorsByEvents)
        nameInitiator(reader, i);
    for (InitiatorCount& i : out.topInitiatorsByFailures)
        nameInitiator(reader, i);

    for (const auto& [action, events] : actions)
        out.actions[std::size_t(actionKindOf(reader.stringValue(action)))] += events;
    return true;
}

} // namespace cadf::dashboard
