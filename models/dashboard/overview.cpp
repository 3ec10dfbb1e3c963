#include "models/dashboard/overview.h"

#include "models/dashboard/event_scan.h"
#include "models/inventory/catalogue.h"

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

} // namespace

bool computeOverview(store::StoreReader& reader, const inventory::Catalogue& catalogue,
                     const DashboardQuery& query, Overview& out, store::StoreError& error) {
    out = Overview{};
    if (!detail::histogramLayout(reader, query.filter, query, out.histogram, error))
        return false;
    const detail::BucketLayout layout(out.histogram);

    const std::size_t services = catalogue.services().size() + 1;
    std::vector<ServiceTile> tiles(services);
    std::vector<EndpointCount> endpoints(catalogue.rows().size() + 1);
    std::unordered_map<std::int64_t, InitiatorCount> initiators;
    std::unordered_map<std::uint64_t, std::int64_t> heat;
    std::unordered_map<std::int64_t, std::int64_t> actions; // strings.id -> events
    for (ServiceTile& tile : tiles)
        tile.sparkline.assign(layout.buckets, 0);

    error = detail::scanEvents(
        reader, "e.ts, e.service, e.endpoint, e.outcome, e.code, e.initiator, e.action",
        rangedFilter(query), query.cancel, [&](const store::Statement& s) {
            const int bucket = layout.bucketOf(s.int64(0));
            const std::int64_t service = s.int64(1);
            const std::int64_t endpoint = s.int64(2);
            const bool failed = s.int64(3) == kFailure;
            detail::countOutcome(out.histogram, bucket, s.int64(3));
            ++out.events;
            out.failures += failed;
            if (service >= 0 && std::size_t(service) < services) {
                ServiceTile& tile = tiles[std::size_t(service)];
                ++tile.events;
                tile.failures += failed;
                if (bucket >= 0)
                    ++tile.sparkline[std::size_t(bucket)];
            }
            if (bucket >= 0)
                ++heat[heatKey(service, bucket, detail::codeOf(s, 4))];
            if (endpoint >= 0 && std::size_t(endpoint) < endpoints.size()) {
                EndpointCount& e = endpoints[std::size_t(endpoint)];
                e.endpointId = int(endpoint);
                e.serviceId = int(service);
                ++e.events;
                e.failures += failed;
            }
            InitiatorCount& initiator = initiators[s.int64(5)];
            ++initiator.events;
            initiator.failures += failed;
            ++actions[s.int64(6)];
        });
    if (error)
        return false;

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
