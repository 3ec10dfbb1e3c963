// The filter language without a store: the tree each operator builds (precedence included), the
// SQL and bound parameters it compiles to, values (times, codes, networks), errors with their
// positions and messages, and click-to-filter terms that parse back to the same value.
#include "models/filter/filter.h"
#include "models/filter/filter_ast.h"
#include "models/filter/filter_values.h"
#include "models/inventory/catalogue.h"

#include <QDateTime>
#include <QHostAddress>
#include <QRandomGenerator>
#include <QTest>
#include <QTimeZone>

#include <algorithm>
#include <iterator>

using namespace cadf::filter;

namespace {

// 2023-10-18T15:00:00Z: relative times count back from here.
constexpr qint64 kNow = 1697641200LL * 1000000;

CompileOptions options(int offsetSeconds = 0) {
    CompileOptions o;
    o.nowUs = kNow;
    o.displayUtcOffsetSeconds = offsetSeconds;
    return o;
}

QString patternText(const Pattern& p) {
    return p.parts.join(u'*');
}

// An S-expression of the tree: (and a b), (or a b), (not a), terms as field:value, ranges as
// field[lo,hi), searches as "~text".
QString render(const Node& n) {
    switch (n.kind) {
    case Node::Kind::And:
    case Node::Kind::Or: {
        QStringList parts;
        for (const Node& c : n.children)
            parts << render(c);
        return (n.kind == Node::Kind::And ? QStringLiteral("(and ") : QStringLiteral("(or ")) +
               parts.join(u' ') + u')';
    }
    case Node::Kind::Not:
        return QStringLiteral("(not ") + render(n.children.front()) + u')';
    case Node::Kind::Term:
        break;
    }
    const Term& t = n.term;
    const QString field = QLatin1String(fieldName(t.field));
    switch (t.kind) {
    case TermKind::Text:
        return field + u':' + patternText(t.pattern);
    case TermKind::Search:
        return u'~' + patternText(t.pattern);
    case TermKind::Cidr:
        return field + QStringLiteral(":cidr(") + t.cidr + u')';
    case TermKind::Range:
        return field + u'[' + (t.lo ? QString::number(*t.lo) : QString()) + u',' +
               (t.hi ? QString::number(*t.hi) : QString()) + u')';
    case TermKind::Outcomes:
    case TermKind::Ids: {
        QStringList ids;
        for (int id : t.ids)
            ids << QString::number(id);
        return field + QStringLiteral("#{") + ids.join(u',') + u'}';
    }
    }
    return {};
}

QString paramsText(const cadf::store::SqlFilter& f) {
    QStringList out;
    for (const auto& p : f.params) {
        if (const auto* i = std::get_if<std::int64_t>(&p))
            out << QString::number(*i);
        else if (const auto* s = std::get_if<std::string>(&p))
            out << u'\'' + QString::fromStdString(*s) + u'\'';
        else
            out << QStringLiteral("?");
    }
    return out.join(QStringLiteral(", "));
}

qint64 utcUs(const char* iso) {
    const QDateTime dt = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs);
    if (!dt.isValid())
        qFatal("bad oracle time %s", iso);
    return dt.toMSecsSinceEpoch() * 1000;
}

int serviceIdOf(const char* name) {
    return cadf::inventory::Catalogue::builtIn().serviceId(name);
}

} // namespace

class TestFilterParser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void tree_data();
    void tree();
    void sql_data();
    void sql();
    void times_data();
    void times();
    void timesInADaylightSavingZone_data();
    void timesInADaylightSavingZone();
    void cidr_data();
    void cidr();
    void errors_data();
    void errors();
    void injectionStaysAValue_data();
    void injectionStaysAValue();
    void termForRoundTrips_data();
    void termForRoundTrips();
    void termsForTheUi();
    void everyFieldIsDescribedAndCompiles();
    void inventoryNames_data();
    void inventoryNames();
    void randomTextNeverBreaks_data();
    void randomTextNeverBreaks();
};

