// Tests of cadf::syslog::splitSyslog. Expected instants were computed outside this code (Python
// datetime); the RFC lines are the examples printed in RFC 5424 and RFC 3164.
#include "models/syslog/syslog_header.h"

#include "models/cadf/timestamp.h"

#include <QRandomGenerator>
#include <QtTest>

#include <string>
#include <vector>

using cadf::SyslogFormat;

namespace {

// One expected split. Builder methods keep the table rows short.
struct Case {
    QByteArray line;
    qint64 reference = Q_INT64_C(1697630400000000); // 2023-10-18T12:00:00Z
    int format = static_cast<int>(SyslogFormat::None);
    int facility = -1;
    int severity = -1;
    QByteArray timestamp;
    bool timeValid = false;
    qint64 timeUs = 0;
    QByteArray hostname;
    QByteArray appName;
    QByteArray procId;
    QByteArray msgId;
    QByteArray structuredData;
    QByteArray message;

    Case& rfc5424(int f, int s) {
        format = static_cast<int>(SyslogFormat::Rfc5424);
        facility = f;
        severity = s;
        return *this;
    }
    Case& rfc3164(int f = -1, int s = -1) {
        format = static_cast<int>(SyslogFormat::Rfc3164);
        facility = f;
        severity = s;
        return *this;
    }
    Case& time(const QByteArray& text, qint64 us) {
        timestamp = text;
        timeValid = true;
        timeUs = us;
        return *this;
    }
    Case& badTime(const QByteArray& text) {
        timestamp = text;
        timeValid = false;
        return *this;
    }
    Case& ids(const QByteArray& host, const QByteArray& app, const QByteArray& proc = {},
              const QByteArray& msg = {}) {
        hostname = host;
        appName = app;
        procId = proc;
        msgId = msg;
        return *this;
    }
    Case& sd(const QByteArray& text) {
        structuredData = text;
        return *this;
    }
    Case& msg(const QByteArray& text) {
        message = text;
        return *this;
    }
    Case& ref(qint64 us) {
        reference = us;
        return *this;
    }
};

Case line(const QByteArray& text) {
    Case c;
    c.line = text;
    return c;
}

// A not-syslog line: format None and the whole line as message.
Case plain(const QByteArray& text) {
    Case c = line(text);
    c.message = text;
    return c;
}

const QByteArray kJson = R"({"eventTime":"2023-10-18T14:38.40+0000","action":"READ"})";
const QByteArray kBom = "\xEF\xBB\xBF";

QByteArray qb(const std::string& s) {
    return QByteArray(s.data(), static_cast<qsizetype>(s.size()));
}

QByteArray qb(std::string_view s) {
    return QByteArray(s.data(), static_cast<qsizetype>(s.size()));
}

// Runs the splitter on an exactly sized heap copy, so that a sanitizer build catches any read
// past the end, and checks the invariants that hold for every input.
bool splitChecked(const QByteArray& bytes, qint64 reference, QByteArray& why) {
    const std::vector<char> copy(bytes.begin(), bytes.end());
    const std::string_view view(copy.data(), copy.size());
    const cadf::syslog::SplitLine out = cadf::syslog::splitSyslog(view, reference);
    const cadf::SyslogInfo& h = out.header;
    if (!out.message.empty() &&
        (out.message.data() < view.data() ||
         out.message.data() + out.message.size() > view.data() + view.size())) {
        why = "message outside line";
        return false;
    }
    if (h.format == SyslogFormat::None) {
        if (out.message.size() != view.size() || h.facility != -1 || h.severity != -1 ||
            h.timeValid || !h.hostname.empty() || !h.appName.empty()) {
            why = "None with fields";
            return false;
        }
    } else if (h.format != SyslogFormat::Rfc5424 && h.format != SyslogFormat::Rfc3164) {
        why = "bad format";
        return false;
    }
    if (h.facility < -1 || h.facility > 23 || h.severity < -1 || h.severity > 7 ||
        (h.facility == -1) != (h.severity == -1)) {
        why = "bad facility/severity";
        return false;
    }
    if (h.format == SyslogFormat::Rfc5424 && h.facility == -1) {
        why = "5424 without PRI";
        return false;
    }
    if (!h.timeValid && h.timeUs != 0) {
        why = "time value without timeValid";
        return false;
    }
    return true;
}

} // namespace

