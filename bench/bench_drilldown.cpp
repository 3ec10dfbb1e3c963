// Times the drill-down views as the analyst meets them: the real pages (views/drilldown_page,
// outcomes_page, profile_page) offscreen over a big store, from setQuery() to the rows on screen,
// and the longest stall of the UI thread meanwhile (a 2 ms heartbeat timer: the computation runs
// on the page's reader thread, so the stall is what building the rows' model and fitting the
// columns costs the UI). Also a filter changed while a page computes (the older scan is
// cancelled). The store is built with the seeded generator when the path does not exist.
// Usage: bench_drilldown [STORE] [COUNT]    (default /tmp/cadfscope-bench-drill.cadfscope, 1M)
//
// Findings (2026-11-24, 1M-event store built here, seed 2026; 2 cores shared with three other
// builders, load average 15-16 throughout, so wall times are mostly waiting for a core; one run):
//   wall ms to rows on screen, unfiltered / outcome:failure / code:5xx: Initiators 1503/368/323,
//   Targets 3681/704/212, Conversations 2027/756/394, Outcomes 4426/526/310, the busiest
//   initiator's profile (48,685 events) 158/239/331. Process CPU (reader thread + UI) for the
//   same: 452/117/66, 591/161/60, 388/170/102, 1045/121/73, 92/91/107 ms.
//   UI thread putting a result on screen ("apply": model reset, proxy sort, column fit, chart):
//   0-4 ms; painting it: 0-8 ms, for up to 2,061 rows. "ui cpu" is mostly this program's own 2 ms
//   heartbeat; the longest heartbeat gaps (30-406 ms) follow the load, not the UI's work (apply +
//   paint stay under 10 ms in the same runs).
//   A new filter 100 ms into a scan: the old scan stops, the new rows in 317 ms.
#include "bench/thread_cpu.h"
#include "bench/workspace_store.h"
#include "models/itemmodels/drilldown_table_model.h"
#include "views/drilldown_page.h"
#include "views/outcomes_page.h"
#include "views/profile_page.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <sys/resource.h>

#include <cstdio>
#include <filesystem>

