// forFullPass() (filter_plan.cpp) for a conjunction: SQLite takes one index for it and reads the
// row of every event that index names, matching or not, so a filter matching few events still
// gets the table pass when the index it is read through visits many. On a real SQLite table with
// the store's index shape, (column, ts), and no statistics, as in a store.
#include "models/filter/filter.h"
#include "models/store/sqlite_db.h"

#include <QTemporaryDir>
#include <QTest>

class TestFilterPlan : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void visitedEventsDecide_data();
    void visitedEventsDecide();
};

void TestFilterPlan::visitedEventsDecide_data() {
    QTest::addColumn<QString>("initiator"); // SQL for the initiator of event `id`
    QTest::addColumn<QString>("where");
    QTest::addColumn<bool>("table");
    // 1% match, but the initiator's index (an equality, which SQLite prefers to the outcome's
    // range) names half the events.
    QTest::newRow("dense index, rare matches") << "CASE WHEN id % 2 = 0 THEN 1 ELSE 2 END"
                                               << "(e.initiator = ? AND e.outcome > ?)" << true;
    // Nested the way the generator nests ANDs.
    QTest::newRow("nested") << "CASE WHEN id % 2 = 0 THEN 1 ELSE 2 END"
                            << "((e.initiator = ?) AND (e.outcome > ?))" << true;
    // The index names 2% of the events: reading them is cheaper than the table.
    QTest::newRow("sparse index") << "CASE WHEN id % 50 = 0 THEN 1 ELSE 2 END"
                                  << "(e.initiator = ? AND e.outcome > ?)" << false;
}

void TestFilterPlan::visitedEventsDecide() {
    QFETCH(QString, initiator);
    QFETCH(QString, where);
    QFETCH(bool, table);
    QTemporaryDir dir;
    cadf::store::Database db;
    QVERIFY(!db.open(dir.filePath(QStringLiteral("plan.sqlite")).toStdString(),
                     cadf::store::Database::Mode::ReadWriteCreate));
    // Outcome 2 (above 1) for one event in 100.
    QVERIFY(!db.exec("CREATE TABLE events(id INTEGER PRIMARY KEY, ts INTEGER, outcome INTEGER, "
                     "initiator INTEGER);"
                     "CREATE INDEX events_outcome ON events(outcome, ts);"
                     "CREATE INDEX events_initiator ON events(initiator, ts);"
                     "WITH RECURSIVE n(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM n "
                     "WHERE id < 100000) INSERT INTO events SELECT id, id, CASE WHEN id % 100 = "
                     "1 THEN 2 ELSE 1 END, " +
                     initiator.toStdString() + " FROM n"));
    const cadf::store::SqlFilter filter{where.toStdString(), {std::int64_t(1), std::int64_t(1)}};
    cadf::store::StoreError error;
    const std::optional<double> share = cadf::filter::sampledShare(db, filter, &error);
    QVERIFY(share);
    QVERIFY2(*share < cadf::filter::kFullPassTableShare, qPrintable(QString::number(*share)));
    const cadf::store::SqlFilter chosen = cadf::filter::forFullPass(db, filter, &error);
    QVERIFY2(!error, error.message.c_str());
    QCOMPARE(chosen.where, table ? cadf::filter::unindexed(filter).where : filter.where);
    QCOMPARE(chosen.params.size(), filter.params.size());
}

QTEST_APPLESS_MAIN(TestFilterPlan)
#include "tst_filter_plan.moc"
