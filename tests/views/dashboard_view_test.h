#pragma once

// What the dashboard view tests share: a store imported from a generated log, an independent SQL
// count, ways to find and click a chart's marks, and the real main window.
#include "app/app_settings.h"
#include "app/main_window.h"
#include "app/view_navigator.h"
#include "app/workspace_controller.h"
#include "models/dashboard/dashboard_clauses.h"
#include "models/filter/filter.h"
#include "models/ingest/file_importer.h"
#include "models/ingest/import_classifier.h"
#include "models/inventory/catalogue.h"
#include "models/itemmodels/facet_model.h"
#include "models/store/sqlite_db.h"
#include "models/store/store_reader.h"
#include "models/store/store_writer.h"
#include "tests/dashboard/dashboard_truth.h"
#include "views/dashboard/chart_colours.h"
#include "views/dashboard/dashboard_marks.h"
#include "views/dashboard/heatmap_chart.h"
#include "views/dashboard/overview_dashboard.h"
#include "views/dashboard/ranked_bars_chart.h"
#include "views/dashboard/service_dashboard_view.h"
#include "views/dashboard/service_tiles.h"
#include "views/dashboard/split_chart.h"
#include "views/dashboard/time_bars_chart.h"
#include "views/facet_sidebar.h"
#include "views/filter_bar.h"
#include "views/inventory_view.h"

#include <QAction>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLocale>
#include <QMainWindow>
#include <QMenu>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <sqlite3.h>

#include <algorithm>
#include <functional>

namespace dashboardtest {

using cadf::inventory::Catalogue;

inline constexpr std::int64_t kLines = 4000;

// An independent count: plain sqlite3 on the store file, the WHERE written by hand.
struct SqlCounts {
    std::int64_t events = 0;
    std::int64_t failures = 0;
};

inline SqlCounts sqlCounts(const QString& db, const QString& where) {
    sqlite3* handle = nullptr;
    SqlCounts out;
    if (sqlite3_open_v2(db.toUtf8().constData(), &handle, SQLITE_OPEN_READONLY, nullptr) !=
        SQLITE_OK)
        qFatal("cannot open %s", qPrintable(db));
    const QByteArray sql =
        ("SELECT count(*), coalesce(sum(outcome = 2), 0) FROM events WHERE " + where).toUtf8();
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(handle, sql.constData(), -1, &s, nullptr) != SQLITE_OK)
        qFatal("bad SQL %s: %s", sql.constData(), sqlite3_errmsg(handle));
    if (sqlite3_step(s) == SQLITE_ROW) {
        out.events = sqlite3_column_int64(s, 0);
        out.failures = sqlite3_column_int64(s, 1);
    }
    sqlite3_finalize(s);
    sqlite3_close(handle);
    return out;
}

inline QPoint centreOf(const ChartMark& mark) {
    return mark.shape.boundingRect().center().toPoint();
}

// A point where a click lands on mark `index` (a donut slice's bounding box centre may be in the
// hole): the first of a grid over its bounds that hits it and no mark above it.
inline QPoint pointOn(ChartWidget* chart, int index) {
    const QRectF box = chart->marks().at(index).shape.boundingRect();
    for (int i = 1; i < 8; ++i) {
        for (int j = 1; j < 8; ++j) {
            const QPoint p =
                QPointF(box.left() + box.width() * i / 8, box.top() + box.height() * j / 8)
                    .toPoint();
            if (chart->markAt(p) == index)
                return p;
        }
    }
    return centreOf(chart->marks().at(index));
}

inline int markWithClause(ChartWidget* chart, const QString& clause) {
    const QList<ChartMark>& marks = chart->marks();
    for (qsizetype i = 0; i < marks.size(); ++i) {
        if (marks[i].clause == clause)
            return int(i);
    }
    return -1;
}

// The real main window on the test store, shown at a size where every dashboard fits, with its
// own settings file (layouts of one test do not leak into the next).
struct ShownWindow {
    ShownWindow(const QString& db, const QString& settingsPath)
        : settings(settingsPath)
        , window(db, settings) {
        window.setShowImportSummary(false);
        window.resize(1500, 1000);
        window.show();
    }
    AppSettings settings;
    MainWindow window;
};

// The base of the dashboard view test classes: the store, and the helpers that read it.
class DashboardViewTest : public QObject {
protected:
    QTemporaryDir m_dir;
    QString m_db;
    std::unique_ptr<cadf::store::StoreReader> m_reader;

    // Events matching the filter text AND the clause, counted by the store's own filter.
    std::int64_t countOf(const QString& filter, const QString& clause) {
        const QString text =
            filter.isEmpty() ? clause : QStringLiteral("(%1) %2").arg(filter, clause);
        const cadf::filter::CompiledFilter compiled = cadf::filter::compile(text);
        if (!compiled.ok)
            qFatal("clause %s: %s", qPrintable(text), qPrintable(compiled.error.message));
        return m_reader->countEvents(compiled.sql);
    }

    static void waitForResult(DashboardPage& page) {
        QSignalSpy shown(&page, &DashboardPage::resultShown);
        if (!page.result() || page.isBusy())
            QVERIFY(shown.wait(30000));
        QVERIFY(page.result());
        QVERIFY(!page.isBusy());
    }

    // Clicks a mark for real (press and release at its centre) and returns the clause it asked for.
    static QString clickForClause(ChartWidget* chart, int index) {
        QSignalSpy clauses(chart, &ChartWidget::filterClauseRequested);
        QTest::mouseClick(chart, Qt::LeftButton, {}, pointOn(chart, index));
        return clauses.size() == 1 ? clauses.front().front().toString() : QString();
    }

    // Imports kLines generated lines into a new store and opens a reader on it (initTestCase).
    void buildStore() {
        QVERIFY(m_dir.isValid());
        const std::string log = m_dir.filePath(QStringLiteral("gen.log")).toStdString();
        m_db = m_dir.filePath(QStringLiteral("gen.cadfscope"));
        const std::vector<TruthEvent> truth = writeGeneratedLog(log, kLines);
        {
            cadf::store::StoreError error;
            auto writer = cadf::store::StoreWriter::open(m_db.toStdString(), &error);
            QVERIFY2(writer, error.message.c_str());
            cadf::ingest::FileImporter importer(*writer);
            importer.setClassifier(cadf::ingest::makeImportClassifier());
            const std::atomic_bool cancel{false};
            const auto result = importer.importFiles({log}, cancel).front();
            QVERIFY2(result.error.empty(), result.error.c_str());
            QCOMPARE(result.events, std::int64_t(truth.size()));
        }
        cadf::store::StoreError error;
        m_reader = cadf::store::StoreReader::open(m_db.toStdString(), &error);
        QVERIFY2(m_reader, error.message.c_str());
    }
};

} // namespace dashboardtest
