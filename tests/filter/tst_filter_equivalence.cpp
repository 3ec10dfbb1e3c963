// The generated SQL against a straightforward evaluation: on a real store built from the seeded
// log generator, each filter returns exactly the events that an in-memory walk of the same
// parsed filter over the stored events selects. The evaluator below reads the events' own
// fields (cadf::Event, the catalogue's names, Qt's subnet test) and shares no matching code with
// the SQL generator; it only reuses the parse tree. Also: the main fields use their indexes, and
// the unindexed form of every filter (the full-pass plan, filter_plan.cpp) selects the same events
// with a table scan, and so does the form with its dictionary look-ups resolved to ids.
#include "filter_test_store.h"

#include "models/cadf/event.h"
#include "models/filter/filter.h"
#include "models/filter/filter_ast.h"
#include "models/inventory/catalogue.h"
#include "models/store/sqlite_db.h"
#include "models/store/store_reader.h"
#include "models/store/store_writer.h"

#include <QHash>
#include <QHostAddress>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <set>

using namespace cadf::filter;
using cadf::store::StoredEvent;

namespace {

QString asciiLower(QString s) {
    for (QChar& c : s) {
        if (c >= u'A' && c <= u'Z')
            c = QChar(c.unicode() + 32);
    }
    return s;
}

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

class Evaluator {
public:
    explicit Evaluator(const cadf::inventory::Catalogue& catalogue)
        : m_catalogue(catalogue) {}

    bool eval(const Node& n, const StoredEvent& s) {
        switch (n.kind) {
        case Node::Kind::And:
            return std::all_of(n.children.begin(), n.children.end(),
                               [&](const Node& c) { return eval(c, s); });
        case Node::Kind::Or:
            return std::any_of(n.children.begin(), n.children.end(),
                               [&](const Node& c) { return eval(c, s); });
        case Node::Kind::Not:
            return !eval(n.children.front(), s);
        case Node::Kind::Term:
            break;
        }
        return term(n.term, s);
    }

private:
    // Equality ignoring ASCII case, or '*' wildcards; a wildcard never matches empty text.
    bool matches(const Pattern& p, const QString& text, bool caseSensitive = false) {
        const QString subject = caseSensitive ? text : asciiLower(text);
        if (p.parts.size() == 1)
            return subject == (caseSensitive ? p.parts.front() : asciiLower(p.parts.front()));
        if (text.isEmpty())
            return false;
        const QString key = p.parts.join(QChar(0)) + (caseSensitive ? u'1' : u'0');
        auto it = m_regexes.find(key);
        if (it == m_regexes.end()) {
            QStringList escaped;
            for (const QString& part : p.parts)
                escaped << QRegularExpression::escape(caseSensitive ? part : asciiLower(part));
            it = m_regexes.insert(
                key, QRegularExpression(QRegularExpression::anchoredPattern(escaped.join(".*")),
                                        QRegularExpression::DotMatchesEverythingOption));
        }
        return it->match(subject).hasMatch();
    }

    bool any(const Pattern& p, const QStringList& texts) {
        return std::any_of(texts.begin(), texts.end(),
                           [&](const QString& t) { return matches(p, t); });
    }

    QStringList texts(Field field, const StoredEvent& s) {
        const cadf::Event& e = s.event;
        switch (field) {
        case Field::Action:
            return {q(e.action)};
        case Field::Severity:
            return {q(e.severity)};
        case Field::Type:
            return {q(e.eventType)};
        case Field::Address:
            return {q(e.initiator.hostAddress)};
        case Field::Agent:
            return {q(e.initiator.hostAgent)};
        case Field::Credential:
            return {q(e.initiator.credentialType)};
        case Field::Host:
            return {q(e.syslog.hostname)};
        case Field::App:
            return {q(e.syslog.appName)};
        case Field::Outcome:
            return {q(e.outcomeRaw)};
        case Field::Initiator:
            return {q(e.initiator.id), q(e.initiator.name)};
        case Field::InitiatorId:
            return {q(e.initiator.id)};
        case Field::InitiatorName:
            return {q(e.initiator.name)};
        case Field::InitiatorType:
            return {q(e.initiator.typeUri)};
        case Field::Target:
            return {q(e.target.id), q(e.target.name)};
        case Field::TargetId:
            return {q(e.target.id)};
        case Field::TargetName:
            return {q(e.target.name)};
        case Field::TargetType:
            return {q(e.target.typeUri)};
        case Field::Observer:
            return {q(e.observer.id), q(e.observer.name)};
        default:
            return {};
        }
    }

