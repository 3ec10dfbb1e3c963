// Data-driven tests of the record parser: every input shape and key/value variant of
// cadf.md §6, the project's sample line field by field, every reject reason, and the public corpus.
#include "models/cadf/record_parser.h"
#include "models/cadf/text_checks.h"
#include "models/cadf/timestamp.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <random>

using namespace cadf;

namespace {

const std::int64_t kReference = 1700000000LL * 1000000; // 2023-11-14T22:13:20Z

const char* const kSampleLine =
    R"cadf(<13>1 2023-10-18T14:38:44.641868+00:00 audit-logs-cp4s fluentd - - - {"version":"1.0","typeURI":"http://schemas.dmtf.org/cloud/audit/1.0/event","outcome":"SUCCESS","eventType":"ACTIVITY","eventTime":"2023-10-18T14:38.40+0000","action":"READ","severity":"NORMAL","initiator":{"id":"SERVICE.edgegateway.controller-manager","name":"SERVICE.edgegateway.controller-manager","typeURI":"clientid","host":{"agent":"Apache-HttpClient/4.5.13 (Java/11.0.20)","address":"10.254.18.87"},"credential":{"type":"token"}},"target":{"id":"/manager/tenants/cd766d47-4ecd-4910-8f48-5024202259b2/controllers","name":"isc-app-manager","typeURI":"ibm-cp-security/isc-app-manager"},"observer":{"name":"CommonAuditService","id":"userActivity"},"reason":{"reasonCode":200},"attachments":[{"contentType":"http://schemas.ibm.com/cloud/content/1.0/cloudpak","name":"ibm-cp-security","content":{"message":"read [success]","sourceCrn":"crn:v1:ocp:private:content::::ibm-cp-security","kubernetes":{"namespace":"cp4s","pod":"isc-app-manager"}}},{"contentType":"kubernetes","name":"kubernetes_metadata","content":{"namespace":"cp4s","pod":"isc-app-manager"}}]})cadf";

const char* const kMinimal =
    R"({"eventTime":"2023-10-18T14:38:40Z","action":"read","outcome":"success","initiator":{"id":"u1"}})";

std::int64_t utc(const char* iso) {
    const ParsedTime t = parseTimestamp(iso);
    Q_ASSERT(t.ok);
    return t.utcMicros;
}

QByteArray readFile(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(path));
    return f.readAll();
}

} // namespace

class TestRecordParser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sampleLineEveryField();
    void shapes_data();
    void shapes();
    void keyVariants_data();
    void keyVariants();
    void timeFallbacks_data();
    void timeFallbacks();
    void rejects_data();
    void rejects();
    void digestIgnoresWhitespace();
    void corpusJsonlImports_data();
    void corpusJsonlImports();
    void corpusJsoncRejected_data();
    void corpusJsoncRejected();
    void randomBytesNeverCrash();
};

