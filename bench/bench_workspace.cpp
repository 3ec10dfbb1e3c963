// The analyst's workspace on a big store: first-page latency of the event table for a set of
// filters, facet and histogram latency, and the worst UI-thread stall while scrolling the table
// from top to bottom and while typing filters, measured on the real EventTableModel,
// EventTableView, FilterBar and WorkspaceQueries (offscreen). The store is built once with the
// seeded generator (10 million events by default, minutes) and reused when the path exists. Usage:
// bench_workspace [STORE] [COUNT]
#include "bench/workspace_filters.h"
#include "bench/workspace_store.h"
#include "models/filter/filter.h"
#include "models/inventory/catalogue.h"
#include "models/itemmodels/event_table_model.h"
#include "models/itemmodels/workspace_queries.h"
#include "models/store/store_reader.h"
#include "views/event_table_view.h"
#include "views/filter_bar.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QScrollBar>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>

namespace {

// Measures how late a 2 ms timer fires: the longest time the event loop did not run.
class StallMeter {
public:
    StallMeter() {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(2);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            if (m_last > 0)
                m_worst = std::max(m_worst, now - m_last);
            m_last = now;
        });
    }
    void start() {
        m_worst = 0;
        m_last = 0;
        m_clock.start();
        m_timer.start();
    }
    double stop() {
        m_timer.stop();
        return double(m_worst) / 1e6;
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_worst = 0;
};

// Times every event the UI thread dispatches (outermost only): names the worst one, so a stall
// in the figures below can be traced to its handler.
class TimingApp : public QApplication {
public:
    using QApplication::QApplication;
    bool notify(QObject* receiver, QEvent* event) override {
        // notify() runs on every thread; only the UI thread's events can freeze the window.
        if (QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        if (m_depth++ > 0) {
            const bool handled = QApplication::notify(receiver, event);
            --m_depth;
            return handled;
        }
        QElapsedTimer clock;
        clock.start();
        const bool handled = QApplication::notify(receiver, event);
        const qint64 ns = clock.nsecsElapsed();
        --m_depth;
        if (ns > m_worstNs) {
            m_worstNs = ns;
            m_worst = QStringLiteral("%1 to %2 (%3)")
                          .arg(int(event->type()))
                          .arg(QString::fromLatin1(receiver->metaObject()->className()),
                               receiver->objectName());
        }
        return handled;
    }
    void resetWorst() {
        m_worstNs = 0;
        m_worst.clear();
    }
    QString worst() const {
        return QStringLiteral("%1 ms: event %2").arg(double(m_worstNs) / 1e6).arg(m_worst);
    }

private:
    int m_depth = 0;
    qint64 m_worstNs = 0;
    QString m_worst;
};

// Runs the event loop until `done` or `timeoutMs`; returns the elapsed ms (-1 on timeout).
double waitFor(const std::function<bool()>& done, int timeoutMs = 60000) {
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return -1;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        QTest::qSleep(0);
    }
    return double(clock.nsecsElapsed()) / 1e6;
}