void TestFilterParser::tree_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    const QString t15 = QString::number(kNow - 15 * 60 * 1000000LL);
    QTest::newRow("plain") << "initiator:alice"
                           << "initiator:alice";
    QTest::newRow("field case") << "Initiator.NAME:alice"
                                << "initiator.name:alice";
    QTest::newRow("equals sign") << "action=read"
                                 << "action:read";
    QTest::newRow("double equals") << "action==read"
                                   << "action:read";
    QTest::newRow("quoted") << "initiator:\"alice smith\""
                            << "initiator:alice smith";
    QTest::newRow("wildcard") << "target.id:/api/*/cases"
                              << "target.id:/api/*/cases";
    QTest::newRow("escaped star") << "initiator:a\\*b"
                                  << "initiator:a*b";
    QTest::newRow("not equal") << "action!=read"
                               << "(not action:read)";
    QTest::newRow("implicit and") << "a b"
                                  << "(and ~*a* ~*b*)";
    QTest::newRow("AND") << "a AND b"
                         << "(and ~*a* ~*b*)";
    QTest::newRow("and lower") << "a and b"
                               << "(and ~*a* ~*b*)";
    QTest::newRow("&&") << "a && b"
                        << "(and ~*a* ~*b*)";
    QTest::newRow("OR") << "a OR b"
                        << "(or ~*a* ~*b*)";
    QTest::newRow("||") << "a || b"
                        << "(or ~*a* ~*b*)";
    QTest::newRow("and binds tighter than or") << "a b OR c"
                                               << "(or (and ~*a* ~*b*) ~*c*)";
    QTest::newRow("or then and") << "a OR b AND c"
                                 << "(or ~*a* (and ~*b* ~*c*))";
    QTest::newRow("parentheses") << "(a OR b) c"
                                 << "(and (or ~*a* ~*b*) ~*c*)";
    QTest::newRow("nested parentheses") << "((a))"
                                        << "~*a*";
    QTest::newRow("NOT") << "NOT a b"
                         << "(and (not ~*a*) ~*b*)";
    QTest::newRow("leading minus") << "-outcome:success a"
                                   << "(and (not outcome#{1}) ~*a*)";
    QTest::newRow("bang") << "!a"
                          << "(not ~*a*)";
    QTest::newRow("not not") << "NOT -a"
                             << "(not (not ~*a*))";
    QTest::newRow("not group") << "-(a OR b)"
                               << "(not (or ~*a* ~*b*))";
    QTest::newRow("phrase") << "\"disk full\""
                            << "~*disk full*";
    QTest::newRow("quoted keyword is a phrase") << "\"OR\""
                                                << "~*OR*";
    QTest::newRow("hyphen inside word") << "svc-admin"
                                        << "~*svc-admin*";
    QTest::newRow("code exact") << "code:401"
                                << "code[401,402)";
    QTest::newRow("code class") << "code:4xx"
                                << "code[400,500)";
    QTest::newRow("code class upper") << "code:5XX"
                                      << "code[500,600)";
    QTest::newRow("code range") << "code:400..499"
                                << "code[400,500)";
    QTest::newRow("code <") << "code<400"
                            << "code[,400)";
    QTest::newRow("code <=") << "code<=400"
                             << "code[,401)";
    QTest::newRow("code >") << "code>400"
                            << "code[401,)";
    QTest::newRow("code >=") << "code>=500"
                             << "code[500,)";
    QTest::newRow("code !=") << "code!=200"
                             << "(not code[200,201))";
    QTest::newRow("code text") << "code:Unauthorized"
                               << "code:Unauthorized";
    QTest::newRow("code wildcard") << "code:40*"
                                   << "code:40*";
    QTest::newRow("time relative") << "time>=-15m"
                                   << "time[" + t15 + ",)";
    QTest::newRow("time relative colon") << "time:-15m"
                                         << "time[" + t15 + ",)";
    QTest::newRow("address cidr") << "address:10.1.2.3/8"
                                  << "address:cidr(10.0.0.0/8)";
    QTest::newRow("address v6 cidr") << "address:2001:DB8::1/32"
                                     << "address:cidr(2001:db8::/32)";
    QTest::newRow("address plain") << "address:10.0.0.1"
                                   << "address:10.0.0.1";
    QTest::newRow("address v6 plain") << "address:fe80::1"
                                      << "address:fe80::1";
    QTest::newRow("outcome folded") << "outcome:FAILURE"
                                    << "outcome#{2}";
    QTest::newRow("outcome wildcard") << "outcome:*u*"
                                      << "outcome#{0,1,2}";
    QTest::newRow("outcome raw") << "outcome:denied"
                                 << "outcome:denied";
    QTest::newRow("service") << "service:udi"
                             << "service#{" + QString::number(serviceIdOf("UDI")) + "}";
    QTest::newRow("unclassified") << "service:unclassified"
                                  << "service#{0}";
    QTest::newRow("endpoint empty") << "endpoint:\"\""
                                    << "endpoint#{0}";
    QTest::newRow("empty value") << "agent:\"\""
                                 << "agent:";
    QTest::newRow("time value with colons")
        << "time:2023-10-18T14:00Z"
        << "time[" + QString::number(utcUs("2023-10-18T14:00:00Z")) + "," +
               QString::number(utcUs("2023-10-18T14:01:00Z")) + ")";
    QTest::newRow("blank") << "   "
                           << "";
}

void TestFilterParser::tree() {
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const ParseResult r = parse(text, options());
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QCOMPARE(r.root ? render(*r.root) : QString(), expected);
}

