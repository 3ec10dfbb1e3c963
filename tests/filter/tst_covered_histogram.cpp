// CoveredHistogram (models/itemmodels/covered_histogram.h), the workspace's histogram from
// indexes alone, against store::timeHistogram reading every matching row, on a real store from
// the seeded generator: the same buckets and counts for every filter it takes, none for the ones
// it must leave (rollup, raw text, columns no index holds), and still the same after the store
// changes under its rowid -> outcome map.
#include "filter_test_store.h"

#include "models/filter/filter.h"
#include "models/itemmodels/covered_histogram.h"
#include "models/store/sqlite_db.h"
#include "models/store/store_reader.h"
#include "models/store/time_histogram.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

class TestCoveredHistogram : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void equalsTheRowPass_data();
    void equalsTheRowPass();
    void followsTheStore();

private:
    // Counts `text` both ways and compares them.
    void compare(CoveredHistogram& covered, const QString& text, int align, bool expectCovered);

    QTemporaryDir m_dir;
    filtertest::Store m_store;
    std::unique_ptr<cadf::store::StoreReader> m_reader;
    cadf::filter::CompileOptions m_options;
};

void TestCoveredHistogram::initTestCase() {
    QVERIFY(m_dir.isValid());
    QCOMPARE(filtertest::buildAndOpen(m_dir.path(), 1500, m_store, m_reader), QString());
    m_options.nowUs = filtertest::nowIn(m_store);
}

void TestCoveredHistogram::compare(CoveredHistogram& covered, const QString& text, int align,
                                   bool expectCovered) {
    const auto compiled = cadf::filter::compile(text, m_options);
    QVERIFY2(compiled.ok, qPrintable(compiled.error.message));
    cadf::store::StoreError error;
    const cadf::store::SqlFilter resolved =
        cadf::filter::resolveLookups(m_reader->database(), compiled.sql, &error);
    QVERIFY(!error);
    const cadf::store::SqlFilter planned =
        cadf::filter::forFullPass(m_reader->database(), resolved, &error);
    QVERIFY(!error);
    const std::optional<cadf::store::TimeHistogram> fast =
        covered.count(*m_reader, planned, resolved, 40, align);
    QCOMPARE(fast.has_value(), expectCovered);
    if (!fast)
        return;
    // The reference reads every matching row (no rollup, as written).
    cadf::store::SqlFilter rows = compiled.sql;
    rows.rollup.reset();
    const cadf::store::TimeHistogram expected =
        cadf::store::timeHistogram(*m_reader, rows, std::nullopt, std::nullopt, 40, align);
    QVERIFY2(fast->ok, fast->error.message.c_str());
    QVERIFY(expected.ok);
    QCOMPARE(fast->fromUs, expected.fromUs);
    QCOMPARE(fast->toUs, expected.toUs);
    QCOMPARE(fast->bucketUs, expected.bucketUs);
    QCOMPARE(fast->buckets.size(), expected.buckets.size());
    for (std::size_t i = 0; i < expected.buckets.size(); ++i) {
        QCOMPARE(fast->buckets[i].startUs, expected.buckets[i].startUs);
        QCOMPARE(fast->buckets[i].counts, expected.buckets[i].counts);
    }
}

void TestCoveredHistogram::equalsTheRowPass_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("covered");
    QTest::newRow("cidr") << "address:10.0.0.0/8" << true;
    QTest::newRow("not cidr") << "-address:10.0.0.0/8" << true;
    QTest::newRow("address words") << "address:10.99.*" << true;
    QTest::newRow("initiator") << "initiator:jane*" << true;
    QTest::newRow("initiator id or name") << "initiator:\"alice smith\"" << true;
    QTest::newRow("target") << "target:*cases*" << true;
    QTest::newRow("two initiators") << "initiator:jane* OR initiator:\"alice smith\"" << true;
    QTest::newRow("nothing matches") << "initiator:\"x' OR 1=1 --\"" << true;
    // The row is needed for the filter itself: store::timeHistogram's pass.
    QTest::newRow("target and code") << "target:*cases* code:Unauthorized" << false;
    QTest::newRow("raw text") << "disk" << false;
    QTest::newRow("agent") << "agent:python-requests*" << false;
    // rollup_hour answers it.
    QTest::newRow("rollup") << "outcome:failure action:read" << false;
}

void TestCoveredHistogram::equalsTheRowPass() {
    QFETCH(QString, text);
    QFETCH(bool, covered);
    CoveredHistogram histogram;
    compare(histogram, text, 0, covered);
    // Buckets starting at another zone's midnights (Tokyo), and the map reused.
    compare(histogram, text, 9 * 3600, covered);
}

// The map of outcomes is rebuilt when the store changes: outcomes changed, events added and
// removed by another connection are all counted right by the same CoveredHistogram.
void TestCoveredHistogram::followsTheStore() {
    CoveredHistogram histogram;
    const QString text = QStringLiteral("address:10.0.0.0/8");
    compare(histogram, text, 0, true);
    cadf::store::Database writer;
    QVERIFY(!writer.open(m_store.path.toStdString(), cadf::store::Database::Mode::ReadWrite));
    QVERIFY(!writer.exec("UPDATE events SET outcome = 2 WHERE id % 3 = 0"));
    compare(histogram, text, 0, true);
    QVERIFY(!writer.exec("CREATE TEMP TABLE copied AS SELECT * FROM events WHERE id % 5 = 0;"
                         "UPDATE copied SET id = id + 1000000, digest = digest + 1, outcome = 3, "
                         "ts = ts + 60000000;"
                         "INSERT INTO events SELECT * FROM copied;"));
    compare(histogram, text, 0, true);
    QVERIFY(!writer.exec("DELETE FROM events WHERE id % 7 = 0"));
    compare(histogram, text, 0, true);
}

QTEST_APPLESS_MAIN(TestCoveredHistogram)
#include "tst_covered_histogram.moc"