cadf::store::SqlFilter compileOrDie(const QString& text) {
    cadf::filter::CompileOptions options;
    const auto compiled = cadf::filter::compile(text, options);
    if (!compiled.ok) {
        std::fprintf(stderr, "bench_workspace: filter '%s': %s\n", qPrintable(text),
                     qPrintable(compiled.error.message));
        std::exit(1);
    }
    return compiled.sql;
}

} // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    const std::string store = argc > 1 ? argv[1] : "/tmp/cadfscope-ws-10m.cadfscope";
    const long long count = argc > 2 ? std::atoll(argv[2]) : 10'000'000;
    if (!std::filesystem::exists(store)) {
        std::fprintf(stderr, "building %s with %lld events (takes minutes)\n", store.c_str(),
                     count);
        std::string error;
        if (!buildWorkspaceStore(store, count, &error)) {
            std::fprintf(stderr, "bench_workspace: %s\n", error.c_str());
            return 1;
        }
    }
    TimingApp app(argc, argv);
    const QString path = QString::fromStdString(store);

    // Values that exist in this store, so the filters select something.
    cadf::store::StoreError error;
    auto reader = cadf::store::StoreReader::open(store, &error);
    if (!reader) {
        std::fprintf(stderr, "bench_workspace: %s\n", error.message.c_str());
        return 1;
    }
    const long long total = reader->totalEvents();
    std::size_t days = 0;
    const QStringList filters = workspaceBenchFilters(*reader, &days);
    reader.reset();
    if (filters.isEmpty())
        return 1;
    std::printf("store: %s, %lld events, %zu days\n", store.c_str(), total, days);

    EventTableModel model(path);
    EventTableView view;
    view.setModel(&model);
    view.resize(1200, 700);
    view.show();
    WorkspaceQueries queries(path);
    QObject::connect(&queries, &WorkspaceQueries::failed, [](const QString& message) {
        std::fprintf(stderr, "  workspace query failed: %s\n", qPrintable(message));
    });
    waitFor([&] { return model.countKnown(); });

    // page: first row on screen; count: the scroll bar's size; hist: the histogram; facets: the
    // first (sampled) facets; exact: every facet counted exactly (background work).
    std::printf("\n%-50s %9s %8s %8s %8s %9s %9s\n", "filter", "matching", "page ms", "count ms",
                "hist ms", "facets ms", "exact ms");
    double worstPage = 0, worstFacets = 0, worstSample = 0;
    // `bench_workspace STORE COUNT stalls` skips the latency table.
    const bool onlyStalls = argc > 3 && std::string(argv[3]) == "stalls";
    for (const QString& text : onlyStalls ? QStringList() : filters) {
        const cadf::store::SqlFilter sql = compileOrDie(text);
        bool histogramDone = false;
        double sampleMs = -1;
        QElapsedTimer sampleClock;
        sampleClock.start();
        const auto sampleConnection =
            QObject::connect(&queries, &WorkspaceQueries::facetReady, [&] {
                if (sampleMs < 0)
                    sampleMs = double(sampleClock.nsecsElapsed()) / 1e6;
            });
        const auto histogramConnection = QObject::connect(
            &queries, &WorkspaceQueries::histogramReady, [&] { histogramDone = true; });
        QElapsedTimer clock;
        clock.start();
        model.setFilter(sql);
        queries.setFilter(sql);
        const quint64 generation = model.generation();
        double pageMs = -1, countMs = -1, histMs = -1, facetsMs = -1;
        waitFor(
            [&] {
                const double now = double(clock.nsecsElapsed()) / 1e6;
                // What the view does on screen: ask for the first row until it is there.
                if (model.rowCount() > 0 && pageMs < 0) {
                    if (model.data(model.index(0, 0), EventTableModel::LoadedRole).toBool())
                        pageMs = now;
                    else
                        view.viewport()->update();
                }
                if (countMs < 0 && model.countCurrent() && model.generation() == generation) {
                    countMs = now;
                    if (model.rowCount() == 0)
                        pageMs = now; // nothing to show: the empty table is the first page
                }
                if (histMs < 0 && histogramDone)
                    histMs = now;
                if (facetsMs < 0 && !queries.busy())
                    facetsMs = now;
                return pageMs >= 0 && countMs >= 0 && histMs >= 0 && facetsMs >= 0;
            },
            120000);
        QObject::disconnect(histogramConnection);
        QObject::disconnect(sampleConnection);
        worstPage = std::max(worstPage, pageMs);
        worstFacets = std::max(worstFacets, facetsMs);
        const QString shown = text.isEmpty() ? QStringLiteral("(no filter)") : text;
        std::printf("%-50s %9lld %8.0f %8.0f %8.0f %9.0f %9.0f\n", qPrintable(shown.left(50)),
                    static_cast<long long>(model.matchingEvents()), pageMs, countMs, histMs,
                    sampleMs, facetsMs);
        worstSample = std::max(worstSample, std::max(sampleMs, histMs));
        std::fflush(stdout);
    }
    std::printf("worst first page: %.0f ms; worst first facets (sample) and histogram: %.0f ms; "
                "worst exact facets: %.0f ms\n",
                worstPage, worstSample, worstFacets);

    // Scrolling from top to bottom over every event: the scroll bar moved in 400 steps of 25 ms
    // (a fast drag), then wheel-like steps at the end; the event loop must never stall.
    model.setFilter({});
    queries.setFilter({});
    waitFor([&] { return model.countKnown() && !queries.busy(); }, 120000);
    StallMeter meter;
    QScrollBar* bar = view.verticalScrollBar();
    app.resetWorst();
    meter.start();
    QElapsedTimer scrollClock;
    scrollClock.start();
    const int steps = 400;
    for (int i = 0; i <= steps; ++i) {
        bar->setValue(int(qint64(bar->maximum()) * i / steps));
        waitFor([] { return false; }, 25);
    }
    for (int i = 0; i < 50; ++i) {
        bar->setValue(bar->value() - bar->singleStep() * 3);
        waitFor([] { return false; }, 16);
    }
    const int lastRow = view.rowAt(view.viewport()->height() / 2);
    const double settleMs = waitFor([&] {
        return model.data(model.index(std::max(0, lastRow), 0), EventTableModel::LoadedRole)
            .toBool();
    });
    const double scrollStall = meter.stop();
    std::printf("\nscroll top to bottom (%d rows): worst UI stall %.1f ms; last screen loaded "
                "%.0f ms after the scrolling stopped (%.1f s in all)\n",
                model.rowCount(), scrollStall, settleMs, double(scrollClock.elapsed()) / 1000);
    std::printf("  slowest UI event while scrolling: %s\n", qPrintable(app.worst()));

    // Typing filters into the real filter bar, 80 ms between keys, Enter after each: the table,
    // facets and histogram restart on every apply while the UI keeps running.
    FilterBar filterBar;
    filterBar.show();
    QObject::connect(&filterBar, &FilterBar::filterApplied,
                     [&](const QString&, const cadf::store::SqlFilter& sql) {
                         model.setFilter(sql);
                         queries.setFilter(sql);
                     });
    app.resetWorst();
    meter.start();
    for (const QString& text : filters) {
        QLineEdit* edit = filterBar.lineEdit();
        edit->clear();
        for (const QChar c : text) {
            QTest::keyClick(edit, c.toLatin1());
            waitFor([] { return false; }, 80);
        }
        QTest::keyClick(edit, Qt::Key_Return);
        waitFor([] { return false; }, 150);
    }
    waitFor([&] { return model.countKnown() && !queries.busy(); }, 120000);
    const double filterStall = meter.stop();
    std::printf("typing %lld filters: worst UI stall %.1f ms\n",
                static_cast<long long>(filters.size()), filterStall);
    std::printf("  slowest UI event while typing: %s\n", qPrintable(app.worst()));
    return 0;
}
