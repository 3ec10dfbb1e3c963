// Runs the real `cadfscope` binary on real files and a real store: exit codes, JSON output,
// deduplication on re-import, rejects, and the read commands.
#include "tests/support/cli_runner.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

using clitest::cadfscope;
using clitest::jsonOf;
using clitest::kBinary;
using clitest::Run;

const QString kCorpus = QStringLiteral(CADFSCOPE_TEST_DATA "/corpus");

QStringList corpusFiles(const QString& pattern) {
    QStringList files;
    for (const QString& f : QDir(kCorpus).entryList({pattern}, QDir::Files, QDir::Name))
        files << kCorpus + QLatin1Char('/') + f;
    return files;
}

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    f.write(bytes);
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void importCorpusThenReimportIsAllDuplicates();
    void jsoncFilesAreRejectedWithReasons();
    void countsAlwaysAddUp();
    void statsGroupsSumToEvents_data();
    void statsGroupsSumToEvents();
    void queryFormats();
    void rejectsListsEveryReject();
    void badUsageExitsTwo_data();
    void badUsageExitsTwo();
    void guiHelpAndVersionNeedNoDisplay();
    void unusableFilesAndStoresExitOne();

private:
    QString db() const { return m_dir->filePath(QStringLiteral("store.cadfscope")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCli::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestCli::importCorpusThenReimportIsAllDuplicates() {
    const QStringList files = corpusFiles(QStringLiteral("*.jsonl"));
    QCOMPARE(files.size(), 14);
    Run first = cadfscope(QStringList{QStringLiteral("import"), QStringLiteral("--db"), db(),
                                      QStringLiteral("--json")} +
                          files);
    QVERIFY2(first.exitCode == 0, first.err.constData());
    const QJsonObject a = jsonOf(first.out);
    QCOMPARE(a.value(QStringLiteral("files")).toInt(), 14);
    QCOMPARE(a.value(QStringLiteral("rejected")).toInt(), 0);
    // Every published event imports: 94 events, some of which repeat byte for byte across the
    // corpus' historical revisions and are recognised as duplicates.
    QCOMPARE(a.value(QStringLiteral("events")).toInt() +
                 a.value(QStringLiteral("duplicates")).toInt(),
             94);
    QVERIFY(a.value(QStringLiteral("events")).toInt() >= 90);
    QVERIFY(a.contains(QStringLiteral("seconds")));
    QVERIFY(a.value(QStringLiteral("rejects_by_reason")).isObject());

    Run second = cadfscope(QStringList{QStringLiteral("import"), QStringLiteral("--db"), db(),
                                       QStringLiteral("--json")} +
                           files);
    QCOMPARE(second.exitCode, 0);
    const QJsonObject b = jsonOf(second.out);
    QCOMPARE(b.value(QStringLiteral("events")).toInt(), 0);
    QCOMPARE(b.value(QStringLiteral("duplicates")).toInt(), 94);

    // The text summary says how many were skipped.
    Run third = cadfscope(
        QStringList{QStringLiteral("import"), QStringLiteral("--db"), db(), files.first()});
    QCOMPARE(third.exitCode, 0);
    QVERIFY2(third.out.contains("duplicates skipped"), third.out.constData());
}

void TestCli::jsoncFilesAreRejectedWithReasons() {
    const QStringList files = corpusFiles(QStringLiteral("*.jsonc"));
    QCOMPARE(files.size(), 7);
    for (const QString& file : files) {
        Run run = cadfscope({QStringLiteral("import"), QStringLiteral("--db"), db(),
                             QStringLiteral("--json"), file});
        QCOMPARE(run.exitCode, 0); // rejects are not a failure
        const QJsonObject o = jsonOf(run.out);
        QVERIFY2(o.value(QStringLiteral("events")).toInt() == 0, qPrintable(file));
        QVERIFY2(o.value(QStringLiteral("rejected")).toInt() >= 1, qPrintable(file));
        const QJsonObject reasons = o.value(QStringLiteral("rejects_by_reason")).toObject();
        QVERIFY(!reasons.isEmpty());
        for (const QString& key : reasons.keys())
            QVERIFY2(key == QLatin1String("invalid_json") ||
                         key == QLatin1String("truncated_json") ||
                         key == QLatin1String("not_cadf") || key == QLatin1String("no_json"),
                     qPrintable(file + QLatin1String(": ") + key));
    }
}

void TestCli::countsAlwaysAddUp() {
    // A damaged file: every kind of bad line next to good ones, and an event repeated.
    const QByteArray good =
        R"({"eventTime":"2023-10-18T14:38:40Z","action":"read","outcome":"success","initiator":{"id":"u1"}})";
    QByteArray text;
    text += good + "\n";
    text += good + "\n";                  // duplicate
    text += "\n";                         // empty
    text += QByteArray("x\0y", 3) + "\n"; // binary
    text += "{\"a\":\"\xC3\x28\"}\n";     // invalid UTF-8
    text += good.left(30) + "\n";         // truncated
    text += R"({"hello":"world"})"
            "\n";                                             // not CADF
    text += "<13>1 2023-10-18T14:38:44Z h a - - - no json\n"; // no JSON
    text += R"({"events":[)" + good + "," + QByteArray(good).replace("u1", "u2") +
            "]}\n"; // two events in one record
    writeFile(m_dir->filePath(QStringLiteral("damaged.log")), text);
    Run run = cadfscope({QStringLiteral("import"), QStringLiteral("--db"), db(),
                         QStringLiteral("--json"), m_dir->filePath(QStringLiteral("damaged.log"))});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject o = jsonOf(run.out);
    const int lines = o.value(QStringLiteral("lines")).toInt();
    const int events = o.value(QStringLiteral("events")).toInt();
    const int duplicates = o.value(QStringLiteral("duplicates")).toInt();
    const int rejected = o.value(QStringLiteral("rejected")).toInt();
    QCOMPARE(events + duplicates + rejected, lines);
    QCOMPARE(events, 2);     // u1 once, u2
    QCOMPARE(duplicates, 2); // u1 again, and u1 inside the list
    QCOMPARE(rejected, 6);
    QCOMPARE(o.value(QStringLiteral("physical_lines")).toInt(), 9);
    const QJsonObject reasons = o.value(QStringLiteral("rejects_by_reason")).toObject();
    for (const char* key :
         {"empty_line", "binary_data", "invalid_utf8", "truncated_json", "not_cadf", "no_json"})
        QVERIFY2(reasons.value(QLatin1String(key)).toInt() == 1, key);
}

void TestCli::statsGroupsSumToEvents_data() {
    QTest::addColumn<QString>("field");
    for (const char* f :
         {"service", "outcome", "action", "code", "initiator", "target", "address", "day"})
        QTest::newRow(f) << QString::fromLatin1(f);
}

void TestCli::statsGroupsSumToEvents() {
    QFETCH(QString, field);
    Run imp = cadfscope(QStringList{QStringLiteral("import"), QStringLiteral("--db"), db(),
                                    QStringLiteral("--json")} +
                        corpusFiles(QStringLiteral("*.jsonl")));
    QCOMPARE(imp.exitCode, 0);
    const int events = jsonOf(imp.out).value(QStringLiteral("events")).toInt();
    Run run =
        cadfscope({QStringLiteral("stats"), QStringLiteral("--db"), db(), QStringLiteral("--by"),
                   field, QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonArray groups = QJsonDocument::fromJson(run.out).array();
    QVERIFY(!groups.isEmpty());
    int sum = 0;
    for (const QJsonValue& g : groups) {
        QVERIFY(g.toObject().contains(QStringLiteral("value")));
        sum += g.toObject().value(QStringLiteral("count")).toInt();
    }
    QCOMPARE(sum, events);
    Run table = cadfscope(
        {QStringLiteral("stats"), QStringLiteral("--db"), db(), QStringLiteral("--by"), field});
    QCOMPARE(table.exitCode, 0);
    QVERIFY(table.out.startsWith(field.toUtf8()));
}

void TestCli::queryFormats() {
    Run imp = cadfscope(QStringList{QStringLiteral("import"), QStringLiteral("--db"), db()} +
                        corpusFiles(QStringLiteral("*.jsonl")));
    QCOMPARE(imp.exitCode, 0);
    Run jsonl =
        cadfscope({QStringLiteral("query"), QStringLiteral("--db"), db(), QStringLiteral("--limit"),
                   QStringLiteral("5"), QStringLiteral("--format"), QStringLiteral("jsonl")});
    QCOMPARE(jsonl.exitCode, 0);
    const QList<QByteArray> lines = jsonl.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 5);
    for (const QByteArray& line : lines) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        QVERIFY2(o.contains(QStringLiteral("eventTime")) || o.contains(QStringLiteral("typeURI")),
                 line.constData());
    }
    Run all =
        cadfscope({QStringLiteral("query"), QStringLiteral("--db"), db(), QStringLiteral("--limit"),
                   QStringLiteral("0"), QStringLiteral("--format"), QStringLiteral("csv")});
    QCOMPARE(all.exitCode, 0);
    QVERIFY(all.out.startsWith("time,service,action,outcome,code,initiator,target,address\r\n"));
    // Time order: the ISO column sorts as text.
    QStringList times;
    for (const QByteArray& row : all.out.split('\n').mid(1)) {
        if (!row.trimmed().isEmpty())
            times << QString::fromUtf8(row.left(row.indexOf(',')));
    }
    QVERIFY(times.size() >= 90);
    QStringList sorted = times;
    sorted.sort();
    QCOMPARE(times, sorted);
    Run table = cadfscope({QStringLiteral("query"), QStringLiteral("--db"), db()});
    QCOMPARE(table.exitCode, 0);
    QVERIFY(table.out.startsWith("time"));
}

void TestCli::rejectsListsEveryReject() {
    const QStringList files = corpusFiles(QStringLiteral("*.jsonc"));
    Run imp = cadfscope(QStringList{QStringLiteral("import"), QStringLiteral("--db"), db(),
                                    QStringLiteral("--json")} +
                        files);
    QCOMPARE(imp.exitCode, 0);
    const int rejected = jsonOf(imp.out).value(QStringLiteral("rejected")).toInt();
    Run run = cadfscope({QStringLiteral("rejects"), QStringLiteral("--db"), db(),
                         QStringLiteral("--format"), QStringLiteral("jsonl")});
    QCOMPARE(run.exitCode, 0);
    const QList<QByteArray> lines = run.out.trimmed().split('\n');
    QCOMPARE(lines.size(), rejected);
    for (const QByteArray& line : lines) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        QVERIFY(o.value(QStringLiteral("source")).toString().endsWith(QLatin1String(".jsonc")));
        QVERIFY(o.value(QStringLiteral("line")).toInt() >= 1);
        QVERIFY(!o.value(QStringLiteral("reason")).toString().isEmpty());
        QVERIFY(!o.value(QStringLiteral("detail")).toString().isEmpty());
    }
    Run table = cadfscope({QStringLiteral("rejects"), QStringLiteral("--db"), db()});
    QCOMPARE(table.exitCode, 0);
    QVERIFY(table.out.contains("invalid_json"));
}

void TestCli::badUsageExitsTwo_data() {
    QTest::addColumn<QStringList>("args");
    QTest::newRow("import without files") << QStringList{QStringLiteral("import")};
    QTest::newRow("unknown option")
        << QStringList{QStringLiteral("import"), QStringLiteral("--bogus"), QStringLiteral("x")};
    QTest::newRow("stats without --by") << QStringList{QStringLiteral("stats")};
    QTest::newRow("stats bad field")
        << QStringList{QStringLiteral("stats"), QStringLiteral("--by"), QStringLiteral("colour")};
    QTest::newRow("query bad format")
        << QStringList{QStringLiteral("query"), QStringLiteral("--format"), QStringLiteral("xml")};
    QTest::newRow("query bad limit")
        << QStringList{QStringLiteral("query"), QStringLiteral("--limit"), QStringLiteral("-3")};
    QTest::newRow("rejects stray argument")
        << QStringList{QStringLiteral("rejects"), QStringLiteral("extra")};
    // Without a command the GUI would start: a typo must not open a window on nothing.
    QTest::newRow("mistyped command")
        << QStringList{QStringLiteral("imprt"), QStringLiteral("x.log")};
    QTest::newRow("GUI unknown option") << QStringList{QStringLiteral("--bogus")};
}

void TestCli::badUsageExitsTwo() {
    QFETCH(QStringList, args);
    Run run = cadfscope(args + QStringList{QStringLiteral("--db"), db()});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.startsWith("cadfscope"), run.err.constData());
    QCOMPARE(run.err.count('\n') <= 2, true); // one line, plus an optional hint
    QVERIFY(!run.err.contains("terminate called"));
}

