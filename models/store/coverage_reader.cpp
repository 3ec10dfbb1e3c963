#include "models/store/coverage_reader.h"

#include "models/store/sql_value.h"
#include "models/store/store_reader.h"

#include <sqlite3.h>

#include <algorithm>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace cadf::store {

namespace {

// Distinct (unclassified request) keys kept for examples; past it only the counts stay exact.
constexpr std::size_t kMaxExampleKeys = 1'000'000;

void add(CoverageCounts& c, bool failure, std::int64_t ts) {
    if (c.events == 0 || ts < c.firstUs)
        c.firstUs = ts;
    if (c.events == 0 || ts > c.lastUs)
        c.lastUs = ts;
    ++c.events;
    c.failures += failure ? 1 : 0;
}

template <typename T> T& slot(std::vector<T>& v, std::int64_t id) {
    const auto i = static_cast<std::size_t>(std::max<std::int64_t>(id, 0));
    if (i >= v.size())
        v.resize(i + 1);
    return v[i];
}

// Identity hash: the keys are already well-mixed bit packs of small ids.
struct PackHash {
    std::size_t operator()(std::uint64_t k) const noexcept {
        return static_cast<std::size_t>(k ^ (k >> 29) ^ (k >> 47));
    }
};

struct ExampleKey {
    std::int64_t pattern, target, path;
    bool operator==(const ExampleKey&) const = default;
};
struct ExampleKeyHash {
    std::size_t operator()(const ExampleKey& k) const noexcept {
        std::uint64_t h = static_cast<std::uint64_t>(k.pattern) * 0x9E3779B97F4A7C15ULL;
        h ^= static_cast<std::uint64_t>(k.target) + 0x7F4A7C15ULL + (h << 6) + (h >> 2);
        h ^= static_cast<std::uint64_t>(k.path) + 0x165667B1ULL + (h << 6) + (h >> 2);
        return static_cast<std::size_t>(h);
    }
};

// (id, initiator) in one word: ids of catalogue rows and patterns stay far below 2^24, resource
// ids below 2^40.
std::uint64_t pack(std::int64_t id, std::int64_t initiator) {
    return (static_cast<std::uint64_t>(id) << 40) ^ static_cast<std::uint64_t>(initiator);
}

} // namespace

