// The real `cadfscope` binary with the filter language: query --filter / --count / --columns and
// stats --filter on a generated store, and bad filters or columns (exit 2, message, caret).
#include "filter_test_store.h"
#include "tests/support/cli_runner.h"

#include "models/filter/filter.h"
#include "models/store/store_reader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {

using clitest::cadfscope;
using clitest::kBinary;
using clitest::Run;

// RFC 4180 rows (CRLF) of a small CSV without embedded newlines.
QList<QStringList> parseCsv(const QByteArray& text) {
    QList<QStringList> rows;
    for (QByteArray line : text.split('\n')) {
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty())
            continue;
        QStringList cells;
        QString cellText;
        bool quoted = false;
        const QString l = QString::fromUtf8(line);
        for (qsizetype i = 0; i < l.size(); ++i) {
            const QChar c = l[i];
            if (quoted) {
                if (c == u'"' && i + 1 < l.size() && l[i + 1] == u'"') {
                    cellText += u'"';
                    ++i;
                } else if (c == u'"') {
                    quoted = false;
                } else {
                    cellText += c;
                }
            } else if (c == u'"') {
                quoted = true;
            } else if (c == u',') {
                cells << cellText;
                cellText.clear();
            } else {
                cellText += c;
            }
        }
        cells << cellText;
        rows << cells;
    }
    return rows;
}

} // namespace

class TestFilterCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void countMatchesTheLibrary_data();
    void countMatchesTheLibrary();
    void filterSelectsRows();
    void everyColumn();
    void statsTakeTheFilter();
    void badFiltersExitTwo_data();
    void badFiltersExitTwo();
    void badColumnsExitTwo_data();
    void badColumnsExitTwo();

private:
    QStringList base(const char* command) const {
        return {QString::fromLatin1(command), QStringLiteral("--db"), m_store.path};
    }
    std::int64_t libraryCount(const QString& text);

    QTemporaryDir m_dir;
    filtertest::Store m_store;
    std::unique_ptr<cadf::store::StoreReader> m_reader;
};

void TestFilterCli::initTestCase() {
    QVERIFY(QFile::exists(kBinary));
    QVERIFY(m_dir.isValid());
    QCOMPARE(filtertest::buildAndOpen(m_dir.path(), 800, m_store, m_reader), QString());
}

std::int64_t TestFilterCli::libraryCount(const QString& text) {
    // The command line has no display zone: times without a zone are UTC.
    const auto compiled = cadf::filter::compile(text, {});
    if (!compiled.ok)
        qFatal("filter does not compile: %s", qPrintable(compiled.error.message));
    return m_reader->countEvents(compiled.sql);
}

void TestFilterCli::countMatchesTheLibrary_data() {
    QTest::addColumn<QString>("filter");
    QTest::addColumn<qint64>("expected"); // -1: whatever the library counts, but not 0 or all
    QTest::newRow("none") << QString() << qint64(-2);
    QTest::newRow("outcome") << "outcome:failure" << qint64(-1);
    QTest::newRow("code class") << "code:4xx -initiator:SERVICE.*" << qint64(-1);
    QTest::newRow("source") << "source:extra.jsonl" << qint64(5);
    QTest::newRow("id") << "id:evt-3" << qint64(1);
    QTest::newRow("phrase in raw text") << "\"disk full\"" << qint64(1);
    QTest::newRow("cidr v6") << "address:2001:db8:abcd::/48" << qint64(1);
    QTest::newRow("time utc") << "time>=2023-10-18T14:10" << qint64(-1);
    QTest::newRow("relative time") << "time>=-15m" << qint64(0);
    QTest::newRow("injection") << "initiator:\"x' OR 1=1 --\"" << qint64(0);
}

void TestFilterCli::countMatchesTheLibrary() {
    QFETCH(QString, filter);
    QFETCH(qint64, expected);
    QStringList args = base("query") << QStringLiteral("--count");
    if (!filter.isNull())
        args << QStringLiteral("--filter") << filter;
    const Run run = cadfscope(args);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    bool ok = false;
    const qint64 printed = run.out.trimmed().toLongLong(&ok);
    QVERIFY2(ok, run.out.constData());
    QCOMPARE(run.out.count('\n'), 1);
    const std::int64_t total = m_reader->totalEvents();
    if (expected == -2)
        QCOMPARE(printed, total);
    else if (expected == -1)
        QVERIFY(printed > 0 && printed < total);
    else
        QCOMPARE(printed, expected);
    QCOMPARE(printed, libraryCount(filter));
    // A zone written out gives the same instants as the command line's UTC default.
    if (filter == QLatin1String("time>=2023-10-18T14:10")) {
        QCOMPARE(libraryCount(QStringLiteral("time>=2023-10-18T14:10Z")), printed);
        QVERIFY(libraryCount(QStringLiteral("time>=2023-10-18T14:10-01:00")) < printed);
    }
}