    bool term(const Term& t, const StoredEvent& s) {
        const cadf::Event& e = s.event;
        const int code = cadf::reasonCodeNumber(e.reasonCode);
        switch (t.kind) {
        case TermKind::Search: {
            const QStringList all = {q(e.initiator.id),
                                     q(e.initiator.name),
                                     q(e.target.id),
                                     q(e.target.name),
                                     q(e.initiator.hostAgent),
                                     q(e.initiator.hostAddress),
                                     q(e.action),
                                     q(s.record)};
            return any(t.pattern, t.searchRaw ? all : all.mid(0, all.size() - 1));
        }
        case TermKind::Range: {
            if (t.field == Field::Code && code < 0)
                return false;
            const std::int64_t v = t.field == Field::Code ? code : e.timeUs;
            return (!t.lo || v >= *t.lo) && (!t.hi || v < *t.hi);
        }
        case TermKind::Cidr: {
            QHostAddress address;
            if (!address.setAddress(q(e.initiator.hostAddress)))
                return false;
            const auto subnet = QHostAddress::parseSubnet(t.cidr);
            bool mapped = false;
            const quint32 v4 = address.toIPv4Address(&mapped);
            if (mapped && subnet.first.protocol() == QAbstractSocket::IPv4Protocol)
                address = QHostAddress(v4);
            return address.isInSubnet(subnet);
        }
        case TermKind::Outcomes:
            return matches(t.pattern, QLatin1String(cadf::outcomeName(e.outcome)));
        case TermKind::Ids: {
            if (t.field == Field::Endpoint) {
                if (t.pattern.isEmptyLiteral())
                    return s.endpointId == 0;
                const auto* row = m_catalogue.rowById(s.endpointId);
                return row && matches(t.pattern, q(row->description));
            }
            const auto* service = m_catalogue.serviceById(s.serviceId);
            const QString name = !service                    ? QStringLiteral("Unclassified")
                                 : t.field == Field::Service ? q(service->name)
                                                             : q(service->category);
            return matches(t.pattern, name);
        }
        case TermKind::Text:
            break;
        }
        switch (t.field) {
        case Field::Id:
            return e.id.empty() ? t.pattern.isEmptyLiteral() : matches(t.pattern, q(e.id), true);
        case Field::Code:
            // The code as a number when it is one, else its text.
            return matches(t.pattern, code >= 0 ? QString::number(code) : q(e.reasonCode));
        case Field::Source: {
            const QString name = q(s.sourceName);
            if (matches(t.pattern, name))
                return true;
            for (qsizetype i = name.indexOf(u'/'); i >= 0; i = name.indexOf(u'/', i + 1)) {
                if (matches(t.pattern, name.mid(i + 1)))
                    return true;
            }
            return false;
        }
        default:
            return any(t.pattern, texts(t.field, s));
        }
    }

    const cadf::inventory::Catalogue& m_catalogue;
    QHash<QString, QRegularExpression> m_regexes;
};

enum Expect { Some = 0, NoneMatch = 1, All = 2 };

// Counts through the SQL function on this very connection (not StoreReader::countEvents, which
// may answer an unfiltered count from its counters).
std::int64_t sqlCount(cadf::store::StoreReader& reader, const cadf::store::SqlFilter& filter) {
    cadf::store::Statement s = reader.database().prepare(
        "SELECT count(*) FROM events e" +
        (filter.where.empty() ? std::string() : " WHERE (" + filter.where + ")"));
    if (!s)
        return -1;
    cadf::store::bindParams(s, filter.params);
    return s.step() == cadf::store::Statement::Step::Row ? s.int64(0) : -1;
}

} // namespace

class TestFilterEquivalence : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sqlEqualsInMemory_data();
    void sqlEqualsInMemory();
    void otherOptions_data();
    void otherOptions();
    void rawSearchSeesAGrowingBlock_data();
    void rawSearchSeesAGrowingBlock();
    void mainFieldsUseTheirIndexes_data();
    void mainFieldsUseTheirIndexes();
    void excludedFilterSelectsTheRest_data();
    void excludedFilterSelectsTheRest();
    void unindexedScansTheTable_data();
    void unindexedScansTheTable();
    void fullPassFollowsTheShare_data();
    void fullPassFollowsTheShare();
    void sampledShareOnALargeTable_data();
    void sampledShareOnALargeTable();

