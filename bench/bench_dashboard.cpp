// Times every dashboard aggregate of models/dashboard (overview, a service's dashboard and the
// four drill-down tables) on a big store, for a set of filters, and prints the figures. The store
// is built with the seeded generator when the path does not exist (bench/workspace_store.h).
// Usage: bench_dashboard [STORE] [COUNT] [--events]  (default /tmp/cadfscope-bench-ws.cadfscope,
// 10M; --events: read events only, as before the rollups)
//
// Findings (2026-11-24, 10M-event store built by bench_workspace: seed 2026, 7 days, 10 sources,
// 3.6 GB; 2 cores shared with other builds, load ~2; RelWithDebInfo; ms, one run each, +-30%
// from run to run; `service` = the busiest service, SOAR, 4.1M events):
// clang-format off
//  filter (ms)         matching  overv. service  initi. targets   outc.   conv.  i.prof  e.prof
//  (no filter)         10000000    1761    1312    1822    1492    2851    1108     348     721
//  outcome:failure       915558     497     386     454     446     551     395     259     337
//  code:5xx               96508     191     510     194     222     240     189     290     511
//  time: one hour         71951      26      22      29      28      40      23       3      18
//  time: one day        1729900     586     440     593     614     864     486      66     380
//  service:DRC          2205426     873       -     880     741     833     717     273     706
//  initiator:SERVICE.*   367918     715     701     426     415     725     405     521     728
//  (service: the busiest, SOAR, 4.1M events; i.prof: the busiest initiator, 489k events;
//  e.prof: the busiest endpoint; time: 2023-10-21T10:00-11:00 and 2023-10-21 in the filter
//  text; initiator: SERVICE.atk.hunt-scheduler)
// clang-format on
// Plain SQL reads ~5-8 million rows a second here, so an aggregate that has to read more than
// ~1.5-2M events misses 1 s. Unfiltered, every dashboard and table misses, by 1.1x
// (conversations, 1.1 s) to 2.9x (outcomes, 2.9 s: its initiator x endpoint map is the biggest);
// the overview by 1.8x, the busiest service's dashboard by 1.3x, Initiators 1.8x, Targets 1.5x.
// Under any filter tried, and for every profile, all are within 1 s (20-900 ms). The outcome
// histogram is counted in the same pass (calling store::timeHistogram cost a second pass under
// a filter: one day's overview 965 -> 611 ms). Service dashboards and endpoint profiles keep
// e.service off its index under a filter text (code:5xx on the busiest service 2.5 s -> 0.5 s);
// the price is a time-only filter *text* (time: one day, e.prof 137 -> 380 ms): the UI should
// pass its time range as DashboardQuery::fromUs/toUs, which keeps the (service, ts) index.
// What would fix it (not built): rollup tables kept by the store writer in the same batch
// transactions, read by the same functions when the filter only uses their columns (and the
// range edges, partial buckets, read from events):
//   R1 (hour, service, endpoint, outcome, code, action) -> count: tiles, sparklines, heatmap,
//      failing endpoints, actions, the service dashboard but initiators/addresses, targets'
//      events/failures, outcomes' codes. Without action: 374,532 rows for the 10M store (27x
//      fewer); by minute with action but without endpoint: 1,044,619 (10x; too many).
//   R2 (day, initiator, service, address, agent, outcome) -> count, min ts, max ts: the
//      Initiators table, Conversations, top initiators/addresses; 507,802 rows (20x).
//   R3 (day, initiator, endpoint, outcome) -> count: failing pairs, distinct initiators per
//      target; the failing hourly pairs alone are 510,196 of 915,558 failures, so only a day
//      grain helps (the generator's brute force is spread thin; real feeds repeat more).
// Counted with `sqlite3 -readonly STORE "SELECT count(*) FROM (SELECT 1 FROM events GROUP BY
// ts/3600000000, service, endpoint, outcome, code)"` and the like.
#include "bench/workspace_store.h"
#include "models/dashboard/drilldown.h"
#include "models/dashboard/overview.h"
#include "models/dashboard/profile.h"
#include "models/dashboard/service_dashboard.h"
#include "models/filter/filter.h"
#include "models/inventory/catalogue.h"
#include "models/store/store_reader.h"
#include "models/store/time_histogram.h"

