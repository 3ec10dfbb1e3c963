#include "models/dashboard/drilldown.h"

#include "models/dashboard/event_scan.h"
#include "models/inventory/catalogue.h"
#include "models/store/rollup_scan.h"

#include <algorithm>
#include <functional>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace cadf::dashboard {

namespace {

constexpr std::int64_t kFailure = std::int64_t(cadf::Outcome::Failure);

// Two small ids in one hash key.
std::uint64_t pairKey(std::int64_t a, std::int64_t b) {
    return (std::uint64_t(a) << 32) ^ std::uint64_t(b);
}

// A few distinct small values per key: a sorted vector beats a node-based set at these sizes.
void addDistinct(std::vector<std::int64_t>& values, std::int64_t value) {
    const auto it = std::lower_bound(values.begin(), values.end(), value);
    if (it == values.end() || *it != value)
        values.insert(it, value);
}

// Rows of the query's events, from `rollup` when the filter fits it (`rollupColumns` then reads
// it; each row stands for `n` events), else one per event from events (n = 1).
store::StoreError scanFor(store::StoreReader& reader, const DashboardQuery& query,
                          store::Rollup rollup, const std::string& rollupColumns,
                          const std::string& eventColumns, const store::ScanRowHandler& onRow) {
    if (const store::RollupFilter* fit = detail::rollupFit(reader, query, rollup)) {
        return store::scanRollup(reader, {rollup, rollupColumns, eventColumns}, query.filter, *fit,
                                 query.fromUs, query.toUs, query.cancel, {}, onRow);
    }
    return detail::scanEvents(reader, eventColumns, rangedFilter(query), query.cancel, onRow);
}

} // namespace

bool computeInitiators(store::StoreReader& reader, const DashboardQuery& query,
                       std::vector<InitiatorRow>& out, store::StoreError& error) {
    out.clear();
    struct Acc {
        InitiatorRow row;
        std::vector<std::int64_t> services, addresses, agents;
    };
    std::unordered_map<std::int64_t, Acc> accs;
    error = scanFor(reader, query, store::Rollup::Initiator,
                    "e.initiator, e.first_ts, e.last_ts, e.outcome, e.service, e.address, e.agent",
                    "e.initiator, e.ts, e.ts, e.outcome, e.service, e.address, e.agent",
                    [&](const store::ScanRow& s, std::int64_t n) {
                        auto [it, added] = accs.try_emplace(s.int64(0));
                        Acc& acc = it->second;
                        const std::int64_t first = s.int64(1);
                        const std::int64_t last = s.int64(2);
                        if (added) {
                            acc.row.firstUs = first;
                            acc.row.lastUs = last;
                        }
                        acc.row.firstUs = std::min(acc.row.firstUs, first);
                        acc.row.lastUs = std::max(acc.row.lastUs, last);
                        acc.row.events += n;
                        acc.row.failures += s.int64(3) == kFailure ? n : 0;
                        addDistinct(acc.services, s.int64(4));
                        addDistinct(acc.addresses, s.int64(5));
                        addDistinct(acc.agents, s.int64(6));
                    });
    if (error)
        return false;
    out.reserve(accs.size());
    for (auto& [ref, acc] : accs) {
        InitiatorRow& row = out.emplace_back(std::move(acc.row));
        row.ref = ref;
        row.services = int(acc.services.size());
        row.addresses = int(acc.addresses.size());
        row.agents = int(acc.agents.size());
    }
    keepTop(
        out, 0, [](const InitiatorRow& r) { return r.events; },
        [](const InitiatorRow& r) { return r.ref; });
    for (InitiatorRow& row : out) {
        const cadf::Resource resource = reader.resourceValue(row.ref);
        row.id = resource.id;
        row.name = resource.name;
        row.type = resource.typeUri;
    }
    return true;
}

