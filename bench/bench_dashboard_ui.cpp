// The dashboards' cost on the UI thread: the longest time the event loop did not run while a
// dashboard computed on its reader thread (what an analyst feels while the listener refreshes
// it), and the time to fill the charts with a result and lay out and paint the whole page (the
// only dashboard work the UI thread does). The aggregates' own speed is bench_dashboard's.
// Usage: bench_dashboard_ui STORE [ROUNDS]   (BENCH_SAVE=1 writes the pages painted as
// bench-dashboard-*.png in the working folder, to look at)
//
// Qt Charts for the time bars and the donuts (branch charts), 50,000-event store (loggen --seed 7
// --count 50000), offscreen, load average 7.9-8.3 on 2 cores, UI-thread CPU per fill+paint:
// Overview 6.7-7.1 ms painted -> 15.1 ms with Qt Charts; SOAR 2.2-2.3 ms -> 9.1-10.4 ms. The
// QChart is built again and laid out at each layout (a few hundred bars at most): ~8 ms more
// per refresh, at most two refreshes a second.
#include "bench/thread_cpu.h"
#include "models/inventory/catalogue.h"
#include "views/dashboard/overview_dashboard.h"
#include "views/dashboard/service_dashboard_view.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <vector>

namespace {

double load1() {
    double l[1] = {0};
    return getloadavg(l, 1) == 1 ? l[0] : -1;
}

// One computation while a 2 ms timer ticks: wall time to the result and the longest gap. On a
// small store the computation ends before the first tick, and the gap is the UI's own work:
// repainting the page greyed, then filling and painting the result.
void timeComputation(DashboardPage& page, const char* what) {
    QElapsedTimer clock;
    qint64 last = 0;
    qint64 worst = 0;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(2);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        worst = std::max(worst, now - last);
        last = now;
    });
    QSignalSpy shown(&page, &DashboardPage::resultShown);
    clock.start();
    tick.start();
    page.reload();
    if (!shown.wait(600000)) {
        std::printf("%s: no result (%s)\n", what, qPrintable(page.errorText()));
        return;
    }
    tick.stop();
    std::printf("%-28s computed in %8.1f ms wall; longest UI stall meanwhile %6.1f ms\n", what,
                double(clock.nsecsElapsed()) / 1e6, double(worst) / 1e6);
}

// Fill + layout + paint of the whole page, `rounds` times: median and worst, wall and UI CPU.
void timeFillAndPaint(DashboardPage& page, const char* what, int rounds) {
    const DashboardResultPtr result = page.result();
    if (!result)
        return;
    std::vector<double> wall;
    const double cpu0 = cadf::bench::currentThreadCpuMs();
    for (int i = 0; i < rounds; ++i) {
        QElapsedTimer clock;
        clock.start();
        page.showResult(result);
        // The layout the new data asks for (posted LayoutRequests), as the event loop would.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        const QPixmap pixels = page.page()->grab(); // lays out and paints every chart
        wall.push_back(double(clock.nsecsElapsed()) / 1e6);
        if (i == 0 && qEnvironmentVariableIsSet("BENCH_SAVE"))
            pixels.save(
                QStringLiteral("bench-dashboard-%1.png").arg(QString::fromLatin1(what).left(4)));
        if (pixels.isNull())
            std::printf("%s: nothing painted\n", what);
    }
    const double cpu = (cadf::bench::currentThreadCpuMs() - cpu0) / rounds;
    std::sort(wall.begin(), wall.end());
    std::printf("%-28s fill+paint %5.1f ms median, %5.1f ms worst (%5.1f ms UI CPU each) at "
                "%dx%d\n",
                what, wall[wall.size() / 2], wall.back(), cpu, page.page()->width(),
                page.page()->height());
}

} // namespace

int main(int argc, char* argv[]) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_dashboard_ui STORE [ROUNDS]\n");
        return 2;
    }
    const QString store = QString::fromLocal8Bit(argv[1]);
    const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 20;
    const cadf::inventory::Catalogue& catalogue = cadf::inventory::Catalogue::builtIn();
    std::printf("store %s, load average %.2f at start\n", argv[1], load1());

    OverviewDashboard overview(store, catalogue);
    overview.resize(1400, 900);
    overview.show();
    // The first computation includes the page's first paint (fonts loaded, glyphs cached).
    timeComputation(overview, "Overview, first (cold)");
    timeComputation(overview, "Overview, again");
    timeFillAndPaint(overview, "Overview", rounds);

    ServiceDashboardView service(store, catalogue);
    service.resize(1400, 900);
    service.show();
    service.setService(QStringLiteral("SOAR"));
    timeComputation(service, "SOAR dashboard (all events)");
    timeFillAndPaint(service, "SOAR dashboard", rounds);
    std::printf("load average %.2f at end\n", load1());
    return 0;
}
