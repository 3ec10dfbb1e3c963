// The Inventory and Unclassified views offscreen, over a store imported from a generated log:
// the tree shows the counts worked out here from the generator's truth, "never seen" keeps the
// audit gaps, a double-click asks for the endpoint's filter (and, in the window, filters the
// events to exactly that endpoint's), CSV export writes the rows shown. Both item models under
// QAbstractItemModelTester.
#include "app/app_settings.h"
#include "app/inventory_docks.h"
#include "app/main_window.h"
#include "app/workspace_controller.h"
#include "models/filter/filter.h"
#include "models/ingest/file_importer.h"
#include "models/ingest/import_classifier.h"
#include "models/inventory/catalogue.h"
#include "models/inventory/classifier.h"
#include "models/inventory/coverage_report.h"
#include "models/itemmodels/coverage_loader.h"
#include "models/itemmodels/event_table_model.h"
#include "models/itemmodels/inventory_tree_model.h"
#include "models/itemmodels/unclassified_model.h"
#include "models/store/store_writer.h"
#include "tools/loggen/log_generator.h"
#include "views/filter_bar.h"
#include "views/inventory_view.h"
#include "views/unclassified_view.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QLocale>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <map>
#include <set>

using cadf::inventory::Catalogue;
using cadf::inventory::Classifier;

namespace {

constexpr int kEdgeControllersRow = 58; // "Get list of controllers for specific tenant"

// A real double-click: press, release, then the double-click event. QTest::mouseDClick alone
// does not set the view's pressed index, and QAbstractItemView then emits no doubleClicked().
void doubleClick(QWidget* viewport, const QPoint& at) {
    QTest::mouseClick(viewport, Qt::LeftButton, {}, at);
    QTest::mouseDClick(viewport, Qt::LeftButton, {}, at);
}

struct Expected {
    qint64 events = 0, failures = 0;
    std::set<std::string> initiators;
};

} // namespace