bool computeTargets(store::StoreReader& reader, const inventory::Catalogue& catalogue,
                    const DashboardQuery& query, std::vector<TargetRow>& out,
                    store::StoreError& error) {
    out.clear();
    struct Acc {
        TargetRow row;
        std::unordered_set<std::int64_t> initiators;
    };
    // Key: the endpoint, or for unclassified events (endpoint 0) the pattern, negated so the
    // two id spaces never meet.
    std::unordered_map<std::int64_t, Acc> accs;
    error = scanFor(reader, query, store::Rollup::Target,
                    "e.endpoint, e.pattern, e.service, e.outcome, e.initiator",
                    "e.endpoint, e.pattern, e.service, e.outcome, e.initiator",
                    [&](const store::ScanRow& s, std::int64_t n) {
                        const std::int64_t endpoint = s.int64(0);
                        const std::int64_t key = endpoint != 0 ? endpoint : -1 - s.int64(1);
                        Acc& acc = accs[key];
                        if (acc.row.events == 0) {
                            acc.row.endpointId = int(endpoint);
                            acc.row.patternId = endpoint != 0 ? 0 : s.int64(1);
                            acc.row.serviceId = int(s.int64(2));
                        }
                        acc.row.events += n;
                        acc.row.failures += s.int64(3) == kFailure ? n : 0;
                        acc.initiators.insert(s.int64(4));
                    });
    if (error)
        return false;
    out.reserve(accs.size());
    for (auto& [key, acc] : accs) {
        TargetRow& row = out.emplace_back(std::move(acc.row));
        row.initiators = std::int64_t(acc.initiators.size());
        row.service = serviceName(catalogue, row.serviceId);
        if (const inventory::CatalogueRow* endpoint = catalogue.rowById(row.endpointId)) {
            row.description = endpoint->description;
            if (!endpoint->urls.empty())
                row.target = endpoint->urls.front();
        } else {
            row.target = reader.stringValue(row.patternId);
        }
    }
    keepTop(
        out, 0, [](const TargetRow& r) { return r.events; },
        [](const TargetRow& r) { return std::tuple(r.endpointId, r.patternId); });
    return true;
}

