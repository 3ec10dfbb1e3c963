// The rollup tables (models/store/rollups.h) on a real store: after every way events arrive or
// change (an import, a re-import of an overlapping file, reclassify with few and with many
// changed requests, the migration of a store made before rollups existed) each table equals
// the GROUP BY of the events, computed by the test in SQL.
#include "rollup_test_support.h"

#include "models/ingest/file_importer.h"
#include "models/ingest/import_classifier.h"
#include "models/inventory/catalogue.h"
#include "models/inventory/classifier.h"
#include "models/inventory/store_reclassifier.h"
#include "models/store/reclassify.h"
#include "models/store/rollups.h"
#include "models/store/schema.h"
#include "models/store/sqlite_db.h"
#include "models/store/store_reader.h"
#include "models/store/store_writer.h"

#include <QTemporaryDir>
#include <QTest>

#include <atomic>

using namespace cadf;

namespace {
// This version's rollup tables, dropped to make the store an older version wrote.
const char* const kDropRollups =
    "DROP VIEW rollup_hour_v; DROP TABLE rollup_hour; DROP VIEW rollup_initiator_3h_v; DROP "
    "TABLE rollup_initiator_3h; DROP VIEW rollup_target_3h_v; DROP TABLE rollup_target_3h;";

constexpr std::int64_t kLines = 12000;

ingest::FileImportResult importFile(const std::string& db, const std::string& log) {
    store::StoreError error;
    auto writer = store::StoreWriter::open(db, &error);
    if (!writer)
        qFatal("cannot open the store: %s", error.message.c_str());
    ingest::FileImporter importer(*writer);
    importer.setClassifier(ingest::makeImportClassifier());
    const std::atomic_bool cancel{false};
    return importer.importFiles({log}, cancel).front();
}

std::int64_t eventCount(const std::string& db) {
    store::Database d;
    d.open(db, store::Database::Mode::ReadOnly);
    return d.queryInt("SELECT count(*) FROM events", -1);
}

} // namespace

