// The seed parser and converter: the committed resources/inventory.json is exactly what the
// converter writes for the committed seed, and every quirk of the seed is normalised as
// documented in issue 4, without losing the seed's own text.
#include "models/inventory/inventory_json.h"
#include "models/inventory/seed_parser.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using cadf::inventory::CatalogueRow;
using cadf::inventory::SeedParseResult;

namespace {

QByteArray readFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QString sourcePath(const char* relative) {
    return QStringLiteral(CADFSCOPE_SOURCE_DIR "/") + QLatin1String(relative);
}

std::string toStd(const QByteArray& bytes) {
    return std::string(bytes.constData(), size_t(bytes.size()));
}

QStringList toQt(const std::vector<std::string>& list) {
    QStringList out;
    for (const std::string& s : list)
        out << QString::fromStdString(s);
    return out;
}

bool hasWarningContaining(const SeedParseResult& result, const std::string& needle) {
    return std::any_of(result.warnings.begin(), result.warnings.end(),
                       [&](const std::string& w) { return w.find(needle) != std::string::npos; });
}

} // namespace

class TestSeedParser : public QObject {
    Q_OBJECT

private:
    SeedParseResult m_seed;

private Q_SLOTS:
    void initTestCase() {
        const QByteArray seed = readFile(sourcePath("resources/qradar_suite_audit_inventory.txt"));
        QVERIFY2(!seed.isEmpty(), "seed not found under CADFSCOPE_SOURCE_DIR");
        m_seed = cadf::inventory::parseSeed(toStd(seed));
    }

    void converterOutputEqualsCommittedResource() {
        const QByteArray committed = readFile(sourcePath("resources/inventory.json"));
        QVERIFY(!committed.isEmpty());
        const std::string generated = cadf::inventory::toInventoryJson(m_seed);
        // On failure: rebuild and run
        // cadfscope-inventory-convert resources/qradar_suite_audit_inventory.txt
        // resources/inventory.json
        QCOMPARE(QByteArray::fromStdString(generated), committed);
    }