Q_DECLARE_METATYPE(Case)

class TstSyslogHeader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void split_data();
    void split();
    void projectSample();
    void prefixesOfValidLines_data();
    void prefixesOfValidLines();
    void randomBytes();
    void mutatedLines();
};

void TstSyslogHeader::split_data() {
    QTest::addColumn<Case>("c");

    // --- RFC 5424 ---
    QTest::newRow("5424 CP4S sample")
        << line("<13>1 2023-10-18T14:38:44.641868+00:00 audit-logs-cp4s fluentd - - - " + kJson)
               .rfc5424(1, 5)
               .time("2023-10-18T14:38:44.641868+00:00", Q_INT64_C(1697639924641868))
               .ids("audit-logs-cp4s", "fluentd")
               .sd("-")
               .msg(kJson);
    QTest::newRow("5424 RFC example 1, BOM")
        << line("<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - " + kBom +
                "'su root' failed for lonvick on /dev/pts/8")
               .rfc5424(4, 2)
               .time("2003-10-11T22:14:15.003Z", Q_INT64_C(1065910455003000))
               .ids("mymachine.example.com", "su", "", "ID47")
               .sd("-")
               .msg("'su root' failed for lonvick on /dev/pts/8");
    QTest::newRow("5424 RFC example 2, offset")
        << line("<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time "
                "to make the do-nuts.")
               .rfc5424(20, 5)
               .time("2003-08-24T05:14:15.000003-07:00", Q_INT64_C(1061727255000003))
               .ids("192.0.2.1", "myproc", "8710")
               .sd("-")
               .msg("%% It's time to make the do-nuts.");
    QTest::newRow("5424 RFC example 3, SD and BOM")
        << line("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 "
                "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"] " +
                kBom + "An application event log entry...")
               .rfc5424(20, 5)
               .time("2003-10-11T22:14:15.003Z", Q_INT64_C(1065910455003000))
               .ids("mymachine.example.com", "evntslog", "", "ID47")
               .sd("[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"]")
               .msg("An application event log entry...");
    QTest::newRow("5424 RFC example 4, two SD elements, no MSG")
        << line("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 "
                "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"]"
                "[examplePriority@32473 class=\"high\"]")
               .rfc5424(20, 5)
               .time("2003-10-11T22:14:15.003Z", Q_INT64_C(1065910455003000))
               .ids("mymachine.example.com", "evntslog", "", "ID47")
               .sd("[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"]"
                   "[examplePriority@32473 class=\"high\"]");
    const QByteArray escapedSd =
        R"([a@1 q="say \"hi\"" b="back\\slash" c="br\]acket" s="with spaces [x] inside"])"
        R"([b@2 raw="a]b" e=""])";
    QTest::newRow("5424 SD escapes and spaces")
        << line("<14>1 2023-10-18T14:38:44Z host app 42 MSG1 " + escapedSd + " " + kJson)
               .rfc5424(1, 6)
               .time("2023-10-18T14:38:44Z", Q_INT64_C(1697639924000000))
               .ids("host", "app", "42", "MSG1")
               .sd(escapedSd)
               .msg(kJson);
    QTest::newRow("5424 SD escaped quote before bracket")
        << line(R"(<14>1 - h a - - [x@1 k="a\"]" m="n"] msg)")
               .rfc5424(1, 6)
               .badTime("-")
               .ids("h", "a")
               .sd(R"([x@1 k="a\"]" m="n"])")
               .msg("msg");
    QTest::newRow("5424 SD escaped backslash before quote")
        << line(R"(<14>1 - h a - - [x@1 k="back\\"][y@2 j="]"] msg)")
               .rfc5424(1, 6)
               .badTime("-")
               .ids("h", "a")
               .sd(R"([x@1 k="back\\"][y@2 j="]"])")
               .msg("msg");
    QTest::newRow("5424 SD then MSG with spaces and brackets")
        << line(R"(<14>1 2023-10-18T14:38:44Z h a - - [x@1 k="v"] [not sd] "quoted" \ end)")
               .rfc5424(1, 6)
               .time("2023-10-18T14:38:44Z", Q_INT64_C(1697639924000000))
               .ids("h", "a")
               .sd(R"([x@1 k="v"])")
               .msg(R"([not sd] "quoted" \ end)");
    QTest::newRow("5424 SD truncated inside a value")
        << line(R"(<14>1 2023-10-18T14:38:44Z h a - - [x@1 k="never closed] {"a":1})")
               .rfc5424(1, 6)
               .time("2023-10-18T14:38:44Z", Q_INT64_C(1697639924000000))
               .ids("h", "a")
               .sd(R"([x@1 k="never closed] {"a":1})");
    QTest::newRow("5424 SD truncated after backslash") << line(R"(<14>1 - h a - - [x@1 k="\)")
                                                              .rfc5424(1, 6)
                                                              .badTime("-")
                                                              .ids("h", "a")
                                                              .sd(R"([x@1 k="\)");
    QTest::newRow("5424 all NILVALUE, no MSG")
        << line("<165>1 - - - - - -").rfc5424(20, 5).badTime("-").sd("-");
    QTest::newRow("5424 all NILVALUE, empty MSG")
        << line("<165>1 - - - - - - ").rfc5424(20, 5).badTime("-").sd("-");
    QTest::newRow("5424 NIL time, JSON MSG") << line("<13>1 - host - - - - " + kJson)
                                                    .rfc5424(1, 5)
                                                    .badTime("-")
                                                    .ids("host", "")
                                                    .sd("-")
                                                    .msg(kJson);
    QTest::newRow("5424 MSG with BOM")
        << line("<13>1 2023-10-18T14:38:44Z h a - - - " + kBom + kJson)
               .rfc5424(1, 5)
               .time("2023-10-18T14:38:44Z", Q_INT64_C(1697639924000000))
               .ids("h", "a")
               .sd("-")
               .msg(kJson);
    QTest::newRow("5424 MSG with @cee:")
        << line("<13>1 2023-10-18T14:38:44Z h a - - - @cee: " + kJson)
               .rfc5424(1, 5)
               .time("2023-10-18T14:38:44Z", Q_INT64_C(1697639924000000))
               .ids("h", "a")
               .sd("-")
               .msg(kJson);
    QTest::newRow("5424 MSG with BOM then @cee:")
        << line("<13>1 2023-10-18T14:38:44Z h a - - - " + kBom + "@cee:" + kJson)
               .rfc5424(1, 5)
               .time("2023-10-18T14:38:44Z", Q_INT64_C(1697639924000000))
               .ids("h", "a")
               .sd("-")
               .msg(kJson);
    QTest::newRow("5424 SD left out by the sender")
        << line("<13>1 2023-10-18T14:38:44Z host app - - " + kJson)
               .rfc5424(1, 5)
               .time("2023-10-18T14:38:44Z", Q_INT64_C(1697639924000000))
               .ids("host", "app")
               .msg(kJson);
    QTest::newRow("5424 header cut after host")
        << line("<13>1 2023-10-18T14:38:44Z host")
               .rfc5424(1, 5)
               .time("2023-10-18T14:38:44Z", Q_INT64_C(1697639924000000))
               .ids("host", "");
    QTest::newRow("5424 header cut after version") << line("<13>1 ").rfc5424(1, 5);
    QTest::newRow("5424 unparseable time") << line("<13>1 yesterday host app - - - msg")
                                                  .rfc5424(1, 5)
                                                  .badTime("yesterday")
                                                  .ids("host", "app")
                                                  .sd("-")
                                                  .msg("msg");
    QTest::newRow("5424 PRI 0")
        << line("<0>1 - - - - - - m").rfc5424(0, 0).badTime("-").sd("-").msg("m");
    QTest::newRow("5424 PRI 191")
        << line("<191>1 - - - - - - m").rfc5424(23, 7).badTime("-").sd("-").msg("m");
    QTest::newRow("5424 PRI with leading zero")
        << line("<013>1 - - - - - - m").rfc5424(1, 5).badTime("-").sd("-").msg("m");
    QTest::newRow("5424 keeps MSG spaces and LF")
        << line("<13>1 - h a - - - {\"a\": 1,\n \"b\" : [1, 2]}  ")
               .rfc5424(1, 5)
               .badTime("-")
               .ids("h", "a")
               .sd("-")
               .msg("{\"a\": 1,\n \"b\" : [1, 2]}  ");

    // --- invalid PRI: not syslog ---
    QTest::newRow("PRI 192") << plain("<192>1 - - - - - - m");
    QTest::newRow("PRI 999") << plain("<999>Oct 18 14:38:44 host app: m");
    QTest::newRow("PRI 4 digits") << plain("<0013>1 - - - - - - m");
    QTest::newRow("PRI empty") << plain("<>1 - - - - - - m");
    QTest::newRow("PRI negative") << plain("<-1>1 - - - - - - m");
    QTest::newRow("PRI unclosed") << plain("<13");
    QTest::newRow("PRI letters") << plain("<ab>1 - - - - - - m");
    QTest::newRow("lone <") << plain("<");
    QTest::newRow("html") << plain("<html><body>x</body></html>");

    // --- RFC 3164 ---
    QTest::newRow("3164 RFC example")
        << line("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8")
               .ref(Q_INT64_C(1066608000000000))
               .rfc3164(4, 2)
               .time("Oct 11 22:14:15", Q_INT64_C(1065910455000000))
               .ids("mymachine", "su")
               .msg("'su root' failed for lonvick on /dev/pts/8");
    QTest::newRow("3164 padded day, pid")
        << line("<13>Oct  1 02:03:04 host app[123]: " + kJson)
               .rfc3164(1, 5)
               .time("Oct  1 02:03:04", Q_INT64_C(1696125784000000))
               .ids("host", "app", "123")
               .msg(kJson);
    QTest::newRow("3164 unpadded day") << line("<13>Oct 1 02:03:04 host app[123]: " + kJson)
                                              .rfc3164(1, 5)
                                              .time("Oct 1 02:03:04", Q_INT64_C(1696125784000000))
                                              .ids("host", "app", "123")
                                              .msg(kJson);
    QTest::newRow("3164 zero-padded day")
        << line("<13>Oct 01 02:03:04 host app: " + kJson)
               .rfc3164(1, 5)
               .time("Oct 01 02:03:04", Q_INT64_C(1696125784000000))
               .ids("host", "app")
               .msg(kJson);
    QTest::newRow("3164 tag ended by space")
        << line("<13>Oct 18 14:38:44 host kernel something happened here")
               .rfc3164(1, 5)
               .time("Oct 18 14:38:44", Q_INT64_C(1697639924000000))
               .ids("host", "kernel")
               .msg("something happened here");
    QTest::newRow("3164 tag with slash and pid")
        << line("<22>Oct 18 14:38:44 mail postfix/smtpd[1234]: connect from x")
               .rfc3164(2, 6)
               .time("Oct 18 14:38:44", Q_INT64_C(1697639924000000))
               .ids("mail", "postfix/smtpd", "1234")
               .msg("connect from x");
    QTest::newRow("3164 pid without colon")
        << line("<13>Oct 18 14:38:44 host app[7] " + kJson)
               .rfc3164(1, 5)
               .time("Oct 18 14:38:44", Q_INT64_C(1697639924000000))
               .ids("host", "app", "7")
               .msg(kJson);
    QTest::newRow("3164 RFC 3339 time")
        << line("<13>2023-10-18T14:38:44.641868+00:00 host app[1]: " + kJson)
               .rfc3164(1, 5)
               .time("2023-10-18T14:38:44.641868+00:00", Q_INT64_C(1697639924641868))
               .ids("host", "app", "1")
               .msg(kJson);
    QTest::newRow("3164 missing hostname, pid")
        << line("<13>Oct 18 14:38:44 app[123]: " + kJson)
               .rfc3164(1, 5)
               .time("Oct 18 14:38:44", Q_INT64_C(1697639924000000))
               .ids("", "app", "123")
               .msg(kJson);
    QTest::newRow("3164 missing hostname, colon")
        << line("<13>Oct 18 14:38:44 app: " + kJson)
               .rfc3164(1, 5)
               .time("Oct 18 14:38:44", Q_INT64_C(1697639924000000))
               .ids("", "app")
               .msg(kJson);
    QTest::newRow("3164 @cee: with space")
        << line("<13>Oct 18 14:38:44 host app[123]: @cee: " + kJson)
               .rfc3164(1, 5)
               .time("Oct 18 14:38:44", Q_INT64_C(1697639924000000))
               .ids("host", "app", "123")
               .msg(kJson);
    QTest::newRow("3164 @cee: without space")
        << line("<13>Oct 18 14:38:44 host app: @cee:" + kJson)
               .rfc3164(1, 5)
               .time("Oct 18 14:38:44", Q_INT64_C(1697639924000000))
               .ids("host", "app")
               .msg(kJson);
    QTest::newRow("3164 @cee: right after host")
        << line("<13>Oct 18 14:38:44 host @cee: " + kJson)
               .rfc3164(1, 5)
               .time("Oct 18 14:38:44", Q_INT64_C(1697639924000000))
               .ids("host", "")
               .msg(kJson);
    QTest::newRow("3164 JSON right after host")
        << line("<13>Oct 18 14:38:44 host " + kJson)
               .rfc3164(1, 5)
               .time("Oct 18 14:38:44", Q_INT64_C(1697639924000000))
               .ids("host", "")
               .msg(kJson);
    QTest::newRow("3164 JSON right after time")
        << line("<13>Oct 18 14:38:44 " + kJson)
               .rfc3164(1, 5)
               .time("Oct 18 14:38:44", Q_INT64_C(1697639924000000))
               .msg(kJson);
    QTest::newRow("3164 BOM before JSON")
        << line("<13>Oct 18 14:38:44 host app: " + kBom + kJson)
               .rfc3164(1, 5)
               .time("Oct 18 14:38:44", Q_INT64_C(1697639924000000))
               .ids("host", "app")
               .msg(kJson);
    QTest::newRow("3164 year after day")
        << line("<13>Oct 18 2023 14:38:44 host app: m")
               .ref(Q_INT64_C(1893456000000000))
               .rfc3164(1, 5)
               .time("Oct 18 2023 14:38:44", Q_INT64_C(1697639924000000))
               .ids("host", "app")
               .msg("m");
    QTest::newRow("3164 fraction") << line("<13>Oct 18 14:38:44.123 host app: m")
                                          .rfc3164(1, 5)
                                          .time("Oct 18 14:38:44.123", Q_INT64_C(1697639924123000))
                                          .ids("host", "app")
                                          .msg("m");
    QTest::newRow("3164 Feb 30 keeps layout, time invalid")
        << line("<13>Feb 30 10:00:00 host app: m")
               .rfc3164(1, 5)
               .badTime("Feb 30 10:00:00")
               .ids("host", "app")
               .msg("m");
    QTest::newRow("3164 header only") << line("<13>Oct 18 14:38:44")
                                             .rfc3164(1, 5)
                                             .time("Oct 18 14:38:44", Q_INT64_C(1697639924000000));
    QTest::newRow("3164 host only") << line("<13>Oct 18 14:38:44 host")
                                           .rfc3164(1, 5)
                                           .time("Oct 18 14:38:44", Q_INT64_C(1697639924000000))
                                           .ids("host", "");
    QTest::newRow("3164 PRI then JSON") << line("<13>" + kJson).rfc3164(1, 5).msg(kJson);
    QTest::newRow("3164 PRI only") << line("<13>").rfc3164(1, 5);
    QTest::newRow("3164 PRI then text") << line("<13>hello world").rfc3164(1, 5).msg("hello world");
    QTest::newRow("3164 PRI then bad ISO time") << line("<13>2023-13-45T00:00:00Z host app: m")
                                                       .rfc3164(1, 5)
                                                       .badTime("2023-13-45T00:00:00Z")
                                                       .ids("host", "app")
                                                       .msg("m");

    // --- year inference for BSD times ---
    QTest::newRow("year: Dec 31 read on Jan 2")
        << line("Dec 31 23:59:59 h a: m")
               .ref(Q_INT64_C(1704153600000000))
               .rfc3164()
               .time("Dec 31 23:59:59", Q_INT64_C(1704067199000000))
               .ids("h", "a")
               .msg("m");
    QTest::newRow("year: Jan 1 read on Dec 31 (sender clock ahead)")
        << line("Jan  1 00:00:01 h a: m")
               .ref(Q_INT64_C(1704063600000000))
               .rfc3164()
               .time("Jan  1 00:00:01", Q_INT64_C(1704067201000000))
               .ids("h", "a")
               .msg("m");
    QTest::newRow("year: 33 days ahead is last year")
        << line("Nov 20 10:00:00 h a: m")
               .rfc3164()
               .time("Nov 20 10:00:00", Q_INT64_C(1668938400000000))
               .ids("h", "a")
               .msg("m");
    QTest::newRow("year: 28 days ahead is this year")
        << line("Nov 15 10:00:00 h a: m")
               .rfc3164()
               .time("Nov 15 10:00:00", Q_INT64_C(1700042400000000))
               .ids("h", "a")
               .msg("m");
    QTest::newRow("year: Feb 29 goes back to a leap year")
        << line("Feb 29 12:00:00 h a: m")
               .ref(Q_INT64_C(1685577600000000))
               .rfc3164()
               .time("Feb 29 12:00:00", Q_INT64_C(1582977600000000))
               .ids("h", "a")
               .msg("m");
    QTest::newRow("year: Feb 29 in a leap year")
        << line("Feb 29 12:00:00 h a: m")
               .ref(Q_INT64_C(1710028800000000))
               .rfc3164()
               .time("Feb 29 12:00:00", Q_INT64_C(1709208000000000))
               .ids("h", "a")
               .msg("m");
    QTest::newRow("year: Feb 29 skips 2100")
        << line("Feb 29 12:00:00 h a: m")
               .ref(Q_INT64_C(4139078400000000))
               .rfc3164()
               .time("Feb 29 12:00:00", Q_INT64_C(3981355200000000))
               .ids("h", "a")
               .msg("m");
    QTest::newRow("year: reference before 1970")
        << line("Dec 31 23:00:00 h a: m")
               .ref(Q_INT64_C(0))
               .rfc3164()
               .time("Dec 31 23:00:00", Q_INT64_C(-3600000000))
               .ids("h", "a")
               .msg("m");

    // --- files written by rsyslog / syslog-ng: no PRI ---
    QTest::newRow("file BSD line") << line("Oct 18 14:38:44 host app[123]: " + kJson)
                                          .rfc3164()
                                          .time("Oct 18 14:38:44", Q_INT64_C(1697639924000000))
                                          .ids("host", "app", "123")
                                          .msg(kJson);
    QTest::newRow("file RSYSLOG_FileFormat")
        << line("2023-10-18T14:38:44.641868+00:00 host app: " + kJson)
               .rfc3164()
               .time("2023-10-18T14:38:44.641868+00:00", Q_INT64_C(1697639924641868))
               .ids("host", "app")
               .msg(kJson);
    QTest::newRow("file ISO, missing host")
        << line("2023-10-18T14:38:44Z fluentd[9]: @cee:" + kJson)
               .rfc3164()
               .time("2023-10-18T14:38:44Z", Q_INT64_C(1697639924000000))
               .ids("", "fluentd", "9")
               .msg(kJson);

    // --- not syslog ---
    QTest::newRow("empty") << plain("");
    QTest::newRow("JSON object") << plain(kJson);
    QTest::newRow("JSON array") << plain("[" + kJson + "]");
    QTest::newRow("BOM JSON") << plain(kBom + kJson);
    QTest::newRow("@cee without header") << plain("@cee:" + kJson);
    QTest::newRow("text") << plain("hello world");
    QTest::newRow("oslo log line")
        << plain("2016-11-11 18:31:11.290 12345 INFO oslo.messaging.notification.audit.http."
                 "request [req-1] " +
                 kJson);
    QTest::newRow("keystone.log time line") << plain("2016-11-11 18:31:11.290821");
    QTest::newRow("epoch first") << plain("1697639924 host app: m");
    QTest::newRow("bad ISO without PRI") << plain("2023-13-45T00:00:00Z host app: m");
    QTest::newRow("month only") << plain("Oct 18 garbage");
    QTest::newRow("long month name") << plain("October 18 14:38:44 host app: m");
    QTest::newRow("day 0") << plain("Oct 0 14:38:44 host app: m");
    QTest::newRow("day 32") << plain("Oct 32 14:38:44 host app: m");
    QTest::newRow("hour 25") << plain("Oct 18 25:38:44 host app: m");
    QTest::newRow("BSD time glued to text") << plain("Oct 18 14:38:44host app: m");
    QTest::newRow("octet count prefix") << plain("120 <13>1 - - - - - - m");
    QTest::newRow("leading space") << plain(" <13>1 - - - - - - m");
}