bool readCoverage(StoreReader& reader, const SqlFilter& filter, const CoverageOptions& options,
                  StoreCoverage& out, StoreError& error) {
    out = StoreCoverage{};
    error = {};
    std::string sql = "SELECT e.endpoint, e.service, e.outcome, e.initiator, e.ts, e.pattern, "
                      "e.target, e.path FROM events e";
    if (!filter.where.empty())
        sql += " WHERE (" + filter.where + ")";
    Database& db = reader.database();
    Statement s = db.prepare(sql, &error);
    if (!s)
        return false;
    bindParams(s, filter.params);

    std::unordered_set<std::uint64_t, PackHash> endpointInitiators; // (endpoint, initiator)
    std::unordered_set<std::uint64_t, PackHash> patternInitiators;  // (pattern, initiator)
    std::vector<std::int64_t> serviceOfEndpoint;
    std::unordered_map<std::int64_t, std::size_t> patternIndex;
    std::unordered_map<ExampleKey, std::int64_t, ExampleKeyHash> examples;
    constexpr int kFailure = static_cast<int>(cadf::Outcome::Failure);

    std::int64_t rows = 0;
    for (;;) {
        const Statement::Step step = s.step();
        if (step == Statement::Step::Done)
            break;
        if (step == Statement::Step::Error) {
            error = s.error();
            if (!error)
                error = db.lastError();
            return false;
        }
        if (options.cancel && (++rows & 0xffff) == 0 && options.cancel->load()) {
            error = makeStoreError(SQLITE_INTERRUPT);
            return false;
        }
        const std::int64_t endpoint = s.int64(0);
        const std::int64_t service = s.int64(1);
        const bool failure = s.int64(2) == kFailure;
        const std::int64_t initiator = s.int64(3);
        const std::int64_t ts = s.int64(4);
        add(slot(out.endpoints, endpoint), failure, ts);
        add(slot(out.services, service), failure, ts);
        add(out.all, failure, ts);
        endpointInitiators.insert(pack(endpoint, initiator));
        if (endpoint > 0) {
            slot(serviceOfEndpoint, endpoint) = service;
            continue;
        }
        const std::int64_t pattern = s.int64(5);
        auto [it, fresh] = patternIndex.try_emplace(pattern, out.patterns.size());
        if (fresh) {
            out.patterns.emplace_back();
            out.patterns.back().patternId = pattern;
        }
        add(out.patterns[it->second].counts, failure, ts);
        patternInitiators.insert(pack(pattern, initiator));
        const ExampleKey key{pattern, s.int64(6), s.int64(7)};
        if (auto e = examples.find(key); e != examples.end())
            ++e->second;
        else if (examples.size() < kMaxExampleKeys)
            examples.emplace(key, 1);
    }
    s = Statement();

    // Distinct initiators per service and overall follow from the (endpoint, initiator) pairs,
    // which are far fewer than the events.
    std::unordered_set<std::uint64_t, PackHash> serviceInitiators;
    std::unordered_set<std::int64_t> allInitiators;
    constexpr std::uint64_t kInitiatorMask = (std::uint64_t(1) << 40) - 1;
    for (const std::uint64_t p : endpointInitiators) {
        const auto endpoint = static_cast<std::int64_t>(p >> 40);
        const auto initiator = static_cast<std::int64_t>(p & kInitiatorMask);
        ++out.endpoints[static_cast<std::size_t>(endpoint)].initiators;
        allInitiators.insert(initiator);
        const std::int64_t service =
            endpoint > 0 && static_cast<std::size_t>(endpoint) < serviceOfEndpoint.size()
                ? serviceOfEndpoint[static_cast<std::size_t>(endpoint)]
                : 0;
        if (service > 0)
            serviceInitiators.insert(pack(service, initiator));
    }
    for (const std::uint64_t p : serviceInitiators)
        ++out.services[static_cast<std::size_t>(p >> 40)].initiators;
    // Unclassified events have service 0 and endpoint 0 alike.
    if (!out.services.empty() && !out.endpoints.empty())
        out.services[0].initiators = out.endpoints[0].initiators;
    out.all.initiators = static_cast<std::int64_t>(allInitiators.size());
    for (const std::uint64_t p : patternInitiators)
        ++out.patterns[patternIndex.at(static_cast<std::int64_t>(p >> 40))].counts.initiators;

    // Examples: the most frequent distinct requests of each pattern.
    std::vector<std::vector<std::pair<std::int64_t, ExampleKey>>> perPattern(out.patterns.size());
    for (const auto& [key, count] : examples)
        perPattern[patternIndex.at(key.pattern)].push_back({count, key});
    const auto maxExamples = static_cast<std::size_t>(std::max(options.maxExamples, 0));
    for (std::size_t i = 0; i < out.patterns.size(); ++i) {
        PatternCoverage& pc = out.patterns[i];
        pc.pattern = reader.stringValue(pc.patternId);
        auto& list = perPattern[i];
        pc.distinctRequests = static_cast<std::int64_t>(list.size());
        const std::size_t keep = std::min(maxExamples, list.size());
        std::partial_sort(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(keep),
                          list.end(), [](const auto& a, const auto& b) {
                              if (a.first != b.first)
                                  return a.first > b.first;
                              return std::tie(a.second.target, a.second.path) <
                                     std::tie(b.second.target, b.second.path);
                          });
        for (std::size_t k = 0; k < keep; ++k) {
            const ExampleKey& key = list[k].second;
            const cadf::Resource target = reader.resourceValue(key.target);
            pc.examples.push_back(PathExample{target.id, reader.stringValue(key.path),
                                              target.typeUri, target.name, list[k].first});
        }
    }
    std::sort(out.patterns.begin(), out.patterns.end(),
              [](const PatternCoverage& a, const PatternCoverage& b) {
                  if (a.counts.events != b.counts.events)
                      return a.counts.events > b.counts.events;
                  return a.pattern < b.pattern;
              });
    return true;
}

} // namespace cadf::store