class TestRollups : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::string m_db;
    std::vector<std::string> m_lines;

    std::string file(const char* name) const {
        return m_dir.filePath(QLatin1String(name)).toStdString();
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_db = file("rollups.cadfscope");
        m_lines = generateSpreadLog(file("a.log"), kLines, 4, 41);
    }

    // Tests run in order on one store: each step changes it further.
    void afterImport() {
        const auto result = importFile(m_db, file("a.log"));
        QVERIFY2(result.error.empty(), result.error.c_str());
        QVERIFY(result.events > kLines * 9 / 10);
        QVERIFY(result.duplicates > 0);
        QCOMPARE(rollupDifferences(m_db), QString());
    }

    void afterOverlappingImport() {
        // Half of the first file again (duplicates, not counted twice) and new events between.
        std::vector<std::string> lines(m_lines.begin() + kLines / 4,
                                       m_lines.begin() + 3 * kLines / 4);
        const std::vector<std::string> fresh = generateSpreadLog(file("c.log"), kLines / 4, 4, 42);
        lines.insert(lines.end(), fresh.begin(), fresh.end());
        writeLines(file("b.log"), lines);
        const std::int64_t before = eventCount(m_db);
        const auto result = importFile(m_db, file("b.log"));
        QVERIFY2(result.error.empty(), result.error.c_str());
        QVERIFY(result.duplicates >= kLines / 2 - 1);
        QCOMPARE(eventCount(m_db), before + result.events);
        QCOMPARE(rollupDifferences(m_db), QString());

        // The same file once more: every event a duplicate, the rollups unchanged.
        const auto again = importFile(m_db, file("b.log"));
        QCOMPARE(again.events, std::int64_t(0));
        QCOMPARE(rollupDifferences(m_db), QString());
    }

    void afterReclassifyOfFewRequests() {
        // Requests whose target ends in 7 move to service 3, endpoint 77 (one UPDATE each); the
        // rest keep the catalogue's answer.
        const inventory::Catalogue& catalogue = inventory::Catalogue::builtIn();
        store::ReclassifySummary summary;
        store::StoreError error = inventory::reclassifyStore(m_db, catalogue, {}, summary);
        QVERIFY2(!error, error.message.c_str());
        const inventory::Classifier classifier(catalogue);
        const auto classify = [&classifier](const store::ReclassifyInput& in,
                                            store::ReclassifyOutput& out) {
            const std::string_view path = inventory::Classifier::extractPath(
                in.targetId, in.requestPath, in.targetTypeUri, in.targetName);
            if (path.empty())
                return;
            const inventory::Classification c = classifier.classify(path, in.action);
            if (!in.targetId.empty() && in.targetId.back() == '7') {
                out.serviceId = c.classified() ? c.serviceId % 5 + 1 : 3;
                out.endpointId = 77;
            } else if (c.classified()) {
                out.serviceId = c.serviceId;
                out.endpointId = c.rowId;
            } else {
                out.pattern = inventory::Classifier::unclassifiedPattern(path);
            }
        };
        store::ReclassifyOptions options;
        options.batchEvents = 500; // several transactions
        error = store::reclassifyStore(m_db, classify, options, summary);
        QVERIFY2(!error, error.message.c_str());
        QVERIFY(summary.eventsChanged > 0);
        // One UPDATE per changed request (the other path is the next test's).
        QVERIFY2(summary.changedRequests > 0 && summary.changedRequests <= 2000,
                 qPrintable(QString::number(summary.changedRequests)));
        QCOMPARE(rollupDifferences(m_db), QString());
    }

    void afterReclassifyOfManyRequests() {
        // Most requests change: the pass over id ranges (past 2000 changed requests).
        const auto classify = [](const store::ReclassifyInput& in, store::ReclassifyOutput& out) {
            out.serviceId = int(in.targetId.size() % 5) + 1;
            out.endpointId = int(in.targetId.size() % 40) + 1;
        };
        store::ReclassifyOptions options;
        options.batchEvents = 3000;
        store::ReclassifySummary summary;
        const store::StoreError error = store::reclassifyStore(m_db, classify, options, summary);
        QVERIFY2(!error, error.message.c_str());
        QVERIFY2(summary.changedRequests > 2000,
                 qPrintable(QString::number(summary.changedRequests)));
        QCOMPARE(rollupDifferences(m_db), QString());
        // And back to the catalogue's classification.
        store::ReclassifySummary back;
        const store::StoreError again =
            inventory::reclassifyStore(m_db, inventory::Catalogue::builtIn(), options, back);
        QVERIFY2(!again, again.message.c_str());
        QVERIFY(back.eventsChanged > 0);
        QCOMPARE(rollupDifferences(m_db), QString());
    }

    void afterMigrationOfAStoreWithoutRollups() {
        // The store as version 1 wrote it: no rollup tables, user_version 1.
        {
            store::Database db;
            QVERIFY(!db.open(m_db, store::Database::Mode::ReadWrite));
            QVERIFY(!db.exec(std::string(kDropRollups) +
                             "PRAGMA user_version = 1; UPDATE meta SET value = '1' WHERE key = "
                             "'schema_version'"));
        }
        {
            // A reader of the old store still works (it reads events).
            store::StoreError error;
            auto reader = store::StoreReader::open(m_db, &error);
            QVERIFY2(reader, error.message.c_str());
            QCOMPARE(reader->countEvents({}), eventCount(m_db));
        }
        store::StoreError error;
        QVERIFY2(store::StoreWriter::open(m_db, &error), error.message.c_str()); // migrates
        store::Database db;
        QVERIFY(!db.open(m_db, store::Database::Mode::ReadOnly));
        QCOMPARE(db.queryInt("PRAGMA user_version", -1), std::int64_t(store::kSchemaVersion));
        QCOMPARE(rollupDifferences(m_db), QString());
    }

    // A store as version 2 wrote it (rollup_hour and day rollups, counted) becomes version 3:
    // the day rollups are gone, the 3-hour ones hold every event, rollup_hour is not counted
    // twice.
    void afterMigrationOfAVersion2Store() {
        {
            store::Database db;
            QVERIFY(!db.open(m_db, store::Database::Mode::ReadWrite));
            QVERIFY(!db.exec("BEGIN"));
            QVERIFY(!db.exec(kDropRollups));
            QVERIFY(!db.exec(store::rollupSchemaV2()));
            QVERIFY(!db.exec("INSERT INTO rollup_initiator_day SELECT ts - ts % 86400000000, "
                             "initiator, service, address, agent, action, IFNULL(code, "
                             "1000000000), outcome, count(*), min(ts), max(ts) FROM events GROUP "
                             "BY 1, 2, 3, 4, 5, 6, 7, 8"));
            QVERIFY(!store::fillRollups(db, store::RollupAccumulator::bit(store::Rollup::Hour)));
            QVERIFY(!db.exec("PRAGMA user_version = 2; UPDATE meta SET value = '2' WHERE key = "
                             "'schema_version'; COMMIT"));
        }
        store::StoreError error;
        QVERIFY2(store::StoreWriter::open(m_db, &error), error.message.c_str()); // migrates
        store::Database db;
        QVERIFY(!db.open(m_db, store::Database::Mode::ReadOnly));
        QCOMPARE(db.queryInt("PRAGMA user_version", -1), std::int64_t(store::kSchemaVersion));
        QCOMPARE(db.queryInt("SELECT count(*) FROM sqlite_schema WHERE name LIKE '%_day%'", -1),
                 std::int64_t(0));
        QVERIFY(db.queryInt("SELECT count(*) FROM rollup_target_3h", 0) > 0);
        QCOMPARE(rollupDifferences(m_db), QString());
    }
};

QTEST_APPLESS_MAIN(TestRollups)
#include "tst_rollups.moc"