private:
    QString queryPlan(const cadf::store::SqlFilter& filter);
    std::set<std::int64_t> sqlIds(const cadf::store::SqlFilter& filter);
    void check(const QString& text, int expect, const CompileOptions& options);

    QTemporaryDir m_dir;
    filtertest::Store m_store;
    std::unique_ptr<cadf::store::StoreReader> m_reader;
    std::vector<StoredEvent> m_events;
    CompileOptions m_options;
};

void TestFilterEquivalence::initTestCase() {
    QVERIFY(m_dir.isValid());
    QCOMPARE(filtertest::buildAndOpen(m_dir.path(), 3600, m_store, m_reader), QString());
    m_events = filtertest::allEvents(*m_reader);
    QVERIFY(m_events.size() > 3000);
    QCOMPARE(std::int64_t(m_events.size()), m_reader->totalEvents());
    m_options.nowUs = filtertest::nowIn(m_store);
}

std::set<std::int64_t> TestFilterEquivalence::sqlIds(const cadf::store::SqlFilter& filter) {
    return filtertest::matchingIds(m_reader->database(), filter);
}

void TestFilterEquivalence::sqlEqualsInMemory_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("expect");
    const auto row = [](const char* text, int expect = Some) {
        QTest::newRow(text) << QString::fromUtf8(text) << expect;
    };
    row("", All);
    row("outcome:failure");
    row("-outcome:success");
    row("outcome:denied");
    row("outcome:pend*");
    row("code:401");
    row("code:4xx");
    row("code:400..403");
    row("code>=500");
    row("code<300");
    row("code<=204 code>200");
    row("code!=200");
    row("NOT code:4xx");
    row("code:Unauthorized");
    row("code:40*");
    row("code:\"\"");
    row("action:read");
    row("action:READ OR action:create");
    row("action:*list");
    row("action!=delete");
    row("severity:warning");
    row("type:monitor");
    row("type:activity -severity:normal");
    row("initiator:jane*");
    row("initiator.name:*@acme.example");
    row("initiator.id:SERVICE.*");
    row("initiator.type:clientid");
    row("initiator:\"alice smith\"");
    row("initiator.name:CORP\\\\carol");
    row("initiator.name:\"\"");
    row("address:10.0.0.0/8");
    row("address:192.168.0.0/16");
    row("address:2001:db8::/32");
    row("-address:10.0.0.0/8");
    row("address:\"\"");
    row("address:10.99.*");
    row("agent:python-requests*");
    row("agent:*Firefox*");
    row("credential:token");
    row("credential:password");
    row("target:isc-pulse");
    row("target.id:/cp4s/*");
    row("target.id:/api/cases/\\*special\\*");
    row("target.name:isc-soar OR target.name:isc-tii");
    row("target.type:*clx");
    row("observer:CommonAuditService");
    row("observer:obs-1");
    row("observer:*Audit*");
    row("target:*cases*");
    row("target.type:\"\"", NoneMatch);
    row("-initiator.id:SERVICE.* initiator.type:*user");
    row("initiator:* -credential:\"\"");
    row("credential:TOKEN initiator.name:*@*");
    row("host:audit-logs-cp4s");
    row("app:fluentd");
    row("-host:*");
    row("source:extra.jsonl");
    row("source:*cp4s*");
    row("id:5E7A1C2D-0001");
    row("id:5e7a1c2d-*");
    row("id:\"\"");
    row("service:UDI");
    row("service:unclassified");
    row("category:Dashboards");
    row("category:\"Case Management*\"");
    row("endpoint:*controllers*");
    row("endpoint:\"\"");
    row("-service:*", NoneMatch);
    row("time>=2023-10-18T15:00");
    row("time<2023-10-18T14:30Z");
    row("time:2023-10-18T14:00..2023-10-18T14:59");
    row("time>=-30m");
    row("time:-1h");
    row("time:2023-10-18", All);
    row("time>\"2023-10-18 15:00:00+01:00\"");
    row("disk");
    row("\"disk full\"");
    row("pulse");
    row("acme");
    row("10.99");
    row("kubernetes"); // only in the raw records of the generated lines
    row("\"delete [failure]\"");
    row("nomatchword", NoneMatch);
    row("(outcome:failure OR code:5xx) -initiator:SERVICE.*");
    row("service:UDI code:4xx OR service:Pulse NOT outcome:success");
    row("NOT (action:read OR action:create) address:10.0.0.0/8");
    row("initiator:\"x' OR 1=1 --\"", NoneMatch);
    row("action:\"read'); DROP TABLE events; --\"", NoneMatch);
}

