// `cadfscope inventory` and `cadfscope reclassify`, run as the real binary on a real store.
#include "models/store/sqlite_db.h"
#include "tests/support/cli_runner.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

namespace {

using clitest::cadfscope;
using clitest::kBinary;
using clitest::Run;
constexpr int kRows = 531;

QJsonArray arrayOf(const QByteArray& out) {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(out, &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray())
        qFatal("not a JSON array: %s", out.left(200).constData());
    return doc.array();
}

QByteArray eventLine(const char* time, const char* action, const char* outcome, const char* who,
                     const char* target) {
    // Plain strings, no raw literals: moc does not read those.
    return QByteArray("{\"typeURI\":\"http://schemas.dmtf.org/cloud/audit/1.0/event\","
                      "\"eventTime\":\"") +
           time + "\",\"action\":\"" + action + "\",\"outcome\":\"" + outcome +
           "\",\"initiator\":{\"id\":\"" + who + "\",\"name\":\"" + who +
           "\"},\"target\":{\"id\":\"" + target + "\",\"name\":\"isc-app\"}}\n";
}

QSet<QString> keysOf(const QJsonObject& o) {
    QSet<QString> keys;
    for (auto it = o.begin(); it != o.end(); ++it)
        keys.insert(it.key());
    return keys;
}

} // namespace

