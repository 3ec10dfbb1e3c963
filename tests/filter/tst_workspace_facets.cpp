// The workspace's facet counts (WorkspaceWorker, models/itemmodels) against the store's own
// GROUP BY per facet (StoreReader::countBy), on a real store from the seeded generator: the
// exact counts of exactFacets(), one pass over the matching events for all six facets, equal the
// per-facet SQL for every filter; the sampled counts of facets() come from at most the sample's
// events and say they are not exact when the filter matches more.
#include "filter_test_store.h"

#include "models/filter/filter.h"
#include "models/itemmodels/workspace_worker.h"
#include "models/store/store_reader.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <memory>

class TestWorkspaceFacets : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void exactEqualsGroupBy_data();
    void exactEqualsGroupBy();

private:
    QTemporaryDir m_dir;
    filtertest::Store m_store;
    std::unique_ptr<cadf::store::StoreReader> m_reader;
};

void TestWorkspaceFacets::initTestCase() {
    qRegisterMetaType<ValueCountsPtr>();
    qRegisterMetaType<TimeHistogramPtr>();
    qRegisterMetaType<FacetKind>();
    QVERIFY(m_dir.isValid());
    QCOMPARE(filtertest::buildAndOpen(m_dir.path(), 1500, m_store, m_reader), QString());
}

void TestWorkspaceFacets::exactEqualsGroupBy_data() {
    QTest::addColumn<QString>("text");
    for (const char* text :
         {"", "outcome:failure", "address:10.0.0.0/8", "-address:10.0.0.0/8", "target:*cases*",
          "initiator:jane*", "code:4xx", "action:read OR code:5xx", "disk"})
        QTest::newRow(*text ? text : "(none)") << QString::fromUtf8(text);
}

void TestWorkspaceFacets::exactEqualsGroupBy() {
    QFETCH(QString, text);
    const auto compiled = cadf::filter::compile(text);
    QVERIFY(compiled.ok);
    const std::int64_t matching = m_reader->countEvents(compiled.sql);
    QVERIFY(matching > 0);

    auto latest = std::make_shared<std::atomic<quint64>>(1);
    auto latestValues = std::make_shared<std::atomic<quint64>>(0);
    WorkspaceWorker worker(m_store.path, latest, latestValues);
    const int sample = 40;
    worker.setSampleEvents(sample);
    QSignalSpy facets(&worker, &WorkspaceWorker::facetReady);
    const std::vector<int> all(WorkspaceWorker::kFacetKinds, 0); // every value, no top-N cut
    worker.facets(1, compiled.sql, all);
    worker.exactFacets(1, compiled.sql, all);
    const bool sampleHeldAll = matching < sample;
    QCOMPARE(facets.count(), WorkspaceWorker::kFacetKinds * (sampleHeldAll ? 1 : 2));

    const cadf::store::GroupField groups[] = {
        cadf::store::GroupField::Outcome, cadf::store::GroupField::Code,
        cadf::store::GroupField::Service, cadf::store::GroupField::Initiator,
        cadf::store::GroupField::Target,  cadf::store::GroupField::Address};
    for (int i = 0; i < facets.count(); ++i) {
        const QList<QVariant> args = facets.at(i);
        QCOMPARE(args.at(0).value<quint64>(), quint64(1));
        const auto kind = args.at(1).value<FacetKind>();
        const auto counts = args.at(2).value<ValueCountsPtr>();
        const bool exact = args.at(3).toBool();
        std::int64_t total = 0;
        std::map<std::string, std::int64_t> byValue;
        for (const cadf::store::ValueCount& v : *counts) {
            total += v.count;
            byValue[v.value] += v.count;
        }
        if (!exact) {
            QVERIFY(i < WorkspaceWorker::kFacetKinds); // the sample comes first
            QCOMPARE(total, std::int64_t(sample));
            continue;
        }
        QCOMPARE(total, matching);
        std::map<std::string, std::int64_t> expected;
        for (const cadf::store::ValueCount& v :
             m_reader->countBy(groups[int(kind)], compiled.sql, 0))
            expected[v.value] += v.count;
        QVERIFY(!m_reader->lastError());
        QCOMPARE(byValue, expected);
    }
}

QTEST_APPLESS_MAIN(TestWorkspaceFacets)
#include "tst_workspace_facets.moc"