void TestFilterEquivalence::sqlEqualsInMemory() {
    QFETCH(QString, text);
    QFETCH(int, expect);
    check(text, expect, m_options);
}

void TestFilterEquivalence::otherOptions_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("expect");
    QTest::addColumn<int>("offset");
    QTest::addColumn<bool>("searchRaw");
    // A display zone two hours east: 17:00 there is 15:00 UTC.
    QTest::newRow("offset time") << "time>=2023-10-18T17:00" << int(Some) << 7200 << true;
    // Tokyo: the data (14:00-16:00 UTC) crosses midnight there.
    QTest::newRow("offset day") << "time:2023-10-18" << int(Some) << 9 * 3600 << true;
    QTest::newRow("offset range") << "time:2023-10-18T15:00..2023-10-18T15:30" << int(Some) << 3600
                                  << true;
    // Without the raw records a word only in them finds nothing; dictionary words still match.
    QTest::newRow("no raw: raw-only word") << "kubernetes" << int(NoneMatch) << 0 << false;
    QTest::newRow("no raw: phrase") << "\"disk full\"" << int(NoneMatch) << 0 << false;
    QTest::newRow("no raw: name") << "acme" << int(Some) << 0 << false;
    QTest::newRow("no raw: address") << "10.99" << int(Some) << 0 << false;
}

void TestFilterEquivalence::otherOptions() {
    QFETCH(QString, text);
    QFETCH(int, expect);
    QFETCH(int, offset);
    QFETCH(bool, searchRaw);
    CompileOptions o = m_options;
    o.displayUtcOffsetSeconds = offset;
    o.searchRawText = searchRaw;
    check(text, expect, o);
}

void TestFilterEquivalence::check(const QString& text, int expect, const CompileOptions& options) {
    const CompiledFilter compiled = compile(text, options);
    QVERIFY2(compiled.ok, qPrintable(compiled.error.message));
    const std::set<std::int64_t> fromSql = sqlIds(compiled.sql);
    // The full-pass plan's form of the filter selects the same events.
    const cadf::store::SqlFilter tableForm = unindexed(compiled.sql);
    QVERIFY2(sqlIds(tableForm) == fromSql, tableForm.where.c_str());
    // So does the form with its dictionary look-ups done once (filter_lookups.cpp), both plans.
    cadf::store::StoreError error;
    const cadf::store::SqlFilter resolved =
        resolveLookups(m_reader->database(), compiled.sql, &error);
    QVERIFY2(!error, error.message.c_str());
    QVERIFY2(sqlIds(resolved) == fromSql, resolved.where.c_str());
    QVERIFY2(sqlIds(unindexed(resolved)) == fromSql, resolved.where.c_str());

    const ParseResult parsed = parse(text, options);
    QVERIFY(parsed.ok);
    Evaluator evaluator(cadf::inventory::Catalogue::builtIn());
    std::set<std::int64_t> fromMemory;
    for (const StoredEvent& s : m_events) {
        if (!parsed.root || evaluator.eval(*parsed.root, s))
            fromMemory.insert(s.id);
    }
    if (fromSql != fromMemory) {
        std::vector<std::int64_t> onlySql, onlyMemory;
        std::set_difference(fromSql.begin(), fromSql.end(), fromMemory.begin(), fromMemory.end(),
                            std::back_inserter(onlySql));
        std::set_difference(fromMemory.begin(), fromMemory.end(), fromSql.begin(), fromSql.end(),
                            std::back_inserter(onlyMemory));
        qWarning("SQL: %s\nonly SQL: %zu (first %lld), only memory: %zu (first %lld)",
                 compiled.sql.where.c_str(), onlySql.size(),
                 onlySql.empty() ? -1LL : (long long)onlySql.front(), onlyMemory.size(),
                 onlyMemory.empty() ? -1LL : (long long)onlyMemory.front());
    }
    QCOMPARE(fromSql.size(), fromMemory.size());
    QVERIFY(fromSql == fromMemory);
    // Each filter must mean something on this data.
    switch (expect) {
    case Some:
        QVERIFY2(!fromSql.empty() && fromSql.size() < m_events.size(),
                 qPrintable(QString::number(fromSql.size())));
        break;
    case NoneMatch:
        QVERIFY(fromSql.empty());
        break;
    default:
        QCOMPARE(fromSql.size(), m_events.size());
    }
    // The store's own count and page paths take the same filter.
    QCOMPARE(m_reader->countEvents(compiled.sql), std::int64_t(fromSql.size()));
    const auto page =
        m_reader->page(compiled.sql, cadf::store::SortColumn::Time, false, std::nullopt, 50);
    QCOMPARE(page.size(), std::min<std::size_t>(50, fromSql.size()));
    for (const auto& r : page)
        QVERIFY(fromSql.count(r.id));
}