void TestFilterParser::sql_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("params");
    QTest::newRow("empty") << ""
                           << ""
                           << "";
    QTest::newRow("action") << "action:read"
                            << "e.action IN (SELECT id FROM strings WHERE kind = 1 AND value = ? "
                               "COLLATE NOCASE)"
                            << "'read'";
    QTest::newRow("action wildcard") << "action:re_d*%"
                                     << "e.action IN (SELECT id FROM strings WHERE kind = 1 AND "
                                        "value LIKE ? ESCAPE '\\')"
                                     << "'re\\_d%\\%'";
    QTest::newRow("any value") << "agent:*"
                               << "e.agent IN (SELECT id FROM strings WHERE kind = 9 AND value "
                                  "<> '')"
                               << "";
    QTest::newRow("empty value") << "agent:\"\""
                                 << "e.agent = 0"
                                 << "";
    QTest::newRow("initiator") << "initiator:alice"
                               << "e.initiator IN (SELECT id FROM resource_ids WHERE rid = ? "
                                  "COLLATE NOCASE OR attrs IN (SELECT id FROM resource_attrs "
                                  "WHERE name = ? COLLATE NOCASE))"
                               << "'alice', 'alice'";
    QTest::newRow("target.type") << "target.type:x"
                                 << "e.target IN (SELECT id FROM resource_ids WHERE attrs IN "
                                    "(SELECT id FROM resource_attrs WHERE type = ? COLLATE "
                                    "NOCASE))"
                                 << "'x'";
    QTest::newRow("credential") << "credential:token"
                                << "e.initiator IN (SELECT id FROM resource_ids WHERE attrs IN "
                                   "(SELECT id FROM resource_attrs WHERE credential = ? COLLATE "
                                   "NOCASE))"
                                << "'token'";
    QTest::newRow("observer") << "observer:x"
                              << "e.observer IN (SELECT id FROM resource_ids WHERE rid = ? "
                                 "COLLATE NOCASE OR attrs IN (SELECT id FROM resource_attrs "
                                 "WHERE name = ? COLLATE NOCASE))"
                              << "'x', 'x'";
    QTest::newRow("host") << "host:h1"
                          << "e.syslog_host IN (SELECT id FROM strings WHERE kind = 12 AND value "
                             "= ? COLLATE NOCASE)"
                          << "'h1'";
    QTest::newRow("code") << "code:401"
                          << "(e.code IS NOT NULL AND e.code = ?)"
                          << "401";
    QTest::newRow("code range") << "code:4xx"
                                << "(e.code IS NOT NULL AND e.code >= ? AND e.code < ?)"
                                << "400, 500";
    QTest::newRow("time") << "time<2023-10-19"
                          << "(e.ts < ?)" << QString::number(utcUs("2023-10-19T00:00:00Z"));
    QTest::newRow("outcome") << "outcome:failure"
                             << "e.outcome = ?"
                             << "2";
    QTest::newRow("outcomes") << "outcome:*e*"
                              << "e.outcome IN (?, ?, ?)"
                              << "1, 2, 3";
    QTest::newRow("id") << "id:ABC"
                        << "(e.cadf_id IS NOT NULL AND e.cadf_id = ?)"
                        << "'ABC'";
    QTest::newRow("id glob") << "id:a[b?*"
                             << "(e.cadf_id IS NOT NULL AND e.cadf_id <> '' AND e.cadf_id GLOB ?)"
                             << "'a[[]b[?]*'";
    QTest::newRow("source") << "source:app.log"
                            << "e.source IN (SELECT id FROM sources WHERE name = ? COLLATE NOCASE "
                               "OR name LIKE ? ESCAPE '\\')"
                            << "'app.log', '%/app.log'";
    QTest::newRow("cidr") << "address:10.0.0.0/8"
                          << "e.address IN (SELECT id FROM strings WHERE kind = 8 AND "
                             "cadf_cidr_match(?, value))"
                          << "'10.0.0.0/8'";
    QTest::newRow("service none") << "service:nothing*"
                                  << "0"
                                  << "";
    QTest::newRow("precedence")
        << "code:401 OR NOT code:403 code:404"
        << "((e.code IS NOT NULL AND e.code = ?) OR (NOT ((e.code IS NOT NULL AND e.code = ?)) "
           "AND (e.code IS NOT NULL AND e.code = ?)))"
        << "401, 403, 404";
}

void TestFilterParser::sql() {
    QFETCH(QString, text);
    QFETCH(QString, where);
    QFETCH(QString, params);
    const CompiledFilter f = compile(text, options());
    QVERIFY2(f.ok, qPrintable(f.error.message));
    QCOMPARE(QString::fromStdString(f.sql.where), where);
    QCOMPARE(paramsText(f.sql), params);
    QCOMPARE(f.sql.where.find('?') == std::string::npos, f.sql.params.empty());
}