void TstSyslogHeader::split() {
    QFETCH(Case, c);
    const std::string_view view(c.line.constData(), static_cast<std::size_t>(c.line.size()));
    const cadf::syslog::SplitLine out = cadf::syslog::splitSyslog(view, c.reference);
    const cadf::SyslogInfo& h = out.header;
    QCOMPARE(static_cast<int>(h.format), c.format);
    QCOMPARE(h.facility, c.facility);
    QCOMPARE(h.severity, c.severity);
    QCOMPARE(qb(h.timestamp), c.timestamp);
    QCOMPARE(h.timeValid, c.timeValid);
    QCOMPARE(h.timeUs, c.timeUs);
    QCOMPARE(qb(h.hostname), c.hostname);
    QCOMPARE(qb(h.appName), c.appName);
    QCOMPARE(qb(h.procId), c.procId);
    QCOMPARE(qb(h.msgId), c.msgId);
    QCOMPARE(qb(h.structuredData), c.structuredData);
    QCOMPARE(qb(out.message), c.message);
    // The message is a view into the line, never a copy.
    if (!out.message.empty()) {
        QVERIFY(out.message.data() >= view.data());
        QVERIFY(out.message.data() + out.message.size() <= view.data() + view.size());
    }
}

// cadf.md section 3, spelled out field by field.
void TstSyslogHeader::projectSample() {
    const std::string sample =
        "<13>1 2023-10-18T14:38:44.641868+00:00 audit-logs-cp4s fluentd - - - "
        R"({"version":"1.0","eventTime":"2023-10-18T14:38.40+0000","outcome":"SUCCESS"})";
    const cadf::syslog::SplitLine out = cadf::syslog::splitSyslog(sample, 0);
    QCOMPARE(static_cast<int>(out.header.format), static_cast<int>(SyslogFormat::Rfc5424));
    QCOMPARE(out.header.facility, 1);
    QCOMPARE(out.header.severity, 5);
    QCOMPARE(qb(out.header.hostname), QByteArray("audit-logs-cp4s"));
    QCOMPARE(qb(out.header.appName), QByteArray("fluentd"));
    QVERIFY(out.header.timeValid);
    QCOMPARE(qb(cadf::formatIso(out.header.timeUs, 0, 6)),
             QByteArray("2023-10-18T14:38:44.641868Z"));
    QVERIFY(!out.message.empty());
    QCOMPARE(out.message.front(), '{');
    QCOMPARE(out.message.back(), '}');
    QVERIFY(out.message.data() == sample.data() + sample.find('{')); // a view, not a copy
}