class TestInventoryView : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;
    std::map<int, Expected> m_rows; // by catalogue row, from the generator's truth
    std::map<std::string, qint64> m_patterns;
    const Catalogue& m_catalogue = Catalogue::builtIn();

    QModelIndex endpoint(InventoryTreeModel& model, int rowId) {
        return model.endpointIndex(rowId);
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        std::vector<cadf::loggen::UrlTemplate> urls =
            cadf::loggen::loadUrlTemplates(CADFSCOPE_INVENTORY_JSON);
        urls.push_back({0, "Other", "Unknown", {"read"}, "/favicon.ico"});
        urls.push_back({0, "Other", "Unknown", {"read"}, "/api/unknown/{id}/thing"});
        cadf::loggen::GeneratorOptions options;
        options.seed = 5;
        options.count = 8000;
        cadf::loggen::LogGenerator generator(options, urls);
        const Classifier classifier(m_catalogue);
        const QString log = m_dir.filePath(QStringLiteral("gen.log"));
        QFile file(log);
        QVERIFY(file.open(QIODevice::WriteOnly));
        std::string line;
        cadf::loggen::GeneratedTruth t;
        while (generator.next(line, t)) {
            line += '\n';
            file.write(line.data(), qint64(line.size()));
            const std::string_view path = Classifier::normalisePath(t.targetId);
            const auto c = classifier.classify(path, t.action);
            Expected& e = m_rows[c.rowId];
            ++e.events;
            e.failures += t.outcome == "FAILURE";
            e.initiators.insert(t.initiatorId + '\n' + t.initiatorName + '\n' + t.initiatorTypeUri);
            if (!c.classified())
                ++m_patterns[Classifier::unclassifiedPattern(path)];
        }
        file.close();
        QVERIFY(m_rows[kEdgeControllersRow].events > 0);
        QVERIFY(m_patterns.count("/favicon.ico"));

        m_db = m_dir.filePath(QStringLiteral("store.cadfscope"));
        cadf::store::StoreError error;
        auto writer = cadf::store::StoreWriter::open(m_db.toStdString(), &error);
        QVERIFY(writer);
        cadf::ingest::FileImporter importer(*writer);
        importer.setClassifier(cadf::ingest::makeImportClassifier());
        std::atomic_bool cancel{false};
        const auto results = importer.importFiles({log.toStdString()}, cancel);
        QCOMPARE(results.front().events, options.count);
    }

    void treeShowsTheCounts() {
        CoverageLoader loader(m_db);
        InventoryTreeModel model(m_catalogue);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        InventoryView view(&model, &loader);
        view.resize(1200, 700);
        view.show();
        QSignalSpy ready(&loader, &CoverageLoader::reportChanged);
        loader.reload();
        QVERIFY(loader.isBusy());
        QVERIFY(ready.wait(30000));
        QVERIFY(!loader.isBusy());

        const QLocale locale;
        int checked = 0;
        for (const auto& [rowId, want] : m_rows) {
            if (rowId == 0)
                continue;
            const QModelIndex index = model.endpointIndex(rowId);
            QVERIFY(index.isValid());
            QCOMPARE(index.siblingAtColumn(InventoryTreeModel::EventsColumn).data().toString(),
                     locale.toString(want.events));
            QCOMPARE(index.siblingAtColumn(InventoryTreeModel::FailuresColumn).data().toString(),
                     locale.toString(want.failures));
            QCOMPARE(index.siblingAtColumn(InventoryTreeModel::InitiatorsColumn).data().toString(),
                     locale.toString(qint64(want.initiators.size())));
            ++checked;
        }
        QVERIFY(checked > 400);
        // An endpoint never seen says so instead of showing a time.
        int gaps = 0;
        for (const auto& row : m_catalogue.rows()) {
            if (m_rows.count(row.id))
                continue;
            ++gaps;
            const int other = loader.report()->shadowedBy.at(std::size_t(row.id));
            QCOMPARE(model.endpointIndex(row.id)
                         .siblingAtColumn(InventoryTreeModel::FirstSeenColumn)
                         .data()
                         .toString(),
                     other ? QStringLiteral("never (as row %1)").arg(other)
                           : QStringLiteral("never"));
        }
        QVERIFY(view.summaryText().contains(locale.toString(gaps) + QStringLiteral(" never seen")));

        // Service rows sum their endpoints.
        const int edge = m_catalogue.serviceId("Edge Gateway");
        qint64 edgeEvents = 0;
        for (const auto& row : m_catalogue.rows()) {
            if (row.serviceId == edge && m_rows.count(row.id))
                edgeEvents += m_rows[row.id].events;
        }
        QCOMPARE(model.serviceIndex(edge).siblingAtColumn(1).data(InventoryTreeModel::EventsRole),
                 QVariant(edgeEvents));

        // Never seen only: exactly the gaps, each with no events.
        view.neverSeenBox()->setChecked(true);
        int shown = 0;
        for (int c = 0; c < model.rowCount(); ++c) {
            const QModelIndex category = model.index(c, 0);
            for (int s = 0; s < model.rowCount(category); ++s) {
                const QModelIndex service = model.index(s, 0, category);
                for (int e = 0; e < model.rowCount(service); ++e) {
                    ++shown;
                    QCOMPARE(model.index(e, 0, service).data(InventoryTreeModel::EventsRole),
                             QVariant(qint64(0)));
                }
            }
        }
        QCOMPARE(shown, gaps);
        QVERIFY(!model.endpointIndex(kEdgeControllersRow).isValid());
        view.neverSeenBox()->setChecked(false);
        QVERIFY(model.endpointIndex(kEdgeControllersRow).isValid());

        // Sorting by events keeps every count with its row.
        view.tree()->sortByColumn(InventoryTreeModel::EventsColumn, Qt::DescendingOrder);
        const QModelIndex after = model.endpointIndex(kEdgeControllersRow);
        QCOMPARE(after.siblingAtColumn(InventoryTreeModel::EventsColumn).data().toString(),
                 locale.toString(m_rows[kEdgeControllersRow].events));
        const QModelIndex parent = after.parent();
        for (int r = 1; r < model.rowCount(parent); ++r)
            QVERIFY(
                model.index(r - 1, 0, parent).data(InventoryTreeModel::EventsRole).toLongLong() >=
                model.index(r, 0, parent).data(InventoryTreeModel::EventsRole).toLongLong());
    }

    void doubleClickRequestsTheFilter() {
        CoverageLoader loader(m_db);
        InventoryTreeModel model(m_catalogue);
        InventoryView view(&model, &loader);
        view.resize(1200, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy ready(&loader, &CoverageLoader::reportChanged);
        loader.reload();
        QVERIFY(ready.wait(30000));
        QSignalSpy filter(&view, &InventoryView::filterRequested);

        const QModelIndex index = model.endpointIndex(kEdgeControllersRow);
        view.tree()->expand(index.parent().parent());
        view.tree()->expand(index.parent());
        view.tree()->scrollTo(index);
        const QRect rect = view.tree()->visualRect(index);
        QVERIFY(rect.isValid());
        doubleClick(view.tree()->viewport(), rect.center());
        QTRY_COMPARE(filter.size(), 1);
        const QString text = filter.at(0).at(0).toString();
        QCOMPARE(text, QStringLiteral("endpoint:\"Get list of controllers for specific tenant\""));
        QVERIFY(cadf::filter::compile(text).ok);

        // A service row: its name.
        const QModelIndex service = index.parent();
        doubleClick(view.tree()->viewport(), view.tree()->visualRect(service).center());
        QTRY_COMPARE(filter.size(), 2);
        QCOMPARE(filter.at(1).at(0).toString(), QStringLiteral("service:\"Edge Gateway\""));
    }

    void sharedDescriptionsNameTheirService() {
        // "Update a rule" and others are in several rows: the filter names the service too, and
        // both the filter and its exclusion compile.
        InventoryTreeModel model(m_catalogue);
        std::map<std::string, int> seen;
        int shared = 0;
        for (const auto& row : m_catalogue.rows())
            ++seen[row.description];
        for (const auto& row : m_catalogue.rows()) {
            const QString text = model.filterText(model.endpointIndex(row.id));
            QVERIFY2(cadf::filter::compile(text).ok, qPrintable(text));
            QVERIFY(cadf::filter::compile(QStringLiteral("NOT (%1)").arg(text)).ok);
            if (seen[row.description] > 1) {
                ++shared;
                QVERIFY2(text.startsWith(QStringLiteral("service:")), qPrintable(text));
            }
        }
        QVERIFY(shared > 0);
    }

    void unclassifiedView() {
        CoverageLoader loader(m_db);
        UnclassifiedModel model(m_catalogue);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        UnclassifiedView view(&model, &loader);
        view.resize(1200, 500);
        view.show();
        QSignalSpy ready(&loader, &CoverageLoader::reportChanged);
        loader.reload();
        QVERIFY(ready.wait(30000));
        QCOMPARE(model.rowCount(), int(m_patterns.size()));
        const QLocale locale;
        for (int r = 0; r < model.rowCount(); ++r) {
            const std::string pattern =
                model.index(r, UnclassifiedModel::PatternColumn).data().toString().toStdString();
            QVERIFY2(m_patterns.count(pattern), pattern.c_str());
            QCOMPARE(model.index(r, UnclassifiedModel::EventsColumn).data().toString(),
                     locale.toString(m_patterns[pattern]));
            const QString filter =
                model.index(r, 0).data(UnclassifiedModel::FilterTextRole).toString();
            QVERIFY2(cadf::filter::compile(filter).ok, qPrintable(filter));
        }
        view.table()->sortByColumn(UnclassifiedModel::PatternColumn, Qt::AscendingOrder);
        QCOMPARE(model.rowCount(), int(m_patterns.size()));
        QSignalSpy filter(&view, &UnclassifiedView::filterRequested);
        const QRect rect = view.table()->visualRect(model.index(0, 0));
        doubleClick(view.table()->viewport(), rect.center());
        QTRY_COMPARE(filter.size(), 1);
        QVERIFY(filter.at(0).at(0).toString().startsWith(QStringLiteral("service:Unclassified")));
    }

    void unclassifiedFilterText_data() {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("text");
        QTest::newRow("id at the end") << "/api/unknown/thing/{id}"
                                       << "service:Unclassified target.id:*/api/unknown/thing/*";
        QTest::newRow("id inside") << "/api/unknown/{id}/thing"
                                   << "service:Unclassified target.id:*/api/unknown/*/thing*";
        QTest::newRow("literal star") << "/a/*"
                                      << "service:Unclassified target.id:*/a/\\**";
        QTest::newRow("space") << "/a b"
                               << "service:Unclassified target.id:\"*/a b*\"";
        QTest::newRow("no path") << ""
                                 << "service:Unclassified";
    }

    void unclassifiedFilterText() {
        QFETCH(QString, pattern);
        QFETCH(QString, text);
        QCOMPARE(UnclassifiedModel::filterTextFor(pattern), text);
        QVERIFY(cadf::filter::compile(text).ok);
    }

    void exportCsvWritesTheRowsShown() {
        CoverageLoader loader(m_db);
        InventoryTreeModel model(m_catalogue);
        InventoryView view(&model, &loader);
        QSignalSpy ready(&loader, &CoverageLoader::reportChanged);
        loader.reload();
        QVERIFY(ready.wait(30000));
        view.neverSeenBox()->setChecked(true);
        const QString path = m_dir.filePath(QStringLiteral("gaps.csv"));
        QSignalSpy done(&view, &InventoryView::exportFinished);
        view.exportCsv(path);
        QVERIFY(done.wait(30000));
        QCOMPARE(done.at(0).at(1).toString(), QString());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 1 + loader.report()->rowsNeverSeen);
    }

    // In the window: View > Inventory opens the dock, and its double-click filters the event
    // table down to that endpoint's events.
    void windowRoutesTheFilter() {
        AppSettings settings(m_dir.filePath(QStringLiteral("settings.ini")));
        MainWindow window(m_db, settings);
        window.setShowImportSummary(false);
        window.show();
        InventoryDocks* docks = window.inventoryDocks();
        QVERIFY(docks);
        QVERIFY(!docks->inventoryDock()->isVisible());
        QSignalSpy ready(docks->loader(), &CoverageLoader::reportChanged);
        docks->inventoryDock()->toggleViewAction()->trigger();
        QTRY_VERIFY(docks->inventoryDock()->isVisible());
        QVERIFY(ready.wait(30000));

        InventoryTreeModel* model = docks->inventoryModel();
        const QModelIndex index = model->endpointIndex(kEdgeControllersRow);
        QTreeView* tree = docks->inventoryView()->tree();
        tree->expand(index.parent().parent());
        tree->expand(index.parent());
        tree->scrollTo(index);
        QSignalSpy count(window.eventModel(), &EventTableModel::countChanged);
        doubleClick(tree->viewport(), tree->visualRect(index).center());
        QTRY_COMPARE(window.eventModel()->matchingEvents(), m_rows[kEdgeControllersRow].events);
        // Through the filter bar, so the analyst sees in words what is shown; and the docks now
        // count under that filter.
        QCOMPARE(window.workspace()->filterBar()->appliedText(),
                 QStringLiteral("endpoint:\"Get list of controllers for specific tenant\""));
        QTRY_COMPARE(docks->loader()->report() ? docks->loader()->report()->all.events : -1,
                     m_rows[kEdgeControllersRow].events);
        QTRY_VERIFY(docks->inventoryView()->summaryText().startsWith(
            QStringLiteral("Under the filter: 1 of 531 endpoints seen")));
    }
};

QTEST_MAIN(TestInventoryView)
#include "tst_inventory_view.moc"