void TestFilterParser::times_data() {
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("offset");
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("end");
    const qint64 min = 60 * 1000000LL;
    QTest::newRow("date") << "2023-10-18" << 0 << utcUs("2023-10-18T00:00:00Z")
                          << utcUs("2023-10-19T00:00:00Z");
    QTest::newRow("date in display zone")
        << "2023-10-18" << 7200 << utcUs("2023-10-17T22:00:00Z") << utcUs("2023-10-18T22:00:00Z");
    QTest::newRow("minutes") << "2023-10-18T14:00" << 0 << utcUs("2023-10-18T14:00:00Z")
                             << utcUs("2023-10-18T14:01:00Z");
    QTest::newRow("minutes display zone")
        << "2023-10-18T14:00" << -18000 << utcUs("2023-10-18T19:00:00Z")
        << utcUs("2023-10-18T19:01:00Z");
    QTest::newRow("space separator") << "2023-10-18 14:00" << 0 << utcUs("2023-10-18T14:00:00Z")
                                     << utcUs("2023-10-18T14:01:00Z");
    QTest::newRow("seconds Z") << "2023-10-18T14:00:05Z" << 3600 << utcUs("2023-10-18T14:00:05Z")
                               << utcUs("2023-10-18T14:00:06Z");
    QTest::newRow("zone +02:00") << "2023-10-18T14:00+02:00" << 0 << utcUs("2023-10-18T12:00:00Z")
                                 << utcUs("2023-10-18T12:01:00Z");
    QTest::newRow("zone -0530") << "2023-10-18T14:00:00-0530" << 0 << utcUs("2023-10-18T19:30:00Z")
                                << utcUs("2023-10-18T19:30:01Z");
    QTest::newRow("fraction") << "2023-10-18T14:00:00.250Z" << 0
                              << utcUs("2023-10-18T14:00:00.250Z")
                              << utcUs("2023-10-18T14:00:00.251Z");
    QTest::newRow("leap day") << "2024-02-29" << 0 << utcUs("2024-02-29T00:00:00Z")
                              << utcUs("2024-03-01T00:00:00Z");
    QTest::newRow("-15m") << "-15m" << 0 << kNow - 15 * min << kNow - 15 * min + 1;
    QTest::newRow("-2h") << "-2h" << 0 << kNow - 120 * min << kNow - 120 * min + 1;
    QTest::newRow("-7d") << "-7d" << 0 << kNow - 7 * 1440 * min << kNow - 7 * 1440 * min + 1;
    QTest::newRow("-30s") << "-30s" << 0 << kNow - 30000000LL << kNow - 30000000LL + 1;
    QTest::newRow("now") << "now" << 0 << kNow << kNow + 1;
}

void TestFilterParser::times() {
    QFETCH(QString, value);
    QFETCH(int, offset);
    QFETCH(qint64, start);
    QFETCH(qint64, end);
    const auto span = parseTimeValue(value, kNow, offset);
    QVERIFY(span);
    QCOMPARE(span->start, start);
    QCOMPARE(span->end, end);

    // Comparisons take the start or the end of that span.
    auto range = [&](const QString& op) {
        const ParseResult r =
            parse(QStringLiteral("time") + op + u'"' + value + u'"', options(offset));
        if (!r.ok || !r.root || r.root->kind != Node::Kind::Term)
            qFatal("time term did not parse: %s", qPrintable(r.error.message));
        return std::pair(r.root->term.lo, r.root->term.hi);
    };
    QCOMPARE(range(QStringLiteral(">=")).first, std::optional<std::int64_t>(start));
    QCOMPARE(range(QStringLiteral(">")).first, std::optional<std::int64_t>(end));
    QCOMPARE(range(QStringLiteral("<")).second, std::optional<std::int64_t>(start));
    QCOMPARE(range(QStringLiteral("<=")).second, std::optional<std::int64_t>(end));
}

void TestFilterParser::timesInADaylightSavingZone_data() {
    QTest::addColumn<QString>("value");
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("end");
    QTest::newRow("summer") << "2023-10-18T14:00" << utcUs("2023-10-18T12:00:00Z")
                            << utcUs("2023-10-18T12:01:00Z");
    QTest::newRow("winter") << "2023-12-18T14:00" << utcUs("2023-12-18T13:00:00Z")
                            << utcUs("2023-12-18T13:01:00Z");
    QTest::newRow("fraction") << "2023-10-18T14:00:30.5" << utcUs("2023-10-18T12:00:30.500Z")
                              << utcUs("2023-10-18T12:00:30.600Z");
    QTest::newRow("25-hour day") << "2023-10-29" << utcUs("2023-10-28T22:00:00Z")
                                 << utcUs("2023-10-29T23:00:00Z");
    QTest::newRow("23-hour day") << "2023-03-26" << utcUs("2023-03-25T23:00:00Z")
                                 << utcUs("2023-03-26T22:00:00Z");
    QTest::newRow("explicit zone wins")
        << "2023-10-18T14:00Z" << utcUs("2023-10-18T14:00:00Z") << utcUs("2023-10-18T14:01:00Z");
    QTest::newRow("relative") << "-15m" << kNow - 15 * 60 * 1000000LL
                              << kNow - 15 * 60 * 1000000LL + 1;
}