void TstSyslogHeader::prefixesOfValidLines_data() {
    QTest::addColumn<QByteArray>("full");
    QTest::newRow("5424 SD") << QByteArray(
        R"(<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [a@1 q="x\"y\\z\]" r="s p"][b@2 c="d"] )" +
        kBom + "msg");
    QTest::newRow("5424 sample") << QByteArray(
        "<13>1 2023-10-18T14:38:44.641868+00:00 audit-logs-cp4s fluentd - - - " + kJson);
    QTest::newRow("3164") << QByteArray("<13>Oct  1 02:03:04 host app[123]: @cee: " + kJson);
    QTest::newRow("3164 year fraction")
        << QByteArray("<13>Feb 29 2024 02:03:04.123456 host postfix/smtpd[1]: x");
    QTest::newRow("file ISO") << QByteArray("2023-10-18T14:38:44.641868+00:00 host app: " + kJson);
}

// Every prefix of a valid line: a cut anywhere (truncation over UDP, a partial read) must still
// give a sane result and never read past the cut.
void TstSyslogHeader::prefixesOfValidLines() {
    QFETCH(QByteArray, full);
    int recognised = 0;
    for (qsizetype n = 0; n <= full.size(); ++n) {
        QByteArray why;
        QVERIFY2(splitChecked(full.left(n), Q_INT64_C(1697630400000000), why),
                 QByteArray(why + " at length " + QByteArray::number(n)).constData());
        const QByteArray prefix = full.left(n);
        const std::vector<char> copy(prefix.begin(), prefix.end());
        const auto out = cadf::syslog::splitSyslog(std::string_view(copy.data(), copy.size()), 0);
        recognised += out.header.format != SyslogFormat::None ? 1 : 0;
    }
    QVERIFY(recognised > full.size() / 2);
}