void TestCli::guiHelpAndVersionNeedNoDisplay() {
    // QT_QPA_PLATFORM is offscreen in tests; a broken platform proves no window is attempted.
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("no-such-platform"));
    p.setProcessEnvironment(env);
    p.start(kBinary, {QStringLiteral("--help")});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 0);
    const QByteArray help = p.readAllStandardOutput();
    for (const char* command : {"import", "stats", "query", "rejects", "--db"})
        QVERIFY2(help.contains(command), help.constData());
    p.start(kBinary, {QStringLiteral("--version")});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 0);
    QVERIFY(p.readAllStandardOutput().startsWith("cadfscope "));
}

void TestCli::unusableFilesAndStoresExitOne() {
    // A missing file among good ones: the good ones import, the exit says something failed.
    Run missing = cadfscope({QStringLiteral("import"), QStringLiteral("--db"), db(),
                             QStringLiteral("--json"), m_dir->filePath(QStringLiteral("nope.log")),
                             corpusFiles(QStringLiteral("*.jsonl")).first()});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains("nope.log"), missing.err.constData());
    QVERIFY(jsonOf(missing.out).value(QStringLiteral("events")).toInt() > 0);

    // A directory is not a log file.
    Run dir = cadfscope({QStringLiteral("import"), QStringLiteral("--db"), db(), m_dir->path()});
    QCOMPARE(dir.exitCode, 1);

    // A store that is not a database.
    const QString garbage = m_dir->filePath(QStringLiteral("garbage.cadfscope"));
    writeFile(garbage, QByteArray(8192, 'x'));
    Run notDb = cadfscope({QStringLiteral("import"), QStringLiteral("--db"), garbage,
                           corpusFiles(QStringLiteral("*.jsonl")).first()});
    QCOMPARE(notDb.exitCode, 1);
    QVERIFY2(notDb.err.contains("store"), notDb.err.constData());
    Run queryNotDb = cadfscope({QStringLiteral("query"), QStringLiteral("--db"), garbage});
    QCOMPARE(queryNotDb.exitCode, 1);

    // A store in a folder that does not exist and cannot be made.
    Run noDir = cadfscope({QStringLiteral("stats"), QStringLiteral("--db"),
                           QStringLiteral("/proc/nonexistent/x.cadfscope"), QStringLiteral("--by"),
                           QStringLiteral("outcome")});
    QCOMPARE(noDir.exitCode, 1);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