void TestFilterParser::timesInADaylightSavingZone() {
    QFETCH(QString, value);
    QFETCH(qint64, start);
    QFETCH(qint64, end);
    const QTimeZone berlin("Europe/Berlin");
    QVERIFY(berlin.isValid());
    // A fixed offset that would be wrong in summer: the zone overrides it.
    const auto span = parseTimeValue(value, kNow, 3600, &berlin);
    QVERIFY(span);
    QCOMPARE(span->start, start);
    QCOMPARE(span->end, end);
    CompileOptions o = options(3600);
    o.displayTimeZone = berlin;
    const ParseResult r = parse(QStringLiteral("time:") + value, o);
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QCOMPARE(r.root->term.lo, std::optional<std::int64_t>(start));
}

void TestFilterParser::cidr_data() {
    QTest::addColumn<QString>("cidr");
    QTest::addColumn<QString>("address");
    QTest::newRow("v4 /8 in") << "10.0.0.0/8"
                              << "10.200.3.4";
    QTest::newRow("v4 /8 out") << "10.0.0.0/8"
                               << "11.0.0.1";
    QTest::newRow("v4 /32") << "192.168.1.7/32"
                            << "192.168.1.7";
    QTest::newRow("v4 /32 out") << "192.168.1.7/32"
                                << "192.168.1.8";
    QTest::newRow("v4 /0") << "0.0.0.0/0"
                           << "8.8.8.8";
    QTest::newRow("v4 /20 edge") << "172.16.0.0/20"
                                 << "172.16.15.255";
    QTest::newRow("v4 /20 edge out") << "172.16.0.0/20"
                                     << "172.16.16.0";
    QTest::newRow("v6 /32") << "2001:db8::/32"
                            << "2001:db8:ffff::9";
    QTest::newRow("v6 /32 out") << "2001:db8::/32"
                                << "2001:db9::1";
    QTest::newRow("v6 /127") << "fe80::/127"
                             << "fe80::1";
    QTest::newRow("v6 /127 out") << "fe80::/127"
                                 << "fe80::2";
    QTest::newRow("v4 net, v6 address") << "10.0.0.0/8"
                                        << "2001:db8::1";
    QTest::newRow("v6 net, v4 address") << "::/0"
                                        << "10.0.0.1";
    QTest::newRow("not an address") << "10.0.0.0/8"
                                    << "10.0.0.x";
    QTest::newRow("host name") << "10.0.0.0/8"
                               << "localhost";
}

void TestFilterParser::cidr() {
    QFETCH(QString, cidr);
    QFETCH(QString, address);
    // Oracle: Qt's own subnet test.
    const auto subnet = QHostAddress::parseSubnet(cidr);
    QHostAddress host;
    const bool expected = host.setAddress(address) && host.isInSubnet(subnet);
    QCOMPARE(cidrContains(cidr.toStdString(), address.toStdString()), expected);
    // The canonical form names the same network.
    const auto canonical = canonicalCidr(cidr);
    QVERIFY(canonical);
    QCOMPARE(QHostAddress::parseSubnet(*canonical), subnet);
}

