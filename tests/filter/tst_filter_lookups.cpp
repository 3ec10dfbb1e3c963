// resolveLookups() (filter_lookups.cpp): a filter's dictionary subqueries become bound id lists,
// on a real store from the seeded generator. The resolved form selects the same events (also
// checked for every filter of tst_filter_equivalence), keeps its rollup form so the histogram
// still reads rollup_hour and counts the same, leaves long lists as the subquery they were, and
// sees dictionary entries added since a look-up was shared.
#include "filter_test_store.h"

#include "models/filter/filter.h"
#include "models/store/rollup_scan.h"
#include "models/store/sql_value.h"
#include "models/store/sqlite_db.h"
#include "models/store/store_reader.h"
#include "models/store/time_histogram.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <set>

using namespace cadf::filter;

class TestFilterLookups : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void subqueriesBecomeIds_data();
    void subqueriesBecomeIds();
    void rollupFormFollows_data();
    void rollupFormFollows();
    void longListsStayAsWritten();
    void unindexedKeepsTheRollupForm();
    void newDictionaryEntriesAreSeen();

private:
    std::set<std::int64_t> ids(const cadf::store::SqlFilter& filter);
    cadf::store::SqlFilter compiled(const QString& text);

    QTemporaryDir m_dir;
    filtertest::Store m_store;
    std::unique_ptr<cadf::store::StoreReader> m_reader;
    CompileOptions m_options;
};

void TestFilterLookups::initTestCase() {
    QVERIFY(m_dir.isValid());
    QCOMPARE(filtertest::buildAndOpen(m_dir.path(), 1500, m_store, m_reader), QString());
    m_options.nowUs = filtertest::nowIn(m_store);
}

cadf::store::SqlFilter TestFilterLookups::compiled(const QString& text) {
    const CompiledFilter c = compile(text, m_options);
    if (!c.ok)
        qFatal("filter %s: %s", qPrintable(text), qPrintable(c.error.message));
    return c.sql;
}

std::set<std::int64_t> TestFilterLookups::ids(const cadf::store::SqlFilter& filter) {
    return filtertest::matchingIds(m_reader->database(), filter);
}

void TestFilterLookups::subqueriesBecomeIds_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("matches");
    QTest::newRow("initiator") << "initiator:jane*" << true;
    QTest::newRow("initiator id or name") << "initiator:\"alice smith\"" << true;
    QTest::newRow("target words") << "target:*cases*" << true;
    QTest::newRow("cidr") << "address:10.0.0.0/8" << true;
    QTest::newRow("not cidr") << "-address:10.0.0.0/8" << true;
    QTest::newRow("two actions") << "action:READ OR action:create" << true;
    QTest::newRow("nested and mixed") << "(outcome:failure OR code:5xx) -initiator:SERVICE.* "
                                         "-source:*cp4s*"
                                      << true;
    QTest::newRow("bare word") << "acme" << true;
    QTest::newRow("injection finds nothing") << "initiator:\"x' OR 1=1 --\"" << false;
    QTest::newRow("no such action") << "action:nosuchaction" << false;
}

// Every dictionary subquery is gone (an empty look-up is an empty list), the parameters match
// the text, and the events are the same.
void TestFilterLookups::subqueriesBecomeIds() {
    QFETCH(QString, text);
    QFETCH(bool, matches);
    const cadf::store::SqlFilter filter = compiled(text);
    QVERIFY(filter.where.find("SELECT") != std::string::npos);
    cadf::store::StoreError error;
    const cadf::store::SqlFilter resolved = resolveLookups(m_reader->database(), filter, &error);
    QVERIFY2(!error, error.message.c_str());
    QVERIFY2(resolved.where.find("SELECT") == std::string::npos, resolved.where.c_str());
    const std::set<std::int64_t> expected = ids(filter);
    QCOMPARE(ids(resolved), expected);
    QCOMPARE(!expected.empty(), matches);
    // Values are still bound, never pasted: the injection attempt stays out of the text.
    QVERIFY(resolved.where.find("1=1") == std::string::npos);
}

void TestFilterLookups::rollupFormFollows_data() {
    QTest::addColumn<QString>("text");
    QTest::newRow("action") << "action:read*";
    QTest::newRow("actions and outcome") << "action:READ OR action:create outcome:failure";
    QTest::newRow("initiator") << "initiator:jane*";
    QTest::newRow("cidr") << "address:10.0.0.0/8 code:4xx";
    QTest::newRow("dictionary miss") << "action:nosuchaction";
}

