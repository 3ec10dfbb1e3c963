#include <QByteArray>
#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tools/loggen/log_generator.h"

using namespace cadf::loggen;

Q_DECLARE_METATYPE(Format)

namespace {

const QString kMiniInventory = QStringLiteral(CADFSCOPE_LOGGEN_TESTDATA "/mini_inventory.json");

std::vector<UrlTemplate> miniTemplates() {
    return loadUrlTemplates(kMiniInventory.toStdString());
}

bool validUtf8(const std::string& s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        int n = 0;
        unsigned cp = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            n = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + std::size_t(n) >= s.size())
            return false;
        for (int k = 1; k <= n; ++k) {
            const auto d = static_cast<unsigned char>(s[i + std::size_t(k)]);
            if ((d & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (d & 0x3F);
        }
        if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
            (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
            return false;
        i += std::size_t(n) + 1;
    }
    return true;
}

// Splits off the syslog header the way a reader would: everything before the MSG.
std::string msgOf(const std::string& line, Format format) {
    if (format == Format::Jsonl)
        return line;
    const std::string marker5424 = "fluentd - - - ";
    const std::string marker3164 = "fluentd: ";
    auto at = line.find(marker5424);
    if (at != std::string::npos)
        return line.substr(at + marker5424.size());
    at = line.find(marker3164);
    if (at != std::string::npos)
        return line.substr(at + marker3164.size());
    return line;
}

// What the bytes of a line are, decided without looking at the truth.
Damage classify(const std::string& line, Format format) {
    if (line.empty())
        return Damage::EmptyLine;
    if (line.find('\0') != std::string::npos)
        return Damage::BinaryGarbage;
    if (!validUtf8(line))
        return Damage::InvalidUtf8;
    const std::string msg = msgOf(line, format);
    if (msg.find('{') == std::string::npos)
        return Damage::SyslogWithoutJson;
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(msg);
    } catch (const nlohmann::json::parse_error& e) {
        // Cut short: the reader fails only when it runs out of input.
        return e.byte >= msg.size() ? Damage::TruncatedJson : Damage::BadSyntax;
    }
    if (!j.contains("eventTime"))
        return Damage::NotCadf;
    return Damage::None;
}

// The template as a pattern: literal text, placeholders as one path segment.
QRegularExpression templatePattern(const std::string& url) {
    const QString t = QString::fromStdString(url);
    static const QRegularExpression ph(QStringLiteral(R"(\\?\{[^}]*\}|<[^>]*>|(?<=/):[^/]+)"));
    QString pattern = QStringLiteral("^");
    qsizetype last = 0;
    for (auto it = ph.globalMatch(t); it.hasNext();) {
        const auto m = it.next();
        pattern += QRegularExpression::escape(t.mid(last, m.capturedStart() - last));
        pattern += QStringLiteral("[^/?]+");
        last = m.capturedEnd();
    }
    pattern += QRegularExpression::escape(t.mid(last)) + QStringLiteral("$");
    return QRegularExpression(pattern);
}

std::int64_t eventTimeMs(const QString& text) {
    QString iso = text;
    static const QRegularExpression qradar(QStringLiteral(R"(^(.*T\d\d:\d\d)\.(\d\d)\+0000$)"));
    if (const auto m = qradar.match(text); m.hasMatch())
        iso = m.captured(1) + ':' + m.captured(2) + QStringLiteral("+00:00");
    static const QRegularExpression noColon(QStringLiteral(R"(\+0000$)"));
    static const QRegularExpression longFraction(QStringLiteral(R"((\.\d{3})\d+)"));
    iso.replace(noColon, QStringLiteral("+00:00"));
    // Qt reads milliseconds: cut a longer fraction to three digits.
    iso.replace(longFraction, QStringLiteral("\\1"));
    const QDateTime dt = QDateTime::fromString(iso, Qt::ISODateWithMs);
    return dt.isValid() ? dt.toMSecsSinceEpoch() : -1;
}

struct Run {
    std::vector<std::string> lines;
    std::vector<GeneratedTruth> truths;
};

Run generate(const GeneratorOptions& o, const std::vector<UrlTemplate>& urls) {
    Run r;
    LogGenerator gen(o, urls);
    std::string line;
    GeneratedTruth truth;
    while (gen.next(line, truth)) {
        r.lines.push_back(line);
        r.truths.push_back(truth);
    }
    return r;
}

QByteArray digest(const Run& r) {
    QCryptographicHash h(QCryptographicHash::Sha256);
    for (const auto& l : r.lines) {
        h.addData(QByteArrayView(l.data(), qsizetype(l.size())));
        h.addData(QByteArrayView("\n"));
    }
    return h.result().toHex();
}

} // namespace