namespace {

double cpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double loadAverage() {
    double load[1] = {0};
    return getloadavg(load, 1) == 1 ? load[0] : -1;
}

struct Figures {
    double wallMs = 0;
    double cpuMs = 0;   // the process: reader thread and UI
    double uiCpuMs = 0; // the UI thread alone (with this loop's own 2 ms wake-ups)
    double applyMs = 0; // the UI thread putting the result on screen: model, columns, chart
    double paintMs = 0; // the UI thread painting it (the first event loop pass after)
    double maxStallMs = 0;
};

// setQuery(filter) on a shown page, until its computed() signal; the UI thread's longest gap.
Figures measure(QueryPage* page, const QString& filter) {
    QElapsedTimer heartbeat;
    double maxGap = 0;
    QTimer timer;
    timer.setInterval(2);
    QObject::connect(&timer, &QTimer::timeout, [&] {
        maxGap = std::max(maxGap, double(heartbeat.nsecsElapsed()) / 1e6);
        heartbeat.restart();
    });
    bool done = false;
    double applyStart = 0;
    double applyMs = 0;
    // The loader says "not busy" just before it hands the result to the page.
    const auto busy = QObject::connect(page->loader(), &StoreJobLoader::busyChanged, [&](bool b) {
        if (!b)
            applyStart = cadf::bench::currentThreadCpuMs();
    });
    const auto connection = QObject::connect(page, &QueryPage::computed, [&] {
        done = true;
        applyMs = cadf::bench::currentThreadCpuMs() - applyStart;
    });
    const double cpu0 = cpuSeconds();
    const double ui0 = cadf::bench::currentThreadCpuMs();
    QElapsedTimer wall;
    wall.start();
    heartbeat.start();
    timer.start();
    page->setQuery(filter, std::nullopt, std::nullopt);
    while (!done)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    timer.stop();
    const double paint0 = cadf::bench::currentThreadCpuMs();
    QCoreApplication::processEvents(); // the paint after the rows
    Figures f;
    f.applyMs = applyMs;
    f.paintMs = cadf::bench::currentThreadCpuMs() - paint0;
    f.wallMs = double(wall.nsecsElapsed()) / 1e6;
    f.cpuMs = (cpuSeconds() - cpu0) * 1e3;
    f.uiCpuMs = cadf::bench::currentThreadCpuMs() - ui0;
    f.maxStallMs = std::max(maxGap, double(heartbeat.nsecsElapsed()) / 1e6);
    QObject::disconnect(connection);
    QObject::disconnect(busy);
    return f;
}

} // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const std::string store = argc > 1 ? argv[1] : "/tmp/cadfscope-bench-drill.cadfscope";
    const std::int64_t count = argc > 2 ? std::atoll(argv[2]) : 1'000'000;
    if (!std::filesystem::exists(store)) {
        std::printf("building %s with %lld events...\n", store.c_str(), (long long)count);
        std::string error;
        if (!buildWorkspaceStore(store, count, &error)) {
            std::fprintf(stderr, "bench_drilldown: %s\n", error.c_str());
            return 1;
        }
    }
    const QString path = QString::fromStdString(store);
    std::printf("store %s, load average %.2f at start\n", store.c_str(), loadAverage());
    std::printf("%-14s %-18s %8s %8s %8s %8s %8s %8s %9s\n", "view", "filter", "rows", "wall ms",
                "cpu ms", "ui cpu", "apply", "paint", "stall ms");

    DrilldownPage initiators(DrilldownPage::Table::Initiators, path);
    DrilldownPage targets(DrilldownPage::Table::Targets, path);
    DrilldownPage conversations(DrilldownPage::Table::Conversations, path);
    OutcomesPage outcomes(path);
    ProfilePage profile(path);
    struct Row {
        const char* name;
        QueryPage* page;
        std::function<int()> rows;
    };
    const std::vector<Row> pages = {
        {"initiators", &initiators, [&] { return initiators.model()->rowCount(); }},
        {"targets", &targets, [&] { return targets.model()->rowCount(); }},
        {"conversations", &conversations, [&] { return conversations.model()->rowCount(); }},
        {"outcomes", &outcomes, [] { return -1; }},
    };
    const QStringList filters = {QString(), QStringLiteral("outcome:failure"),
                                 QStringLiteral("code:5xx")};
    for (const Row& row : pages) {
        row.page->resize(1400, 900);
        row.page->show();
        // The first show computes the unfiltered view: wait for it, then time each filter.
        while (!row.page->isCurrent())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        for (const QString& filter : filters) {
            const Figures f = measure(row.page, filter);
            std::printf("%-14s %-18s %8d %8.0f %8.0f %8.1f %8.1f %8.1f %9.1f\n", row.name,
                        filter.isEmpty() ? "(none)" : qPrintable(filter), row.rows(), f.wallMs,
                        f.cpuMs, f.uiCpuMs, f.applyMs, f.paintMs, f.maxStallMs);
        }
        row.page->hide();
    }

    // The busiest initiator's profile (the first row of the unfiltered Initiators table).
    initiators.show();
    const Figures none = measure(&initiators, QString());
    Q_UNUSED(none)
    const QString key =
        initiators.model()->index(0, 0).data(DrilldownTableModel::ProfileKeyRole).toString();
    profile.resize(1400, 900);
    profile.show();
    profile.setSubject(QStringLiteral("initiator"), key);
    while (!profile.isCurrent())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    for (const QString& filter : filters) {
        const Figures f = measure(&profile, filter);
        std::printf("%-14s %-18s %8lld %8.0f %8.0f %8.1f %8.1f %8.1f %9.1f\n", "i.profile",
                    filter.isEmpty() ? "(none)" : qPrintable(filter), (long long)profile.events(),
                    f.wallMs, f.cpuMs, f.uiCpuMs, f.applyMs, f.paintMs, f.maxStallMs);
    }

    // A new filter while the unfiltered scan runs: the old scan stops, the new rows come.
    initiators.setQuery(QStringLiteral("code:4xx"), std::nullopt, std::nullopt);
    QElapsedTimer started;
    started.start();
    while (started.elapsed() < 100)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    const Figures after = measure(&initiators, QStringLiteral("outcome:failure"));
    std::printf("initiators: code:4xx replaced after 100 ms by outcome:failure: %.0f ms wall, "
                "%.0f ms cpu, %.1f ms ui cpu, stall %.1f ms\n",
                after.wallMs, after.cpuMs, after.uiCpuMs, after.maxStallMs);
    std::printf("load average %.2f at end\n", loadAverage());
    return 0;
}
