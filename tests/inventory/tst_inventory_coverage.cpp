// Coverage of the inventory in a store and `reclassify`, on a store imported from a generated
// log: the counts per endpoint, service and unclassified pattern equal the ones this test works
// out from the generator's truth (the event as generated, not as stored). Also the seed's own
// example line, end to end through the importer, and the closest-service hints.
#include "models/ingest/file_importer.h"
#include "models/ingest/import_classifier.h"
#include "models/inventory/catalogue.h"
#include "models/inventory/classifier.h"
#include "models/inventory/closest_match.h"
#include "models/inventory/coverage_report.h"
#include "models/inventory/store_reclassifier.h"
#include "models/store/coverage_reader.h"
#include "models/store/sqlite_db.h"
#include "models/store/store_reader.h"
#include "models/store/store_writer.h"
#include "tools/loggen/log_generator.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <limits>
#include <map>
#include <set>

using namespace cadf;
using inventory::Catalogue;
using inventory::Classifier;

namespace {

struct Expected {
    std::int64_t events = 0, failures = 0, firstUs = 0, lastUs = 0;
    std::set<std::string> initiators;
    std::set<std::string> paths;    // normalised request paths
    std::set<std::string> requests; // target ids as sent (queries included)
    void add(const loggen::GeneratedTruth& t) {
        if (events == 0 || t.eventTimeUs < firstUs)
            firstUs = t.eventTimeUs;
        if (events == 0 || t.eventTimeUs > lastUs)
            lastUs = t.eventTimeUs;
        ++events;
        failures += t.outcome == "FAILURE" ? 1 : 0;
        // The store keeps an initiator as (id, name, type, domain, credential).
        initiators.insert(t.initiatorId + '\n' + t.initiatorName + '\n' + t.initiatorTypeUri);
    }
};

bool importFile(const QString& db, const QString& file) {
    store::StoreError error;
    auto writer = store::StoreWriter::open(db.toStdString(), &error);
    if (!writer)
        return false;
    ingest::FileImporter importer(*writer);
    importer.setClassifier(ingest::makeImportClassifier());
    std::atomic_bool cancel{false};
    const auto results = importer.importFiles({file.toStdString()}, cancel);
    return results.size() == 1 && results.front().error.empty();
}

bool readReport(const QString& db, inventory::CoverageReport& report) {
    store::StoreError error;
    auto reader = store::StoreReader::open(db.toStdString(), &error);
    if (!reader)
        return false;
    store::StoreCoverage raw;
    if (!store::readCoverage(*reader, {}, {}, raw, error))
        return false;
    report = inventory::buildCoverageReport(Catalogue::builtIn(), raw);
    return true;
}

void compareCounts(const store::CoverageCounts& got, const Expected& want, const char* what,
                   std::int64_t id) {
    const QByteArray where = QByteArray(what) + ' ' + QByteArray::number(qint64(id));
    auto message = [&where](const char* field, std::int64_t g, std::int64_t w) {
        return QByteArray(where + ": " + field + ' ' + QByteArray::number(qint64(g)) + " want " +
                          QByteArray::number(qint64(w)));
    };
    QVERIFY2(got.events == want.events, message("events", got.events, want.events).constData());
    QVERIFY2(got.failures == want.failures,
             message("failures", got.failures, want.failures).constData());
    const auto initiators = std::int64_t(want.initiators.size());
    QVERIFY2(got.initiators == initiators,
             message("initiators", got.initiators, initiators).constData());
    if (want.events > 0) {
        QVERIFY2(got.firstUs == want.firstUs,
                 message("first seen", got.firstUs, want.firstUs).constData());
        QVERIFY2(got.lastUs == want.lastUs,
                 message("last seen", got.lastUs, want.lastUs).constData());
    }
}

} // namespace