void TestFilterCli::filterSelectsRows() {
    const Run run =
        cadfscope(base("query") << QStringLiteral("--format") << QStringLiteral("csv")
                                << QStringLiteral("--limit") << QStringLiteral("0")
                                << QStringLiteral("--columns") << QStringLiteral("id,initiator")
                                << QStringLiteral("--filter")
                                << QStringLiteral("source:extra.jsonl -outcome:success"));
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QList<QStringList> rows = parseCsv(run.out);
    QCOMPARE(rows.size(), 4); // header + the three extra events that did not succeed
    QCOMPARE(rows[0], (QStringList{QStringLiteral("id"), QStringLiteral("initiator")}));
    QCOMPARE(rows[1],
             (QStringList{QStringLiteral("5E7A1C2D-0001"), QStringLiteral("alice smith")}));
    QCOMPARE(rows[2], (QStringList{QStringLiteral("5e7a1c2d-0002"), QStringLiteral("bob")}));
    QCOMPARE(rows[3], (QStringList{QStringLiteral("evt-3"), QStringLiteral("CORP\\carol")}));

    // The table lists the same rows, in time order, under the default columns.
    const Run table =
        cadfscope(base("query") << QStringLiteral("--filter") << QStringLiteral("observer:obs-1"));
    QVERIFY2(table.exitCode == 0, table.err.constData());
    const QList<QByteArray> lines = table.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines[0].startsWith("time "));
    QVERIFY(lines[1].contains("alice smith") && lines[1].contains("Unauthorized"));
    QVERIFY(lines[2].contains("bob") && lines[2].contains("404"));
}

void TestFilterCli::everyColumn() {
    const QStringList fields = cadf::filter::fieldNames();
    const Run run = cadfscope(base("query")
                              << QStringLiteral("--format") << QStringLiteral("csv")
                              << QStringLiteral("--columns") << fields.join(u',')
                              << QStringLiteral("--filter") << QStringLiteral("id:5E7A1C2D-0001"));
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QList<QStringList> rows = parseCsv(run.out);
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[0], fields);
    QHash<QString, QString> value;
    for (qsizetype i = 0; i < fields.size(); ++i)
        value.insert(fields[i], rows[1].value(i));
    QCOMPARE(value[QStringLiteral("time")], QStringLiteral("2023-10-18T15:10:00.000Z"));
    QCOMPARE(value[QStringLiteral("action")], QStringLiteral("authenticate"));
    QCOMPARE(value[QStringLiteral("outcome")], QStringLiteral("failure"));
    QCOMPARE(value[QStringLiteral("code")], QStringLiteral("Unauthorized"));
    QCOMPARE(value[QStringLiteral("severity")], QStringLiteral("critical"));
    QCOMPARE(value[QStringLiteral("type")], QStringLiteral("activity"));
    QCOMPARE(value[QStringLiteral("initiator")], QStringLiteral("alice smith"));
    QCOMPARE(value[QStringLiteral("initiator.id")], QStringLiteral("u-100"));
    QCOMPARE(value[QStringLiteral("initiator.name")], QStringLiteral("alice smith"));
    QCOMPARE(value[QStringLiteral("initiator.type")],
             QStringLiteral("service/security/account/user"));
    QCOMPARE(value[QStringLiteral("address")], QStringLiteral("::ffff:10.1.2.3"));
    QCOMPARE(value[QStringLiteral("agent")], QStringLiteral("curl/8.1"));
    QCOMPARE(value[QStringLiteral("credential")], QStringLiteral("password"));
    QCOMPARE(value[QStringLiteral("target")], QStringLiteral("/api/login"));
    QCOMPARE(value[QStringLiteral("target.id")], QStringLiteral("/api/login"));
    QCOMPARE(value[QStringLiteral("target.name")], QStringLiteral("auth"));
    QCOMPARE(value[QStringLiteral("target.type")], QStringLiteral("service/security"));
    QCOMPARE(value[QStringLiteral("observer")], QStringLiteral("Edge"));
    QCOMPARE(value[QStringLiteral("host")], QString());
    QCOMPARE(value[QStringLiteral("id")], QStringLiteral("5E7A1C2D-0001"));
    QVERIFY(value[QStringLiteral("source")].endsWith(QLatin1String("/extra.jsonl")));

    // Generated events are classified: service, category and endpoint columns are filled.
    const Run classified = cadfscope(
        base("query") << QStringLiteral("--format") << QStringLiteral("csv")
                      << QStringLiteral("--columns")
                      << QStringLiteral("service,category,endpoint,host,app")
                      << QStringLiteral("--filter") << QStringLiteral("-service:Unclassified")
                      << QStringLiteral("--limit") << QStringLiteral("20"));
    QVERIFY2(classified.exitCode == 0, classified.err.constData());
    const QList<QStringList> crows = parseCsv(classified.out);
    QCOMPARE(crows.size(), 21);
    for (qsizetype i = 1; i < crows.size(); ++i) {
        QCOMPARE(crows[i].size(), 5);
        for (const QString& c : crows[i])
            QVERIFY2(!c.isEmpty(), qPrintable(crows[i].join(u'|')));
    }
}