// 100k seeded random byte strings drawn mostly from syslog's syntax characters.
void TstSyslogHeader::randomBytes() {
    static const char kAlphabet[] =
        "<>[]\"\\ -:.@{}1234567890TZ+OctJanFeb ceeapphost\xEF\xBB\xBF\n";
    QRandomGenerator rng(0x5eed);
    int recognised = 0;
    for (int i = 0; i < 100000; ++i) {
        const int length = rng.bounded(0, 160);
        QByteArray bytes(length, Qt::Uninitialized);
        for (int k = 0; k < length; ++k) {
            bytes[k] = rng.bounded(4) == 0 ? static_cast<char>(rng.bounded(256))
                                           : kAlphabet[rng.bounded(int(sizeof kAlphabet) - 1)];
        }
        if (rng.bounded(3) == 0) // give the PRI branch a fair share
            bytes.prepend(rng.bounded(2) ? QByteArray("<13>1 ") : QByteArray("<13>"));
        QByteArray why;
        const qint64 reference = static_cast<qint64>(rng.generate64() >> 12) - (Q_INT64_C(1) << 51);
        if (!splitChecked(bytes, reference, why))
            QFAIL(qPrintable(QString::fromLatin1(why + " for: " + bytes.toPercentEncoding())));
        // The timestamp parser sees the same garbage.
        const std::vector<char> copy(bytes.begin(), bytes.end());
        (void)cadf::parseTimestamp(std::string_view(copy.data(), copy.size()));
        recognised += cadf::syslog::splitSyslog(std::string_view(copy.data(), copy.size()), 0)
                                  .header.format != SyslogFormat::None
                          ? 1
                          : 0;
    }
    QVERIFY(recognised > 10000); // the generator did reach the parsing branches
}