class TestInventoryCoverage : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;
    const Catalogue& m_catalogue = Catalogue::builtIn();
    std::map<int, Expected> m_rows;     // by catalogue row (0 = unclassified)
    std::map<int, Expected> m_services; // by service id
    std::map<std::string, Expected> m_patterns;
    Expected m_all;
    int m_agreeWithGenerator = 0;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        std::vector<loggen::UrlTemplate> urls = loggen::loadUrlTemplates(CADFSCOPE_INVENTORY_JSON);
        QVERIFY(urls.size() > 500);
        // Requests no inventory row has: they must end up as patterns.
        for (const char* url : {"/favicon.ico", "/api/unknown/thing", "/api/unknown/{id}/thing",
                                "/rest/orgs/{org_id}/incidentz/{inc_id}"})
            urls.push_back({0, "Other", "Unknown", {"read"}, url});

        loggen::GeneratorOptions options;
        options.seed = 11;
        options.count = 30000;
        options.duplicateRate = 0.01;
        options.damageRate = 0.005;
        loggen::LogGenerator generator(options, urls);
        const Classifier classifier(m_catalogue);
        QFile file(m_dir.filePath(QStringLiteral("gen.log")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        std::string line;
        loggen::GeneratedTruth t;
        int events = 0;
        while (generator.next(line, t)) {
            line += '\n';
            file.write(line.data(), qint64(line.size()));
            if (!t.isEvent() || t.duplicate)
                continue;
            ++events;
            // Where the event belongs, from the generated request (not from the store).
            const std::string_view path = Classifier::normalisePath(t.targetId);
            const inventory::Classification c = classifier.classify(path, t.action);
            m_rows[c.rowId].add(t);
            m_services[c.serviceId].add(t);
            m_all.add(t);
            if (c.rowId == t.rowId)
                ++m_agreeWithGenerator;
            if (!c.classified()) {
                Expected& p = m_patterns[Classifier::unclassifiedPattern(path)];
                p.add(t);
                p.paths.insert(std::string(path));
                p.requests.insert(t.targetId);
            }
        }
        file.close();
        QVERIFY(events > 29000);
        m_db = m_dir.filePath(QStringLiteral("store.cadfscope"));
        QVERIFY(importFile(m_db, file.fileName()));
    }

    void generatorAndClassifierAgree() {
        // Sanity of the expectation itself: nearly every event lands on the row it was made
        // from (the rest are twins, weak templates behind a prefix, or the unknown requests).
        QVERIFY2(m_agreeWithGenerator * 100 >= m_all.events * 90,
                 qPrintable(QString::number(m_agreeWithGenerator)));
        QVERIFY(m_rows.count(0) == 1);
        QVERIFY(m_rows[0].events > 100);
        QVERIFY(m_patterns.count("/favicon.ico") == 1);
        QVERIFY(m_patterns.count("/api/unknown/{id}/thing") == 1);
    }

    void everyEndpoint() {
        inventory::CoverageReport report;
        QVERIFY(readReport(m_db, report));
        QCOMPARE(int(report.endpoints.size()), int(m_catalogue.rows().size()) + 1);
        int seen = 0;
        for (std::size_t id = 0; id < report.endpoints.size(); ++id) {
            const Expected want = m_rows.count(int(id)) ? m_rows[int(id)] : Expected{};
            compareCounts(report.endpoints[id], want, "row", std::int64_t(id));
            if (QTest::currentTestFailed())
                return;
            seen += id > 0 && want.events > 0;
        }
        QCOMPARE(report.rowsSeen, seen);
        QCOMPARE(report.rowsNeverSeen, int(m_catalogue.rows().size()) - seen);
        QCOMPARE(report.unknownRowEvents, 0);
        compareCounts(report.all, m_all, "all", 0);
    }

    void everyService() {
        inventory::CoverageReport report;
        QVERIFY(readReport(m_db, report));
        for (std::size_t id = 0; id < report.services.size(); ++id) {
            const Expected want = m_services.count(int(id)) ? m_services[int(id)] : Expected{};
            compareCounts(report.services[id], want, "service", std::int64_t(id));
            if (QTest::currentTestFailed())
                return;
        }
    }

    void unclassifiedPatterns() {
        inventory::CoverageReport report;
        QVERIFY(readReport(m_db, report));
        QCOMPARE(report.unclassified.size(), m_patterns.size());
        std::int64_t previous = std::numeric_limits<std::int64_t>::max();
        for (const inventory::UnclassifiedPattern& p : report.unclassified) {
            QVERIFY2(m_patterns.count(p.pattern), p.pattern.c_str());
            const Expected& want = m_patterns[p.pattern];
            compareCounts(p.counts, want, p.pattern.c_str(), 0);
            QCOMPARE(p.distinctRequests, std::int64_t(want.requests.size()));
            QVERIFY(!p.examples.empty());
            QVERIFY(p.examples.size() <= 3);
            for (const std::string& example : p.examples)
                QVERIFY2(want.paths.count(example), example.c_str());
            QVERIFY(p.counts.events <= previous); // most frequent first
            previous = p.counts.events;
        }
    }

    void filteredCoverage() {
        // Under a filter the counts are those of the matching events only.
        store::StoreError error;
        auto reader = store::StoreReader::open(m_db.toStdString(), &error);
        QVERIFY(reader);
        store::StoreCoverage raw;
        QVERIFY(store::readCoverage(*reader, {"e.outcome = ?", {std::int64_t(2)}}, {}, raw, error));
        QCOMPARE(raw.all.events, m_all.failures);
        QCOMPARE(raw.all.failures, m_all.failures);
        const int edge = m_catalogue.serviceId("Edge Gateway");
        QCOMPARE(raw.services.at(std::size_t(edge)).events, m_services[edge].failures);
    }

    void reclassifyRestoresWhatWasLost() {
        // Forget the classification of every third event, as if imported without the catalogue.
        std::int64_t forgotten = 0;
        {
            store::Database db;
            QVERIFY(!db.open(m_db.toStdString(), store::Database::Mode::ReadWrite));
            forgotten = db.queryInt("SELECT count(*) FROM events WHERE id % 3 = 0 AND "
                                    "(service <> 0 OR endpoint <> 0 OR pattern <> 0)",
                                    -1);
            QVERIFY(forgotten > 9000);
            QVERIFY(!db.exec("UPDATE events SET service = 0, endpoint = 0, pattern = 0 "
                             "WHERE id % 3 = 0"));
        }
        store::ReclassifySummary summary;
        store::ReclassifyOptions options;
        options.batchEvents = 1000; // several transactions
        int progressCalls = 0;
        options.progress = [&](std::int64_t done, std::int64_t total) {
            ++progressCalls;
            QVERIFY(done <= total);
        };
        QVERIFY(!inventory::reclassifyStore(m_db.toStdString(), m_catalogue, options, summary));
        QCOMPARE(summary.events, m_all.events);
        QCOMPARE(summary.eventsChanged, forgotten);
        QVERIFY(progressCalls > 1);
        QCOMPARE(summary.unclassifiedEvents, m_rows[0].events);
        QCOMPARE(summary.classifiedEvents, m_all.events - m_rows[0].events);
        QCOMPARE(summary.newPatterns, 0);
        everyEndpoint();
        unclassifiedPatterns();

        // Nothing left to do the second time.
        QVERIFY(!inventory::reclassifyStore(m_db.toStdString(), m_catalogue, {}, summary));
        QCOMPARE(summary.eventsChanged, 0);
        QCOMPARE(summary.changedRequests, 0);
    }

    void reclassifyWithAnotherCatalogue() {
        // An empty catalogue: everything becomes unclassified, with new patterns; the built-in
        // one brings it all back.
        const std::string copy = m_dir.filePath(QStringLiteral("copy.cadfscope")).toStdString();
        QVERIFY(QFile::copy(m_db, QString::fromStdString(copy)));
        store::ReclassifySummary summary;
        QVERIFY(!inventory::reclassifyStore(copy, Catalogue(), {}, summary));
        QCOMPARE(summary.classifiedEvents, 0);
        QCOMPARE(summary.unclassifiedEvents, m_all.events);
        QCOMPARE(summary.eventsChanged, m_all.events - m_rows[0].events);
        QVERIFY(summary.newPatterns > 100);
        QVERIFY(!inventory::reclassifyStore(copy, m_catalogue, {}, summary));
        QCOMPARE(summary.eventsChanged, m_all.events - m_rows[0].events);
        QCOMPARE(summary.unclassifiedEvents, m_rows[0].events);
    }

    void reclassifyErrors() {
        store::ReclassifySummary summary;
        const store::StoreError missing = inventory::reclassifyStore(
            m_dir.filePath(QStringLiteral("none.cadfscope")).toStdString(), m_catalogue, {},
            summary);
        QVERIFY(missing);
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("none.cadfscope"))));
        const QString text = m_dir.filePath(QStringLiteral("text.cadfscope"));
        QFile f(text);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a database at all, just text\n");
        f.close();
        QVERIFY(inventory::reclassifyStore(text.toStdString(), m_catalogue, {}, summary));
    }

    // The example line printed in the seed, imported as it is: Edge Gateway, "Get list of
    // controllers for specific tenant".
    void seedExampleLineEndToEnd() {
        QFile seed(
            QStringLiteral(CADFSCOPE_SOURCE_DIR "/resources/qradar_suite_audit_inventory.txt"));
        QVERIFY(seed.open(QIODevice::ReadOnly));
        QByteArray example;
        while (!seed.atEnd()) {
            const QByteArray line = seed.readLine();
            if (line.startsWith("<13>1 ") && line.contains("/manager/tenants/")) {
                example = line;
                break;
            }
        }
        QVERIFY(!example.isEmpty());
        const QString log = m_dir.filePath(QStringLiteral("seed_example.log"));
        QFile out(log);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(example);
        out.close();
        const QString db = m_dir.filePath(QStringLiteral("seed.cadfscope"));
        QVERIFY(importFile(db, log));
        inventory::CoverageReport report;
        QVERIFY(readReport(db, report));
        QCOMPARE(report.all.events, 1);
        const int row = 58;
        QCOMPARE(m_catalogue.rowById(row)->description,
                 std::string("Get list of controllers for specific tenant"));
        QCOMPARE(report.endpoints[row].events, 1);
        QCOMPARE(report.services[std::size_t(m_catalogue.serviceId("Edge Gateway"))].events, 1);
        QCOMPARE(report.rowsSeen, 1);
        QVERIFY(report.unclassified.empty());
    }

    void closestServices_data() {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("service"); // empty: nothing came close
        QTest::newRow("SOAR typo") << "/rest/orgs/{id}/incidents/{id}/artifactz"
                                   << "SOAR";
        QTest::newRow("UDS newer version") << "/api/uds/v9/connections/{id}/whatever"
                                           << "UDI";
        QTest::newRow("Edge Gateway extra leaf")
            << "/gateway/api/app_manager/tenants/{id}/controllers/{id}/extra"
            << "Edge Gateway";
        QTest::newRow("favicon") << "/favicon.ico"
                                 << "";
        QTest::newRow("generic only") << "/api/v1/unknown"
                                      << "";
    }

    void closestServices() {
        QFETCH(QString, pattern);
        QFETCH(QString, service);
        const inventory::ClosestMatcher matcher(m_catalogue);
        const auto closest = matcher.closest(pattern.toStdString(), 3);
        if (service.isEmpty()) {
            QVERIFY(closest.empty());
            return;
        }
        QVERIFY(!closest.empty());
        QCOMPARE(QString::fromStdString(m_catalogue.serviceById(closest.front().serviceId)->name),
                 service);
        QVERIFY(closest.front().score >= inventory::ClosestMatcher::kMinScore);
    }

    void shadowedRowsAreTheUnreachableTwins() {
        // Rows sharing a template and an action with an earlier row (tst_classifier's twins):
        // the classifier always picks the earlier one, so these can never be seen themselves.
        const std::vector<int> shadowed = inventory::shadowedRows(m_catalogue);
        std::map<int, int> got;
        for (std::size_t id = 0; id < shadowed.size(); ++id) {
            if (shadowed[id] != 0)
                got[int(id)] = shadowed[id];
        }
        // 524 has /api/audit/tis and /api/audit/xfe: they land on 523 and 522; the first is named.
        const std::map<int, int> want = {{105, 104}, {504, 503}, {524, 523}};
        QCOMPARE(got, want);
        // And indeed no generated event of theirs landed on them.
        for (const auto& [row, other] : want) {
            QCOMPARE(m_rows.count(row), std::size_t(0));
            QVERIFY(m_rows.count(other) == 1);
        }
        inventory::CoverageReport report;
        QVERIFY(readReport(m_db, report));
        QCOMPARE(report.rowsNeverSeenShadowed, 3);
    }

    void csvExport() {
        inventory::CoverageReport report;
        QVERIFY(readReport(m_db, report));
        const std::string all = inventory::coverageCsv(m_catalogue, report, false);
        const std::string gaps = inventory::coverageCsv(m_catalogue, report, true);
        auto lines = [](const std::string& s) { return int(std::count(s.begin(), s.end(), '\n')); };
        QCOMPARE(lines(all), int(m_catalogue.rows().size()) + 1);
        QCOMPARE(lines(gaps), report.rowsNeverSeen + 1);
        QVERIFY(all.rfind("category,service,description,actions,urls,events,", 0) == 0);
        // A description with a comma is quoted.
        QVERIFY(all.find(",\"") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestInventoryCoverage)
#include "tst_inventory_coverage.moc"