void TestFilterParser::errors_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("position");
    QTest::addColumn<int>("length");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown field, suggestion")
        << "code:4xx outcme:failure" << 9 << 6
        << QStringLiteral("unknown field 'outcme' — did you mean 'outcome'?");
    QTest::newRow("unknown subfield") << "initiator.nam:x" << 0 << 13
                                      << "unknown field 'initiator.nam' — did you mean "
                                         "'initiator.name'?";
    QTest::newRow("unknown field, no suggestion")
        << "http://x" << 0 << 4
        << "unknown field 'http' (put text with ':' in quotes to search for it)";
    QTest::newRow("missing value")
        << "a initiator: b" << 2 << 10 << "missing value after 'initiator:'";
    QTest::newRow("missing value at end") << "code>=" << 0 << 6 << "missing value after 'code>='";
    QTest::newRow("unterminated quote")
        << "initiator:\"alice" << 10 << 6 << "missing closing quote";
    QTest::newRow("unterminated phrase") << "a \"b c" << 2 << 4 << "missing closing quote";
    QTest::newRow("text after quote")
        << "initiator:\"a\"b" << 13 << 1 << "expected a space after the closing quote";
    QTest::newRow("missing paren") << "x (a OR b" << 2 << 1 << "missing ')' for this '('";
    QTest::newRow("paren at end") << "a (" << 2 << 1 << "missing ')' for this '('";
    QTest::newRow("extra paren") << "a) b" << 1 << 1 << "unexpected ')' (no '(' before it)";
    QTest::newRow("empty parens") << "a ()" << 2 << 2 << "empty parentheses";
    QTest::newRow("dangling and") << "a AND" << 2 << 3 << "expected a filter term after 'AND'";
    QTest::newRow("dangling or") << "a or )" << 2 << 2 << "expected a filter term after 'or'";
    QTest::newRow("leading or") << "OR a" << 0 << 2 << "expected a filter term before 'OR'";
    QTest::newRow("double and") << "a AND AND b" << 2 << 3 << "expected a filter term after 'AND'";
    QTest::newRow("dangling not") << "a NOT" << 2 << 3 << "expected a filter term after 'NOT'";
    QTest::newRow("dangling minus") << "a -" << 2 << 1 << "expected a filter term after '-'";
    QTest::newRow("compare on text")
        << "action>=read" << 6 << 2 << "'>=' works only with code and time";
    QTest::newRow("bad code range")
        << "code:4xx..499" << 5 << 8 << "invalid code '4xx..499' (use e.g. 401, 4xx or 400..499)";
    QTest::newRow("bad code compare")
        << "code<abc" << 5 << 3 << "invalid code 'abc' (use e.g. 401, 4xx or 400..499)";
    QTest::newRow("empty code range")
        << "code:500..400" << 5 << 8 << "empty range '500..400' (the start is after the end)";
    QTest::newRow("bad time") << "time>=yesterday" << 6 << 9
                              << "invalid time 'yesterday' (use e.g. 2023-10-18, "
                                 "2023-10-18T14:00, 2023-10-18T14:00:00+02:00 or -15m)";
    QTest::newRow("bad date") << "time:2023-02-30" << 5 << 10
                              << "invalid time '2023-02-30' (use e.g. 2023-10-18, "
                                 "2023-10-18T14:00, 2023-10-18T14:00:00+02:00 or -15m)";
    QTest::newRow("bad hour") << "time:\"2023-10-18T25:00\"" << 5 << 18
                              << "invalid time '2023-10-18T25:00' (use e.g. 2023-10-18, "
                                 "2023-10-18T14:00, 2023-10-18T14:00:00+02:00 or -15m)";
    QTest::newRow("relative unit") << "time>-15y" << 5 << 4
                                   << "invalid time '-15y' (use e.g. 2023-10-18, "
                                      "2023-10-18T14:00, 2023-10-18T14:00:00+02:00 or -15m)";
    QTest::newRow("time range with compare")
        << "time>=-2h..-1h" << 6 << 8 << "a range needs ':' (time:A..B)";
    QTest::newRow("empty time range") << "time:2023-10-19..2023-10-18" << 5 << 22
                                      << "empty range '2023-10-19..2023-10-18' (the start is "
                                         "after the end)";
    QTest::newRow("bad network") << "address:10.0.0.0/33" << 8 << 11
                                 << "invalid network '10.0.0.0/33' (use e.g. 10.0.0.0/8 or "
                                    "2001:db8::/32)";
    QTest::newRow("bad network text") << "address:foo/8" << 8 << 5
                                      << "invalid network 'foo/8' (use e.g. 10.0.0.0/8 or "
                                         "2001:db8::/32)";
    QTest::newRow("unknown service") << "service:UDX" << 8 << 3
                                     << QStringLiteral("unknown service 'UDX' — did you mean "
                                                       "'UDI'?");
    QTest::newRow("unknown service far")
        << "service:zzzzzzzz" << 8 << 8 << "unknown service 'zzzzzzzz'";
    QTest::newRow("unknown category") << "category:Dashbords" << 9 << 9
                                      << QStringLiteral("unknown category 'Dashbords' — did you "
                                                        "mean 'Dashboards'?");
    QTest::newRow("unknown endpoint") << "endpoint:nothing-like-it-at-all" << 9 << 22
                                      << "unknown endpoint 'nothing-like-it-at-all'";
    QTest::newRow("empty phrase") << "a \"\"" << 2 << 2 << "empty search text";
    QTest::newRow("only stars") << "**" << 0 << 2 << "empty search text";
}

void TestFilterParser::errors() {
    QFETCH(QString, text);
    QFETCH(int, position);
    QFETCH(int, length);
    QFETCH(QString, message);
    const CompiledFilter f = compile(text, options());
    QVERIFY(!f.ok);
    QCOMPARE(f.error.message, message);
    QCOMPARE(f.error.position, position);
    QCOMPARE(f.error.length, length);
    QVERIFY(f.sql.where.empty());
}