void TestRecordParser::sampleLineEveryField() {
    RecordParser parser(kReference);
    std::vector<Event> out;
    const RecordOutcome r = parser.parse(kSampleLine, out, 7, 1234);
    QVERIFY(!r.reject);
    QCOMPARE(r.events, 1);
    const Event& e = out.at(0);
    QCOMPARE(e.syslog.format, SyslogFormat::Rfc5424);
    QCOMPARE(e.syslog.facility, 1);
    QCOMPARE(e.syslog.severity, 5);
    QCOMPARE(e.syslog.hostname, std::string("audit-logs-cp4s"));
    QCOMPARE(e.syslog.appName, std::string("fluentd"));
    QCOMPARE(e.syslog.timeUs, utc("2023-10-18T14:38:44.641868Z"));
    QCOMPARE(e.typeUri, std::string("http://schemas.dmtf.org/cloud/audit/1.0/event"));
    QVERIFY(e.id.empty());
    QCOMPARE(e.eventType, std::string("ACTIVITY"));
    QCOMPARE(e.eventTimeRaw, std::string("2023-10-18T14:38.40+0000"));
    QCOMPARE(e.timeUs, utc("2023-10-18T14:38:40Z"));
    QCOMPARE(e.timeQuality, TimeQuality::InferredSeconds);
    QCOMPARE(e.action, std::string("READ"));
    QCOMPARE(e.outcomeRaw, std::string("SUCCESS"));
    QCOMPARE(e.outcome, Outcome::Success);
    QCOMPARE(e.severity, std::string("NORMAL"));
    QCOMPARE(e.reasonCode, std::string("200"));
    QCOMPARE(reasonCodeNumber(e.reasonCode), 200);
    QVERIFY(e.reasonType.empty());
    QCOMPARE(e.initiator.id, std::string("SERVICE.edgegateway.controller-manager"));
    QCOMPARE(e.initiator.name, std::string("SERVICE.edgegateway.controller-manager"));
    QCOMPARE(e.initiator.typeUri, std::string("clientid"));
    QCOMPARE(e.initiator.hostAgent, std::string("Apache-HttpClient/4.5.13 (Java/11.0.20)"));
    QCOMPARE(e.initiator.hostAddress, std::string("10.254.18.87"));
    QCOMPARE(e.initiator.credentialType, std::string("token"));
    QCOMPARE(e.target.id,
             std::string("/manager/tenants/cd766d47-4ecd-4910-8f48-5024202259b2/controllers"));
    QCOMPARE(e.target.name, std::string("isc-app-manager"));
    QCOMPARE(e.target.typeUri, std::string("ibm-cp-security/isc-app-manager"));
    QCOMPARE(e.observer.name, std::string("CommonAuditService"));
    QCOMPARE(e.observer.id, std::string("userActivity"));
    QCOMPARE(e.attachmentCount, 2);
    // The event's JSON is exactly the MSG of the line.
    const std::string line = kSampleLine;
    QCOMPARE(e.json, line.substr(line.find('{')));
    QCOMPARE(e.digest, jsonDigest(e.json));
}

