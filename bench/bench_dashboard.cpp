// Times every dashboard aggregate of models/dashboard (overview, a service's dashboard and the
// four drill-down tables) on a big store, for a set of filters, and prints the figures. The store
// is built with the seeded generator when the path does not exist (bench/workspace_store.h).
// Usage: bench_dashboard [STORE] [COUNT] [--events] [--only FILTER]  (default
// /tmp/cadfscope-bench-ws.cadfscope, 10M; --events: read events only, as before the rollups)
//
// Findings (2026-11-25, the same store migrated to schema 3 in 24 s: /tmp/store-bench/
// ws10m-v3.cadfscope; load 1.1-1.2, nothing else running; ms, one run; second line of each
// filter: the process's CPU ms, above the wall time where a scan ran in two halves):
// clang-format off
//  filter (ms)          matching   histo  overv  servi  initi  targe  outco  conve  i.pro  e.pro
//  (no filter)          10000000      32    188    112    249    302    432    187    227    457
//    cpu                              32    187    112    249    300    432    187    398    813
//  outcome:failure        915558      26    117     94    100    143    205     86    142    188
//  code:5xx                96508      26    117    112     92    150    183     91    143    391
//  time: one hour          71951      15     27     20     26     23     29     21      2     16
//  time: one day         1729900     357    394    280     46     61    409     36     54    221
//    cpu                             357    692    511     46     61    754     36     86    413
//  time: 09:30..+2d17:45 4053049     859    161    120    175    191    309    139     91    519
//    cpu                             859    221    168    250    271    370    202    166    967
//  service:DRC           2205426      13     74      0     83     99    113     71    169    460
//  DRC outcome:failure    147438      12     64      0     54     76     93     50    139    198
//  action:read*          4589599      25    128    107    143    201    274    121    197    640
//    cpu                              25    128    107    143    200    274    121    365   1192
//  initiator:SERVICE.*    367918     530    479    456    167    203    473    161    363    437
//    cpu                             530    722    690    166    202    723    161    363    663
// clang-format on
// Every view within 1 s; the slowest, 0.86 s, is the Events view's histogram (120 buckets) over
// 4M events. What changed since the figures below:
// - The scans' own time range comes before the filter's: SQLite walks the time index over the
//   first range on e.ts it meets, so an edge of 36k events inside the filter's 4M-event range
//   read all 4M rows (330 ms instead of 10). This was most of the "range cutting days" cost.
// - Initiator and target rollups per 3-hour block instead of per UTC day (rollups.h: 1.49M and
//   2.72M rows instead of 0.83M and 1.02M): a range's edges read at most 6 hours of events.
// - Long event scans (profiles, sub-hour buckets, edges) read their later half on a second
//   connection and thread (store::scanEventsSplit): about half the wall time when a core is free.
// - The views ask for the buckets the app asks for (kDashboardBuckets 60, kPageBuckets 80), not
//   120: a two-day range then has hour buckets, which rollup_hour answers.
//
// Findings (2026-11-24, 10M-event store built by bench_workspace: seed 2026, 7 days, 10 sources,
// 3.6 GB; 2 cores shared with other builds; RelWithDebInfo; ms, one run each, +-30% from run to
// run; `service` = the busiest service, SOAR, 4.1M events; i.prof: the busiest initiator, 489k
// events; e.prof: the busiest endpoint; cpu: this thread's CPU ms for the whole row; since the
// parallel scans, the process's).
// With the rollup tables (models/store/rollups.h; the store migrated to schema 2 in 35 s), load
// 5.5-7.4:
// clang-format off
//  filter (ms)          matching   cpu  histo  overv  servi  initi  targe  outco  conve  i.pro  e.pro
//  (no filter)          10000000  2080     71    292    183    271    163    386    207    813   1206
//  outcome:failure        915558  1212     36    154    111     98    126    223     66    433    526
//  code:5xx                96508  1304     35    137    114     75    112    181     85    406    866
//  time: one hour          71951   226     24     49     34     51     92     83     45      3     30
//  time: one day         1729900  2838    665    874    676     42     30   1318     28     96    580
//  time: 09:30..+2d17:45 4053049 10141   1378   2104   1609   1709   1805   3273   1523    207   1317
//  service:DRC           2205426  1346     26     70      0     76     49     88     56    440   1163
//  DRC outcome:failure    147438   906     18     79      0     46     57     68     38    443    582
//  action:read*          4589599  2151     44    152    124    137    175    256    142    784   1791
//  initiator:SERVICE.*    367918  5010   1149   1253   1156    293    287   1401    396   1078   1441
// The same store and build with --events (every aggregate reads events, as before), load 9.8-11.4:
//  (no filter)          10000000 13642      -   3942   2787   3776   3997   8138   3080    849   1749
//  outcome:failure        915558  4100      -   1204    931   1248   1253   1770    884    853    578
//  code:5xx                96508  2632      -    406   1129    396    374    532    374    601   1132
//  time: one hour          71951   201      -    115     83     41     36     92     55      3     36
//  time: one day         1729900  4653      -   1380    964   1271   1725   2385   1182    172   1136
//  time: 09:30..+2d17:45 4053049 11350      -   3534   2392   3625   5487   6266   1902    262   1406
//  service:DRC           2205426  5662      -   1466      0   1412   1366   1560   1467    686   1628
//  DRC outcome:failure    147438  2604      -    777      0    804    825    848    780    619    789
//  action:read*          4589599 11197      -   3102   2575   4282   4376   6264   3546    948   2993
//  initiator:SERVICE.*    367918  5435      -   2129   2177   1251   1309   1919   1228   1402   2159
//  (time: filter text 2023-10-21T10:00-11:00, 2023-10-21, 2023-10-20T09:30-2023-10-22T17:45;
//  DRC: service:DRC outcome:failure; initiator: SERVICE.atk.hunt-scheduler; histo:
//  store::timeHistogram, 120 buckets, the Events view's call, not run with --events: its
//  unfiltered path has no switch)
// clang-format on
// Rollups (schema 2): rollup_hour (hour, service, endpoint, outcome, code, action) -> n, 446,898
// rows; rollup_initiator_day (UTC day, initiator, service, address, agent, action, code, outcome)
// -> n, first, last: 826,377; rollup_target_day (UTC day, initiator, service, endpoint, pattern,
// action, code, outcome) -> n: 1,020,361; ~90 MB on the 3.6 GB store. A filter that keeps to a
// rollup's columns (time terms ANDed at the top included) reads whole hours/days from it and the
// partial ones at the range's edges from events. Unfiltered every dashboard and table now takes
// 0.16-0.39 s (was 2.8-8.1 s at this load, 1.1-2.9 s at load ~2), and so do outcome, code,
// service and action filters (0.02-0.26 s). What still misses 1 s, and why:
// - Ranges whose 120 buckets are shorter than an hour (a day: 15 min; two days: 30 min): the
//   histogram, overview, service dashboard and Outcomes read events (0.7-3.3 s). Initiators,
//   Targets and Conversations have no buckets and read the day rollups, but a range cutting
//   days reads its partial days from events (09:30..+2d17:45: 32 h of 56 from events, 1.5-1.8 s).
//   A 15-minute rollup_hour (about 3x the rows) would cover one-day views.
// - Initiator filters for the hourly charts (no initiator in rollup_hour): histogram, overview,
//   service, Outcomes 1.1-1.4 s; they read the events the filter's resources subquery selects.
// - Profiles read events (initiator and endpoint: 0.4-1.8 s here, within 1 s at load ~2).
// Before the rollups (load ~2): unfiltered overview 1761, service 1312, Initiators 1822,
// Targets 1492, Outcomes 2851, Conversations 1108 ms. Service dashboards and endpoint profiles
// keep e.service off its index under a filter text (code:5xx on the busiest service 2.5 s ->
// 0.5 s on the events path).
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