void TestFilterEquivalence::rawSearchSeesAGrowingBlock_data() {
    QTest::addColumn<int>("firstBatch");
    QTest::addColumn<int>("secondBatch");
    QTest::newRow("small") << 5 << 7;
    QTest::newRow("larger") << 200 << 150;
}

// The writer appends to its last raw block commit by commit. A reader connection that searched
// the block before must see the events appended to it afterwards.
void TestFilterEquivalence::rawSearchSeesAGrowingBlock() {
    QFETCH(int, firstBatch);
    QFETCH(int, secondBatch);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath(QStringLiteral("live.cadfscope")).toStdString();
    cadf::store::StoreError error;
    auto writer = cadf::store::StoreWriter::open(path, &error);
    QVERIFY2(writer, error.message.c_str());
    const std::int64_t source =
        writer->beginSource({cadf::store::SourceKind::Tcp, "tcp://0.0.0.0:6514", -1, "", 0});
    QVERIFY(source > 0);
    auto batch = [&](int first, int count, const char* word) {
        cadf::store::EventBatch b;
        b.sourceId = source;
        for (int i = first; i < first + count; ++i) {
            cadf::store::StoredEventInput in;
            cadf::Event& e = in.event;
            e.timeUs = m_store.startUs + i * 1000000LL;
            e.timeQuality = cadf::TimeQuality::Exact;
            e.action = "read";
            e.initiator.id = e.initiator.name = "user" + std::to_string(i % 3);
            e.target.id = "/api/items/" + std::to_string(i);
            e.json = R"({"n":)" + std::to_string(i) + "}";
            e.digest = 0x9e3779b97f4a7c15ULL * std::uint64_t(i + 1);
            in.record = "<13>1 - host app - - - " + e.json + " " + word;
            in.lineNo = i + 1;
            b.events.push_back(std::move(in));
        }
        return b;
    };
    writer->submit(batch(0, firstBatch, "firstword"));
    writer->flush();

    auto reader = cadf::store::StoreReader::open(path, &error);
    QVERIFY2(reader, error.message.c_str());
    auto count = [&](const char* text) {
        const CompiledFilter f = compile(QString::fromLatin1(text), m_options);
        return f.ok ? sqlCount(*reader, f.sql) : -1;
    };
    QCOMPARE(count("firstword"), std::int64_t(firstBatch));
    QCOMPARE(count("secondword"), std::int64_t(0));

    writer->submit(batch(firstBatch, secondBatch, "secondword"));
    writer->flush();
    QCOMPARE(count("secondword"), std::int64_t(secondBatch));
    QCOMPARE(count("firstword"), std::int64_t(firstBatch));
    QCOMPARE(count("FIRSTWORD OR secondword"), std::int64_t(firstBatch + secondBatch));
    // Both batches share one block, so the second count had to read the block again.
    cadf::store::Statement blocks =
        reader->database().prepare("SELECT count(DISTINCT raw_block) FROM events");
    QVERIFY(blocks && blocks.step() == cadf::store::Statement::Step::Row);
    QCOMPARE(blocks.int64(0), std::int64_t(1));
}

void TestFilterEquivalence::mainFieldsUseTheirIndexes_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("index");
    QTest::newRow("service") << "service:UDI"
                             << "events_service";
    QTest::newRow("category") << "category:Dashboards"
                              << "events_service";
    QTest::newRow("outcome") << "outcome:failure"
                             << "events_outcome";
    QTest::newRow("code") << "code:4xx"
                          << "events_code";
    QTest::newRow("action") << "action:read"
                            << "events_action";
    QTest::newRow("initiator") << "initiator:jane*"
                               << "events_initiator";
    QTest::newRow("initiator.name") << "initiator.name:\"alice smith\""
                                    << "events_initiator";
    QTest::newRow("target") << "target.id:/api/login"
                            << "events_target";
    QTest::newRow("address") << "address:10.0.0.0/8"
                             << "events_address";
    QTest::newRow("address text") << "address:10.99.1.1"
                                  << "events_address";
    QTest::newRow("time") << "time>=-15m"
                          << "events_ts";
    QTest::newRow("id") << "id:evt-3"
                        << "events_cadf_id";
    QTest::newRow("and") << "service:UDI time>=-15m"
                         << "events_";
}