void TestFilterParser::injectionStaysAValue_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("value");
    QTest::newRow("quote or") << R"(initiator:"x' OR 1=1 --")"
                              << "x' OR 1=1 --";
    QTest::newRow("drop table") << R"(action:"read'); DROP TABLE events; --")"
                                << "read'); DROP TABLE events; --";
    QTest::newRow("phrase") << R"("' OR ''='")"
                            << "%' OR ''='%";
    QTest::newRow("id") << R"(id:"1' OR '1'='1")"
                        << "1' OR '1'='1";
    QTest::newRow("source") << R"(source:"x\" OR 1=1")"
                            << "x\" OR 1=1";
}

void TestFilterParser::injectionStaysAValue() {
    QFETCH(QString, text);
    QFETCH(QString, value);
    const CompiledFilter f = compile(text, options());
    QVERIFY2(f.ok, qPrintable(f.error.message));
    // The SQL text holds only fixed fragments: no quote from the value, no comment.
    QVERIFY(f.sql.where.find("--") == std::string::npos);
    QVERIFY(f.sql.where.find("1=1") == std::string::npos);
    QVERIFY(f.sql.where.find("DROP") == std::string::npos);
    bool bound = false;
    for (const auto& p : f.sql.params) {
        if (const auto* s = std::get_if<std::string>(&p))
            bound = bound || *s == value.toStdString();
    }
    QVERIFY2(bound, qPrintable(paramsText(f.sql)));
}

void TestFilterParser::termForRoundTrips_data() {
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("exclude");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << "initiator"
                           << "alice" << false << "initiator:alice";
    QTest::newRow("space") << "initiator"
                           << "alice smith" << false << "initiator:\"alice smith\"";
    QTest::newRow("exclude") << "initiator"
                             << "alice smith" << true << "-initiator:\"alice smith\"";
    QTest::newRow("star") << "target.id"
                          << "/api/*" << false << "target.id:/api/\\*";
    QTest::newRow("quote") << "agent"
                           << "say \"hi\"" << false << "agent:\"say \\\"hi\\\"\"";
    QTest::newRow("backslash") << "initiator.name"
                               << "CORP\\alice" << false << "initiator.name:CORP\\\\alice";
    QTest::newRow("parens") << "agent"
                            << "Mozilla/5.0 (X11)" << false << "agent:\"Mozilla/5.0 (X11)\"";
    QTest::newRow("keyword") << "action"
                             << "or" << false << "action:\"or\"";
    QTest::newRow("empty") << "agent"
                           << "" << true << "-agent:\"\"";
    QTest::newRow("url") << "target.id"
                         << "https://h/x?a=1&b" << false << "target.id:https://h/x?a=1&b";
    QTest::newRow("leading minus") << "action"
                                   << "-x" << false << "action:-x";
    QTest::newRow("field case") << "Initiator.ID"
                                << "u1" << false << "initiator.id:u1";
}

void TestFilterParser::termForRoundTrips() {
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(bool, exclude);
    QFETCH(QString, expected);
    const QString term = termFor(field, value, exclude);
    QCOMPARE(term, expected);
    const ParseResult r = parse(term, options());
    QVERIFY2(r.ok, qPrintable(r.error.message));
    const Node* n = &*r.root;
    QCOMPARE(n->kind == Node::Kind::Not, exclude);
    if (exclude)
        n = &n->children.front();
    QCOMPARE(n->kind, Node::Kind::Term);
    QCOMPARE(n->term.kind, TermKind::Text);
    QVERIFY(!n->term.pattern.isWildcard());
    QCOMPARE(n->term.pattern.parts.front(), value);
}

void TestFilterParser::termsForTheUi() {
    const CompiledFilter f = compile(
        QStringLiteral("outcome:failure -initiator:\"a b\" (code!=401 OR disk)"), options());
    QVERIFY2(f.ok, qPrintable(f.error.message));
    QCOMPARE(f.terms.size(), 4);
    QCOMPARE(f.terms[0].field, QStringLiteral("outcome"));
    QCOMPARE(f.terms[0].value, QStringLiteral("failure"));
    QCOMPARE(f.terms[0].negated, false);
    QCOMPARE(f.terms[0].position, 0);
    QCOMPARE(f.terms[0].length, 15);
    QCOMPARE(f.terms[1].field, QStringLiteral("initiator"));
    QCOMPARE(f.terms[1].value, QStringLiteral("a b"));
    QCOMPARE(f.terms[1].negated, true);
    QCOMPARE(f.terms[1].position, 17);
    QCOMPARE(f.terms[2].op, QStringLiteral("!="));
    QCOMPARE(f.terms[2].negated, true);
    QCOMPARE(f.terms[3].field, QString());
    QCOMPARE(f.terms[3].value, QStringLiteral("disk"));
}

