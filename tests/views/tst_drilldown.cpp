// The window's views and drill-down, offscreen over a store imported from a generated log: the
// Initiators table's figures equal SQL counts on the same file (with and without a filter), a
// double-click opens the initiator's profile with the right counts, "Filter on" edits the global
// filter text and shows the Events view, and Back / Forward return to the view and filter before.
#include "app/app_settings.h"
#include "app/main_window.h"
#include "app/view_navigator.h"
#include "models/ingest/file_importer.h"
#include "models/ingest/import_classifier.h"
#include "models/inventory/catalogue.h"
#include "models/itemmodels/drilldown_table_model.h"
#include "models/itemmodels/event_table_model.h"
#include "models/itemmodels/store_job_loader.h"
#include "models/store/store_reader.h"
#include "models/store/store_writer.h"
#include "tools/loggen/log_generator.h"
#include "views/drilldown_page.h"
#include "views/drilldown_table_view.h"
#include "views/event_table_view.h"
#include "views/filter_bar.h"
#include "views/outcomes_page.h"
#include "views/profile_page.h"
#include "views/time_histogram.h"
#include "views/time_range_button.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <map>
#include <thread>

namespace {

constexpr std::int64_t kLines = 6000;
constexpr int kFailure = 2; // cadf::Outcome::Failure as stored

// A real double-click: press, release, then the double-click event (QTest::mouseDClick alone
// leaves the view without a pressed index, and it emits no doubleClicked()).
void doubleClick(QWidget* viewport, const QPoint& at) {
    QTest::mouseClick(viewport, Qt::LeftButton, {}, at);
    QTest::mouseDClick(viewport, Qt::LeftButton, {}, at);
}

struct InitiatorTruth {
    qint64 events = 0, failures = 0, services = 0, addresses = 0, agents = 0, first = 0, last = 0;
};

// The test's own SQL over the store file, independent of models/dashboard.
class Sql {
public:
    explicit Sql(const QString& path) {
        sqlite3_open_v2(path.toUtf8().constData(), &m_db, SQLITE_OPEN_READONLY, nullptr);
    }
    ~Sql() { sqlite3_close(m_db); }
    Sql(const Sql&) = delete;
    Sql& operator=(const Sql&) = delete;

    // Per initiator (resources.id): the Initiators table's figures; `where` over events.
    std::map<qint64, InitiatorTruth> initiators(const char* where) {
        std::map<qint64, InitiatorTruth> out;
        const QByteArray sql =
            QByteArray("SELECT initiator, COUNT(*), SUM(outcome = ") +
            QByteArray::number(kFailure) +
            "), COUNT(DISTINCT service), COUNT(DISTINCT address), COUNT(DISTINCT agent), "
            "MIN(ts), MAX(ts) FROM events WHERE " +
            where + " GROUP BY initiator";
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(m_db, sql.constData(), -1, &stmt, nullptr) != SQLITE_OK)
            return out;
        while (sqlite3_step(stmt) == SQLITE_ROW) {
            InitiatorTruth& t = out[sqlite3_column_int64(stmt, 0)];
            t.events = sqlite3_column_int64(stmt, 1);
            t.failures = sqlite3_column_int64(stmt, 2);
            t.services = sqlite3_column_int64(stmt, 3);
            t.addresses = sqlite3_column_int64(stmt, 4);
            t.agents = sqlite3_column_int64(stmt, 5);
            t.first = sqlite3_column_int64(stmt, 6);
            t.last = sqlite3_column_int64(stmt, 7);
        }
        sqlite3_finalize(stmt);
        return out;
    }

    // Every row of `sql` as integers (a grouped count).
    std::vector<std::vector<qint64>> rows(const char* sql) {
        std::vector<std::vector<qint64>> out;
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(m_db, sql, -1, &stmt, nullptr) != SQLITE_OK)
            return out;
        while (sqlite3_step(stmt) == SQLITE_ROW) {
            std::vector<qint64>& row = out.emplace_back();
            for (int c = 0; c < sqlite3_column_count(stmt); ++c)
                row.push_back(sqlite3_column_int64(stmt, c));
        }
        sqlite3_finalize(stmt);
        return out;
    }

    QString text(const char* sql, qint64 id) {
        sqlite3_stmt* stmt = nullptr;
        QString out;
        if (sqlite3_prepare_v2(m_db, sql, -1, &stmt, nullptr) == SQLITE_OK) {
            sqlite3_bind_int64(stmt, 1, id);
            if (sqlite3_step(stmt) == SQLITE_ROW)
                out =
                    QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
        }
        sqlite3_finalize(stmt);
        return out;
    }