QString TestFilterEquivalence::queryPlan(const cadf::store::SqlFilter& filter) {
    QStringList lines;
    for (const std::string& detail :
         cadf::store::queryPlan(m_reader->database(), "SELECT e.id FROM events e", filter, nullptr))
        lines << q(detail);
    return lines.join(u'\n');
}

void TestFilterEquivalence::mainFieldsUseTheirIndexes() {
    QFETCH(QString, text);
    QFETCH(QString, index);
    const CompiledFilter compiled = compile(text, m_options);
    QVERIFY(compiled.ok);
    const QString all = queryPlan(compiled.sql);
    // The events table is searched through an index, never scanned.
    QVERIFY2(!all.contains(QLatin1String("SCAN e")), qPrintable(all));
    QVERIFY2(all.contains(QLatin1String("SEARCH e USING")) && all.contains(index), qPrintable(all));
}

// "Exclude" in every view negates the view's filter text: what it keeps is exactly what the text
// did not select, for one term, several, quoted values with spaces and an OR.
void TestFilterEquivalence::excludedFilterSelectsTheRest_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("excluded");
    QTest::newRow("one term") << "outcome:failure"
                              << "-outcome:failure";
    QTest::newRow("two terms") << "action:read code:4xx"
                               << "NOT (action:read code:4xx)";
    QTest::newRow("quoted space") << "initiator:\"alice smith\""
                                  << "-initiator:\"alice smith\"";
    QTest::newRow("or") << "code:401 OR code:403"
                        << "NOT (code:401 OR code:403)";
    QTest::newRow("group") << "(code:401)"
                           << "NOT ((code:401))";
}

void TestFilterEquivalence::excludedFilterSelectsTheRest() {
    QFETCH(QString, text);
    QFETCH(QString, excluded);
    QCOMPARE(excludedFilter(text), excluded);
    const CompiledFilter kept = compile(text, m_options);
    const CompiledFilter rest = compile(excluded, m_options);
    QVERIFY2(kept.ok && rest.ok, qPrintable(kept.error.message + rest.error.message));
    const std::set<std::int64_t> keptIds = sqlIds(kept.sql);
    const std::set<std::int64_t> restIds = sqlIds(rest.sql);
    QVERIFY(!keptIds.empty() && !restIds.empty());
    std::vector<std::int64_t> both;
    std::set_intersection(keptIds.begin(), keptIds.end(), restIds.begin(), restIds.end(),
                          std::back_inserter(both));
    QVERIFY(both.empty());
    QCOMPARE(keptIds.size() + restIds.size(), m_events.size());
}

void TestFilterEquivalence::unindexedScansTheTable_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("plan"); // expected in the plan's text
    QTest::newRow("service") << "service:UDI"
                             << "SCAN e";
    QTest::newRow("outcome") << "outcome:failure"
                             << "SCAN e";
    QTest::newRow("code") << "code:4xx"
                          << "SCAN e";
    QTest::newRow("action") << "action:read*"
                            << "SCAN e";
    QTest::newRow("initiator") << "initiator:jane*"
                               << "SCAN e";
    QTest::newRow("target") << "target.id:/api/login"
                            << "SCAN e";
    QTest::newRow("address") << "address:10.0.0.0/8"
                             << "SCAN e";
    QTest::newRow("or") << "code:5xx OR initiator:SERVICE.*"
                        << "SCAN e";
    // A time range still reads only its own stretch of the time index; an id, its one event.
    QTest::newRow("time") << "time>=-15m address:10.0.0.0/8"
                          << "SEARCH e USING INDEX events_ts";
    QTest::newRow("id") << "id:evt-3 outcome:failure"
                        << "events_cadf_id";
}