// Valid lines with random bytes replaced, inserted or deleted.
void TstSyslogHeader::mutatedLines() {
    const QByteArray seeds[] = {
        "<13>1 2023-10-18T14:38:44.641868+00:00 audit-logs-cp4s fluentd - - - " + kJson,
        R"(<165>1 2003-10-11T22:14:15.003Z m evntslog - ID47 [a@1 q="x\"y\\z\]" r="s p"][b@2 c="d"] m)",
        "<13>Oct  1 02:03:04 host app[123]: @cee: " + kJson,
        "Oct 18 14:38:44 host app[123]: " + kJson,
        "2023-10-18T14:38:44.641868+00:00 host app: " + kJson,
    };
    const char kSpecial[] = "<>[]\" \\-:0\xEF";
    QRandomGenerator rng(1234);
    for (int i = 0; i < 50000; ++i) {
        QByteArray bytes = seeds[rng.bounded(int(std::size(seeds)))];
        const int edits = rng.bounded(1, 5);
        for (int e = 0; e < edits && !bytes.isEmpty(); ++e) {
            const int at = rng.bounded(int(bytes.size()));
            const char c = rng.bounded(2) ? kSpecial[rng.bounded(int(sizeof kSpecial) - 1)]
                                          : static_cast<char>(rng.bounded(256));
            switch (rng.bounded(3)) {
            case 0:
                bytes[at] = c;
                break;
            case 1:
                bytes.insert(at, c);
                break;
            default:
                bytes.remove(at, 1);
                break;
            }
        }
        QByteArray why;
        if (!splitChecked(bytes, Q_INT64_C(1697630400000000), why))
            QFAIL(qPrintable(QString::fromLatin1(why + " for: " + bytes.toPercentEncoding())));
    }
}

QTEST_APPLESS_MAIN(TstSyslogHeader)
#include "tst_syslog_header.moc"