void TestFilterCli::statsTakeTheFilter() {
    const QString filter = QStringLiteral("code:4xx");
    const Run run = cadfscope(base("stats") << QStringLiteral("--by") << QStringLiteral("outcome")
                                            << QStringLiteral("--format") << QStringLiteral("json")
                                            << QStringLiteral("--filter") << filter);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonArray groups = QJsonDocument::fromJson(run.out).array();
    QVERIFY(!groups.isEmpty());
    qint64 sum = 0;
    for (const QJsonValue& g : groups) {
        const QString outcome = g.toObject().value(QStringLiteral("value")).toString();
        const qint64 count = g.toObject().value(QStringLiteral("count")).toInteger();
        QCOMPARE(count, libraryCount(filter + QStringLiteral(" outcome:") + outcome));
        sum += count;
    }
    QCOMPARE(sum, libraryCount(filter));
    QVERIFY(sum > 0 && sum < m_reader->totalEvents());
}

void TestFilterCli::badFiltersExitTwo_data() {
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("caret");
    QTest::newRow("typo") << "query"
                          << "code:4xx outcme:failure"
                          << QStringLiteral("unknown field 'outcme' — did you mean 'outcome'? (at "
                                            "column 10)")
                          << "           ^^^^^^";
    QTest::newRow("count") << "query --count"
                           << "(a OR b"
                           << "missing ')' for this '(' (at column 1)"
                           << "  ^";
    QTest::newRow("stats") << "stats --by outcome"
                           << "time>=yesterday"
                           << "invalid time 'yesterday'"
                           << "        ^^^^^^^^^";
    QTest::newRow("dangling") << "query"
                              << "a AND"
                              << "expected a filter term after 'AND'"
                              << "    ^^^";
}

void TestFilterCli::badFiltersExitTwo() {
    QFETCH(QString, command);
    QFETCH(QString, filter);
    QFETCH(QString, message);
    QFETCH(QString, caret);
    const QStringList words = command.split(u' ');
    QStringList args = words.mid(0, 1) << QStringLiteral("--db") << m_store.path;
    args << words.mid(1) << QStringLiteral("--filter") << filter;
    const Run run = cadfscope(args);
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.out.isEmpty());
    const QStringList lines = QString::fromUtf8(run.err).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY2(lines[0].startsWith(QStringLiteral("cadfscope ") + words[0] +
                                 QStringLiteral(": invalid filter: ")),
             qPrintable(lines[0]));
    QVERIFY2(lines[0].contains(message), qPrintable(lines[0]));
    QCOMPARE(lines[1], QStringLiteral("  ") + filter);
    QCOMPARE(lines[2], caret);
}

void TestFilterCli::badColumnsExitTwo_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown column")
        << QStringList{QStringLiteral("--columns"), QStringLiteral("time,nope")}
        << "unknown column 'nope'";
    QTest::newRow("empty list") << QStringList{QStringLiteral("--columns"), QStringLiteral(",")}
                                << "--columns needs at least one column name";
    QTest::newRow("jsonl") << QStringList{QStringLiteral("--columns"), QStringLiteral("time"),
                                          QStringLiteral("--format"), QStringLiteral("jsonl")}
                           << "--columns applies to table and csv output";
}

void TestFilterCli::badColumnsExitTwo() {
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run run = cadfscope(base("query") << args);
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
}

QTEST_APPLESS_MAIN(TestFilterCli)
#include "tst_filter_cli.moc"