#include <QString>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

using namespace cadf;

namespace {

double millisSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

// CPU time of this thread (the aggregates run on it), ms: what the load does not inflate.
double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// Runs `run` once and returns its time in ms, or -1 when it failed (printed).
double timeIt(const char* what, const std::function<bool(store::StoreError&)>& run) {
    const auto start = std::chrono::steady_clock::now();
    store::StoreError error;
    if (!run(error)) {
        std::fprintf(stderr, "%s failed: %s\n", what, error.message.c_str());
        return -1;
    }
    return millisSince(start);
}

} // namespace

int main(int argc, char** argv) {
    // --events: every aggregate reads events, as before the rollups (DashboardQuery::rollups).
    std::vector<std::string> args;
    bool eventsOnly = false;
    for (int i = 1; i < argc; ++i) {
        if (std::string(argv[i]) == "--events")
            eventsOnly = true;
        else
            args.emplace_back(argv[i]);
    }
    const std::string path = !args.empty() ? args[0] : "/tmp/cadfscope-bench-ws.cadfscope";
    const std::int64_t count = args.size() > 1 ? std::stoll(args[1]) : 10'000'000;
    if (!std::filesystem::exists(path)) {
        std::fprintf(stderr, "building %s (%lld events)\n", path.c_str(),
                     static_cast<long long>(count));
        std::string error;
        if (!buildWorkspaceStore(path, count, &error)) {
            std::fprintf(stderr, "cannot build the store: %s\n", error.c_str());
            return 1;
        }
    }
    store::StoreError error;
    auto reader = store::StoreReader::open(path, &error);
    if (!reader) {
        std::fprintf(stderr, "cannot open %s: %s\n", path.c_str(), error.message.c_str());
        return 1;
    }
    const inventory::Catalogue& catalogue = inventory::Catalogue::builtIn();
    std::printf("store: %s, %lld events; %s\n", path.c_str(),
                static_cast<long long>(reader->totalEvents()),
                eventsOnly ? "events only (--events)" : "rollups where the filter fits");
    double load[3] = {0, 0, 0};
    if (getloadavg(load, 3) == 3)
        std::printf("load average: %.2f %.2f %.2f\n", load[0], load[1], load[2]);

    // The busiest service: the one an analyst opens first, and the slowest service dashboard.
    const auto services = reader->countBy(store::GroupField::Service, {}, 1);
    const int busiest = services.empty() ? 1 : int(std::get<std::int64_t>(services.front().key));
    std::printf("busiest service: %d (%s, %lld events)\n\n", busiest,
                dashboard::serviceName(catalogue, busiest).c_str(),
                services.empty() ? 0LL : static_cast<long long>(services.front().count));

    // The busiest initiator and endpoint: the profiles with the most events to read.
    const auto topInitiator = reader->countBy(store::GroupField::Initiator, {}, 1);
    const auto topEndpoint = reader->countBy(store::GroupField::Endpoint, {}, 2);
    const std::int64_t initiatorRef =
        topInitiator.empty() ? 0 : std::get<std::int64_t>(topInitiator.front().key);
    std::int64_t endpointId = 1;
    for (const store::ValueCount& v : topEndpoint) {
        if (std::get<std::int64_t>(v.key) != 0) {
            endpointId = std::get<std::int64_t>(v.key);
            break;
        }
    }
    std::printf("profiles: initiator %s (%lld events), endpoint %lld (%s)\n\n",
                topInitiator.empty() ? "-" : topInitiator.front().value.c_str(),
                topInitiator.empty() ? 0LL : static_cast<long long>(topInitiator.front().count),
                static_cast<long long>(endpointId),
                dashboard::endpointDescription(catalogue, int(endpointId)).c_str());

    const char* const filters[] = {
        "",
        "outcome:failure",
        "code:5xx",
        "time>=2023-10-21T10:00 time<2023-10-21T11:00",
        "time>=2023-10-21 time<2023-10-22",
        "time>=2023-10-20T09:30 time<2023-10-22T17:45",
        "service:DRC",
        "service:DRC outcome:failure",
        "action:read*",
        "initiator:SERVICE.atk.hunt-scheduler",
    };
    std::printf("%-46s %9s %9s %9s %9s %9s %9s %9s %9s %9s %9s %9s\n", "filter", "matching",
                "cpu(all)", "histogr.", "overview", "service", "initiat.", "targets", "outcomes",
                "convers.", "i.profile", "e.profile");
    for (const char* text : filters) {
        const filter::CompiledFilter compiled = filter::compile(QString::fromUtf8(text));
        if (!compiled.ok) {
            std::fprintf(stderr, "filter %s: %s\n", text, qPrintable(compiled.error.message));
            continue;
        }
        dashboard::DashboardQuery query;
        query.filter = compiled.sql;
        query.maxBuckets = 120;
        query.rollups = !eventsOnly;
        const std::int64_t matching = reader->countEvents(query.filter);
        const double cpuStart = threadCpuMs();

        dashboard::Overview overview;
        dashboard::ServiceDashboard service;
        std::vector<dashboard::InitiatorRow> initiators;
        std::vector<dashboard::TargetRow> targets;
        dashboard::Outcomes outcomes;
        std::vector<dashboard::ConversationRow> conversations;
        dashboard::Profile profile;
        using Kind = dashboard::ProfileSubject::Kind;
        // store::timeHistogram as the Events view asks for it (no range, 120 buckets, UTC). With
        // --events the filter goes without its rollup clause; the unfiltered histogram has no
        // events-only switch (its old path is in bench_workspace's figures).
        store::SqlFilter histogramFilter = query.filter;
        if (eventsOnly)
            histogramFilter.rollup = nullptr;
        const bool histogramComparable = !eventsOnly || !histogramFilter.where.empty();
        const double t[] = {
            !histogramComparable
                ? -1
                : timeIt("histogram",
                         [&](store::StoreError& e) {
                             const store::TimeHistogram h = store::timeHistogram(
                                 *reader, histogramFilter, std::nullopt, std::nullopt, 120, 0);
                             e = h.error;
                             return h.ok;
                         }),
            timeIt("overview",
                   [&](store::StoreError& e) {
                       return dashboard::computeOverview(*reader, catalogue, query, overview, e);
                   }),
            timeIt("service",
                   [&](store::StoreError& e) {
                       return dashboard::computeServiceDashboard(*reader, catalogue, busiest, query,
                                                                 service, e);
                   }),
            timeIt("initiators",
                   [&](store::StoreError& e) {
                       return dashboard::computeInitiators(*reader, query, initiators, e);
                   }),
            timeIt("targets",
                   [&](store::StoreError& e) {
                       return dashboard::computeTargets(*reader, catalogue, query, targets, e);
                   }),
            timeIt("outcomes",
                   [&](store::StoreError& e) {
                       return dashboard::computeOutcomes(*reader, catalogue, query, outcomes, e);
                   }),
            timeIt("conversations",
                   [&](store::StoreError& e) {
                       return dashboard::computeConversations(*reader, catalogue, query,
                                                              conversations, e);
                   }),
            timeIt("initiator profile",
                   [&](store::StoreError& e) {
                       return dashboard::computeProfile(
                           *reader, catalogue, {Kind::Initiator, initiatorRef}, query, profile, e);
                   }),
            timeIt("endpoint profile",
                   [&](store::StoreError& e) {
                       return dashboard::computeProfile(
                           *reader, catalogue, {Kind::Endpoint, endpointId}, query, profile, e);
                   }),
        };
        std::printf("%-46s %9lld %9.0f", *text ? text : "(no filter)",
                    static_cast<long long>(matching), threadCpuMs() - cpuStart);
        for (const double ms : t)
            std::printf(" %9.0f", ms);
        std::printf("\n");
        std::fflush(stdout);
    }
    std::printf("\ntimes in ms, one cold-ish run each (the OS cache is shared with whatever else "
                "runs); target: 1000 ms per dashboard\n");
    return 0;
}
