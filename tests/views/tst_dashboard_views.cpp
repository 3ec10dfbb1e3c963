// The Overview and service dashboards offscreen, over a store imported from a generated log:
// the tiles show the counts an independent SQL query gives (with and without a filter), a click
// on a tile asks for its service's dashboard, a click on a bar, heatmap cell, slice or ranked
// row asks for a filter clause that selects exactly the events the mark counted, an initiator
// opens its profile, refresh() coalesces, and the whole page exports as PNG, SVG and PDF.
#include "dashboard_view_test.h"

#include <QLabel>

using namespace dashboardtest;

class TestDashboardViews : public DashboardViewTest {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { buildStore(); }

    void tilesEqualSql_data() {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QString>("where"); // the same selection in SQL, written by hand
        QTest::newRow("all") << QString() << QStringLiteral("1");
        QTest::newRow("4xx") << QStringLiteral("code:4xx")
                             << QStringLiteral("code BETWEEN 400 AND 499");
        QTest::newRow("failures") << QStringLiteral("outcome:failure")
                                  << QStringLiteral("outcome = 2");
    }

    // Each tile's events and failures, as written on the tile, equal SQL's per service.
    void tilesEqualSql() {
        QFETCH(QString, filter);
        QFETCH(QString, where);
        OverviewDashboard overview(m_db, Catalogue::builtIn());
        overview.resize(1200, 900);
        overview.show();
        overview.setQuery(filter, std::nullopt, std::nullopt);
        waitForResult(overview);
        QCOMPARE(overview.errorText(), QString());

        const SqlCounts all = sqlCounts(m_db, where);
        QVERIFY(all.events > 0);
        QCOMPARE(overview.result()->overview.events, all.events);
        QCOMPARE(overview.result()->overview.failures, all.failures);
        ServiceTiles* tiles = overview.serviceTiles();
        int tileCount = 0;
        std::int64_t tileEvents = 0;
        for (const auto& category : overview.result()->overview.categories) {
            for (const auto& tile : category.services) {
                const QString name = tile.serviceId == 0 ? QStringLiteral("Unclassified")
                                                         : QString::fromStdString(tile.name);
                const SqlCounts want = sqlCounts(
                    m_db, QStringLiteral("service = %1 AND (%2)").arg(tile.serviceId).arg(where));
                QCOMPARE(tile.events, want.events);
                QCOMPARE(tile.failures, want.failures);
                // What the tile shows: its mark's text carries both numbers as written.
                const QRectF rect = tiles->tileRect(name);
                QVERIFY2(!rect.isEmpty(), qPrintable(name));
                const int index = tiles->markAt(rect.topLeft() + QPointF(8, 8));
                QVERIFY(index >= 0);
                const QString text = tiles->marks().at(index).tooltip;
                QVERIFY2(text.contains(QLocale().toString(qint64(want.events)) + u' '),
                         qPrintable(text));
                QVERIFY2(text.contains(QLocale().toString(qint64(want.failures)) + u' '),
                         qPrintable(text));
                ++tileCount;
                tileEvents += tile.events;
            }
        }
        QVERIFY(tileCount >= 3);
        QCOMPARE(tileEvents, all.events); // every event is on one tile
    }

