// The dashboards in the real main window: the Overview follows the filter bar, clicks narrow the
// filter and navigate between views, and the Services view opens from its chooser, the facet
// sidebar and the Inventory.
#include "dashboard_view_test.h"

using namespace dashboardtest;

class TestDashboardWindow : public DashboardViewTest {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { buildStore(); }

    // In the window: the Overview follows the filter bar, a bar's click ANDs its clause into the
    // bar's text and shows the Events, a tile opens the Services view on its service, Back walks
    // back to the Overview, and new events compute the shown dashboard again.
    void windowPagesFollowFilterBar() {
        ShownWindow opened(m_db, m_dir.filePath(QStringLiteral("window.ini")));
        MainWindow& window = opened.window;
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ViewNavigator* navigator = window.navigator();
        FilterBar* bar = window.workspace()->filterBar();
        auto* overview =
            qobject_cast<OverviewDashboard*>(navigator->page(ViewNavigator::overview()));
        auto* service =
            qobject_cast<ServiceDashboardView*>(navigator->page(ViewNavigator::services()));
        QVERIFY(overview && service);
        bar->setTextAndApply(QStringLiteral("outcome:failure"));
        navigator->showView(ViewNavigator::overview());
        QTRY_COMPARE(overview->filterText(), QStringLiteral("outcome:failure"));
        waitForResult(*overview);
        QCOMPARE(overview->result()->overview.events,
                 sqlCounts(m_db, QStringLiteral("outcome = 2")).events);

        TimeBarsChart* chart = overview->outcomeChart();
        int column = -1;
        for (qsizetype i = 0; i < chart->marks().size() && column < 0; ++i) {
            if (chart->marks()[i].clause.startsWith(QLatin1String("time>=")))
                column = int(i);
        }
        QVERIFY(column >= 0);
        const QString clause = chart->marks().at(column).clause;
        QTest::mouseClick(chart, Qt::LeftButton, {}, pointOn(chart, column));
        QTRY_COMPARE(bar->appliedText(), QStringLiteral("outcome:failure ") + clause);
        QCOMPARE(navigator->currentView(), ViewNavigator::events());

        navigator->showView(ViewNavigator::overview());
        QTRY_COMPARE(overview->filterText(), bar->appliedText());
        waitForResult(*overview);
        const auto& tile = overview->result()->overview.categories.front().services.front();
        const QString name = QString::fromStdString(tile.name);
        const QRectF rect = overview->serviceTiles()->tileRect(name);
        QTest::mouseClick(overview->serviceTiles(), Qt::LeftButton, {},
                          (rect.topLeft() + QPointF(12, 8)).toPoint());
        QTRY_COMPARE(navigator->currentView(), ViewNavigator::services());
        QCOMPARE(service->service(), name);
        QCOMPARE(service->filterText(), bar->appliedText());
        waitForResult(*service);
        QCOMPARE(service->result()->service.name, tile.name);
        QCOMPARE(service->findChild<QComboBox*>(QStringLiteral("serviceChooser"))->currentData(),
                 QVariant(name));

        QSignalSpy shown(service, &DashboardPage::resultShown);
        navigator->storeChanged();
        QVERIFY(shown.wait(10000));

        navigator->back();
        QCOMPARE(navigator->currentView(), ViewNavigator::overview());
    }