void TestRecordParser::shapes_data() {
    QTest::addColumn<QByteArray>("record");
    QTest::addColumn<int>("events");
    QTest::addColumn<QByteArray>("firstInitiator");

    const QByteArray ev = kMinimal;
    QTest::newRow("bare JSON") << ev << 1 << QByteArray("u1");
    QTest::newRow("bare JSON, CRLF leftovers") << ev + "\r" << 1 << QByteArray("u1");
    QTest::newRow("rfc5424") << "<14>1 2023-10-18T14:38:44Z host app 12 ID1 - " + ev << 1
                             << QByteArray("u1");
    QTest::newRow("rfc5424 BOM") << "<14>1 2023-10-18T14:38:44Z host app - - - \xEF\xBB\xBF" + ev
                                 << 1 << QByteArray("u1");
    QTest::newRow("rfc5424 structured data")
        << "<14>1 2023-10-18T14:38:44Z host app - - [meta x=\"a ] \\\"b\"][o y=\"1\"] " + ev << 1
        << QByteArray("u1");
    QTest::newRow("rfc3164") << "<13>Oct 18 14:38:44 host app[42]: " + ev << 1 << QByteArray("u1");
    QTest::newRow("rfc3164 @cee") << "<13>Oct  8 14:38:44 host app: @cee:" + ev << 1
                                  << QByteArray("u1");
    QTest::newRow("file format without PRI")
        << "Oct 18 14:38:44 host app[1]: " + ev << 1 << QByteArray("u1");
    QTest::newRow("oslo log prefix")
        << "2016-11-11 18:31:11.290 12 INFO oslo.messaging.notification.audit.http.request "
           "[req-1 - - - -] " +
               ev
        << 1 << QByteArray("u1");
    QTest::newRow("oslo notification payload")
        << R"({"event_type":"identity.authenticate","message_id":"m","payload":)" + ev +
               R"(,"priority":"INFO","publisher_id":"identity.h","timestamp":"2016-11-11 18:31:11.290821"})"
        << 1 << QByteArray("u1");
    QTest::newRow("ibm legacy envelope")
        << R"({"logSourceCRN":"crn:x","meta":{"serviceProviderName":"x"},"payload":)" + ev +
               R"(,"saveServiceCopy":true})"
        << 1 << QByteArray("u1");
    QByteArray encoded = ev;
    encoded.replace("\"", "\\\"");
    QTest::newRow("logdna lines as JSON strings")
        << R"({"lines":[{"line":")" + encoded + R"("},{"line":")" + encoded + R"("}]})" << 2
        << QByteArray("u1");
    QTest::newRow("oslo.message string")
        << R"({"oslo.version":"2.0","oslo.message":")" + encoded + R"("})" << 1 << QByteArray("u1");
    QTest::newRow("hermes list") << R"({"events":[)" + ev + "," + ev + R"(],"total":2,"next":null})"
                                 << 2 << QByteArray("u1");
    QTest::newRow("cadf log document")
        << R"({"typeURI":"http://schemas.dmtf.org/cloud/audit/1.0/log","events":[)" + ev + "]}" << 1
        << QByteArray("u1");
    QTest::newRow("json array record")
        << "[" + ev + ", " + ev + ", " + ev + "]" << 3 << QByteArray("u1");
    QTest::newRow("two objects on one line") << ev + " " + ev << 2 << QByteArray("u1");
    QTest::newRow("pretty printed")
        << QByteArray("{\n  \"eventTime\": \"2023-10-18T14:38:40Z\",\n  \"action\": \"read\",\n"
                      "  \"initiator\": {\n    \"id\": \"u1\"\n  }\n}")
        << 1 << QByteArray("u1");
    QTest::newRow("attachment holding an event stays one event")
        << R"({"eventTime":"2023-10-18T14:38:40Z","action":"read","initiator":{"id":"u1"},"attachments":[{"content":)" +
               ev + "}]}"
        << 1 << QByteArray("u1");
    QTest::newRow("typeURI alone makes an event")
        << QByteArray(
               R"({"typeURI":"http://schemas.dmtf.org/cloud/audit/1.0/event","initiator":{"id":"u1"}})")
        << 1 << QByteArray("u1");
}

void TestRecordParser::shapes() {
    QFETCH(QByteArray, record);
    QFETCH(int, events);
    QFETCH(QByteArray, firstInitiator);
    RecordParser parser(kReference);
    std::vector<Event> out;
    const RecordOutcome r = parser.parse(std::string_view(record.constData(), record.size()), out);
    QVERIFY2(!r.reject, r.reject ? r.reject->detail.c_str() : "");
    QCOMPARE(r.events, events);
    QCOMPARE(int(out.size()), events);
    QCOMPARE(QByteArray::fromStdString(out.front().initiator.id), firstInitiator);
    for (const Event& e : out) {
        QVERIFY(!e.json.empty());
        QCOMPARE(e.json.front(), '{');
        QCOMPARE(e.json.back(), '}');
        QCOMPARE(e.digest, jsonDigest(e.json));
    }
}

void TestRecordParser::keyVariants_data() {
    QTest::addColumn<QByteArray>("record");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expected");

    const QByteArray t = R"("eventTime":"2023-10-18T14:38:40Z","action":"read",)";
    QTest::newRow("typeUri spelling") << "{" + t + R"("target":{"typeUri":"GET"}})"
                                      << "target.type"
                                      << "GET";
    QTest::newRow("typeURL spelling") << "{" + t + R"("target":{"typeURL":"x/y"}})"
                                      << "target.type"
                                      << "x/y";
    QTest::newRow("upper-case keys")
        << QByteArray(
               R"({"EVENTTIME":"2023-10-18T14:38:40Z","ACTION":"read","Initiator":{"ID":"bob"}})")
        << "initiator.id"
        << "bob";
    QTest::newRow("reasoncode lower case") << "{" + t + R"("reason":{"reasoncode":"404"}})"
                                           << "code"
                                           << "404";
    QTest::newRow("reasonCode number") << "{" + t + R"("reason":{"reasonCode":401}})"
                                       << "code"
                                       << "401";
    QTest::newRow("reasonCode string") << "{" + t + R"("reason":{"reasonCode":"200"}})"
                                       << "code"
                                       << "200";
    QTest::newRow("huge number kept as text")
        << "{" + t + R"("reason":{"reasonCode":12345678901234567890}})"
        << "code"
        << "12345678901234567890";
    QTest::newRow("requestpath lower case") << "{" + t + R"("requestpath":"/v2/x"})"
                                            << "path"
                                            << "/v2/x";
    QTest::newRow("DomainID") << "{" + t + R"("initiator":{"id":"u","DomainID":"d1"}})"
                              << "initiator.domain"
                              << "d1";
    QTest::newRow("initiatorId reference") << "{" + t + R"("initiatorId":"ref-1"})"
                                           << "initiator.id"
                                           << "ref-1";
    QTest::newRow("flattened initiator.id") << "{" + t + R"("initiator.id":"flat"})"
                                            << "initiator.id"
                                            << "flat";
    QTest::newRow("flattened host address") << "{" + t + R"("initiator.host.address":"10.0.0.1"})"
                                            << "address"
                                            << "10.0.0.1";
    QTest::newRow("flattened reason") << "{" + t + R"("reason.reasonCode":"503"})"
                                      << "code"
                                      << "503";
    QTest::newRow("outcome upper case") << "{" + t + R"("outcome":"FAILURE"})"
                                        << "outcome"
                                        << "failure";
    QTest::newRow("outcome denied") << "{" + t + R"("outcome":"denied"})"
                                    << "outcome"
                                    << "failure";
    QTest::newRow("outcome refinement") << "{" + t + R"("outcome":"failure/timeout"})"
                                        << "outcome"
                                        << "failure";
    QTest::newRow("outcome redirect") << "{" + t + R"("outcome":"redirect"})"
                                      << "outcome"
                                      << "unknown";
    QTest::newRow("observer shorthand")
        << "{" + t + R"("target":{"id":"t1","name":"tn"},"observer":{"id":"target"}})"
        << "observer.name"
        << "tn";
    QTest::newRow("escaped slash") << "{" + t + R"("target":{"id":"\/api\/x"}})"
                                   << "target.id"
                                   << "/api/x";
    QTest::newRow("unicode escape")
        << "{" + t + R"("initiator":{"name":"J\u00fcrgen \ud83d\ude00"}})"
        << "initiator.name" << QString::fromUtf8("Jürgen 😀");
    QTest::newRow("null value") << "{" + t + R"("initiator":{"id":null,"name":"n"}})"
                                << "initiator.id"
                                << "";
    QTest::newRow("liberty eventName as action")
        << QByteArray(
               R"({"eventName":"SECURITY_AUTHN","eventTime":"2018-07-10 12:15:34.339","outcome":"success","observer":{"id":"o"}})")
        << "action"
        << "SECURITY_AUTHN";
    QTest::newRow("tags") << "{" + t + R"("tags":["correlation_id?value=abc","x"]})"
                          << "tags"
                          << "correlation_id?value=abc|x";
    QTest::newRow("credential type")
        << "{" + t + R"("initiator":{"credential":{"type":"token","token":"***"}}})"
        << "credential"
        << "token";
}

void TestRecordParser::keyVariants() {
    QFETCH(QByteArray, record);
    QFETCH(QString, field);
    QFETCH(QString, expected);
    RecordParser parser(kReference);
    std::vector<Event> out;
    const RecordOutcome r = parser.parse(std::string_view(record.constData(), record.size()), out);
    QVERIFY2(!r.reject, r.reject ? r.reject->detail.c_str() : "");
    QCOMPARE(out.size(), std::size_t(1));
    const Event& e = out.front();
    std::string actual;
    if (field == "target.type")
        actual = e.target.typeUri;
    else if (field == "target.id")
        actual = e.target.id;
    else if (field == "initiator.id")
        actual = e.initiator.id;
    else if (field == "initiator.name")
        actual = e.initiator.name;
    else if (field == "initiator.domain")
        actual = e.initiator.domain;
    else if (field == "observer.name")
        actual = e.observer.name;
    else if (field == "code")
        actual = e.reasonCode;
    else if (field == "path")
        actual = e.requestPath;
    else if (field == "address")
        actual = e.initiator.hostAddress;
    else if (field == "outcome")
        actual = outcomeName(e.outcome);
    else if (field == "action")
        actual = e.action;
    else if (field == "credential")
        actual = e.initiator.credentialType;
    else if (field == "tags") {
        for (const auto& tag : e.tags)
            actual += (actual.empty() ? "" : "|") + tag;
    } else
        QFAIL("unknown field in test table");
    QCOMPARE(QString::fromStdString(actual), expected);
}

void TestRecordParser::timeFallbacks_data() {
    QTest::addColumn<QByteArray>("record");
    QTest::addColumn<qint64>("expectedUs");
    QTest::addColumn<int>("quality");

    QTest::newRow("own time exact")
        << QByteArray(
               R"({"eventTime":"2020-03-11T09:28:35.15+0000","action":"a","outcome":"success"})")
        << qint64(utc("2020-03-11T09:28:35.150Z")) << int(TimeQuality::Exact);
    QTest::newRow("no zone without header: assumed UTC")
        << QByteArray(R"({"eventTime":"2018-07-16 10:38:02.281","action":"a","outcome":"success"})")
        << qint64(utc("2018-07-16T10:38:02.281Z")) << int(TimeQuality::NoZoneAssumedUtc);
    QTest::newRow("no zone with header: header time")
        << QByteArray(
               R"(<13>1 2018-07-16T10:38:05Z h a - - - {"eventTime":"2018-07-16 10:38:02.281","action":"a","outcome":"success"})")
        << qint64(utc("2018-07-16T10:38:05Z")) << int(TimeQuality::FromSyslogHeader);
    QTest::newRow("unparseable with header")
        << QByteArray(
               R"(<13>1 2018-07-16T10:38:05Z h a - - - {"eventTime":"yesterday","action":"a","outcome":"success","initiator":{}})")
        << qint64(utc("2018-07-16T10:38:05Z")) << int(TimeQuality::FromSyslogHeader);
    QTest::newRow("missing with envelope")
        << QByteArray(
               R"({"payload":{"typeURI":"http://schemas.dmtf.org/cloud/audit/1.0/event","action":"a"},"timestamp":"2016-11-11 18:31:11.290821"})")
        << qint64(utc("2016-11-11T18:31:11.290821Z")) << int(TimeQuality::FromEnvelope);
    QTest::newRow("nothing at all")
        << QByteArray(R"({"typeURI":"http://schemas.dmtf.org/cloud/audit/1.0/event","action":"a"})")
        << qint64(kReference) << int(TimeQuality::Missing);
}

void TestRecordParser::timeFallbacks() {
    QFETCH(QByteArray, record);
    QFETCH(qint64, expectedUs);
    QFETCH(int, quality);
    RecordParser parser(kReference);
    std::vector<Event> out;
    const RecordOutcome r = parser.parse(std::string_view(record.constData(), record.size()), out);
    QVERIFY2(!r.reject, r.reject ? r.reject->detail.c_str() : "");
    QCOMPARE(out.size(), std::size_t(1));
    QCOMPARE(qint64(out.front().timeUs), expectedUs);
    QCOMPARE(int(out.front().timeQuality), quality);
}

void TestRecordParser::rejects_data() {
    QTest::addColumn<QByteArray>("record");
    QTest::addColumn<bool>("oversize");
    QTest::addColumn<int>("reason");
    QTest::addColumn<QString>("detailContains");

    const QByteArray ev = kMinimal;
    QTest::newRow("empty") << QByteArray("") << false << int(RejectReason::EmptyLine) << "no text";
    QTest::newRow("blank") << QByteArray("  \t ") << false << int(RejectReason::EmptyLine) << "";
    QTest::newRow("binary") << QByteArray("abc\0def", 7) << false << int(RejectReason::BinaryData)
                            << "byte 3";
    QTest::newRow("invalid utf8") << QByteArray("{\"a\":\"\xC3\x28\"}") << false
                                  << int(RejectReason::InvalidUtf8) << "byte 6";
    QTest::newRow("overlong utf8")
        << QByteArray("{\"a\":\"\xC0\xAF\"}") << false << int(RejectReason::InvalidUtf8) << "";
    QTest::newRow("truncated") << ev.left(ev.size() - 10) << false
                               << int(RejectReason::TruncatedJson) << "at byte";
    QTest::newRow("truncated syslog") << "<13>1 2023-10-18T14:38:44Z h a - - - " + ev.left(40)
                                      << false << int(RejectReason::TruncatedJson) << "";
    QTest::newRow("missing comma") << QByteArray(R"({"eventTime":"x" "action":"read"})") << false
                                   << int(RejectReason::InvalidJson) << "byte 17";
    QTest::newRow("trailing comma")
        << QByteArray(R"({"action":"read",})") << false << int(RejectReason::InvalidJson) << "";
    QTest::newRow("comment") << QByteArray(R"({"action":"read" // c
})") << false << int(RejectReason::InvalidJson)
                             << "";
    QTest::newRow("garbage after")
        << ev + " trailing" << false << int(RejectReason::InvalidJson) << "after the JSON";
    QTest::newRow("too deep") << QByteArray(100, '[') + QByteArray(100, ']') << false
                              << int(RejectReason::NestedTooDeep) << "";
    QTest::newRow("no json") << QByteArray("<13>1 2023-10-18T14:38:44Z h a - - - hello world")
                             << false << int(RejectReason::NoJson) << "syslog";
    QTest::newRow("bracketed text") << QByteArray("<13>1 2023-10-18T14:38:44Z h a - - - [warn]: #0 "
                                                  "failed to flush the buffer")
                                    << false << int(RejectReason::NoJson) << "syslog";
    QTest::newRow("broken array") << QByteArray(R"([{"action":"read")") << false
                                  << int(RejectReason::TruncatedJson) << "";
    QTest::newRow("not cadf") << QByteArray(R"({"hello":"world"})") << false
                              << int(RejectReason::NotCadf) << "";
    QTest::newRow("oversize") << ev << true << int(RejectReason::LineTooLong) << "";
}

void TestRecordParser::rejects() {
    QFETCH(QByteArray, record);
    QFETCH(bool, oversize);
    QFETCH(int, reason);
    QFETCH(QString, detailContains);
    RecordParser parser(kReference);
    std::vector<Event> out;
    const RecordOutcome r =
        parser.parse(std::string_view(record.constData(), record.size()), out, 12, 3400, oversize);
    QVERIFY(r.reject.has_value());
    QCOMPARE(r.events, 0);
    QVERIFY(out.empty());
    QCOMPARE(int(r.reject->reason), reason);
    QVERIFY2(QString::fromStdString(r.reject->detail).contains(detailContains),
             r.reject->detail.c_str());
    QCOMPARE(r.reject->lineNo, 12);
    QCOMPARE(r.reject->byteOffset, 3400);
    QCOMPARE(QByteArray::fromStdString(r.reject->raw), record);
}

void TestRecordParser::digestIgnoresWhitespace() {
    RecordParser parser(kReference);
    std::vector<Event> out;
    parser.parse(R"({"eventTime":"2023-10-18T14:38:40Z","action":"read a"})", out);
    parser.parse("{ \"eventTime\" : \"2023-10-18T14:38:40Z\",\n  \"action\": \"read a\" }", out);
    parser.parse(R"({"eventTime":"2023-10-18T14:38:40Z","action":"reada"})", out);
    QCOMPARE(out.size(), std::size_t(3));
    QCOMPARE(out[0].digest, out[1].digest);
    QVERIFY(out[0].digest != out[2].digest); // whitespace inside strings matters
    // Every event of a line gets the line's syslog header (the last one takes it over).
    std::vector<Event> several;
    parser.parse("<110>1 2023-10-18T14:38:40Z relay app - - - [{\"eventTime\":"
                 "\"2023-10-18T14:38:40Z\",\"action\":\"read\"},{\"eventTime\":"
                 "\"2023-10-18T14:38:41Z\",\"action\":\"update\"}]",
                 several);
    QCOMPARE(several.size(), std::size_t(2));
    for (const Event& e : several) {
        QCOMPARE(e.syslog.hostname, std::string("relay"));
        QCOMPARE(e.syslog.appName, std::string("app"));
        QCOMPARE(e.syslog.timestamp, std::string("2023-10-18T14:38:40Z"));
        QCOMPARE(e.syslog.facility, 13);
    }
    // Compact events take a shortcut (no stripping copy); both ways give jsonDigest's value.
    const std::string compact = R"({"eventTime":"2023-10-18T14:38:40Z","action":"read a"})";
    QCOMPARE(out[0].digest, jsonDigest(compact));
    // Whitespace only in a nested object, or only around the event inside a wrapper.
    parser.parse("{\"eventTime\":\"2023-10-18T14:38:40Z\",\"initiator\":{ \"id\": \"u\" }}", out);
    parser.parse(R"({"eventTime":"2023-10-18T14:38:40Z","initiator":{"id":"u"}})", out);
    parser.parse("{ \"payload\" : " + compact + " }", out);
    QCOMPARE(out.size(), std::size_t(6));
    QCOMPARE(out[3].digest, out[4].digest);
    QCOMPARE(out[5].digest, out[0].digest);
}

void TestRecordParser::corpusJsonlImports_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("events");
    // The CADF event counts of tests/data/corpus/SOURCES.md.
    const std::pair<const char*, int> files[] = {
        {"pycadf-docs.jsonl", 4},
        {"keystone-notifications.jsonl", 12},
        {"barbican-audit-middleware.jsonl", 1},
        {"ironic-audit-middleware.jsonl", 1},
        {"octavia-audit-middleware.jsonl", 2},
        {"canonical-smoke-alerts-keystone-log.jsonl", 2},
        {"sapcc-hermes.jsonl", 15},
        {"sapcc-limes-audit.jsonl", 4},
        {"keystone-rs-adr.jsonl", 7},
        {"ibm-activity-tracker-docs.jsonl", 15},
        {"ibm-key-protect-at.jsonl", 3},
        {"ibm-power-iaas-at.jsonl", 2},
        {"ibm-vpc-at.jsonl", 2},
        {"openliberty-audit.jsonl", 24},
    };
    int total = 0;
    for (const auto& [name, count] : files) {
        QTest::newRow(name) << QString::fromLatin1(name) << count;
        total += count;
    }
    QCOMPARE(total, 94);
}

void TestRecordParser::corpusJsonlImports() {
    QFETCH(QString, file);
    QFETCH(int, events);
    const QByteArray data = readFile(QStringLiteral(CADFSCOPE_TEST_DATA "/corpus/") + file);
    RecordParser parser(kReference);
    std::vector<Event> out;
    int lineNo = 0;
    for (const QByteArray& line : data.split('\n')) {
        ++lineNo;
        if (line.isEmpty())
            continue;
        const RecordOutcome r = parser.parse(std::string_view(line.constData(), line.size()), out);
        QVERIFY2(!r.reject,
                 qPrintable(QStringLiteral("line %1: %2")
                                .arg(lineNo)
                                .arg(QString::fromStdString(r.reject ? r.reject->detail : ""))));
    }
    QCOMPARE(int(out.size()), events);
    for (const Event& e : out) {
        QVERIFY(!e.eventTimeRaw.empty() || !e.typeUri.empty());
        QVERIFY(e.timeQuality != TimeQuality::Missing);
        QVERIFY(e.timeUs > 946684800LL * 1000000); // after 2000-01-01
    }
}

void TestRecordParser::corpusJsoncRejected_data() {
    QTest::addColumn<QString>("file");
    const QDir dir(QStringLiteral(CADFSCOPE_TEST_DATA "/corpus"));
    const QStringList files = dir.entryList({QStringLiteral("*.jsonc")}, QDir::Files);
    QCOMPARE(files.size(), 7);
    for (const QString& f : files)
        QTest::newRow(qPrintable(f)) << f;
}

void TestRecordParser::corpusJsoncRejected() {
    QFETCH(QString, file);
    const QByteArray data = readFile(QStringLiteral(CADFSCOPE_TEST_DATA "/corpus/") + file);
    RecordParser parser(kReference);
    std::vector<Event> out;
    const RecordOutcome r = parser.parse(std::string_view(data.constData(), data.size()), out);
    QVERIFY(r.reject.has_value());
    QVERIFY(out.empty());
    QVERIFY(r.reject->reason == RejectReason::InvalidJson ||
            r.reject->reason == RejectReason::TruncatedJson ||
            r.reject->reason == RejectReason::InvalidUtf8);
    QVERIFY(QString::fromStdString(r.reject->detail).contains(QLatin1String("at byte")));
}

void TestRecordParser::randomBytesNeverCrash() {
    std::mt19937_64 rng(42);
    RecordParser parser(kReference);
    std::vector<Event> out;
    const std::string alphabet = "{}[]\":,\\ \t0123456789-+.eEtruefalsn<>abcxyz\x01\xC3\xA9";
    for (int i = 0; i < 20000; ++i) {
        std::string s;
        const int len = int(rng() % 200);
        if (i % 2) {
            for (int k = 0; k < len; ++k)
                s.push_back(char(rng() & 0xFF));
        } else {
            for (int k = 0; k < len; ++k)
                s.push_back(alphabet[rng() % alphabet.size()]);
        }
        out.clear();
        const RecordOutcome r = parser.parse(s, out);
        QVERIFY(r.reject.has_value() || r.events > 0);
    }
}

QTEST_APPLESS_MAIN(TestRecordParser)
#include "tst_record_parser.moc"