void TestFilterParser::everyFieldIsDescribedAndCompiles() {
    const QStringList names = fieldNames();
    QCOMPARE(names.size(), 25);
    for (const QString& name : names) {
        QVERIFY2(!fieldDescription(name).isEmpty(), qPrintable(name));
        QVERIFY(fieldFromName(name));
        QCOMPARE(QLatin1String(fieldName(*fieldFromName(name))), name);
        const QString value = name == QLatin1String("time")       ? QStringLiteral("-1h")
                              : name == QLatin1String("code")     ? QStringLiteral("200")
                              : name == QLatin1String("service")  ? QStringLiteral("UDI")
                              : name == QLatin1String("category") ? QStringLiteral("Dash*")
                              : name == QLatin1String("endpoint") ? QStringLiteral("*list*")
                                                                  : QStringLiteral("x");
        const CompiledFilter f = compile(name + u':' + value, options());
        QVERIFY2(f.ok, qPrintable(name + QStringLiteral(": ") + f.error.message));
        QVERIFY(!f.sql.where.empty());
    }
    QVERIFY(fieldDescription(QStringLiteral("nope")).isEmpty());
    const QList<FilterExample> list = examples();
    QVERIFY(list.size() >= 10);
    for (const FilterExample& example : list) {
        const CompiledFilter f = compile(example.text, options());
        QVERIFY2(f.ok, qPrintable(example.text + QStringLiteral(": ") + f.error.message));
        QVERIFY(!example.description.isEmpty());
    }
    QVERIFY(groupFieldFor(QStringLiteral("service")) == cadf::store::GroupField::Service);
    QVERIFY(groupFieldFor(QStringLiteral("address")) == cadf::store::GroupField::Address);
    QVERIFY(!groupFieldFor(QStringLiteral("severity")));
}

void TestFilterParser::inventoryNames_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("count");
    const auto& catalogue = cadf::inventory::Catalogue::builtIn();
    int dashboards = 0;
    for (const auto& s : catalogue.services())
        dashboards += s.category == "Dashboards";
    int controllers = 0;
    for (const auto& row : catalogue.rows())
        controllers +=
            QString::fromStdString(row.description).contains(u"controllers", Qt::CaseInsensitive);
    QVERIFY(dashboards > 0 && controllers > 0);
    QTest::newRow("service wildcard") << "service:*" << int(catalogue.services().size()) + 1;
    QTest::newRow("category") << "category:dashboards" << dashboards;
    QTest::newRow("endpoint wildcard") << "endpoint:*controllers*" << controllers;
}

void TestFilterParser::inventoryNames() {
    QFETCH(QString, text);
    QFETCH(int, count);
    const ParseResult r = parse(text, options());
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QCOMPARE(r.root->term.kind, TermKind::Ids);
    QCOMPARE(int(r.root->term.ids.size()), count);
}

void TestFilterParser::randomTextNeverBreaks_data() {
    QTest::addColumn<quint32>("seed");
    for (quint32 seed : {1u, 2u, 3u, 4u})
        QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(seed))) << seed;
}

// Token soup from the language's own pieces: every text either compiles to SQL whose
// placeholders match its parameters, or fails with a span inside the text.
void TestFilterParser::randomTextNeverBreaks() {
    QFETCH(quint32, seed);
    static const char* const pieces[] = {"initiator",  "code",
                                         "time",       "address",
                                         "service",    "outcome",
                                         ":",          "!=",
                                         "<=",         ">",
                                         "=",          "\"",
                                         "\\",         "*",
                                         "(",          ")",
                                         " ",          " ",
                                         "-",          "!",
                                         "AND",        "or",
                                         "NOT",        "&&",
                                         "||",         "4xx",
                                         "..",         "401",
                                         "-15m",       "2023-10-18T14:00",
                                         "10.0.0.0/8", "UDI",
                                         "alice",      "x' OR 1=1 --",
                                         "é",          "\t",
                                         "outcme",     ".",
                                         "/",          "%",
                                         "_",          "'",
                                         ";"};
    QRandomGenerator random(seed);
    for (int i = 0; i < 2000; ++i) {
        QString text;
        const int count = int(random.bounded(1, 12));
        for (int k = 0; k < count; ++k)
            text += QString::fromUtf8(pieces[random.bounded(int(std::size(pieces)))]);
        const CompiledFilter f = compile(text, options());
        if (f.ok) {
            const auto marks = std::count(f.sql.where.begin(), f.sql.where.end(), '?');
            QVERIFY2(std::size_t(marks) == f.sql.params.size(), qPrintable(text));
            QVERIFY2(f.sql.where.find('\'') == std::string::npos ||
                         f.sql.where.find("x'") == std::string::npos,
                     qPrintable(text));
        } else {
            QVERIFY2(!f.error.message.isEmpty(), qPrintable(text));
            QVERIFY2(f.error.position >= 0 && f.error.length >= 1 &&
                         f.error.position + f.error.length <= text.size(),
                     qPrintable(text + QStringLiteral(" -> ") + f.error.message));
        }
    }
}

QTEST_APPLESS_MAIN(TestFilterParser)
#include "tst_filter_parser.moc"
