// The file import pipeline end to end on generated logs: every line of a 100k-line file becomes
// an event, a duplicate or a reject, with counts equal to what the generator says it wrote; a
// gzipped copy imports identically; re-imports and overlapping exports add nothing twice.
#include "models/ingest/file_importer.h"
#include "models/ingest/import_classifier.h"
#include "models/inventory/catalogue.h"
#include "models/inventory/classifier.h"
#include "models/store/store_reader.h"
#include "models/store/store_writer.h"
#include "tools/loggen/log_generator.h"
#include "tools/loggen/url_templates.h"

#include <QTemporaryDir>
#include <QTest>

#include <zlib.h>

#include <atomic>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

using namespace cadf;

namespace {

// What the generator promises about a file, counted from its truth records only.
struct Expected {
    std::int64_t lines = 0;
    std::int64_t events = 0; // distinct events
    std::int64_t duplicates = 0;
    std::int64_t failures = 0; // among distinct events
    std::map<std::string, std::int64_t> rejectsByReason;
    std::map<std::string, std::int64_t> eventsByService;
    std::vector<std::int64_t> rejectLines;   // 1-based
    std::vector<std::int64_t> rejectOffsets; // byte offset of each rejected line
};

// The reject reason each kind of damage must produce.
std::string reasonFor(loggen::Damage damage) {
    switch (damage) {
    case loggen::Damage::TruncatedJson:
        return "truncated_json";
    case loggen::Damage::InvalidUtf8:
        return "invalid_utf8";
    case loggen::Damage::EmptyLine:
        return "empty_line";
    case loggen::Damage::BinaryGarbage:
        return "binary_data";
    case loggen::Damage::SyslogWithoutJson:
        return "no_json";
    case loggen::Damage::NotCadf:
        return "not_cadf";
    case loggen::Damage::BadSyntax:
        return "invalid_json";
    case loggen::Damage::None:
        break;
    }
    return {};
}

const std::vector<loggen::UrlTemplate>& urlTemplates() {
    static const std::vector<loggen::UrlTemplate> urls =
        loggen::loadUrlTemplates(CADFSCOPE_INVENTORY_JSON);
    return urls;
}

// The service an event must be filed under. Without a deployment prefix, the service the
// generator drew the URL from. Behind a prefix, a short template is deliberately not matched by
// its suffix alone ("/x/session" is not SOAR's "/session"): tst_classifier covers those rules, so
// here the classifier's answer is taken as given.
std::string expectedService(const loggen::GeneratedTruth& truth) {
    if (truth.urlPrefix.empty())
        return truth.service;
    static const inventory::Classifier classifier(inventory::Catalogue::builtIn());
    const auto c = classifier.classify(truth.targetId, truth.action);
    const auto* service = inventory::Catalogue::builtIn().serviceById(c.serviceId);
    return service ? service->name : std::string("(unclassified)");
}

// Writes lines [first, first + count) of the seeded log to `path`; returns their truth.
Expected writeLog(const std::string& path, std::int64_t total, std::int64_t first,
                  std::int64_t count, bool gzip) {
    loggen::GeneratorOptions options;
    options.seed = 424242;
    options.count = total;
    options.damageRate = 0.03;
    options.duplicateRate = 0.02;
    loggen::LogGenerator generator(options, urlTemplates());
    Expected expected;
    std::ofstream plain;
    gzFile packed = nullptr;
    if (gzip)
        packed = gzopen(path.c_str(), "wb6");
    else
        plain.open(path, std::ios::binary);
    std::string line;
    loggen::GeneratedTruth truth;
    std::int64_t offset = 0;
    while (generator.next(line, truth)) {
        if (truth.index < first || truth.index >= first + count)
            continue;
        line.push_back('\n');
        if (gzip)
            gzwrite(packed, line.data(), unsigned(line.size()));
        else
            plain.write(line.data(), std::streamsize(line.size()));
        ++expected.lines;
        if (truth.damage != loggen::Damage::None) {
            ++expected.rejectsByReason[reasonFor(truth.damage)];
            expected.rejectLines.push_back(expected.lines);
            expected.rejectOffsets.push_back(offset);
        } else if (truth.duplicate && truth.duplicateOf >= first) {
            ++expected.duplicates;
        } else {
            // A repeat of a line outside this slice is new to a store that has only this slice.
            ++expected.events;
            expected.failures += truth.outcome == "FAILURE";
            ++expected.eventsByService[expectedService(truth)];
        }
        offset += std::int64_t(line.size());
    }
    if (gzip)
        gzclose(packed);
    return expected;
}

// "invalid_json=12 no_json=40 ...", so a mismatch prints which reason is off.
QString describe(const std::map<std::string, std::int64_t>& counts) {
    QString text;
    for (const auto& [reason, count] : counts)
        text += QString::fromStdString(reason) + QLatin1Char('=') + QString::number(count) +
                QLatin1Char(' ');
    return text;
}

std::int64_t rejectedOf(const Expected& e) {
    std::int64_t n = 0;
    for (const auto& [reason, count] : e.rejectsByReason)
        n += count;
    return n;
}

ingest::FileImportResult importInto(const std::string& db, const std::string& file) {
    store::StoreError error;
    auto writer = store::StoreWriter::open(db, &error);
    if (!writer)
        qFatal("cannot open store: %s", error.message.c_str());
    ingest::FileImporter importer(*writer);
    importer.setClassifier(ingest::makeImportClassifier());
    const std::atomic_bool cancel{false};
    return importer.importFiles({file}, cancel).front();
}

std::int64_t countWhere(store::StoreReader& reader, const std::string& where,
                        std::vector<store::SqlValue> params = {}) {
    return reader.countEvents(store::SqlFilter{where, std::move(params)});
}

} // namespace