// The rollup form is resolved with the events form and still names it, so the readers that
// check `eventsWhere` keep taking the rollups, and the histogram counts the same either way.
void TestFilterLookups::rollupFormFollows() {
    QFETCH(QString, text);
    const cadf::store::SqlFilter filter = compiled(text);
    QVERIFY(filter.rollup);
    cadf::store::StoreError error;
    const cadf::store::SqlFilter resolved = resolveLookups(m_reader->database(), filter, &error);
    QVERIFY(!error);
    QVERIFY(resolved.rollup);
    QCOMPARE(resolved.rollup->eventsWhere, resolved.where);
    QVERIFY2(resolved.rollup->where.find("SELECT") == std::string::npos,
             resolved.rollup->where.c_str());
    QCOMPARE(resolved.rollup->columns, filter.rollup->columns);
    for (const cadf::store::Rollup r :
         {cadf::store::Rollup::Hour, cadf::store::Rollup::Initiator}) {
        QCOMPARE(cadf::store::rollupFilterFor(*m_reader, resolved, r) != nullptr,
                 cadf::store::rollupFilterFor(*m_reader, filter, r) != nullptr);
    }
    // Hourly buckets from the rollup for both forms, and from the events without any rollup.
    cadf::store::SqlFilter eventsOnly = resolved;
    eventsOnly.rollup.reset();
    const auto histogram = [&](const cadf::store::SqlFilter& f) {
        return cadf::store::timeHistogram(*m_reader, f, std::nullopt, std::nullopt, 4, 0);
    };
    const cadf::store::TimeHistogram a = histogram(filter);
    const cadf::store::TimeHistogram b = histogram(resolved);
    const cadf::store::TimeHistogram c = histogram(eventsOnly);
    QVERIFY(a.ok && b.ok && c.ok);
    QCOMPARE(b.buckets.size(), a.buckets.size());
    QCOMPARE(c.buckets.size(), a.buckets.size());
    for (std::size_t i = 0; i < a.buckets.size(); ++i) {
        QCOMPARE(b.buckets[i].counts, a.buckets[i].counts);
        QCOMPARE(c.buckets[i].counts, a.buckets[i].counts);
    }
}

// Past `maxIds` ids a subquery stays as written (its parameters with it); shorter ones around
// it are still resolved.
void TestFilterLookups::longListsStayAsWritten() {
    const cadf::store::SqlFilter filter = compiled(QStringLiteral("initiator:* action:read"));
    cadf::store::StoreError error;
    const cadf::store::SqlFilter resolved = resolveLookups(m_reader->database(), filter, &error, 1);
    QVERIFY(!error);
    QVERIFY2(resolved.where.find("resource_ids") != std::string::npos, resolved.where.c_str());
    QVERIFY2(resolved.where.find("strings") == std::string::npos, resolved.where.c_str());
    QCOMPARE(ids(resolved), ids(filter));
}

void TestFilterLookups::unindexedKeepsTheRollupForm() {
    const cadf::store::SqlFilter filter = compiled(QStringLiteral("outcome:failure"));
    QVERIFY(filter.rollup);
    const cadf::store::SqlFilter table = unindexed(filter);
    QVERIFY(table.where != filter.where);
    QVERIFY(table.rollup);
    QCOMPARE(table.rollup->eventsWhere, table.where);
    QVERIFY(cadf::store::rollupFilterFor(*m_reader, table, cadf::store::Rollup::Hour));
}

// Look-ups are shared between threads and calls while no dictionary gains a row: one that does
// (another connection adds a resource) is looked up again, here and on a second connection.
void TestFilterLookups::newDictionaryEntriesAreSeen() {
    const cadf::store::SqlFilter filter = compiled(QStringLiteral("initiator:newcomer"));
    cadf::store::StoreError error;
    const cadf::store::SqlFilter before = resolveLookups(m_reader->database(), filter, &error);
    QVERIFY(!error);
    QVERIFY2(before.where.find("IN ()") != std::string::npos, before.where.c_str());
    cadf::store::Database writer;
    QVERIFY(!writer.open(m_store.path.toStdString(), cadf::store::Database::Mode::ReadWrite));
    QVERIFY(!writer.exec("INSERT INTO resource_ids(id, rid, attrs) SELECT max(id) + 1, "
                         "'NEWCOMER', 0 FROM resource_ids"));
    const std::int64_t id = writer.queryInt("SELECT max(id) FROM resource_ids", -1);
    for (int connection = 0; connection < 2; ++connection) {
        auto other = connection == 0
                         ? nullptr
                         : cadf::store::StoreReader::open(m_store.path.toStdString(), &error);
        cadf::store::Database& db = other ? other->database() : m_reader->database();
        const cadf::store::SqlFilter after = resolveLookups(db, filter, &error);
        QVERIFY(!error);
        QCOMPARE(after.where, std::string("e.initiator IN (?)"));
        QCOMPARE(after.params.size(), std::size_t(1));
        QCOMPARE(std::get<std::int64_t>(after.params.front()), id);
    }
}

QTEST_APPLESS_MAIN(TestFilterLookups)
#include "tst_filter_lookups.moc"
