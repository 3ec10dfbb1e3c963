// The workspace's counting for one filter at a time, without the event table competing for the
// two cores: WorkspaceWorker's sampled facets, histogram and exact facets called directly on
// this thread, each timed in wall-clock and this thread's CPU time. Where bench_workspace shows
// what the analyst sees with everything running at once, this shows what each part costs.
// Usage: bench_workspace_queries STORE [exact]   (exact: also the exact facets, slow)
#include "bench/thread_cpu.h"
#include "bench/workspace_filters.h"
#include "models/filter/filter.h"
#include "models/itemmodels/workspace_worker.h"
#include "models/store/store_reader.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>
#include <ctime>
#include <memory>
#include <string>

namespace {

struct Timing {
    double wallMs = 0;
    double cpuMs = 0;
};

template <typename F> Timing timed(F&& f) {
    QElapsedTimer clock;
    clock.start();
    const double cpu = cadf::bench::currentThreadCpuMs();
    f();
    return {double(clock.nsecsElapsed()) / 1e6, cadf::bench::currentThreadCpuMs() - cpu};
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_workspace_queries STORE [exact]\n");
        return 2;
    }
    const std::string store = argv[1];
    const bool exact = argc > 2 && std::string(argv[2]) == "exact";
    cadf::store::StoreError error;
    auto reader = cadf::store::StoreReader::open(store, &error);
    if (!reader) {
        std::fprintf(stderr, "bench_workspace_queries: %s\n", error.message.c_str());
        return 1;
    }
    // bench_workspace's filters, and two more that test the plan's choices.
    QStringList filters = workspaceBenchFilters(*reader);
    if (filters.isEmpty())
        return 1;
    filters << QStringLiteral("target:*cases* outcome:failure")
            << QStringLiteral("initiator.type:*user* code:4xx");

    auto latest = std::make_shared<std::atomic<quint64>>(0);
    auto latestValues = std::make_shared<std::atomic<quint64>>(0);
    WorkspaceWorker worker(QString::fromStdString(store), latest, latestValues);
    QObject::connect(&worker, &WorkspaceWorker::failed, [](quint64, const QString& message) {
        std::fprintf(stderr, "  failed: %s\n", qPrintable(message));
    });
    const std::vector<int> limits = {0, 0, 0, 10, 10, 10};
    std::printf("%-42s %15s %15s %15s %15s\n", "filter", "resolve ms/cpu", "facets ms/cpu",
                "hist ms/cpu", exact ? "exact ms/cpu" : "");
    quint64 generation = 0;
    // Warm-up: the first statement opens the connection and reads the schema.
    latest->store(++generation);
    worker.facets(generation, {}, limits);
    for (const QString& text : filters) {
        const auto compiled = cadf::filter::compile(text);
        if (!compiled.ok) {
            std::fprintf(stderr, "filter '%s': %s\n", qPrintable(text),
                         qPrintable(compiled.error.message));
            return 1;
        }
        // The worker's first step for a filter, alone: dictionary look-ups, then the plan.
        const Timing resolve = timed([&] {
            const cadf::store::SqlFilter resolved =
                cadf::filter::resolveLookups(reader->database(), compiled.sql);
            cadf::filter::forFullPass(reader->database(), resolved);
        });
        latest->store(++generation);
        const Timing facets = timed([&] { worker.facets(generation, compiled.sql, limits); });
        const Timing hist = timed([&] { worker.histogram(generation, compiled.sql, 120, 0); });
        Timing exactTiming;
        if (exact)
            exactTiming = timed([&] { worker.exactFacets(generation, compiled.sql, limits); });
        const QString shown = text.isEmpty() ? QStringLiteral("(no filter)") : text;
        std::printf("%-42s %7.0f/%7.0f %7.0f/%7.0f %7.0f/%7.0f", qPrintable(shown.left(42)),
                    resolve.wallMs, resolve.cpuMs, facets.wallMs, facets.cpuMs, hist.wallMs,
                    hist.cpuMs);
        if (exact)
            std::printf(" %7.0f/%7.0f", exactTiming.wallMs, exactTiming.cpuMs);
        std::printf("\n");
        std::fflush(stdout);
    }
    return 0;
}