// unindexed() keeps SQLite off the events' dictionary indexes (a unary plus on the column).
void TestFilterEquivalence::unindexedScansTheTable() {
    QFETCH(QString, text);
    QFETCH(QString, plan);
    const CompiledFilter compiled = compile(text, m_options);
    QVERIFY(compiled.ok);
    const cadf::store::SqlFilter tableForm = unindexed(compiled.sql);
    QCOMPARE(tableForm.params.size(), compiled.sql.params.size());
    const QString all = queryPlan(tableForm);
    QVERIFY2(all.contains(plan), qPrintable(all));
    // No look-up by a dictionary column (a scan of a covering index is a scan).
    for (const QString& line : all.split(u'\n')) {
        if (!line.startsWith(QLatin1String("SEARCH e ")))
            continue;
        for (const char* index :
             {"events_service", "events_outcome", "events_code", "events_action",
              "events_initiator", "events_target", "events_address"})
            QVERIFY2(!line.contains(QLatin1String(index)), qPrintable(all));
    }
}

void TestFilterEquivalence::fullPassFollowsTheShare_data() {
    QTest::addColumn<QString>("text");
    for (const char* text : {"outcome:failure", "-outcome:failure", "action:read*",
                             "initiator:\"alice smith\"", "address:10.0.0.0/8", "code:5xx",
                             "service:UDI", "time>=-30m", "initiator:\"x' OR 1=1 --\""})
        QTest::newRow(text) << QString::fromUtf8(text);
}

// On this small store the sample is every event: the share is exact, and the table form is
// chosen exactly when the filter matches at least kFullPassTableShare of the events.
void TestFilterEquivalence::fullPassFollowsTheShare() {
    QFETCH(QString, text);
    const CompiledFilter compiled = compile(text, m_options);
    QVERIFY(compiled.ok);
    const double share = double(sqlIds(compiled.sql).size()) / double(m_events.size());
    cadf::store::StoreError error;
    const std::optional<double> sampled = sampledShare(m_reader->database(), compiled.sql, &error);
    QVERIFY2(sampled, error.message.c_str());
    QCOMPARE(*sampled, share);
    const cadf::store::SqlFilter chosen = forFullPass(m_reader->database(), compiled.sql, &error);
    QVERIFY(!error);
    const cadf::store::SqlFilter tableForm = unindexed(compiled.sql);
    const bool indexed = tableForm.where != compiled.sql.where;
    QCOMPARE(chosen.where,
             indexed && share >= kFullPassTableShare ? tableForm.where : compiled.sql.where);
}

void TestFilterEquivalence::sampledShareOnALargeTable_data() {
    QTest::addColumn<QString>("outcome"); // SQL for the outcome of event `id`
    QTest::addColumn<double>("share");
    QTest::newRow("every tenth") << "id % 10 = 0" << 0.1;
    QTest::newRow("second half") << "id > 100000" << 0.5;
    QTest::newRow("none") << "0" << 0.0;
    QTest::newRow("all") << "1" << 1.0;
}

// Past ~32,000 events the share comes from evenly spread runs of rowids: a few milliseconds on
// any store, and close to the truth for events spread over the table or clustered in it.
void TestFilterEquivalence::sampledShareOnALargeTable() {
    QFETCH(QString, outcome);
    QFETCH(double, share);
    QTemporaryDir dir;
    cadf::store::Database db;
    QVERIFY(!db.open(dir.filePath(QStringLiteral("big.sqlite")).toStdString(),
                     cadf::store::Database::Mode::ReadWriteCreate));
    QVERIFY(!db.exec("CREATE TABLE events(id INTEGER PRIMARY KEY, ts INTEGER, outcome INTEGER);"
                     "CREATE INDEX events_outcome ON events(outcome, ts);"
                     "WITH RECURSIVE n(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM n "
                     "WHERE id < 200000) INSERT INTO events SELECT id, id, " +
                     outcome.toStdString() + " FROM n"));
    const cadf::store::SqlFilter filter{"e.outcome = ?", {std::int64_t(1)}};
    cadf::store::StoreError error;
    const std::optional<double> sampled = sampledShare(db, filter, &error);
    QVERIFY2(sampled, error.message.c_str());
    QVERIFY2(std::abs(*sampled - share) < 0.02, qPrintable(QString::number(*sampled)));
    const cadf::store::SqlFilter chosen = forFullPass(db, filter, &error);
    QCOMPARE(chosen.where,
             share >= kFullPassTableShare ? std::string("+e.outcome = ?") : filter.where);
}

QTEST_APPLESS_MAIN(TestFilterEquivalence)
#include "tst_filter_equivalence.moc"