// CPU time of the process (the aggregates run on this thread and, for long spans, on a second
// reader thread: store::scanEventsSplit), ms: what the load does not inflate.
double processCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// The process CPU ms of each timeIt() since the last clear: the figure the load does not inflate
// (a parallel scan's second thread counts too, so it exceeds the wall time on an idle machine).
std::vector<double> g_cpuMs;

// Runs `run` once and returns its time in ms, or -1 when it failed (printed).
double timeIt(const char* what, const std::function<bool(store::StoreError&)>& run) {
    const auto start = std::chrono::steady_clock::now();
    const double cpuStart = processCpuMs();
    store::StoreError error;
    const bool ok = run(error);
    g_cpuMs.push_back(processCpuMs() - cpuStart);
    if (!ok) {
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
    std::string onlyFilter;
    for (int i = 1; i < argc; ++i) {
        if (std::string(argv[i]) == "--events")
            eventsOnly = true;
        else if (std::string(argv[i]) == "--only" && i + 1 < argc)
            onlyFilter = argv[++i];
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
    // --only TEXT: that filter alone (for a profiler).
    for (const char* text : filters) {
        if (!onlyFilter.empty() && onlyFilter != text)
            continue;
        const filter::CompiledFilter compiled = filter::compile(QString::fromUtf8(text));
        if (!compiled.ok) {
            std::fprintf(stderr, "filter %s: %s\n", text, qPrintable(compiled.error.message));
            continue;
        }
        dashboard::DashboardQuery query;
        query.filter = compiled.sql;
        // The buckets each view asks for: the dashboards kDashboardBuckets, the Outcomes and
        // profile pages kPageBuckets (before 2026-11-25 every view here asked for 120, which made
        // 30-minute buckets of ranges the app shows in hours).
        query.maxBuckets = dashboard::kDashboardBuckets;
        query.rollups = !eventsOnly;
        dashboard::DashboardQuery pageQuery = query;
        pageQuery.maxBuckets = dashboard::kPageBuckets;
        const std::int64_t matching = reader->countEvents(query.filter);
        const double cpuStart = processCpuMs();
        g_cpuMs.clear();

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
                       return dashboard::computeOutcomes(*reader, catalogue, pageQuery, outcomes,
                                                         e);
                   }),
            timeIt("conversations",
                   [&](store::StoreError& e) {
                       return dashboard::computeConversations(*reader, catalogue, query,
                                                              conversations, e);
                   }),
            timeIt("initiator profile",
                   [&](store::StoreError& e) {
                       return dashboard::computeProfile(*reader, catalogue,
                                                        {Kind::Initiator, initiatorRef}, pageQuery,
                                                        profile, e);
                   }),
            timeIt("endpoint profile",
                   [&](store::StoreError& e) {
                       return dashboard::computeProfile(
                           *reader, catalogue, {Kind::Endpoint, endpointId}, pageQuery, profile, e);
                   }),
        };
        std::printf("%-46s %9lld %9.0f", *text ? text : "(no filter)",
                    static_cast<long long>(matching), processCpuMs() - cpuStart);
        for (const double ms : t)
            std::printf(" %9.0f", ms);
        std::printf("\n%-46s %9s %9s", "  cpu ms", "", "");
        if (!histogramComparable)
            std::printf(" %9s", "-");
        for (const double ms : g_cpuMs)
            std::printf(" %9.0f", ms);
        std::printf("\n");
        std::fflush(stdout);
    }
    std::printf("\ntimes in ms, one cold-ish run each (the OS cache is shared with whatever else "
                "runs); target: 1000 ms per dashboard\n");
    return 0;
}