private:
    sqlite3* m_db = nullptr;
};

} // namespace

// A page as the dashboard branch writes them: setQuery() and the three requests, nothing else.
class FakeDashboard : public QWidget {
    Q_OBJECT

public:
    using QWidget::QWidget;
    void setQuery(const QString& filterText, std::optional<qint64> fromUs,
                  std::optional<qint64> toUs) {
        queries.append(filterText);
        ranged = ranged || fromUs || toUs;
    }
    QStringList queries;
    bool ranged = false;

Q_SIGNALS:
    void filterClauseRequested(const QString& clause);
    void serviceDashboardRequested(const QString& service);
    void profileRequested(const QString& kind, const QString& key);
};

class TestDrilldown : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;

    ViewNavigator* navigator() { return m_window->navigator(); }
    FilterBar* filterBar() { return m_window->findChild<FilterBar*>(); }
    DrilldownPage* initiatorsPage() {
        return qobject_cast<DrilldownPage*>(navigator()->page(ViewNavigator::initiators()));
    }
    ProfilePage* profilePage() {
        return qobject_cast<ProfilePage*>(navigator()->page(ViewNavigator::profile()));
    }

    // Shows the Initiators view and waits for its rows under the current filter.
    bool showInitiators() {
        navigator()->showView(ViewNavigator::initiators());
        DrilldownPage* page = initiatorsPage();
        return QTest::qWaitFor([page] { return page->isVisible() && page->isCurrent(); }, 10000);
    }

    // The table's rows against SQL: every initiator, every figure, as shown.
    void compareWithSql(const char* where) {
        Sql sql(m_db);
        const auto truth = sql.initiators(where);
        QVERIFY(!truth.empty());
        DrilldownTableModel* model = initiatorsPage()->model();
        QCOMPARE(model->rowCount(), int(truth.size()));
        const QLocale locale;
        for (int r = 0; r < model->rowCount(); ++r) {
            const qint64 ref = model->index(r, 0)
                                   .data(DrilldownTableModel::ProfileKeyRole)
                                   .toString()
                                   .toLongLong();
            const auto it = truth.find(ref);
            QVERIFY2(it != truth.end(), qPrintable(QString::number(ref)));
            const InitiatorTruth& t = it->second;
            const auto cell = [&](int column) { return model->index(r, column).data().toString(); };
            QCOMPARE(cell(3), locale.toString(t.events));
            QCOMPARE(cell(4), locale.toString(t.failures));
            QCOMPARE(cell(5),
                     locale.toString(100.0 * double(t.failures) / double(t.events), 'f', 1));
            QCOMPARE(cell(6), locale.toString(t.services));
            QCOMPARE(cell(7), locale.toString(t.addresses));
            QCOMPARE(cell(8), locale.toString(t.agents));
            QCOMPARE(model->index(r, 9).data(DrilldownTableModel::SortRole).toLongLong(), t.first);
            QCOMPARE(model->index(r, 10).data(DrilldownTableModel::SortRole).toLongLong(), t.last);
            QCOMPARE(cell(0), sql.text("SELECT rid FROM resources WHERE id = ?", ref));
            // Numbers right-aligned, times ISO 8601 with the zone (UTC here).
            QCOMPARE(model->index(r, 3).data(Qt::TextAlignmentRole).toInt(),
                     int(Qt::AlignRight | Qt::AlignVCenter));
            QVERIFY(cell(9).endsWith(u'Z'));
        }
    }

    // The proxy row of the initiator with the most events (the table's default order).
    QModelIndex busiestRow(int column) {
        QTableView* table = initiatorsPage()->view()->table();
        return table->model()->index(0, column);
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        cadf::loggen::GeneratorOptions options;
        options.seed = 11;
        options.count = kLines;
        cadf::loggen::LogGenerator generator(
            options, cadf::loggen::loadUrlTemplates(CADFSCOPE_INVENTORY_JSON));
        const QString log = m_dir.filePath(QStringLiteral("gen.log"));
        QFile file(log);
        QVERIFY(file.open(QIODevice::WriteOnly));
        std::string line;
        cadf::loggen::GeneratedTruth truth;
        while (generator.next(line, truth)) {
            line += '\n';
            file.write(line.data(), qint64(line.size()));
        }
        file.close();

        m_db = m_dir.filePath(QStringLiteral("store.cadfscope"));
        {
            cadf::store::StoreError error;
            auto writer = cadf::store::StoreWriter::open(m_db.toStdString(), &error);
            QVERIFY(writer);
            cadf::ingest::FileImporter importer(*writer);
            importer.setClassifier(cadf::ingest::makeImportClassifier());
            std::atomic_bool cancel{false};
            const auto results = importer.importFiles({log.toStdString()}, cancel);
            QVERIFY(results.front().events > 1000);
        }
        m_settings = std::make_unique<AppSettings>(m_dir.filePath(QStringLiteral("s.ini")));
        m_window = std::make_unique<MainWindow>(m_db, *m_settings);
        m_window->setShowImportSummary(false);
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QTRY_VERIFY(m_window->eventModel()->countKnown());
    }

    void cleanupTestCase() { m_window.reset(); }

    void viewListHasEveryView() {
        QListWidget* list = navigator()->viewList();
        QStringList titles;
        for (int i = 0; i < list->count(); ++i) {
            if (!list->item(i)->isHidden() && !list->item(i)->text().isEmpty())
                titles.append(list->item(i)->text());
        }
        for (const char* title :
             {"Events", "Overview", "Services", "Initiators", "Targets", "Outcomes",
              "Conversations", "Inventory", "Unclassified", "Rejects", "Senders"})
            QVERIFY2(titles.contains(QLatin1String(title)), title);
        QCOMPARE(navigator()->currentView(), ViewNavigator::events());
    }

    void initiatorsTableMatchesSql() {
        QAbstractItemModelTester tester(initiatorsPage()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        filterBar()->setTextAndApply(QString());
        QVERIFY(showInitiators());
        compareWithSql("1");

        // Under a filter: every figure counts the matching events only.
        filterBar()->setTextAndApply(QStringLiteral("outcome:failure"));
        QTRY_VERIFY_WITH_TIMEOUT(initiatorsPage()->isCurrent(), 10000);
        QCOMPARE(navigator()->currentView(), ViewNavigator::initiators());
        compareWithSql("outcome = 2");

        filterBar()->setTextAndApply(QString());
        QTRY_VERIFY_WITH_TIMEOUT(initiatorsPage()->isCurrent(), 10000);
        compareWithSql("1");
    }

    void sortAndQuickFilter() {
        QVERIFY(showInitiators());
        DrilldownTableView* view = initiatorsPage()->view();
        QSortFilterProxyModel* proxy = view->proxy();
        // Sorted by events, most first, as numbers (not as text).
        for (int r = 1; r < proxy->rowCount(); ++r)
            QVERIFY(proxy->index(r - 1, 3).data(DrilldownTableModel::SortRole).toLongLong() >=
                    proxy->index(r, 3).data(DrilldownTableModel::SortRole).toLongLong());
        const QString name = proxy->index(0, 1).data().toString();
        QVERIFY(!name.isEmpty());
        QTest::keyClicks(view->quickFilter(), name);
        QVERIFY(proxy->rowCount() >= 1);
        QVERIFY(proxy->rowCount() < initiatorsPage()->model()->rowCount());
        for (int r = 0; r < proxy->rowCount(); ++r) {
            bool found = false;
            for (int c = 0; c < proxy->columnCount(); ++c)
                found = found ||
                        proxy->index(r, c).data().toString().contains(name, Qt::CaseInsensitive);
            QVERIFY(found);
        }
        view->quickFilter()->clear();
        QCOMPARE(proxy->rowCount(), initiatorsPage()->model()->rowCount());
    }

    void doubleClickOpensProfile() {
        QVERIFY(showInitiators());
        QTableView* table = initiatorsPage()->view()->table();
        const QModelIndex index = busiestRow(1);
        const qint64 ref = index.data(DrilldownTableModel::ProfileKeyRole).toString().toLongLong();
        QVERIFY(ref > 0);
        const int stepsBefore = int(navigator()->history().steps().size());
        doubleClick(table->viewport(), table->visualRect(index).center());
        QTRY_COMPARE(navigator()->currentView(), ViewNavigator::profile());
        QCOMPARE(int(navigator()->history().steps().size()), stepsBefore + 1);
        ProfilePage* profile = profilePage();
        QCOMPARE(profile->key(), QString::number(ref));
        QTRY_VERIFY_WITH_TIMEOUT(profile->isCurrent(), 10000);

        Sql sql(m_db);
        const auto truth = sql.initiators("1");
        const InitiatorTruth& t = truth.at(ref);
        QCOMPARE(profile->events(), t.events);
        QCOMPARE(profile->failures(), t.failures);
        QCOMPARE(
            profile->title(),
            sql.text("SELECT COALESCE(NULLIF(name, ''), rid) FROM resources WHERE id = ?", ref));
        // Services, addresses and agents: as many rows as SQL finds (the lists keep 20).
        QCOMPARE(profile->list(0)->model()->rowCount(), int(std::min<qint64>(t.services, 20)));
        QCOMPARE(profile->list(2)->model()->rowCount(), int(std::min<qint64>(t.addresses, 20)));
        QCOMPARE(profile->list(3)->model()->rowCount(), int(std::min<qint64>(t.agents, 20)));
        qint64 listed = 0;
        for (const auto& row : profile->list(0)->model()->rows())
            listed += row.values[1].toLongLong();
        if (t.services <= 20)
            QCOMPARE(listed, t.events);
        QVERIFY(profile->activity()->histogram());

        // "Show Events": the filter narrows to this initiator, the Events view shows its events.
        profile->eventsButton()->click();
        QCOMPARE(navigator()->currentView(), ViewNavigator::events());
        QCOMPARE(filterBar()->appliedText(), profile->subjectTerm());
        QTRY_VERIFY_WITH_TIMEOUT(m_window->eventModel()->countKnown() &&
                                     m_window->eventModel()->matchingEvents() == t.events,
                                 10000);

        // Back: the profile again, under the filter it had.
        navigator()->backAction()->trigger();
        QCOMPARE(navigator()->currentView(), ViewNavigator::profile());
        QCOMPARE(filterBar()->appliedText(), QString());
        navigator()->backAction()->trigger();
        QCOMPARE(navigator()->currentView(), ViewNavigator::initiators());
    }

    void filterOnEditsFilterAndBackReturns() {
        filterBar()->setTextAndApply(QStringLiteral("outcome:failure"));
        QVERIFY(showInitiators());
        DrilldownTableView* view = initiatorsPage()->view();
        const QModelIndex cell = view->proxy()->index(0, 0);
        const QString term = cell.data(DrilldownTableModel::FilterTermRole).toString();
        QVERIFY(term.startsWith(QStringLiteral("initiator.id:")));

        std::unique_ptr<QMenu> menu(view->createContextMenu(cell, nullptr));
        QAction* filterOn = menu->findChild<QAction*>(QStringLiteral("filterOn"));
        QVERIFY(filterOn && filterOn->isEnabled());
        filterOn->trigger();
        QCOMPARE(filterBar()->appliedText(), QStringLiteral("outcome:failure ") + term);
        QCOMPARE(filterBar()->lineEdit()->text(), filterBar()->appliedText());
        QCOMPARE(navigator()->currentView(), ViewNavigator::events());
        QVERIFY(m_window->eventView()->isVisible());

        // Back (Alt+Left): the Initiators view and the filter before, in one step.
        QApplication::setActiveWindow(m_window.get());
        QTest::keyClick(m_window.get(), Qt::Key_Left, Qt::AltModifier);
        QCOMPARE(navigator()->currentView(), ViewNavigator::initiators());
        QCOMPARE(filterBar()->appliedText(), QStringLiteral("outcome:failure"));
        QCOMPARE(filterBar()->lineEdit()->text(), QStringLiteral("outcome:failure"));
        QTRY_VERIFY_WITH_TIMEOUT(initiatorsPage()->isCurrent(), 10000);
        compareWithSql("outcome = 2");

        // Forward with the mouse's forward button, over the table.
        QTest::mouseClick(view->table()->viewport(), Qt::ForwardButton);
        QCOMPARE(navigator()->currentView(), ViewNavigator::events());
        QCOMPARE(filterBar()->appliedText(), QStringLiteral("outcome:failure ") + term);
        QVERIFY(!navigator()->forwardAction()->isEnabled());
        QTest::mouseClick(m_window->eventView()->viewport(), Qt::BackButton);
        QCOMPARE(navigator()->currentView(), ViewNavigator::initiators());

        // Exclude: the negated term, Events shown; a new step drops the forward ones.
        menu.reset(view->createContextMenu(view->proxy()->index(0, 2), nullptr));
        QAction* exclude = menu->findChild<QAction*>(QStringLiteral("exclude"));
        QVERIFY(exclude);
        exclude->trigger();
        QVERIFY(filterBar()->appliedText().contains(QStringLiteral(" -initiator.type:")));
        QCOMPARE(navigator()->currentView(), ViewNavigator::events());
        QVERIFY(!navigator()->forwardAction()->isEnabled());
        filterBar()->setTextAndApply(QString());
    }

private:
    // Shows a query page and waits for its figures under the current filter.
    template <typename Page> Page* showPage(const QString& id) {
        navigator()->showView(id);
        auto* page = qobject_cast<Page*>(navigator()->page(id));
        if (!page ||
            !QTest::qWaitFor([page] { return page->isVisible() && page->isCurrent(); }, 10000))
            return nullptr;
        return page;
    }

    static QString serviceName(qint64 id) {
        const auto* service = cadf::inventory::Catalogue::builtIn().serviceById(int(id));
        return service ? QString::fromStdString(service->name) : QString();
    }

private Q_SLOTS:
    void targetsTableMatchesSql() {
        filterBar()->setTextAndApply(QString());
        auto* page = showPage<DrilldownPage>(ViewNavigator::targets());
        QVERIFY(page);
        Sql sql(m_db);
        // Endpoint, or the pattern for unclassified events: events, failures, initiators.
        std::map<QString, std::vector<qint64>> truth;
        for (const auto& r : sql.rows("SELECT endpoint, CASE WHEN endpoint = 0 THEN pattern ELSE 0 "
                                      "END, COUNT(*), SUM(outcome = 2), COUNT(DISTINCT initiator), "
                                      "MIN(service) FROM events GROUP BY 1, 2"))
            truth[r[0] != 0 ? QString::number(r[0]) : QStringLiteral("pattern:%1").arg(r[1])] = r;
        QVERIFY(truth.size() > 20);
        DrilldownTableModel* model = page->model();
        QCOMPARE(model->rowCount(), int(truth.size()));
        for (int r = 0; r < model->rowCount(); ++r) {
            const QString key =
                model->index(r, 0).data(DrilldownTableModel::ProfileKeyRole).toString();
            QVERIFY2(truth.count(key), qPrintable(key));
            const auto& t = truth.at(key);
            QCOMPARE(model->index(r, 3).data(DrilldownTableModel::SortRole).toLongLong(), t[2]);
            QCOMPARE(model->index(r, 4).data(DrilldownTableModel::SortRole).toLongLong(), t[3]);
            QCOMPARE(model->index(r, 6).data(DrilldownTableModel::SortRole).toLongLong(), t[4]);
            if (t[0] != 0)
                QCOMPARE(model->index(r, 2).data().toString(), serviceName(t[5]));
        }

        // Double-click the busiest target: its profile, with SQL's counts.
        QTableView* table = page->view()->table();
        const QModelIndex first = table->model()->index(0, 1);
        const QString key = first.data(DrilldownTableModel::ProfileKeyRole).toString();
        doubleClick(table->viewport(), table->visualRect(first).center());
        QTRY_COMPARE(navigator()->currentView(), ViewNavigator::profile());
        ProfilePage* profile = profilePage();
        QCOMPARE(profile->kind(), QStringLiteral("target"));
        QCOMPARE(profile->key(), key);
        QTRY_VERIFY_WITH_TIMEOUT(profile->isCurrent(), 10000);
        QCOMPARE(profile->events(), truth.at(key)[2]);
        QCOMPARE(profile->failures(), truth.at(key)[3]);
        // Who touched it: as many initiators as SQL (up to the list's 20).
        QCOMPARE(profile->list(0)->model()->rowCount(),
                 int(std::min<qint64>(truth.at(key)[4], 20)));

        // Its events: the term selects exactly the endpoint's events.
        profile->eventsButton()->click();
        QCOMPARE(navigator()->currentView(), ViewNavigator::events());
        QTRY_VERIFY_WITH_TIMEOUT(m_window->eventModel()->countKnown() &&
                                     m_window->eventModel()->matchingEvents() == truth.at(key)[2],
                                 10000);
        filterBar()->setTextAndApply(QString());
    }

    void conversationsTableMatchesSql() {
        filterBar()->setTextAndApply(QStringLiteral("code:4xx"));
        auto* page = showPage<DrilldownPage>(ViewNavigator::conversations());
        QVERIFY(page);
        Sql sql(m_db);
        std::map<std::pair<qint64, QString>, std::vector<qint64>> truth;
        for (const auto& r :
             sql.rows("SELECT initiator, service, COUNT(*), SUM(outcome = 2), MIN(ts), MAX(ts) "
                      "FROM events WHERE code BETWEEN 400 AND 499 GROUP BY 1, 2"))
            truth[{r[0], r[1] == 0 ? QStringLiteral("(unclassified)") : serviceName(r[1])}] = r;
        QVERIFY(truth.size() > 20);
        DrilldownTableModel* model = page->model();
        QCOMPARE(model->rowCount(), int(truth.size()));
        for (int r = 0; r < model->rowCount(); ++r) {
            const qint64 ref = model->index(r, 0)
                                   .data(DrilldownTableModel::ProfileKeyRole)
                                   .toString()
                                   .toLongLong();
            const auto it = truth.find({ref, model->index(r, 2).data().toString()});
            QVERIFY(it != truth.end());
            QCOMPARE(model->index(r, 3).data(DrilldownTableModel::SortRole).toLongLong(),
                     it->second[2]);
            QCOMPARE(model->index(r, 4).data(DrilldownTableModel::SortRole).toLongLong(),
                     it->second[3]);
            QCOMPARE(model->index(r, 6).data(DrilldownTableModel::SortRole).toLongLong(),
                     it->second[4]);
            QCOMPARE(model->index(r, 7).data(DrilldownTableModel::SortRole).toLongLong(),
                     it->second[5]);
        }
        filterBar()->setTextAndApply(QString());
    }

    void outcomesMatchSql() {
        filterBar()->setTextAndApply(QString());
        auto* page = showPage<OutcomesPage>(ViewNavigator::outcomes());
        QVERIFY(page);
        Sql sql(m_db);
        // Reason codes by service: the row total and every code cell.
        std::map<QString, std::map<QString, qint64>> truth;
        for (const auto& r : sql.rows("SELECT service, COALESCE(code, -1), COUNT(*) FROM events "
                                      "GROUP BY 1, 2")) {
            const QString service =
                r[0] == 0 ? QStringLiteral("(unclassified)") : serviceName(r[0]);
            truth[service][r[1] < 0 ? QStringLiteral("none") : QString::number(r[1])] = r[2];
            truth[service][QStringLiteral("Events")] += r[2];
        }
        auto* codes = page->codesView()->model();
        QCOMPARE(codes->rowCount(), int(truth.size()));
        int cells = 0;
        for (int r = 0; r < codes->rowCount(); ++r) {
            const auto& expected = truth.at(codes->index(r, 0).data().toString());
            for (int c = 1; c < codes->columnCount(); ++c) {
                const QString column = codes->headerData(c, Qt::Horizontal).toString();
                const auto it = expected.find(column);
                const qint64 want = it == expected.end() ? 0 : it->second;
                QCOMPARE(codes->index(r, c).data(DrilldownTableModel::SortRole).toLongLong(), want);
                cells += want > 0;
            }
        }
        QVERIFY(cells > 50);
        // The most failing pairs: failures of (initiator, endpoint) as SQL counts them, most first.
        const auto pairs = sql.rows("SELECT SUM(outcome = 2) AS f FROM events GROUP BY initiator, "
                                    "endpoint HAVING f > 0 ORDER BY f DESC LIMIT 50");
        auto* pairsModel = page->pairsView()->model();
        QCOMPARE(pairsModel->rowCount(), int(pairs.size()));
        for (int r = 0; r < pairsModel->rowCount(); ++r)
            QCOMPARE(pairsModel->index(r, 3).data(DrilldownTableModel::SortRole).toLongLong(),
                     pairs[std::size_t(r)][0]);
    }

    // A newer request stops the running one (its cancel flag) and only the newer result arrives.
    void loaderCancelsOlderRequest() {
        StoreJobLoader loader(m_db, QStringLiteral("test-drilldown"));
        QSignalSpy ready(&loader, &StoreJobLoader::ready);
        std::atomic_bool firstStarted{false};
        std::atomic_bool firstStopped{false};
        loader.request({},
                       [&firstStarted, &firstStopped](
                           cadf::store::StoreReader&, const cadf::dashboard::DashboardQuery& q,
                           cadf::store::StoreError&) -> StoreJobLoader::Result {
                           firstStarted = true;
                           while (!q.cancel->load())
                               std::this_thread::sleep_for(std::chrono::milliseconds(1));
                           firstStopped = true;
                           return std::make_shared<const int>(1);
                       });
        QVERIFY(loader.isBusy());
        QTRY_VERIFY(firstStarted); // running: the next request must stop it, not skip it
        loader.request({},
                       [](cadf::store::StoreReader&, const cadf::dashboard::DashboardQuery&,
                          cadf::store::StoreError&) -> StoreJobLoader::Result {
                           return std::make_shared<const int>(2);
                       });
        QVERIFY(ready.wait(5000));
        QVERIFY(firstStopped);
        // Nothing else may arrive: the first job's result is stale.
        QVERIFY(!ready.wait(100));
        QCOMPARE(ready.count(), 1);
        QCOMPARE(
            *std::static_pointer_cast<const int>(ready.at(0).at(0).value<StoreJobLoader::Result>()),
            2);
        QVERIFY(!loader.isBusy());
    }

    // A quiet request (a background poll) does not grey the views, and a job with nothing new
    // (no result, no error) delivers nothing; a failing job's message arrives through failed().
    void loaderQuietAndEmptyJobs() {
        StoreJobLoader loader(m_db, QStringLiteral("test-jobs"));
        QSignalSpy ready(&loader, &StoreJobLoader::ready);
        QSignalSpy failed(&loader, &StoreJobLoader::failed);
        QSignalSpy busy(&loader, &StoreJobLoader::busyChanged);
        std::atomic_bool ran{false};
        loader.request(
            [&ran](cadf::store::StoreReader& reader, const std::atomic_bool&,
                   cadf::store::StoreError&) -> StoreJobLoader::Result {
                ran = reader.totalEvents() > 0;
                return nullptr;
            },
            StoreJobLoader::Busy::Quiet);
        QVERIFY(!loader.isBusy());
        QVERIFY(loader.isRunning());
        QTRY_VERIFY(!loader.isRunning());
        QVERIFY(ran);
        QCOMPARE(ready.count(), 0);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(busy.count(), 0);

        loader.request([](cadf::store::StoreReader& reader, const std::atomic_bool&,
                          cadf::store::StoreError& error) -> StoreJobLoader::Result {
            reader.database().prepare("SELECT no_such_column FROM events", &error);
            return nullptr;
        });
        QVERIFY(loader.isBusy());
        QVERIFY(failed.wait(5000));
        QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("no_such_column")));
        QCOMPARE(ready.count(), 0);
        QVERIFY(!loader.isBusy());
    }

    void timeRangeTerms_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("term");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << ""
                               << "time>=-1h"
                               << "time>=-1h";
        QTest::newRow("added") << "outcome:failure"
                               << "time>=-1h"
                               << "outcome:failure time>=-1h";
        QTest::newRow("replaced") << "outcome:failure time>=-15m code:4xx"
                                  << "time>=-7d"
                                  << "outcome:failure code:4xx time>=-7d";
        QTest::newRow("drag range removed")
            << "time>=2023-10-18T14:00:00Z time<2023-10-18T15:00:00Z service:UDI"
            << ""
            << "service:UDI";
        QTest::newRow("quoted and negated") << "-time:\"2023-10-18 14:00\" a"
                                            << ""
                                            << "a";
        QTest::newRow("not a time field") << "runtime:x target.id:/time:x"
                                          << ""
                                          << "runtime:x target.id:/time:x";
        QTest::newRow("OR kept") << "time>=-1h OR code:500"
                                 << "time>=-1d"
                                 << "(time>=-1h OR code:500) time>=-1d";
        QTest::newRow("group kept, all time") << "(time>=-1h code:500)"
                                              << ""
                                              << "(time>=-1h code:500)";
    }

    void timeRangeTerms() {
        QFETCH(QString, text);
        QFETCH(QString, term);
        QFETCH(QString, expected);
        QCOMPARE(TimeRangeButton::withTimeTerm(text, term), expected);
    }

    // The toolbar's time range edits the filter text (a step), and names the range it finds.
    void timeRangeButton() {
        filterBar()->setTextAndApply(QStringLiteral("outcome:failure"));
        navigator()->showView(ViewNavigator::initiators());
        auto* button = m_window->findChild<TimeRangeButton*>();
        QVERIFY(button);
        QVERIFY(button->text().startsWith(QStringLiteral("All Time")));
        QAction* lastWeek = nullptr;
        for (QAction* action : button->menu()->actions()) {
            if (action->data().toString() == QStringLiteral("time>=-7d"))
                lastWeek = action;
        }
        QVERIFY(lastWeek);
        lastWeek->trigger();
        QCOMPARE(filterBar()->appliedText(), QStringLiteral("outcome:failure time>=-7d"));
        QVERIFY(button->text().startsWith(QStringLiteral("Last 7 Days")));
        QCOMPARE(navigator()->currentView(), ViewNavigator::initiators()); // the view stays
        navigator()->back();
        QCOMPARE(filterBar()->appliedText(), QStringLiteral("outcome:failure"));
        QVERIFY(button->text().startsWith(QStringLiteral("All Time")));
        filterBar()->setTextAndApply(QStringLiteral("time>=2023-10-18T14:00:00Z"));
        QVERIFY(button->text().startsWith(QStringLiteral("Custom Range")));
        filterBar()->setTextAndApply(QString());
    }

    // The dashboard branch's widgets plug in with one line: their requests are steps too.
    void foreignPageRequestsAreSteps() {
        filterBar()->setTextAndApply(QString());
        auto* fake = new FakeDashboard(m_window.get());
        navigator()->addQueryPage(QStringLiteral("fake"), QStringLiteral("Fake"), fake);
        QStringList services;
        navigator()->setServiceDashboardHandler(
            [&services](const QString& service) { services.append(service); });
        QCOMPARE(fake->queries, QStringList{QString()}); // the current filter at once
        navigator()->showView(QStringLiteral("fake"));
        QVERIFY(fake->isVisible());

        Q_EMIT fake->filterClauseRequested(QStringLiteral("service:SOAR"));
        QCOMPARE(filterBar()->appliedText(), QStringLiteral("service:SOAR"));
        QCOMPARE(navigator()->currentView(), ViewNavigator::events());
        QCOMPARE(fake->queries.last(), QStringLiteral("service:SOAR"));
        QVERIFY(!fake->ranged);
        navigator()->back();
        QCOMPARE(navigator()->currentView(), QStringLiteral("fake"));
        QCOMPARE(fake->queries.last(), QString());

        Q_EMIT fake->serviceDashboardRequested(QStringLiteral("UDI"));
        QCOMPARE(navigator()->currentView(), ViewNavigator::services());
        QCOMPARE(services, QStringList{QStringLiteral("UDI")});
        Q_EMIT fake->serviceDashboardRequested(QStringLiteral("SOAR"));
        navigator()->back(); // the UDI dashboard again
        QCOMPARE(navigator()->currentView(), ViewNavigator::services());
        QCOMPARE(services.last(), QStringLiteral("UDI"));
        navigator()->back();
        QCOMPARE(navigator()->currentView(), QStringLiteral("fake"));

        const QString key = initiatorsPage()
                                ->model()
                                ->index(0, 0)
                                .data(DrilldownTableModel::ProfileKeyRole)
                                .toString();
        Q_EMIT fake->profileRequested(QStringLiteral("initiator"), key);
        QCOMPARE(navigator()->currentView(), ViewNavigator::profile());
        QCOMPARE(profilePage()->key(), key);
        navigator()->setServiceDashboardHandler({});
    }

    void viewListClicksAreSteps() {
        QListWidget* list = navigator()->viewList();
        QListWidgetItem* targets =
            list->findItems(QStringLiteral("Targets"), Qt::MatchExactly).value(0);
        QVERIFY(targets);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                          list->visualItemRect(targets).center());
        QCOMPARE(navigator()->currentView(), ViewNavigator::targets());
        QListWidgetItem* rejects =
            list->findItems(QStringLiteral("Rejects"), Qt::MatchExactly).value(0);
        QVERIFY(rejects);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                          list->visualItemRect(rejects).center());
        QVERIFY(m_window->findChild<QDockWidget*>(QStringLiteral("rejectsDock"))->isVisible());
        QCOMPARE(navigator()->currentView(), ViewNavigator::targets()); // a dock, not a view
        navigator()->backAction()->trigger();
        QVERIFY(navigator()->currentView() != ViewNavigator::targets());
    }
};

QTEST_MAIN(TestDrilldown)
#include "tst_drilldown.moc"