class TestFileImporter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(!urlTemplates().empty(), "inventory templates not found");
        QVERIFY(m_dir.isValid());
    }

    // The plain file and its gzip twin: same counts, and the store agrees with the summary.
    void generatedFileCountsAreExact_data() {
        QTest::addColumn<bool>("gzip");
        QTest::newRow("plain") << false;
        QTest::newRow("gzip") << true;
    }

    void generatedFileCountsAreExact() {
        QFETCH(bool, gzip);
        const std::string log = path(gzip ? "big.log.gz" : "big.log");
        const std::string db = path(gzip ? "gz.cadfscope" : "plain.cadfscope");
        const Expected expected = writeLog(log, kLines, 0, kLines, gzip);
        QCOMPARE(expected.lines, kLines);
        QVERIFY(expected.duplicates > 1000 && rejectedOf(expected) > 2000); // the mix is real

        const ingest::FileImportResult result = importInto(db, log);
        QVERIFY2(result.error.empty(), result.error.c_str());
        QCOMPARE(result.compressed, gzip);
        QCOMPARE(result.records, expected.lines);
        QCOMPARE(result.events, expected.events);
        QCOMPARE(result.duplicates, expected.duplicates);
        QCOMPARE(result.rejected, rejectedOf(expected));
        QCOMPARE(describe(result.rejectsByReason), describe(expected.rejectsByReason));
        QCOMPARE(result.events + result.duplicates + result.rejected, result.records);

        store::StoreError error;
        auto reader = store::StoreReader::open(db, &error);
        QVERIFY(reader);
        QCOMPARE(reader->totalEvents(), expected.events);
        QCOMPARE(countWhere(*reader, ""), expected.events);
        QCOMPARE(countWhere(*reader, "e.outcome = ?", {std::int64_t(Outcome::Failure)}),
                 expected.failures);
        // Classified at ingest: per-service counts equal the services the generator drew from.
        const auto& catalogue = inventory::Catalogue::builtIn();
        QString want, got;
        for (const auto& [service, count] : expected.eventsByService) {
            const int id = std::max(0, catalogue.serviceId(service)); // 0: unclassified
            want += QStringLiteral("%1=%2 ").arg(QString::fromStdString(service)).arg(count);
            got += QStringLiteral("%1=%2 ")
                       .arg(QString::fromStdString(service))
                       .arg(countWhere(*reader, "e.service = ?", {std::int64_t(id)}));
        }
        QCOMPARE(got, want);
        // Every reject is kept with its line number and byte offset in the uncompressed text.
        std::vector<store::RejectRow> rejects;
        for (std::int64_t after = 0;;) {
            auto page = reader->rejects(5000, after);
            if (page.empty())
                break;
            after = page.back().id;
            rejects.insert(rejects.end(), page.begin(), page.end());
        }
        QCOMPARE(std::int64_t(rejects.size()), rejectedOf(expected));
        for (std::size_t i = 0; i < rejects.size(); ++i) {
            QCOMPARE(rejects[i].lineNo, expected.rejectLines[i]);
            QCOMPARE(rejects[i].byteOffset, expected.rejectOffsets[i]);
        }
        m_dbs.push_back(db);
    }

    // The same content again (as gzip into the plain store): nothing new, all counted as skipped.
    void reimportAddsNothing() {
        QCOMPARE(m_dbs.size(), std::size_t(2));
        const ingest::FileImportResult again = importInto(m_dbs[0], path("big.log.gz"));
        const Expected expected = writeLog(path("unused.log"), kLines, 0, kLines, false);
        QCOMPARE(again.events, 0);
        QCOMPARE(again.duplicates, expected.events + expected.duplicates);
        QCOMPARE(again.rejected, rejectedOf(expected));
        store::StoreError error;
        auto reader = store::StoreReader::open(m_dbs[0], &error);
        QCOMPARE(reader->totalEvents(), expected.events);
    }

    // Two exports that overlap by half: the second adds only what the first lacked.
    void overlappingExportsAddOnlyNewEvents() {
        const std::string db = path("overlap.cadfscope");
        const std::int64_t total = 20000;
        const Expected first = writeLog(path("first.log"), total, 0, 12000, false);
        const Expected second = writeLog(path("second.log"), total, 6000, 14000, false);
        const Expected whole = writeLog(path("whole.log"), total, 0, total, false);
        const auto a = importInto(db, path("first.log"));
        QCOMPARE(a.events, first.events);
        const auto b = importInto(db, path("second.log"));
        QCOMPARE(a.events + b.events, whole.events);
        QCOMPARE(b.events + b.duplicates + b.rejected, second.lines);
        store::StoreError error;
        auto reader = store::StoreReader::open(db, &error);
        QCOMPARE(reader->totalEvents(), whole.events);
    }

private:
    std::string path(const char* name) const { return m_dir.filePath(name).toStdString(); }

    static constexpr std::int64_t kLines = 100000;
    QTemporaryDir m_dir;
    std::vector<std::string> m_dbs;
};

QTEST_GUILESS_MAIN(TestFileImporter)
#include "tst_file_importer.moc"