class TestLogGenerator : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void loadTemplates() {
        std::string error;
        const auto urls = loadUrlTemplates(kMiniInventory.toStdString(), &error);
        QVERIFY2(error.empty(), error.c_str());
        QCOMPARE(urls.size(), std::size_t(13)); // 12 rows, one with two URLs
        QCOMPARE(urls[6].url,
                 std::string("/api/app_manager/controllers/{controller_id}/heartbeat"));
        QCOMPARE(urls[7].rowId, 7);
        QCOMPARE(urls[3].actions, (std::vector<std::string>{"update", "delete"}));
        QCOMPARE(urls.back().url, std::string("/system/health/all")); // prose around it dropped

        QTemporaryDir dir;
        const QString bad = dir.filePath("bad.json");
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"rows\": [");
        f.close();
        QVERIFY(loadUrlTemplates(bad.toStdString(), &error).empty());
        QVERIFY(!error.empty());
        error.clear();
        QVERIFY(loadUrlTemplates(dir.filePath("missing.json").toStdString(), &error).empty());
        QVERIFY(!error.empty());
    }

    void parseStart_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<qint64>("micros");
        QTest::newRow("zulu") << "2023-10-18T14:00:00Z" << true << qint64(1697637600000000);
        QTest::newRow("offset") << "2023-10-18T16:00:00+02:00" << true << qint64(1697637600000000);
        QTest::newRow("fraction") << "2023-10-18T14:00:00.25Z" << true << qint64(1697637600250000);
        QTest::newRow("date only") << "2023-10-18" << true << qint64(1697587200000000);
        QTest::newRow("garbage") << "yesterday" << false << qint64(0);
        QTest::newRow("bad month") << "2023-13-01T00:00:00Z" << false << qint64(0);
    }

    void parseStart() {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(qint64, micros);
        std::int64_t out = 0;
        QCOMPARE(parseIsoUtcMicros(text.toStdString(), out), ok);
        if (ok)
            QCOMPARE(qint64(out), micros);
    }

    void determinism_data() {
        QTest::addColumn<Format>("format");
        QTest::addColumn<double>("damage");
        QTest::addColumn<double>("duplicates");
        QTest::newRow("rfc5424 clean") << Format::Rfc5424 << 0.0 << 0.0;
        QTest::newRow("rfc5424 damaged, duplicates") << Format::Rfc5424 << 0.1 << 0.05;
        QTest::newRow("rfc3164 damaged") << Format::Rfc3164 << 0.2 << 0.0;
        QTest::newRow("jsonl duplicates") << Format::Jsonl << 0.05 << 0.2;
    }

    void determinism() {
        QFETCH(Format, format);
        QFETCH(double, damage);
        QFETCH(double, duplicates);
        GeneratorOptions o;
        o.seed = 4242;
        o.count = 5000;
        o.format = format;
        o.damageRate = damage;
        o.duplicateRate = duplicates;
        const auto urls = miniTemplates();
        const QByteArray a = digest(generate(o, urls));
        const QByteArray b = digest(generate(o, urls));
        QCOMPARE(a, b);
        o.seed = 4243;
        QVERIFY(digest(generate(o, urls)) != a);
    }

    void linesMatchTruth_data() {
        QTest::addColumn<Format>("format");
        QTest::addColumn<QString>("inventory");
        QTest::addColumn<quint64>("seed");
        QTest::newRow("rfc5424, mini inventory") << Format::Rfc5424 << kMiniInventory << 1ull;
        QTest::newRow("rfc3164, mini inventory") << Format::Rfc3164 << kMiniInventory << 2ull;
        QTest::newRow("jsonl, mini inventory") << Format::Jsonl << kMiniInventory << 3ull;
        // The real inventory joins once its worker has produced it.
        if (QFile::exists(QStringLiteral(CADFSCOPE_INVENTORY_JSON)))
            QTest::newRow("rfc5424, full inventory")
                << Format::Rfc5424 << QStringLiteral(CADFSCOPE_INVENTORY_JSON) << 4ull;
    }

    void linesMatchTruth() {
        QFETCH(Format, format);
        QFETCH(QString, inventory);
        QFETCH(quint64, seed);
        const auto urls = loadUrlTemplates(inventory.toStdString());
        QVERIFY(!urls.empty());
        GeneratorOptions o;
        o.seed = seed;
        o.count = 20000;
        o.format = format;
        o.damageRate = 0.1;
        o.duplicateRate = 0.05;
        const Run run = generate(o, urls);
        QCOMPARE(qint64(run.lines.size()), qint64(o.count));

        std::map<Damage, int> damageCounts;
        std::map<int, int> codes;
        std::map<TimeForm, int> forms;
        int duplicates = 0;
        int ipv6 = 0;
        QSet<QByteArray> eventJson;
        std::int64_t lastTime = 0;
        QHash<int, QRegularExpression> patterns;
        static const char* const kKeys[] = {"version",   "typeURI",  "outcome",  "eventType",
                                            "eventTime", "action",   "severity", "initiator",
                                            "target",    "observer", "reason",   "attachments"};
        for (std::size_t i = 0; i < run.lines.size(); ++i) {
            const std::string& line = run.lines[i];
            const GeneratedTruth& t = run.truths[i];
            const QByteArray where = "line " + QByteArray::number(qint64(i));
            QCOMPARE(t.index, std::int64_t(i));
            QVERIFY2(line.find('\n') == std::string::npos, where);
            QVERIFY2(classify(line, format) == t.damage,
                     QByteArray(where + " is " + damageName(classify(line, format)) +
                                ", truth says " + damageName(t.damage))
                         .constData());
            ++damageCounts[t.damage];
            if (t.duplicate) {
                ++duplicates;
                QVERIFY(t.duplicateOf >= 0 && t.duplicateOf < t.index);
                QCOMPARE(line, run.lines[std::size_t(t.duplicateOf)]);
                QVERIFY(!run.truths[std::size_t(t.duplicateOf)].duplicate);
            }
            if (!t.isEvent())
                continue;
            // A valid CADF object after the header, in the sample's key order, saying what the
            // truth says.
            const std::string msg = msgOf(line, format);
            if (format == Format::Rfc5424)
                QVERIFY2(line.rfind("<13>1 20", 0) == 0, where);
            else if (format == Format::Rfc3164)
                QVERIFY2(line.rfind("<13>Oct ", 0) == 0, where);
            const auto j = nlohmann::ordered_json::parse(msg);
            std::size_t k = 0;
            for (auto it = j.begin(); it != j.end(); ++it, ++k)
                QCOMPARE(it.key(), std::string(kKeys[k]));
            QCOMPARE(k, std::size_t(12));
            const int code = j["reason"]["reasonCode"].get<int>();
            QCOMPARE(code, t.reasonCode);
            QCOMPARE(j["outcome"].get<std::string>(),
                     std::string(code >= 400 ? "FAILURE" : "SUCCESS"));
            QCOMPARE(j["outcome"].get<std::string>(), t.outcome);
            QCOMPARE(j["eventType"].get<std::string>(), std::string("ACTIVITY"));
            QCOMPARE(j["action"].get<std::string>(), t.action);
            QCOMPARE(j["eventTime"].get<std::string>(), t.eventTime);
            QCOMPARE(j["initiator"]["id"].get<std::string>(), t.initiatorId);
            QCOMPARE(j["initiator"]["host"]["address"].get<std::string>(), t.address);
            QCOMPARE(j["target"]["name"].get<std::string>(), t.targetName);
            QCOMPARE(j["target"]["typeURI"].get<std::string>(), "ibm-cp-security/" + t.targetName);
            QCOMPARE(j["observer"]["name"].get<std::string>(), std::string("CommonAuditService"));
            QCOMPARE(j["attachments"].size(), std::size_t(2));
            const std::string initiatorType = j["initiator"]["typeURI"].get<std::string>();
            QVERIFY(initiatorType == "clientid" ||
                    initiatorType == "service/security/account/user");

            // The action is one the row allows; the target is the template filled in.
            const UrlTemplate& tpl = urls[std::size_t(t.templateIndex)];
            QCOMPARE(tpl.url, t.urlTemplate);
            QCOMPARE(tpl.rowId, t.rowId);
            bool allowed = false;
            for (const auto& a : tpl.actions)
                allowed = allowed || QString::fromStdString(a).toUpper().toStdString() == t.action;
            QVERIFY2(allowed, where);
            const std::string targetId = j["target"]["id"].get<std::string>();
            QCOMPARE(targetId, t.targetId);
            QVERIFY(targetId.rfind(t.urlPrefix, 0) == 0);
            QVERIFY(t.query.empty() || t.query[0] == '?');
            const std::string path = targetId.substr(
                t.urlPrefix.size(), targetId.size() - t.urlPrefix.size() - t.query.size());
            if (!patterns.contains(t.templateIndex))
                patterns.insert(t.templateIndex, templatePattern(tpl.url));
            QVERIFY2(
                patterns[t.templateIndex].match(QString::fromStdString(path)).hasMatch(),
                QByteArray(where + ": " + path.c_str() + " vs " + tpl.url.c_str()).constData());

            // eventTime text names the instant the truth gives, before the header time.
            QCOMPARE(eventTimeMs(QString::fromStdString(t.eventTime)), t.eventTimeUs / 1000);
            QVERIFY(t.eventTimeUs <= t.headerTimeUs);
            if (!t.duplicate) {
                // The clock only moves forward; the text may drop up to a second of it.
                QVERIFY2(t.eventTimeUs > lastTime - 1000000, where);
                lastTime = std::max(lastTime, t.eventTimeUs);
                const QByteArray jsonBytes(msg.data(), qsizetype(msg.size()));
                QVERIFY2(!eventJson.contains(jsonBytes),
                         QByteArray(where + " repeats").constData());
                eventJson.insert(jsonBytes);
            }
            ++codes[code];
            ++forms[t.timeForm];
            ipv6 += t.address.find(':') != std::string::npos;
        }
        // Every damage kind occurs, at about the requested rate.
        for (int d = 1; d <= kDamageKinds; ++d)
            QVERIFY2(damageCounts[Damage(d)] > 150, damageName(Damage(d)));
        const int damaged = int(o.count) - damageCounts[Damage::None];
        QVERIFY2(damaged > 1700 && damaged < 2300, QByteArray::number(damaged));
        QVERIFY2(duplicates > 800 && duplicates < 1200, QByteArray::number(duplicates));
        for (int code : {200, 201, 204, 400, 401, 403, 404, 500})
            QVERIFY2(codes[code] > 0, QByteArray::number(code));
        QVERIFY(codes[200] > codes[404]);
        QVERIFY(forms[TimeForm::QRadar] > forms[TimeForm::MicrosColon]);
        QVERIFY(forms[TimeForm::Zulu] > 0 && forms[TimeForm::MillisNoColon] > 0);
        QVERIFY(ipv6 > 0);
    }

    // Bursts of guessing and probing exist: some initiators collect many 401s or 403s.
    void attackers() {
        GeneratorOptions o;
        o.seed = 77;
        o.count = 100000;
        const Run run = generate(o, miniTemplates());
        int bruteForce = 0, probe = 0;
        QHash<QString, int> unauthorisedBySource;
        for (const auto& t : run.truths) {
            bruteForce += t.actor == Actor::BruteForce;
            probe += t.actor == Actor::Probe;
            if (t.actor == Actor::BruteForce)
                QVERIFY(t.reasonCode == 401 || t.reasonCode == 403 || t.reasonCode < 300);
            if (t.reasonCode == 401)
                ++unauthorisedBySource[QString::fromStdString(t.address)];
        }
        QVERIFY(bruteForce > 100);
        QVERIFY(probe > 100);
        int top = 0;
        for (int n : unauthorisedBySource)
            top = std::max(top, n);
        QVERIFY2(top > 50, QByteArray::number(top)); // one address stands out
    }

    void speed() {
        GeneratorOptions o;
        o.count = 200000;
        o.damageRate = 0.01;
        o.duplicateRate = 0.01;
        LogGenerator gen(o, miniTemplates());
        std::string line;
        GeneratedTruth truth;
        std::int64_t bytes = 0;
        QElapsedTimer timer;
        timer.start();
        while (gen.next(line, truth))
            bytes += std::int64_t(line.size()) + 1;
        const double secs = double(timer.nsecsElapsed()) / 1e9;
        qInfo("generator: %lld lines, %.1f MB in %.3f s: %.0f lines/s, %.0f bytes/line",
              static_cast<long long>(gen.produced()), double(bytes) / 1e6, secs,
              double(gen.produced()) / secs, double(bytes) / double(gen.produced()));
        QCOMPARE(gen.produced(), std::int64_t(200000));
        QVERIFY(!gen.next(line, truth));
    }
};

QTEST_APPLESS_MAIN(TestLogGenerator)
#include "tst_log_generator.moc"