class TestCliInventory : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        const QString log = m_dir.filePath(QStringLiteral("audit.log"));
        QFile f(log);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const char* tenants = "/manager/tenants/cd766d47-4ecd-4910-8f48-5024202259b2/controllers";
        f.write(eventLine("2023-10-18T14:38:40Z", "READ", "SUCCESS", "alice", tenants));
        f.write(eventLine("2023-10-18T15:00:00Z", "READ", "FAILURE", "bob", tenants));
        f.write(eventLine("2023-10-18T14:00:00Z", "READ", "SUCCESS", "alice", tenants));
        f.write(eventLine("2023-10-18T14:10:00Z", "create", "success", "carol", "/api/introspect"));
        f.write(eventLine("2023-10-18T14:20:00Z", "read", "success", "dave", "/favicon.ico"));
        f.write(
            eventLine("2023-10-18T14:21:00Z", "read", "failure", "dave", "/api/unknown/thing/42"));
        f.write(
            eventLine("2023-10-18T14:22:00Z", "read", "failure", "erin", "/api/unknown/thing/43"));
        f.close();
        const Run run = cadfscope({QStringLiteral("import"), QStringLiteral("--db"), db(), log});
        QVERIFY2(run.exitCode == 0, run.err.constData());
    }

    void catalogueTable() {
        const Run run = cadfscope({QStringLiteral("inventory")});
        QCOMPARE(run.exitCode, 0);
        const QList<QByteArray> lines = run.out.trimmed().split('\n');
        QCOMPARE(lines.size(), kRows + 1); // header + rows
        QVERIFY(lines.first().startsWith("id"));
        QVERIFY(lines.first().contains("description"));
        QVERIFY(run.out.contains("Get list of controllers for specific tenant"));
        QVERIFY(run.out.contains("/api/app_manager/tenants/{tenant_id}/controllers"));
    }

    void catalogueJson() {
        const Run run = cadfscope(
            {QStringLiteral("inventory"), QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonArray rows = arrayOf(run.out);
        QCOMPARE(rows.size(), kRows);
        const QSet<QString> keys{QStringLiteral("category"), QStringLiteral("service"),
                                 QStringLiteral("actions"), QStringLiteral("description"),
                                 QStringLiteral("urls")};
        for (const QJsonValue& v : rows) {
            QCOMPARE(keysOf(v.toObject()), keys);
            QVERIFY(v[QStringLiteral("actions")].isArray());
            QVERIFY(!v[QStringLiteral("urls")].toArray().isEmpty());
        }
        const QJsonObject edge = rows.at(57).toObject();
        QCOMPARE(edge[QStringLiteral("service")].toString(), QStringLiteral("Edge Gateway"));
        QCOMPARE(edge[QStringLiteral("category")].toString(),
                 QStringLiteral("Data Sources, Connections and Searches"));
        QCOMPARE(edge[QStringLiteral("description")].toString(),
                 QStringLiteral("Get list of controllers for specific tenant"));
        QCOMPARE(edge[QStringLiteral("urls")].toArray().first().toString(),
                 QStringLiteral("/api/app_manager/tenants/{tenant_id}/controllers"));
        QCOMPARE(edge[QStringLiteral("actions")].toArray().first().toString(),
                 QStringLiteral("read"));
    }

    void coverageJson() {
        const Run run = cadfscope({QStringLiteral("inventory"), QStringLiteral("--db"), db(),
                                   QStringLiteral("--coverage"), QStringLiteral("--format"),
                                   QStringLiteral("json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonArray rows = arrayOf(run.out);
        QCOMPARE(rows.size(), kRows);
        qint64 total = 0;
        for (const QJsonValue& v : rows) {
            const QJsonObject o = v.toObject();
            for (const char* key : {"category", "service", "actions", "description", "urls",
                                    "events", "failures", "first_seen", "last_seen"})
                QVERIFY2(o.contains(QLatin1String(key)), key);
            total += o[QStringLiteral("events")].toInteger();
            if (o[QStringLiteral("events")].toInteger() == 0) {
                QVERIFY(o[QStringLiteral("first_seen")].isNull());
                QVERIFY(o[QStringLiteral("last_seen")].isNull());
            }
        }
        QCOMPARE(total, 4); // 7 events, 3 unclassified
        const QJsonObject edge = rows.at(57).toObject();
        QCOMPARE(edge[QStringLiteral("events")].toInteger(), 3);
        QCOMPARE(edge[QStringLiteral("failures")].toInteger(), 1);
        QCOMPARE(edge[QStringLiteral("initiators")].toInteger(), 2);
        QCOMPARE(edge[QStringLiteral("first_seen")].toString(),
                 QStringLiteral("2023-10-18T14:00:00Z"));
        QCOMPARE(edge[QStringLiteral("last_seen")].toString(),
                 QStringLiteral("2023-10-18T15:00:00Z"));
        const QJsonObject introspect = rows.at(0).toObject();
        QCOMPARE(introspect[QStringLiteral("events")].toInteger(), 1);
        QCOMPARE(introspect[QStringLiteral("failures")].toInteger(), 0);
    }

    void coverageTableAndNeverSeen() {
        Run run = cadfscope({QStringLiteral("inventory"), QStringLiteral("--db"), db(),
                             QStringLiteral("--coverage")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("first seen"));
        QVERIFY(run.out.contains("2023-10-18T15:00:00Z"));
        QVERIFY2(run.out.contains("2 of 531 endpoints seen, 529 never seen. 7 events, 3 "
                                  "unclassified in 2 patterns."),
                 run.out.right(300).constData());

        run = cadfscope({QStringLiteral("inventory"), QStringLiteral("--db"), db(),
                         QStringLiteral("--never-seen"), QStringLiteral("--format"),
                         QStringLiteral("json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonArray gaps = arrayOf(run.out);
        QCOMPARE(gaps.size(), kRows - 2);
        for (const QJsonValue& v : gaps)
            QCOMPARE(v[QStringLiteral("events")].toInteger(), 0);
    }

    void unclassifiedJson() {
        const Run run = cadfscope({QStringLiteral("inventory"), QStringLiteral("--db"), db(),
                                   QStringLiteral("--unclassified"), QStringLiteral("--format"),
                                   QStringLiteral("json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonArray patterns = arrayOf(run.out);
        QCOMPARE(patterns.size(), 2);
        const QJsonObject first = patterns.at(0).toObject();
        QCOMPARE(first[QStringLiteral("pattern")].toString(),
                 QStringLiteral("/api/unknown/thing/{id}"));
        QCOMPARE(first[QStringLiteral("events")].toInteger(), 2);
        QCOMPARE(first[QStringLiteral("failures")].toInteger(), 2);
        QCOMPARE(first[QStringLiteral("initiators")].toInteger(), 2);
        QCOMPARE(first[QStringLiteral("examples")].toArray().size(), 2);
        QCOMPARE(patterns.at(1)[QStringLiteral("pattern")].toString(),
                 QStringLiteral("/favicon.ico"));
    }

    void reclassify() {
        Run run = cadfscope({QStringLiteral("reclassify"), QStringLiteral("--db"), db()});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("0 events changed"), run.out.constData());
        QVERIFY(run.out.contains("7 events"));
        // Forget the classification, as a store imported before the catalogue had these rows.
        {
            cadf::store::Database store;
            QVERIFY(!store.open(db().toStdString(), cadf::store::Database::Mode::ReadWrite));
            QVERIFY(!store.exec("UPDATE events SET service = 0, endpoint = 0, pattern = 0"));
        }
        run = cadfscope({QStringLiteral("reclassify"), QStringLiteral("--db"), db()});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("7 events changed"), run.out.constData());
        QVERIFY2(run.out.contains("Now 4 classified, 3 unclassified"), run.out.constData());
        coverageJson(); // as before
        unclassifiedJson();
    }

    void errors_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const QString missing = QStringLiteral("/nonexistent/dir/store.cadfscope");
        QTest::newRow("unknown format")
            << QStringList{"inventory", "--format", "xml"} << 2 << "unknown format";
        QTest::newRow("extra argument")
            << QStringList{"inventory", "extra"} << 2 << "unexpected argument";
        QTest::newRow("unknown option") << QStringList{"inventory", "--bogus"} << 2 << "bogus";
        QTest::newRow("coverage of a missing store")
            << QStringList{"inventory", "--coverage", "--db", missing} << 1 << "no such file";
        QTest::newRow("reclassify a missing store")
            << QStringList{"reclassify", "--db", missing} << 1 << "no such file";
        QTest::newRow("reclassify extra argument")
            << QStringList{"reclassify", "x"} << 2 << "unexpected argument";
    }

    void errors() {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const Run run = cadfscope(args);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
        QVERIFY(!QFile::exists(QStringLiteral("/nonexistent/dir/store.cadfscope")));
    }

    void help() {
        const Run run = cadfscope({QStringLiteral("inventory"), QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("--coverage"));
        QVERIFY(run.out.contains("--never-seen"));
    }

private:
    QString db() const { return m_dir.filePath(QStringLiteral("store.cadfscope")); }
    QTemporaryDir m_dir;
};

QTEST_APPLESS_MAIN(TestCliInventory)
#include "tst_cli_inventory.moc"