bool computeOutcomes(store::StoreReader& reader, const inventory::Catalogue& catalogue,
                     const DashboardQuery& query, Outcomes& out, store::StoreError& error) {
    out = Outcomes{};
    const store::RollupFilter* hourly = detail::rollupFit(reader, query, store::Rollup::Hour);
    const store::RollupFilter* blocks = detail::rollupFit(reader, query, store::Rollup::Target);
    if (!detail::histogramLayout(reader, query.filter, query, out.histogram, error, hourly))
        return false;
    const detail::BucketLayout layout(out.histogram);
    std::unordered_map<std::uint64_t, std::int64_t> codes; // (service, code as 32 bits)
    std::unordered_map<std::uint64_t, FailingPair> pairs;  // (initiator, endpoint)
    const auto countCode = [&](std::int64_t service, int code, std::int64_t outcome, int bucket,
                               std::int64_t n) {
        codes[(std::uint64_t(service) << 32) | std::uint32_t(code)] += n;
        if (bucket >= 0 && outcome >= 0 && outcome < 4)
            out.histogram.buckets[std::size_t(bucket)].counts[std::size_t(outcome)] += n;
    };
    const auto countPair = [&](std::int64_t initiator, std::int64_t endpoint, std::int64_t service,
                               std::int64_t outcome, std::int64_t n) {
        FailingPair& pair = pairs[pairKey(initiator, endpoint)];
        if (pair.initiator.events == 0) {
            pair.initiator.ref = initiator;
            pair.endpoint.endpointId = int(endpoint);
            pair.endpoint.serviceId = int(service);
        }
        pair.initiator.events += n;
        pair.initiator.failures += outcome == kFailure ? n : 0;
    };
    // Codes and the histogram from rollup_hour, the pairs from rollup_target_3h, when the
    // filter fits both.
    if (hourly && blocks && detail::bucketsOnHours(out.histogram)) {
        const store::RollupScan byHour{store::Rollup::Hour, "e.service, e.code, e.outcome, e.ts",
                                       "e.service, e.code, e.outcome, e.ts"};
        error = store::scanRollup(reader, byHour, query.filter, *hourly, query.fromUs, query.toUs,
                                  query.cancel, {}, [&](const store::ScanRow& s, std::int64_t n) {
                                      countCode(s.int64(0), detail::codeOf(s, 1), s.int64(2),
                                                layout.bucketOf(s.int64(3)), n);
                                  });
        const store::RollupScan byBlock{store::Rollup::Target,
                                        "e.initiator, e.endpoint, e.service, e.outcome",
                                        "e.initiator, e.endpoint, e.service, e.outcome"};
        if (!error)
            error =
                store::scanRollup(reader, byBlock, query.filter, *blocks, query.fromUs, query.toUs,
                                  query.cancel, {}, [&](const store::ScanRow& s, std::int64_t n) {
                                      countPair(s.int64(0), s.int64(1), s.int64(2), s.int64(3), n);
                                  });
    } else {
        error = detail::scanEvents(
            reader, "e.service, e.code, e.outcome, e.initiator, e.endpoint, e.ts",
            rangedFilter(query), query.cancel,
            [&](const store::ScanRow& s, std::int64_t) {
                countCode(s.int64(0), detail::codeOf(s, 1), s.int64(2), layout.bucketOf(s.int64(5)),
                          1);
                countPair(s.int64(3), s.int64(4), s.int64(0), s.int64(2), 1);
            },
            &out.histogram);
    }
    if (error)
        return false;
    for (const auto& [key, events] : codes)
        out.codes.push_back({int(key >> 32), int(std::int32_t(std::uint32_t(key))), events});
    std::sort(out.codes.begin(), out.codes.end(), [](const ServiceCode& a, const ServiceCode& b) {
        return std::tie(a.serviceId, a.code) < std::tie(b.serviceId, b.code);
    });
    for (auto& [key, pair] : pairs) {
        if (pair.initiator.failures == 0)
            continue;
        pair.endpoint.events = pair.initiator.events;
        pair.endpoint.failures = pair.initiator.failures;
        out.topFailing.push_back(std::move(pair));
    }
    keepTop(
        out.topFailing, query.topN, [](const FailingPair& p) { return p.initiator.failures; },
        [](const FailingPair& p) { return std::tuple(p.initiator.ref, p.endpoint.endpointId); });
    for (FailingPair& pair : out.topFailing) {
        nameInitiator(reader, pair.initiator);
        nameEndpoint(catalogue, pair.endpoint);
    }
    return true;
}

bool computeConversations(store::StoreReader& reader, const inventory::Catalogue& catalogue,
                          const DashboardQuery& query, std::vector<ConversationRow>& out,
                          store::StoreError& error) {
    out.clear();
    std::unordered_map<std::uint64_t, ConversationRow> rows; // (initiator, service)
    error = scanFor(reader, query, store::Rollup::Initiator,
                    "e.initiator, e.service, e.outcome, e.first_ts, e.last_ts",
                    "e.initiator, e.service, e.outcome, e.ts, e.ts",
                    [&](const store::ScanRow& s, std::int64_t n) {
                        ConversationRow& row = rows[pairKey(s.int64(0), s.int64(1))];
                        const std::int64_t first = s.int64(3);
                        const std::int64_t last = s.int64(4);
                        if (row.events == 0) {
                            row.initiator.ref = s.int64(0);
                            row.serviceId = int(s.int64(1));
                            row.firstUs = first;
                            row.lastUs = last;
                        }
                        row.firstUs = std::min(row.firstUs, first);
                        row.lastUs = std::max(row.lastUs, last);
                        row.events += n;
                        row.failures += s.int64(2) == kFailure ? n : 0;
                    });
    if (error)
        return false;
    out.reserve(rows.size());
    for (auto& [key, row] : rows) {
        row.initiator.events = row.events;
        row.initiator.failures = row.failures;
        out.push_back(std::move(row));
    }
    keepTop(
        out, 0, [](const ConversationRow& r) { return r.events; },
        [](const ConversationRow& r) { return std::tuple(r.initiator.ref, r.serviceId); });
    for (ConversationRow& row : out) {
        nameInitiator(reader, row.initiator);
        row.service = serviceName(catalogue, row.serviceId);
    }
    return true;
}

} // namespace cadf::dashboard