    // A service's dashboard also opens from the facet sidebar's service rows and from the
    // Inventory's service and endpoint rows (their context menus).
    void serviceDashboardFromFacetsAndInventory() {
        ShownWindow opened(m_db, m_dir.filePath(QStringLiteral("facets.ini")));
        MainWindow& window = opened.window;
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ViewNavigator* navigator = window.navigator();
        auto* service =
            qobject_cast<ServiceDashboardView*>(navigator->page(ViewNavigator::services()));
        FacetSidebar* facets = window.workspace()->facetSidebar();
        QAbstractItemModel* model = facets->view()->model();
        // Services sit under their categories: walk the tree for the first service row.
        const std::function<QModelIndex(const QModelIndex&)> findService =
            [&](const QModelIndex& parent) -> QModelIndex {
            for (int r = 0; r < model->rowCount(parent); ++r) {
                const QModelIndex index = model->index(r, 0, parent);
                if (index.data(FacetModel::FilterFieldRole).toString() ==
                        QLatin1String("service") &&
                    !index.data(FacetModel::FilterValueRole).toString().isEmpty())
                    return index;
                if (const QModelIndex inner = findService(index); inner.isValid())
                    return inner;
            }
            return {};
        };
        QTRY_VERIFY_WITH_TIMEOUT(findService({}).isValid(), 10000);
        const QModelIndex row = findService({});
        const QString name = row.data(FacetModel::FilterValueRole).toString();
        std::unique_ptr<QMenu> menu(facets->createContextMenu(row, &window));
        QVERIFY(menu);
        auto* open = menu->findChild<QAction*>(QStringLiteral("openServiceDashboard"));
        QVERIFY(open);
        open->trigger();
        QCOMPARE(navigator->currentView(), ViewNavigator::services());
        QCOMPARE(service->service(), name);

        // An endpoint row of the Inventory names its service.
        InventoryView* inventory = window.findChild<InventoryView*>();
        QVERIFY(inventory);
        QAbstractItemModel* tree = inventory->tree()->model();
        const QModelIndex category = tree->index(0, 0);
        const QModelIndex firstService = tree->index(0, 0, category);
        const QModelIndex endpoint = tree->index(0, 0, firstService);
        QVERIFY(endpoint.isValid());
        const QString owner = firstService.data(Qt::DisplayRole).toString();
        QCOMPARE(inventory->serviceOf(endpoint), owner);
        QCOMPARE(inventory->serviceOf(category), QString());
        navigator->showView(ViewNavigator::events());
        Q_EMIT inventory->serviceDashboardRequested(inventory->serviceOf(endpoint));
        QCOMPARE(navigator->currentView(), ViewNavigator::services());
        QCOMPARE(service->service(), owner);
    }

    // The Services view before any tile: it asks for a service; picking one in its chooser is a
    // step like a tile's click.
    void serviceChooserOpensAService() {
        ShownWindow opened(m_db, m_dir.filePath(QStringLiteral("chooser.ini")));
        MainWindow& window = opened.window;
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ViewNavigator* navigator = window.navigator();
        auto* service =
            qobject_cast<ServiceDashboardView*>(navigator->page(ViewNavigator::services()));
        navigator->showView(ViewNavigator::services());
        QTRY_VERIFY(!service->errorText().isEmpty());
        // No service yet: the hint alone, no empty charts under it.
        const QList<ChartWidget*> charts = service->findChildren<ChartWidget*>();
        QVERIFY(!charts.isEmpty());
        for (const ChartWidget* chart : charts)
            QVERIFY(!chart->isVisible());
        auto* chooser = service->findChild<QComboBox*>(QStringLiteral("serviceChooser"));
        QVERIFY(chooser && chooser->isVisible());
        const int soar = chooser->findData(QStringLiteral("SOAR"));
        QVERIFY(soar >= 1);
        // As an analyst does with the keyboard: the item above SOAR, then Down.
        chooser->setCurrentIndex(soar - 1);
        chooser->setFocus();
        QTest::keyClick(chooser, Qt::Key_Down);
        QCOMPARE(service->service(), QStringLiteral("SOAR"));
        waitForResult(*service);
        QVERIFY(service->errorText().isEmpty());
        QCOMPARE(service->result()->service.name, std::string("SOAR"));
        for (const ChartWidget* chart : charts)
            QVERIFY(chart->isVisible());
    }
};

QTEST_MAIN(TestDashboardWindow)
#include "tst_dashboard_window.moc"