    void tileOpensServiceDashboard() {
        OverviewDashboard overview(m_db, Catalogue::builtIn());
        overview.resize(1200, 900);
        overview.show();
        overview.setQuery(QString(), std::nullopt, std::nullopt);
        waitForResult(overview);
        const auto& first = overview.result()->overview.categories.front().services.front();
        const QString name = QString::fromStdString(first.name);
        const QRectF rect = overview.serviceTiles()->tileRect(name);
        QVERIFY(!rect.isEmpty());
        QSignalSpy opened(&overview, &DashboardPage::serviceDashboardRequested);
        QSignalSpy clauses(&overview, &DashboardPage::filterClauseRequested);
        // The tile's name line (the sparkline at its foot narrows to a bucket instead).
        QTest::mouseClick(overview.serviceTiles(), Qt::LeftButton, {},
                          (rect.topLeft() + QPointF(12, 8)).toPoint());
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.front().front().toString(), name);
        QCOMPARE(clauses.size(), 0);
    }

    void marksNarrowToWhatTheyCount_data() {
        QTest::addColumn<QString>("filter");
        QTest::newRow("all") << QString();
        QTest::newRow("not 200") << QStringLiteral("-code:200");
    }

    // A bar segment, a bucket column, a heatmap cell and an action slice each ask for a clause
    // that, ANDed into the filter, selects exactly the events the mark shows.
    void marksNarrowToWhatTheyCount() {
        QFETCH(QString, filter);
        OverviewDashboard overview(m_db, Catalogue::builtIn());
        overview.resize(1300, 1000);
        overview.show();
        overview.setQuery(filter, std::nullopt, std::nullopt);
        waitForResult(overview);
        const DashboardResult& result = *overview.result();
        const cadf::store::TimeHistogram& h = result.overview.histogram;
        QVERIFY(h.buckets.size() > 5);

        // The bucket with the most failures: its failure segment.
        std::size_t busiest = 0;
        for (std::size_t b = 0; b < h.buckets.size(); ++b) {
            if (h.buckets[b].counts[2] > h.buckets[busiest].counts[2])
                busiest = b;
        }
        const std::int64_t start = h.buckets[busiest].startUs;
        const QString time = cadf::dashboard::timeRangeClause(start, start + h.bucketUs, 0);
        const QString failureClause = time + QStringLiteral(" outcome:failure");
        const int segment = markWithClause(overview.outcomeChart(), failureClause);
        QVERIFY2(segment >= 0, qPrintable(failureClause));
        QCOMPARE(clickForClause(overview.outcomeChart(), segment), failureClause);
        QCOMPARE(countOf(filter, failureClause), h.buckets[busiest].counts[2]);
        // The column behind the bars: the whole bucket.
        const int column = markWithClause(overview.outcomeChart(), time);
        QVERIFY(column >= 0);
        QCOMPARE(countOf(filter, time), h.buckets[busiest].total());

        // The largest cell the heatmap shows (it keeps the failing codes' rows first).
        std::vector<cadf::dashboard::HeatCell> cells = result.overview.reasonHeatmap;
        std::sort(cells.begin(), cells.end(),
                  [](const auto& a, const auto& b) { return a.events > b.events; });
        int cellMark = -1;
        QString cellClause;
        std::int64_t cellEvents = 0;
        for (const cadf::dashboard::HeatCell& cell : cells) {
            const std::int64_t cellStart = h.fromUs + std::int64_t(cell.bucket) * h.bucketUs;
            cellClause = cadf::dashboard::joinClauses(
                {cadf::dashboard::serviceClause(
                     cadf::dashboard::serviceName(Catalogue::builtIn(), cell.serviceId)),
                 cadf::dashboard::codeClause(cell.code),
                 cadf::dashboard::timeRangeClause(cellStart, cellStart + h.bucketUs, 0)});
            cellMark = markWithClause(overview.reasonHeatmap(), cellClause);
            cellEvents = cell.events;
            if (cellMark >= 0)
                break;
        }
        QVERIFY2(cellMark >= 0, qPrintable(cellClause));
        QCOMPARE(clickForClause(overview.reasonHeatmap(), cellMark), cellClause);
        QCOMPARE(countOf(filter, cellClause), cellEvents);

        // Every action slice, clicked: its clause counts its slice.
        SplitChart* actions = overview.actionSplit();
        int slices = 0;
        for (int kind = 0; kind < cadf::dashboard::kActionKinds; ++kind) {
            const std::int64_t value = result.overview.actions[std::size_t(kind)];
            if (value == 0)
                continue;
            const QString clause = cadf::dashboard::actionKindClause(
                cadf::dashboard::ActionKind(kind), result.actions);
            const int mark = markWithClause(actions, clause);
            QVERIFY2(mark >= 0, qPrintable(clause));
            QCOMPARE(clickForClause(actions, mark), clause);
            QCOMPARE(countOf(filter, clause), value);
            ++slices;
        }
        QVERIFY(slices >= 2);

        // A failing endpoint's row: its failures.
        RankedBarsChart* endpoints = overview.failingEndpoints();
        QVERIFY(!endpoints->marks().isEmpty());
        const QString endpointClause = clickForClause(endpoints, 0);
        QVERIFY(endpointClause.contains(QLatin1String("outcome:failure")));
        // Rows sharing a description are one bar (endpoint:"..." selects them all).
        const auto shown = dashboardmarks::mergeByDescription(result.overview.topFailingEndpoints,
                                                              true, dashboardmarks::kShownRows);
        QCOMPARE(countOf(filter, endpointClause), shown.front().endpoint.failures);
    }

    // A sparkline bar of a tile narrows to its service and bucket: the events its tooltip names.
    void sparklineBarNarrowsToBucket() {
        OverviewDashboard overview(m_db, Catalogue::builtIn());
        overview.resize(1200, 900);
        overview.show();
        overview.setQuery(QStringLiteral("code:4xx"), std::nullopt, std::nullopt);
        waitForResult(overview);
        ServiceTiles* tiles = overview.serviceTiles();
        int checked = 0;
        for (qsizetype i = tiles->marks().size() - 1; i >= 0 && checked < 5; --i) {
            const ChartMark mark = tiles->marks().at(i);
            if (!mark.clause.contains(QLatin1String("time>=")))
                continue;
            QCOMPARE(clickForClause(tiles, int(i)), mark.clause);
            const QString shown = mark.tooltip.section(QLatin1String(": "), -1).section(u' ', 0, 0);
            QCOMPARE(QLocale().toString(qint64(countOf(QStringLiteral("code:4xx"), mark.clause))),
                     shown);
            ++checked;
        }
        QCOMPARE(checked, 5);
    }

    // The time range arguments: only events in [from, to) are counted.
    void timeRangeLimitsTheCounts() {
        const SqlCounts bounds = sqlCounts(m_db, QStringLiteral("1"));
        QVERIFY(bounds.events > 0);
        sqlite3* handle = nullptr;
        QCOMPARE(sqlite3_open_v2(m_db.toUtf8().constData(), &handle, SQLITE_OPEN_READONLY, nullptr),
                 SQLITE_OK);
        sqlite3_stmt* s = nullptr;
        sqlite3_prepare_v2(handle, "SELECT min(ts), max(ts) FROM events", -1, &s, nullptr);
        QCOMPARE(sqlite3_step(s), SQLITE_ROW);
        const qint64 first = sqlite3_column_int64(s, 0);
        const qint64 last = sqlite3_column_int64(s, 1);
        sqlite3_finalize(s);
        sqlite3_close(handle);
        const qint64 from = first + (last - first) / 3;
        const qint64 to = first + 2 * (last - first) / 3;

        OverviewDashboard overview(m_db, Catalogue::builtIn());
        overview.show();
        overview.setQuery(QStringLiteral("outcome:failure"), from, to);
        waitForResult(overview);
        const SqlCounts want = sqlCounts(
            m_db, QStringLiteral("outcome = 2 AND ts >= %1 AND ts < %2").arg(from).arg(to));
        QVERIFY(want.events > 0);
        QCOMPARE(overview.result()->overview.events, want.events);
        std::int64_t tiles = 0;
        for (const auto& category : overview.result()->overview.categories)
            tiles += category.events;
        QCOMPARE(tiles, want.events);
    }

    void initiatorOpensProfile() {
        OverviewDashboard overview(m_db, Catalogue::builtIn());
        overview.resize(1200, 1000);
        overview.show();
        overview.setQuery(QString(), std::nullopt, std::nullopt);
        waitForResult(overview);
        RankedBarsChart* initiators = overview.initiatorsByEvents();
        QVERIFY(!initiators->marks().isEmpty());
        QSignalSpy profiles(&overview, &DashboardPage::profileRequested);
        QTest::mouseClick(initiators, Qt::LeftButton, {}, centreOf(initiators->marks().front()));
        QCOMPARE(profiles.size(), 1);
        QCOMPARE(profiles.front().at(0).toString(), QStringLiteral("initiator"));
        const auto& top = overview.result()->overview.topInitiatorsByEvents.front();
        QCOMPARE(profiles.front().at(1).toString(), QString::number(top.ref));
        QVERIFY(
            initiators->marks().front().tooltip.contains(QLocale().toString(qint64(top.events))));
    }

    // A service's dashboard: its figures against SQL, its clicks against the store's counts.
    void serviceDashboard() {
        OverviewDashboard overview(m_db, Catalogue::builtIn());
        overview.show();
        overview.setQuery(QString(), std::nullopt, std::nullopt);
        waitForResult(overview);
        const auto& biggest = overview.result()->overview.categories.front().services.front();
        const QString name = QString::fromStdString(biggest.name);

        ServiceDashboardView view(m_db, Catalogue::builtIn());
        view.resize(1200, 1000);
        view.show();
        view.setService(name.toUpper()); // names are matched ignoring case
        view.setQuery(QStringLiteral("-code:200"), std::nullopt, std::nullopt);
        waitForResult(view);
        QCOMPARE(view.errorText(), QString());
        const cadf::dashboard::ServiceDashboard& d = view.result()->service;
        const SqlCounts want = sqlCounts(
            m_db,
            QStringLiteral("service = %1 AND coalesce(code, -1) <> 200").arg(biggest.serviceId));
        QCOMPARE(d.events, want.events);
        QCOMPARE(d.failures, want.failures);

        // Failures by code: the first row's clause counts its failures.
        RankedBarsChart* codes = view.failuresByCode();
        QVERIFY(!codes->marks().isEmpty());
        const QString codeClause = clickForClause(codes, 0);
        QVERIFY(codeClause.startsWith(cadf::dashboard::serviceClause(biggest.name)));
        QCOMPARE(countOf(QStringLiteral("-code:200"), codeClause), d.failuresByCode.front().events);

        // Activity by action: a segment's clause counts that action group in that bucket.
        TimeBarsChart* activity = view.activityChart();
        const QList<ChartMark>& marks = activity->marks();
        int checked = 0;
        for (qsizetype i = marks.size() - 1; i >= 0 && checked < 3; --i) {
            if (!marks[i].clause.contains(QLatin1String("action:")) ||
                !marks[i].clause.contains(QLatin1String("time>=")))
                continue;
            const QString clause = clickForClause(activity, int(i));
            QCOMPARE(clause, marks[i].clause);
            // The tooltip's "N of M events" names the segment's own count first.
            const QString tip = marks[i].tooltip;
            const qsizetype colon = tip.lastIndexOf(QLatin1String(": "));
            const QString shown = tip.mid(colon + 2).section(u' ', 0, 0);
            QCOMPARE(QLocale().toString(qint64(countOf(QStringLiteral("-code:200"), clause))),
                     shown);
            ++checked;
        }
        QVERIFY(checked > 0);

        // Never seen: the service's inventory rows without a matching event.
        int rows = 0;
        for (const auto& row : Catalogue::builtIn().rows()) {
            if (row.serviceId != biggest.serviceId)
                continue;
            const SqlCounts seen = sqlCounts(
                m_db, QStringLiteral("endpoint = %1 AND coalesce(code, -1) <> 200").arg(row.id));
            rows += seen.events == 0;
        }
        QCOMPARE(int(d.neverSeen.size()), rows);
    }

    void unknownServiceSaysSo() {
        ServiceDashboardView view(m_db, Catalogue::builtIn());
        view.show();
        view.setService(QStringLiteral("No Such Service"));
        QVERIFY(view.errorText().contains(QLatin1String("No Such Service")));
        QVERIFY(!view.isBusy());
    }

    void invalidFilterSaysSo() {
        OverviewDashboard overview(m_db, Catalogue::builtIn());
        overview.show();
        overview.setQuery(QStringLiteral("outcme:failure"), std::nullopt, std::nullopt);
        QVERIFY(overview.errorText().contains(QLatin1String("outcome")));
    }

    // Before a service is chosen the page asks for one, in its own colours; a filter it cannot
    // read is still an error, in red, even then.
    void hintAndErrorColours() {
        ServiceDashboardView view(m_db, Catalogue::builtIn());
        view.show();
        auto messageColour = [&view] {
            for (const QLabel* label : view.findChildren<QLabel*>()) {
                if (label->isVisibleTo(&view) && label->text() == view.errorText())
                    return label->palette().color(QPalette::WindowText);
            }
            return QColor();
        };
        view.setQuery(QString(), std::nullopt, std::nullopt);
        QVERIFY(!view.errorText().isEmpty());
        QCOMPARE(messageColour(), view.palette().color(QPalette::WindowText));
        view.setQuery(QStringLiteral("outcme:failure"), std::nullopt, std::nullopt);
        QVERIFY(view.errorText().contains(QLatin1String("outcome")));
        QCOMPARE(messageColour(), QColor(200, 40, 40));
    }

    // Many refresh() calls in a burst: one computation, no sooner than the coalescing delay.
    void refreshCoalesces() {
        OverviewDashboard overview(m_db, Catalogue::builtIn());
        overview.show();
        overview.setQuery(QString(), std::nullopt, std::nullopt);
        waitForResult(overview);
        QSignalSpy busy(&overview, &DashboardPage::busyChanged);
        QSignalSpy shown(&overview, &DashboardPage::resultShown);
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < 20; ++i)
            overview.refresh();
        QVERIFY(shown.wait(10000));
        QVERIFY2(clock.elapsed() >= 450, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(busy.count(), 2); // on, off: one computation
        QCOMPARE(shown.count(), 1);
    }

    // Escape stops the computation: not busy at once, no result; the next query still computes.
    void escapeCancels() {
        OverviewDashboard overview(m_db, Catalogue::builtIn());
        overview.show();
        overview.setQuery(QString(), std::nullopt, std::nullopt);
        QVERIFY(overview.isBusy());
        QTest::keyClick(&overview, Qt::Key_Escape);
        QVERIFY(!overview.isBusy());
        QVERIFY(!overview.result());
        overview.setQuery(QStringLiteral("outcome:failure"), std::nullopt, std::nullopt);
        waitForResult(overview);
        QCOMPARE(overview.result()->overview.events,
                 sqlCounts(m_db, QStringLiteral("outcome = 2")).events);
    }

    // A time chart shows its legend from its first layout, and one built again for new data
    // draws exactly what a chart built once for that data draws (no axis labels left from the
    // earlier build: Qt Charts deletes a removed axis's items only later).
    void timeBarsRebuildCleanly() {
        const auto green = [](const QPalette&) { return QColor(Qt::darkGreen); };
        const auto red = [](const QPalette&) { return QColor(Qt::red); };
        auto seriesOf = [&](std::int64_t scale) {
            return std::vector<TimeBarsChart::Series>{{QStringLiteral("success"),
                                                       QStringLiteral("outcome:success"),
                                                       green,
                                                       {5 * scale, 6 * scale, 7 * scale}},
                                                      {QStringLiteral("failure"),
                                                       QStringLiteral("outcome:failure"),
                                                       red,
                                                       {1 * scale, 2 * scale, 3 * scale}}};
        };
        const std::int64_t hour = 3'600'000'000;
        TimeBarsChart once(QStringLiteral("t"));
        TimeBarsChart twice(QStringLiteral("t"));
        for (TimeBarsChart* chart : {&once, &twice})
            chart->resize(640, 240);
        twice.setData(1'700'000'000'000'000, 60'000'000, seriesOf(1000), 0, QString());
        twice.grab(); // laid out and painted for the first data
        for (TimeBarsChart* chart : {&once, &twice})
            chart->setData(1'700'000'000'000'000 + 5 * hour, hour, seriesOf(1), 0, QString());
        int legendMarks = 0;
        for (const ChartMark& mark : once.marks())
            legendMarks += mark.tooltip.contains(QLatin1String("in all"));
        QCOMPARE(legendMarks, 2);
        QCOMPARE(twice.grab().toImage(), once.grab().toImage());
    }

    // Qt Charts draws the time bars and the donut, the widget places the marks from the chart's
    // geometry: each segment's mark lies on its series' colour, each slice's on its slice's.
    void marksLieOnWhatQtChartsDraws() {
        OverviewDashboard overview(m_db, Catalogue::builtIn());
        overview.resize(1200, 900);
        overview.show();
        overview.setQuery(QString(), std::nullopt, std::nullopt);
        waitForResult(overview);

        TimeBarsChart* bars = overview.outcomeChart();
        const QImage barImage = bars->grab().toImage();
        int segments = 0;
        for (const ChartMark& mark : bars->marks()) {
            const QRectF box = mark.shape.boundingRect();
            if (!mark.clause.contains(QLatin1String("time>=")) || box.height() < 4 ||
                box.width() < 3)
                continue;
            for (const int outcome : {0, 1, 2, 3}) {
                if (!mark.clause.endsWith(cadf::dashboard::outcomeClause(outcome)))
                    continue;
                QCOMPARE(barImage.pixelColor(box.center().toPoint()),
                         chartcolours::outcome(bars->palette(), outcome));
                ++segments;
            }
        }
        QVERIFY2(segments >= 10, qPrintable(QString::number(segments)));
        // Qt Charts' legend entries are marks too (found through its items): a click on one
        // narrows to its outcome.
        const QString failures = cadf::dashboard::outcomeClause(2);
        const int legendEntry = markWithClause(bars, failures);
        QVERIFY(legendEntry >= 0);
        QCOMPARE(clickForClause(bars, legendEntry), failures);
        // Greyed while computing: the bars Qt Charts draws fade with the rest of the chart.
        const QPoint successBar = [&] {
            for (const ChartMark& mark : bars->marks()) {
                const QRectF box = mark.shape.boundingRect();
                if (mark.clause.contains(QLatin1String("time>=")) &&
                    mark.clause.endsWith(cadf::dashboard::outcomeClause(1)) && box.height() >= 4)
                    return box.center().toPoint();
            }
            return QPoint();
        }();
        const QColor success = chartcolours::outcome(bars->palette(), 1);
        QCOMPARE(barImage.pixelColor(successBar), success);
        bars->setGreyed(true);
        const QColor faded = bars->grab().toImage().pixelColor(successBar);
        bars->setGreyed(false);
        QVERIFY2(faded != success && faded.lightness() > success.lightness(),
                 qPrintable(faded.name()));

        SplitChart* actions = overview.actionSplit();
        const QImage pieImage = actions->grab().toImage();
        const auto& result = *overview.result();
        int slices = 0;
        for (int kind = 0; kind < cadf::dashboard::kActionKinds; ++kind) {
            if (result.overview.actions[std::size_t(kind)] * 50 < result.overview.events)
                continue; // a sliver: its few pixels are mostly edge
            const int index =
                markWithClause(actions, cadf::dashboard::actionKindClause(
                                            cadf::dashboard::ActionKind(kind), result.actions));
            QVERIFY(index >= 0);
            const QRectF box = actions->marks().at(index).shape.boundingRect();
            int inside = 0;
            int coloured = 0;
            for (int i = 1; i < 8; ++i) {
                for (int j = 1; j < 8; ++j) {
                    const QPoint p =
                        QPointF(box.left() + box.width() * i / 8, box.top() + box.height() * j / 8)
                            .toPoint();
                    if (actions->markAt(p) != index)
                        continue;
                    ++inside;
                    coloured +=
                        pieImage.pixelColor(p) == chartcolours::action(actions->palette(), kind);
                }
            }
            QVERIFY2(inside > 0 && coloured * 4 >= inside * 3,
                     qPrintable(QStringLiteral("%1 of %2").arg(coloured).arg(inside)));
            ++slices;
        }
        QVERIFY(slices >= 2);
    }

    // A dark palette: the charts paint on its base colour and write in its text colour.
    void chartsFollowPalette() {
        OverviewDashboard overview(m_db, Catalogue::builtIn());
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(30, 30, 30));
        dark.setColor(QPalette::Base, QColor(20, 20, 24));
        dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
        dark.setColor(QPalette::Text, QColor(230, 230, 230));
        overview.setPalette(dark);
        overview.resize(1200, 900);
        overview.show();
        overview.setQuery(QString(), std::nullopt, std::nullopt);
        waitForResult(overview);
        const QImage image = overview.outcomeChart()->grab().toImage();
        QCOMPARE(image.pixelColor(image.width() / 2, 3), QColor(20, 20, 24));
        // Some pixels of the title are the light text colour.
        bool light = false;
        for (int x = 0; x < 120 && !light; ++x) {
            for (int y = 0; y < 20 && !light; ++y)
                light = image.pixelColor(x, y).lightness() > 200;
        }
        QVERIFY(light);
        // So do Qt Charts' axis labels ("1,000", "0") left of the bars.
        bool axisLight = false;
        for (int x = 0; x < 60 && !axisLight; ++x) {
            for (int y = image.height() / 2; y < image.height() && !axisLight; ++y)
                axisLight = image.pixelColor(x, y).lightness() > 200;
        }
        QVERIFY(axisLight);
    }

    void exportsWholePageAndCharts() {
        OverviewDashboard overview(m_db, Catalogue::builtIn());
        overview.resize(1200, 900);
        overview.show();
        overview.setQuery(QString(), std::nullopt, std::nullopt);
        waitForResult(overview);
        const auto read = [](const QString& path) {
            QFile file(path);
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        };
        QString error;
        const QString png = m_dir.filePath(QStringLiteral("overview.png"));
        QVERIFY2(overview.exportTo(png, &error), qPrintable(error));
        QVERIFY(read(png).startsWith("\x89PNG\r\n\x1a\n"));
        const QString pdf = m_dir.filePath(QStringLiteral("overview.pdf"));
        QVERIFY2(overview.exportTo(pdf, &error), qPrintable(error));
        QVERIFY(read(pdf).startsWith("%PDF"));
        const QString svg = m_dir.filePath(QStringLiteral("chart.svg"));
        QVERIFY2(overview.outcomeChart()->exportTo(svg, &error), qPrintable(error));
        QVERIFY(read(svg).contains("<svg"));
        const QString chartPng = m_dir.filePath(QStringLiteral("chart.png"));
        QVERIFY2(overview.reasonHeatmap()->exportTo(chartPng, &error), qPrintable(error));
        QVERIFY(read(chartPng).startsWith("\x89PNG"));
        QVERIFY(
            !overview.outcomeChart()->exportTo(m_dir.filePath(QStringLiteral("x.gif")), &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_MAIN(TestDashboardViews)
#include "tst_dashboard_views.moc"
