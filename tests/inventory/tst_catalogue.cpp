// The catalogue: the copy compiled into the (static) models library is really linked and
// loadable from another executable, and it is the committed resources/inventory.json.
#include "models/inventory/catalogue.h"

#include <QFile>
#include <QTest>

using cadf::inventory::Catalogue;

namespace {

std::string readSourceFile(const char* relative) {
    QFile file(QStringLiteral(CADFSCOPE_SOURCE_DIR "/") + QLatin1String(relative));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = file.readAll();
    return std::string(bytes.constData(), size_t(bytes.size()));
}

} // namespace

class TestCatalogue : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void builtInResourceIsLinked() {
        QVERIFY(QFile::exists(QString::fromLatin1(Catalogue::kResourcePath)));
        std::string error;
        const std::optional<Catalogue> loaded = Catalogue::loadBuiltIn(&error);
        QVERIFY2(loaded.has_value(), error.c_str());
        QCOMPARE(int(loaded->rows().size()), 531);
        QCOMPARE(int(Catalogue::builtIn().rows().size()), 531);
        QCOMPARE(&Catalogue::builtIn(), &Catalogue::builtIn());
    }

    void builtInEqualsCommittedFile() {
        const std::string json = readSourceFile("resources/inventory.json");
        QVERIFY(!json.empty());
        QFile resource(QString::fromLatin1(Catalogue::kResourcePath));
        QVERIFY(resource.open(QIODevice::ReadOnly));
        QCOMPARE(resource.readAll(), QByteArray::fromStdString(json));
    }

    void ids() {
        const Catalogue& catalogue = Catalogue::builtIn();
        QCOMPARE(int(catalogue.categories().size()), 6);
        QCOMPARE(int(catalogue.services().size()), 17);
        for (size_t i = 0; i < catalogue.services().size(); ++i) {
            const auto& service = catalogue.services()[i];
            QCOMPARE(service.serviceId, int(i) + 1);
            QCOMPARE(catalogue.serviceById(service.serviceId), &service);
            QCOMPARE(std::string(catalogue.categoryName(service.categoryId)), service.category);
        }
        for (const auto& row : catalogue.rows()) {
            QCOMPARE(catalogue.rowById(row.id), &row);
            const auto* service = catalogue.serviceById(row.serviceId);
            QVERIFY(service);
            QCOMPARE(service->name, row.service);
            QCOMPARE(row.categoryId, service->categoryId);
        }
        QVERIFY(!catalogue.rowById(0));
        QVERIFY(!catalogue.rowById(532));
        QVERIFY(!catalogue.serviceById(18));
        QVERIFY(catalogue.categoryName(7).empty());
    }

    void serviceId_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("id");
        QTest::newRow("exact") << "Authsvc" << 1;
        QTest::newRow("lower case") << "edge gateway" << 8;
        QTest::newRow("upper case") << "SOAR" << 13;
        QTest::newRow("mixed case, spaces") << "  threat INVESTIGATOR " << 14;
        QTest::newRow("last") << "tis" << 17;
        QTest::newRow("unknown") << "Unclassified" << 0;
        QTest::newRow("prefix only") << "Edge" << 0;
        QTest::newRow("empty") << "" << 0;
    }

    void serviceId() {
        QFETCH(QString, name);
        QFETCH(int, id);
        QCOMPARE(Catalogue::builtIn().serviceId(name.toStdString()), id);
    }

    void categoryId_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("id");
        QTest::newRow("first") << "Login, Logout, Session, Authentication, and Authorisation" << 1;
        QTest::newRow("any case") << "detection and response center" << 5;
        QTest::newRow("unknown") << "Dashboard" << 0;
    }

    void categoryId() {
        QFETCH(QString, name);
        QFETCH(int, id);
        QCOMPARE(Catalogue::builtIn().categoryId(name.toStdString()), id);
    }

    void malformed_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::newRow("not json") << QByteArray("{") << "not a JSON object";
        QTest::newRow("array") << QByteArray("[]") << "not a JSON object";
        QTest::newRow("no categories")
            << QByteArray("{\"services\":[],\"rows\":[]}") << "\"categories\"";
        QTest::newRow("service with unknown category")
            << QByteArray("{\"categories\":[\"A\"],\"services\":[{\"name\":\"S\",\"category\":"
                          "\"B\"}],\"rows\":[]}")
            << "unknown category";
        QTest::newRow("row id out of order")
            << QByteArray("{\"categories\":[\"A\"],\"services\":[{\"name\":\"S\",\"category\":"
                          "\"A\"}],\"rows\":[{\"id\":2,\"category\":\"A\",\"service\":\"S\","
                          "\"actions\":[],\"actions_raw\":\"\",\"description\":\"\",\"urls\":[],"
                          "\"urls_raw\":\"\",\"table\":1}]}")
            << "row ids";
        QTest::newRow("row of unknown service")
            << QByteArray("{\"categories\":[\"A\"],\"services\":[{\"name\":\"S\",\"category\":"
                          "\"A\"}],\"rows\":[{\"id\":1,\"category\":\"A\",\"service\":\"T\","
                          "\"actions\":[],\"actions_raw\":\"\",\"description\":\"\",\"urls\":[],"
                          "\"urls_raw\":\"\",\"table\":1}]}")
            << "unknown service";
        QTest::newRow("row category differs from its service's")
            << QByteArray("{\"categories\":[\"A\",\"B\"],\"services\":[{\"name\":\"S\","
                          "\"category\":\"A\"}],\"rows\":[{\"id\":1,\"category\":\"B\","
                          "\"service\":\"S\",\"actions\":[],\"actions_raw\":\"\","
                          "\"description\":\"\",\"urls\":[],\"urls_raw\":\"\",\"table\":1}]}")
            << "another category";
        QTest::newRow("url not a string")
            << QByteArray("{\"categories\":[\"A\"],\"services\":[{\"name\":\"S\",\"category\":"
                          "\"A\"}],\"rows\":[{\"id\":1,\"category\":\"A\",\"service\":\"S\","
                          "\"actions\":[],\"actions_raw\":\"\",\"description\":\"\",\"urls\":[1],"
                          "\"urls_raw\":\"\",\"table\":1}]}")
            << "malformed";
    }

    void malformed() {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        std::string message;
        const auto catalogue = Catalogue::fromJson(json.toStdString(), &message);
        QVERIFY(!catalogue.has_value());
        QVERIFY2(QString::fromStdString(message).contains(error), message.c_str());
    }

    void minimal() {
        const QByteArray json =
            "{\"categories\":[\"A\"],\"services\":[{\"name\":\"S\","
            "\"category\":\"A\"}],\"rows\":[{\"id\":1,\"category\":\"A\","
            "\"service\":\"S\",\"actions\":[\"read\"],\"actions_raw\":\"read\","
            "\"description\":\"d\",\"urls\":[\"/a/{id}\"],\"urls_raw\":\"/a/{id}\","
            "\"table\":1}]}";
        std::string message;
        const auto catalogue = Catalogue::fromJson(json.toStdString(), &message);
        QVERIFY2(catalogue.has_value(), message.c_str());
        QCOMPARE(int(catalogue->rows().size()), 1);
        QCOMPARE(catalogue->rowById(1)->serviceId, 1);
        QCOMPARE(catalogue->rowById(1)->urls, std::vector<std::string>{"/a/{id}"});
        QVERIFY(Catalogue().empty());
    }
};

QTEST_APPLESS_MAIN(TestCatalogue)
#include "tst_catalogue.moc"