    void converterToolWritesTheSameBytes() {
        const QString tool = QStringLiteral(CADFSCOPE_INVENTORY_CONVERT);
        QVERIFY2(QFile::exists(tool), qPrintable(tool));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString out = dir.filePath(QStringLiteral("inventory.json"));
        QProcess process;
        process.start(tool, {sourcePath("resources/qradar_suite_audit_inventory.txt"), out});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        QCOMPARE(readFile(out), readFile(sourcePath("resources/inventory.json")));

        // Usage errors come back as an exit code, and nothing is written.
        const QString missing = dir.filePath(QStringLiteral("none.json"));
        process.start(tool, {dir.filePath(QStringLiteral("no-such-seed.txt")), missing});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 1);
        QVERIFY(!QFile::exists(missing));
    }

    void jsonRoundTrip() {
        SeedParseResult back;
        std::string error;
        QVERIFY2(cadf::inventory::fromInventoryJson(cadf::inventory::toInventoryJson(m_seed), back,
                                                    &error),
                 error.c_str());
        QCOMPARE(back.rows.size(), m_seed.rows.size());
        for (size_t i = 0; i < back.rows.size(); ++i) {
            const CatalogueRow& a = m_seed.rows[i];
            const CatalogueRow& b = back.rows[i];
            QCOMPARE(b.id, a.id);
            QCOMPARE(b.serviceId, a.serviceId);
            QCOMPARE(b.categoryId, a.categoryId);
            QCOMPARE(b.actions, a.actions);
            QCOMPARE(b.urls, a.urls);
            QCOMPARE(b.urlsRaw, a.urlsRaw);
            QCOMPARE(b.actionsRaw, a.actionsRaw);
            QCOMPARE(b.description, a.description);
            QCOMPARE(b.table, a.table);
        }
    }

    void rowCount() {
        QCOMPARE(int(m_seed.rows.size()), 531);
        for (size_t i = 0; i < m_seed.rows.size(); ++i) {
            const CatalogueRow& row = m_seed.rows[i];
            QCOMPARE(row.id, int(i) + 1);
            QVERIFY2(!row.actions.empty(), qPrintable(QString::number(row.id)));
            QVERIFY2(!row.urls.empty(), qPrintable(QString::number(row.id)));
            QVERIFY2(!row.description.empty(), qPrintable(QString::number(row.id)));
            for (const std::string& url : row.urls) {
                QVERIFY2(url.front() == '/', url.c_str());
                QVERIFY2(url.find(' ') == std::string::npos, url.c_str());
                QVERIFY2(url.find('\\') == std::string::npos, url.c_str());
            }
        }
    }

    void noStructuralWarnings() {
        // The seed has no wrapped rows and no rows without a URL; these warnings would mean the
        // parser misread a line.
        for (const char* bad :
             {"wrapped row", "without a URL", "without an action", "without a description",
              "unknown category", "out of sequence", "header line"})
            QVERIFY2(!hasWarningContaining(m_seed, bad), bad);
        QVERIFY(hasWarningContaining(m_seed, "action typo 'udpate' read as 'update'"));
        QVERIFY(hasWarningContaining(m_seed, "verb 'Get' removed"));
    }

    void categories() {
        const QStringList expected = {
            QStringLiteral("Login, Logout, Session, Authentication, and Authorisation"),
            QStringLiteral("Dashboards"),
            QStringLiteral("Data Sources, Connections and Searches"),
            QStringLiteral("Case Management, SOAR and Investigations"),
            QStringLiteral("Detection and Response Center"),
            QStringLiteral("Threat Intelligent Insights"),
        };
        QCOMPARE(toQt(m_seed.categories), expected);
    }

    void services_data() {
        QTest::addColumn<QString>("service");
        QTest::addColumn<int>("serviceId");
        QTest::addColumn<int>("categoryId");
        QTest::addColumn<int>("table");
        QTest::addColumn<int>("rows");
        QTest::newRow("Authsvc") << "Authsvc" << 1 << 1 << 1 << 1;
        QTest::newRow("CLX") << "CLX" << 2 << 1 << 2 << 5;
        QTest::newRow("Notifications") << "Notifications" << 3 << 1 << 3 << 1;
        QTest::newRow("Entitlements") << "Entitlements" << 4 << 1 << 4 << 11;
        QTest::newRow("Pulse") << "Pulse" << 5 << 2 << 5 << 15;
        QTest::newRow("UDI") << "UDI" << 6 << 3 << 6 << 14;
        QTest::newRow("QProxy") << "QProxy" << 7 << 3 << 7 << 6;
        QTest::newRow("Edge Gateway") << "Edge Gateway" << 8 << 3 << 8 << 46;
        QTest::newRow("DLC") << "DLC" << 9 << 3 << 9 << 6;
        QTest::newRow("Data Explorer") << "Data Explorer" << 10 << 3 << 10 << 10;
        QTest::newRow("CAR") << "CAR" << 11 << 3 << 11 << 5;
        QTest::newRow("ATK") << "ATK" << 12 << 3 << 12 << 33;
        QTest::newRow("SOAR") << "SOAR" << 13 << 4 << 13 << 249;
        QTest::newRow("Threat Investigator") << "Threat Investigator" << 14 << 4 << 14 << 46;
        QTest::newRow("DRC") << "DRC" << 15 << 5 << 15 << 67;
        QTest::newRow("TII") << "TII" << 16 << 6 << 16 << 13;
        QTest::newRow("TIS") << "TIS" << 17 << 6 << 17 << 3;
    }

    void services() {
        QFETCH(QString, service);
        QFETCH(int, serviceId);
        QFETCH(int, categoryId);
        QFETCH(int, table);
        QFETCH(int, rows);
        QCOMPARE(int(m_seed.services.size()), 17);
        const auto& info = m_seed.services[size_t(serviceId - 1)];
        QCOMPARE(QString::fromStdString(info.name), service);
        QCOMPARE(info.serviceId, serviceId);
        QCOMPARE(info.categoryId, categoryId);
        QCOMPARE(info.category, m_seed.categories[size_t(categoryId - 1)]);
        int count = 0;
        for (const CatalogueRow& row : m_seed.rows) {
            if (QString::fromStdString(row.service) != service)
                continue;
            ++count;
            QCOMPARE(row.serviceId, serviceId);
            QCOMPARE(row.categoryId, categoryId);
            QCOMPARE(row.category, info.category);
            QCOMPARE(row.table, table);
        }
        QCOMPARE(count, rows);
    }

    void quirks_data() {
        QTest::addColumn<int>("rowId");
        QTest::addColumn<QString>("service");
        QTest::addColumn<QStringList>("actions");
        QTest::addColumn<QString>("actionsRaw");
        QTest::addColumn<QString>("description");
        QTest::addColumn<QStringList>("urls");
        QTest::addColumn<QString>("urlsRaw");

        QTest::newRow("capitalised action Create, trailing slash")
            << 100 << "DLC" << QStringList{"create"} << "Create"
            << "Create a record in the dlc table"
            << QStringList{"/api/datalake/dlc/v0/disconnected_log_collectors"}
            << "/api/datalake/dlc/v0/disconnected_log_collectors/";
        QTest::newRow("capitalised action Update")
            << 101 << "DLC" << QStringList{"update"} << "Update"
            << "Update a record in the dlc table"
            << QStringList{"/api/datalake/dlc/v0/disconnected_log_collectors"}
            << "/api/datalake/dlc/v0/disconnected_log_collectors/";
        QTest::newRow("typo udpate")
            << 504 << "DRC" << QStringList{"update"} << "udpate"
            << "Update a rule" << QStringList{"/app/drc/api/rules/{ruleId}"}
            << "/app/drc/api/rules/{ruleId}";
        QTest::newRow("action restore")
            << 505 << "DRC" << QStringList{"restore"} << "restore"
            << "Revert a rule to previous version" << QStringList{"/app/drc/api/rules/{ruleId}"}
            << "/app/drc/api/rules/{ruleId}";
        QTest::newRow("action HEAD")
            << 239 << "SOAR" << QStringList{"read", "head", "create", "update"}
            << "read, HEAD, create, update"
            << "Managing an incident's artifacts."
            << QStringList{"/orgs/{org_id}/incidents/{inc_id}/artifacts/{artifact_id}/contents"}
            << "/orgs/{org_id}/incidents/{inc_id}/artifacts/{artifact_id}/contents";
        QTest::newRow("duplicate action, list order kept")
            << 259 << "SOAR" << QStringList{"read", "update", "create"}
            << "read, update, create, update"
            << "Managing incidents." << QStringList{"/orgs/{org_id}/incidents"}
            << "/orgs/{org_id}/incidents";
        QTest::newRow("duplicate action at the end")
            << 266 << "SOAR" << QStringList{"delete", "read", "update"}
            << "delete, read, update, update"
            << "Managing incidents." << QStringList{"/orgs/{org_id}/incidents/{inc_id}"}
            << "/orgs/{org_id}/incidents/{inc_id}";
        QTest::newRow("duplicate action in five")
            << 342 << "SOAR" << QStringList{"delete", "read", "create", "update"}
            << "delete, read, create, update, update"
            << "Managing playbooks."
            << QStringList{"/orgs/{org_id}/playbooks/{playbook_object_handle}"}
            << "/orgs/{org_id}/playbooks/{playbook_object_handle}";
        QTest::newRow("no leading slash, two URLs")
            << 527 << "TII" << QStringList{"create"} << "create"
            << "User can create an api key" << QStringList{"/api/apikey/create", "/api/apikey/sync"}
            << "api/apikey/create, api/apikey/sync";
        QTest::newRow("no leading slash, three URLs")
            << 528 << "TII" << QStringList{"delete"} << "delete"
            << "User can delete a previously created api key"
            << QStringList{"/api/apikey/delete", "/api/apikey/check", "/api/apikey/clear"}
            << "api/apikey/delete, api/apikey/check, api/apikey/clear";
        QTest::newRow("tis/xfe without leading slash")
            << 520 << "TII" << QStringList{"create", "update"} << "create, update"
            << "User runs AIA scan"
            << QStringList{"/tis/xfe/api/v1/latestScanHistories",
                           "/tis/xfe/api/v1/updateScanResult"}
            << "tis/xfe/api/v1/latestScanHistories, /tis/xfe/api/v1/updateScanResult";
        QTest::newRow("first of four URLs without leading slash")
            << 522 << "TII" << QStringList{"update"} << "update"
            << "User disables a previously enabled X-Force data plan"
            << QStringList{"/api/audit/xfe", "/tis/xfe/api/v1/dataplan/free",
                           "/tis/xfe/api/v1/dataplan/none", "/tis/xfe/api/v1/dataplan/reset"}
            << "api/audit/xfe, /tis/xfe/api/v1/dataplan/free, /tis/xfe/api/v1/dataplan/none, "
               "/tis/xfe/api/v1/dataplan/reset";
        QTest::newRow("trailing slash on the second URL")
            << 523 << "TII" << QStringList{"create", "update"} << "create, update"
            << "User enables one or more third party sources and inputs access credentials"
            << QStringList{"/api/audit/tis", "/api/audit/xfe"} << "/api/audit/tis, /api/audit/xfe/";
        QTest::newRow("verb inside the URL cell")
            << 93 << "Edge Gateway" << QStringList{"read"} << "read"
            << "Get system health"
            << QStringList{"/api/app_manager/system/health", "/system/health/all"}
            << "/api/app_manager/system/health, Get /system/health/all";
        QTest::newRow("two URLs in one cell")
            << 67 << "Edge Gateway" << QStringList{"create"} << "create"
            << "Create new heartbeat record for specific controller"
            << QStringList{"/api/app_manager/controllers/{controller_id}/heartbeat",
                           "/api/app_manager/controllers/{controller_id}/heartbeat_ex"}
            << "/api/app_manager/controllers/{controller_id}/heartbeat, "
               "/api/app_manager/controllers/{controller_id}/heartbeat_ex";
        QTest::newRow("${iscAccountId} kept as a placeholder")
            << 525 << "TII" << QStringList{"create", "update"} << "create, update"
            << "User changes their organization's industry"
            << QStringList{"/api/configstore/v1/config/config-service/"
                           "isc-common-xfeplus-settings-service/${iscAccountId}"}
            << "/api/configstore/v1/config/config-service/isc-common-xfeplus-settings-service/"
               "${iscAccountId}";
        QTest::newRow("escaped brace")
            << 438 << "Threat Investigator" << QStringList{"read"} << "read"
            << "Get the requested STIX observed data object for a case investigation"
            << QStringList{"/api/advisor/v1/investigation/case/{int:case_id}/results/stix/"
                           "{string:stix_id}"}
            << "/api/advisor/v1/investigation/case/{int:case_id}/results/stix/\\{string:stix_id}";
        QTest::newRow("placeholder glued to v1")
            << 149 << "ATK" << QStringList{"read"} << "read"
            << "Return list of parameters for task." << QStringList{"/api/atk/v1/{task}/{configid}"}
            << "/api/atk/v1{task}/{configid}";
        QTest::newRow("trailing period after the last URL")
            << 516 << "TII" << QStringList{"create"} << "create"
            << "User creates a new threat."
            << QStringList{"/api/tii/v1/threats/user", "/api/tii/v1/threats/indicators"}
            << "/api/tii/v1/threats/user, /api/tii/v1/threats/indicators.";
        QTest::newRow("trailing slash, QProxy")
            << 51 << "QProxy" << QStringList{"create"} << "create"
            << "Proxy from QRadar (or QRoC)" << QStringList{"/app/qproxy/proxy"}
            << "/app/qproxy/proxy/";
        QTest::newRow("colon placeholders")
            << 37 << "UDI" << QStringList{"read"} << "read"
            << "Get query results." << QStringList{"/api/uds/v3/queries/:id/results/:page"}
            << "/api/uds/v3/queries/:id/results/:page";
        QTest::newRow("typed placeholders")
            << 424 << "Threat Investigator" << QStringList{"read"} << "read"
            << "Get details of the response"
            << QStringList{"/api/advisor/v1/investigation/case/{int:case_id}/responses/"
                           "{string:response_id}"}
            << "/api/advisor/v1/investigation/case/{int:case_id}/responses/{string:response_id}";
        QTest::newRow("path placeholder")
            << 152 << "ATK" << QStringList{"read"} << "read"
            << "Return service job." << QStringList{"/api/atk/v1/job/{jobid}/service/{path:path}"}
            << "/api/atk/v1/job/{jobid}/service/{path:path}";
        QTest::newRow("description holding a path")
            << 228 << "SOAR" << QStringList{"read", "create", "update"} << "read, create, update"
            << "Implementation for the /rest/groups REST methods."
            << QStringList{"/orgs/{org_id}/groups"} << "/orgs/{org_id}/groups";
        QTest::newRow("description opening with action words")
            << 396 << "SOAR" << QStringList{"read", "create", "update"} << "read, create, update"
            << "Create, read, update, and delete wiki pages." << QStringList{"/orgs/{org_id}/wikis"}
            << "/orgs/{org_id}/wikis";
        QTest::newRow("description opening with Get, update")
            << 54 << "Edge Gateway" << QStringList{"read", "update"} << "read, update"
            << "Get, update UI's log download timeout" << QStringList{"/api/edgegateway/settings"}
            << "/api/edgegateway/settings";
        QTest::newRow("description with a slash word")
            << 48 << "QProxy" << QStringList{"create"} << "create"
            << "Create a QRadar/QROC connection configuration"
            << QStringList{"/app/qproxy/server_settings"} << "/app/qproxy/server_settings";
        QTest::newRow("first row")
            << 1 << "Authsvc" << QStringList{"create"} << "create"
            << "Authenticate a user." << QStringList{"/api/introspect"} << "/api/introspect";
        QTest::newRow("last row, no newline at end of file")
            << 531 << "TIS" << QStringList{"create"} << "create"
            << "User with connected threat intel feeds enrich IOCs" << QStringList{"/tis/v2/enrich"}
            << "/tis/v2/enrich";
    }

    void quirks() {
        QFETCH(int, rowId);
        QFETCH(QString, service);
        QFETCH(QStringList, actions);
        QFETCH(QString, actionsRaw);
        QFETCH(QString, description);
        QFETCH(QStringList, urls);
        QFETCH(QString, urlsRaw);
        QVERIFY(rowId >= 1 && rowId <= int(m_seed.rows.size()));
        const CatalogueRow& row = m_seed.rows[size_t(rowId - 1)];
        QCOMPARE(QString::fromStdString(row.service), service);
        QCOMPARE(QString::fromStdString(row.description), description);
        QCOMPARE(toQt(row.actions), actions);
        QCOMPARE(QString::fromStdString(row.actionsRaw), actionsRaw);
        QCOMPARE(toQt(row.urls), urls);
        QCOMPARE(QString::fromStdString(row.urlsRaw), urlsRaw);
    }

    // Shapes the seed does not have but a corrected or re-copied seed could: the parser keeps
    // every row and says what it did.
    void robustness_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("rows");
        QTest::addColumn<QString>("lastDescription");
        QTest::addColumn<QStringList>("lastUrls");
        QTest::addColumn<QString>("warning");

        const QByteArray head = "Intro prose.\n\nDashboards\n\nTable 1. Service name: Pulse\n"
                                "Action Description URL\n";
        QTest::newRow("CRLF line endings")
            << QByteArray(
                   "Intro.\r\n\r\nDashboards\r\n\r\nTable 1. Service name: Pulse\r\n"
                   "Action Description URL\r\ncreate Create a dashboard. /pulse/api/dashboard\r\n")
            << 1 << "Create a dashboard." << QStringList{"/pulse/api/dashboard"} << "";
        QTest::newRow("wrapped description")
            << head + "create Create a dashboard\nfor the whole team. /pulse/api/dashboard\n"
            << 1 << "Create a dashboard for the whole team." << QStringList{"/pulse/api/dashboard"}
            << "wrapped row joined to line 7";
        QTest::newRow("row without URL is kept")
            << head + "read Read something\n\nTable 2. Service name: X\n"
            << 1 << "Read something" << QStringList{} << "row without a URL";
        QTest::newRow("unknown action word is kept")
            << head + "export Export a dashboard. /pulse/api/export\n"
            << 1 << "export Export a dashboard." << QStringList{"/pulse/api/export"}
            << "row without an action word";
        QTest::newRow("missing header line")
            << QByteArray("Dashboards\n\nTable 1. Service name: Pulse\n"
                          "read Read it. /a/b\n")
            << 1 << "Read it." << QStringList{"/a/b"} << "row before the table's header line";
        QTest::newRow("unknown category heading")
            << QByteArray("\nNew Things\n\nTable 1. Service name: Z\nAction Description URL\n"
                          "read Read it. /a/b\n")
            << 1 << "Read it." << QStringList{"/a/b"} << "unknown category heading 'New Things'";
        QTest::newRow("capital verb before a single URL")
            << head + "read Read it. GET /a/b\n"
            << 1 << "Read it." << QStringList{"/a/b"} << "verb 'GET' removed";
        QTest::newRow("repeated slashes")
            << head + "read Read it. /a//b/\n"
            << 1 << "Read it." << QStringList{"/a/b"} << "repeated slashes collapsed";
        QTest::newRow("empty text")
            << QByteArray() << 0 << "" << QStringList{} << "no table rows found";
    }

    void robustness() {
        QFETCH(QByteArray, text);
        QFETCH(int, rows);
        QFETCH(QString, lastDescription);
        QFETCH(QStringList, lastUrls);
        QFETCH(QString, warning);
        const SeedParseResult result = cadf::inventory::parseSeed(toStd(text));
        QCOMPARE(int(result.rows.size()), rows);
        if (rows > 0) {
            QCOMPARE(QString::fromStdString(result.rows.back().description), lastDescription);
            QCOMPARE(toQt(result.rows.back().urls), lastUrls);
        }
        if (warning.isEmpty())
            QVERIFY2(result.warnings.empty(),
                     result.warnings.empty() ? "" : result.warnings[0].c_str());
        else
            QVERIFY2(hasWarningContaining(result, warning.toStdString()), qPrintable(warning));
    }
};

QTEST_APPLESS_MAIN(TestSeedParser)
#include "tst_seed_parser.moc"
