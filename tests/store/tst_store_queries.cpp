// The store's read queries against counts computed independently: group counts, keyset paging in
// every sort order, filters with bound parameters.
#include "models/store/store_reader.h"
#include "models/store/store_writer.h"
#include "store_test_support.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <map>

using namespace cadf::store;
using namespace storetest;

Q_DECLARE_METATYPE(cadf::store::SortColumn)
Q_DECLARE_METATYPE(cadf::store::GroupField)

namespace {

const char* outcomeLabel(cadf::Outcome o) {
    switch (o) {
    case cadf::Outcome::Success:
        return "success";
    case cadf::Outcome::Failure:
        return "failure";
    case cadf::Outcome::Pending:
        return "pending";
    case cadf::Outcome::Unknown:
        break;
    }
    return "unknown";
}

// The value an input sorts by under `sort`, as the reader reports it in EventRow::sortValue.
SqlValue sortValueOf(const StoredEventInput& in, SortColumn sort) {
    const cadf::Event& ev = in.event;
    switch (sort) {
    case SortColumn::Time:
        return std::monostate{};
    case SortColumn::Service:
        return std::int64_t{in.serviceId};
    case SortColumn::Outcome:
        return std::int64_t{static_cast<int>(ev.outcome)};
    case SortColumn::Code:
        if (ev.reasonCode.empty())
            return std::monostate{};
        return std::int64_t{std::stoll(ev.reasonCode)};
    case SortColumn::Action:
        return ev.action;
    case SortColumn::Initiator:
        return ev.initiator.name.empty() ? ev.initiator.id : ev.initiator.name;
    case SortColumn::Target:
        return ev.target.id.empty() ? ev.target.name : ev.target.id;
    case SortColumn::Address:
        return ev.initiator.hostAddress;
    }
    return std::monostate{};
}

// SQLite's order: NULL < numbers < text, text by bytes.
int compareValues(const SqlValue& a, const SqlValue& b) {
    if (a.index() != b.index())
        return a.index() < b.index() ? -1 : 1;
    if (const auto* x = std::get_if<std::int64_t>(&a)) {
        const auto y = std::get<std::int64_t>(b);
        return *x < y ? -1 : (*x > y ? 1 : 0);
    }
    if (const auto* x = std::get_if<std::string>(&a))
        return x->compare(std::get<std::string>(b)) < 0 ? -1
                                                        : (*x == std::get<std::string>(b) ? 0 : 1);
    return 0;
}

} // namespace

class TstStoreQueries : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void countBy_data();
    void countBy();
    void keysetPaging_data();
    void keysetPaging();
    void filterWithParams_data();
    void filterWithParams();
};

void TstStoreQueries::countBy_data() {
    QTest::addColumn<cadf::store::GroupField>("field");
    QTest::addColumn<bool>("filtered");
    const std::pair<GroupField, const char*> fields[] = {
        {GroupField::Service, "service"},     {GroupField::Outcome, "outcome"},
        {GroupField::Action, "action"},       {GroupField::Code, "code"},
        {GroupField::Initiator, "initiator"}, {GroupField::Target, "target"},
        {GroupField::Address, "address"},     {GroupField::Day, "day"},
        {GroupField::Agent, "agent"},         {GroupField::Endpoint, "endpoint"},
        {GroupField::Source, "source"}};
    for (const auto& [field, name] : fields) {
        QTest::newRow(name) << field << false;
        QTest::newRow((std::string(name) + " where service 2").c_str()) << field << true;
    }
}

void TstStoreQueries::countBy() {
    QFETCH(cadf::store::GroupField, field);
    QFETCH(bool, filtered);
    Store store;
    const auto inputs = generated(2500);
    QVERIFY(fillStore(store, inputs, 300));
    auto reader = openReader(store.path);
    QVERIFY(reader);

    std::map<std::string, std::int64_t> expected;
    for (const StoredEventInput& in : inputs) {
        if (filtered && in.serviceId != 2)
            continue;
        const cadf::Event& ev = in.event;
        std::string label;
        switch (field) {
        case GroupField::Service:
            label = std::to_string(in.serviceId);
            break;
        case GroupField::Outcome:
            label = outcomeLabel(ev.outcome);
            break;
        case GroupField::Action:
            label = ev.action;
            break;
        case GroupField::Code:
            label = ev.reasonCode;
            break;
        case GroupField::Initiator:
            label = ev.initiator.name;
            break;
        case GroupField::Target:
            label = ev.target.id;
            break;
        case GroupField::Address:
            label = ev.initiator.hostAddress;
            break;
        case GroupField::Day:
            label = ev.timeUs < kBaseUs + 10 * 3600 * 1000000LL ? "2023-10-18" : "2023-10-19";
            break;
        case GroupField::Agent:
            label = ev.initiator.hostAgent;
            break;
        case GroupField::Endpoint:
            label = std::to_string(in.endpointId);
            break;
        case GroupField::Source:
            label = "/logs/audit.log";
            break;
        }
        ++expected[label];
    }
    const SqlFilter filter = filtered ? SqlFilter{"e.service = ?", {std::int64_t{2}}} : SqlFilter{};
    const auto got = reader->countBy(field, filter, 0);
    QVERIFY2(!reader->lastError(), reader->lastError().message.c_str());
    std::map<std::string, std::int64_t> gotMap;
    for (const ValueCount& vc : got)
        gotMap[vc.value] += vc.count;
    QCOMPARE(gotMap, expected);
    QCOMPARE(got.size(), expected.size());
    for (std::size_t i = 1; i < got.size(); ++i) {
        if (field == GroupField::Day)
            QVERIFY(got[i - 1].value < got[i].value);
        else
            QVERIFY(got[i - 1].count >= got[i].count);
    }
    // The key filters back to the same count.
    if (field == GroupField::Service) {
        const auto& top = got.front();
        QCOMPARE(reader->countEvents({"e.service = ?", {top.key}}), top.count);
    }
    const auto limited = reader->countBy(field, filter, 2);
    QCOMPARE(limited.size(), std::min<std::size_t>(2, expected.size()));
    QCOMPARE(limited.front().value, got.front().value);
}

void TstStoreQueries::keysetPaging_data() {
    QTest::addColumn<cadf::store::SortColumn>("sort");
    QTest::addColumn<bool>("descending");
    const std::pair<SortColumn, const char*> sorts[] = {
        {SortColumn::Time, "time"},     {SortColumn::Service, "service"},
        {SortColumn::Action, "action"}, {SortColumn::Outcome, "outcome"},
        {SortColumn::Code, "code"},     {SortColumn::Initiator, "initiator"},
        {SortColumn::Target, "target"}, {SortColumn::Address, "address"}};
    for (const auto& [sort, name] : sorts) {
        QTest::newRow(name) << sort << false;
        QTest::newRow((std::string(name) + " descending").c_str()) << sort << true;
    }
}

void TstStoreQueries::keysetPaging() {
    QFETCH(cadf::store::SortColumn, sort);
    QFETCH(bool, descending);
    Store store;
    auto inputs = generated(300);
    // Inserted out of time order, so that id order and time order differ.
    std::reverse(inputs.begin(), inputs.begin() + 100);
    QVERIFY(fillStore(store, inputs, 64));
    auto reader = openReader(store.path);
    QVERIFY(reader);

    struct Key {
        SqlValue value;
        std::int64_t ts;
        std::int64_t id;
    };
    std::vector<Key> expected;
    for (std::size_t i = 0; i < inputs.size(); ++i)
        expected.push_back({sortValueOf(inputs[i], sort), inputs[i].event.timeUs,
                            static_cast<std::int64_t>(i) + 1});
    std::stable_sort(expected.begin(), expected.end(), [&](const Key& a, const Key& b) {
        int c = compareValues(a.value, b.value);
        if (c == 0)
            c = a.ts < b.ts ? -1 : (a.ts > b.ts ? 1 : 0);
        if (c == 0)
            c = a.id < b.id ? -1 : (a.id > b.id ? 1 : 0);
        return descending ? c > 0 : c < 0;
    });

    std::vector<std::int64_t> visited;
    std::optional<Keyset> after;
    for (int guard = 0; guard < 1000; ++guard) {
        const auto rows = reader->page({}, sort, descending, after, 7);
        QVERIFY2(!reader->lastError(), reader->lastError().message.c_str());
        if (rows.empty())
            break;
        for (const EventRow& row : rows)
            visited.push_back(row.id);
        after = keysetOf(rows.back());
    }
    QCOMPARE(visited.size(), expected.size());
    for (std::size_t i = 0; i < visited.size(); ++i)
        QCOMPARE(visited[i], expected[i].id);

    // Rows carry the resolved values.
    const auto first = reader->page({}, sort, descending, std::nullopt, 1);
    QCOMPARE(first.size(), std::size_t{1});
    const StoredEventInput& in = inputs[static_cast<std::size_t>(first[0].id - 1)];
    QCOMPARE(first[0].ts, in.event.timeUs);
    QCOMPARE(first[0].action, in.event.action);
    QCOMPARE(first[0].initiatorName, in.event.initiator.name);
    QCOMPARE(first[0].targetId, in.event.target.id);
    QCOMPARE(first[0].address, in.event.initiator.hostAddress);
    QCOMPARE(first[0].agent, in.event.initiator.hostAgent);
    QCOMPARE(first[0].reason, in.event.reasonCode);
    QCOMPARE(first[0].serviceId, in.serviceId);
    QCOMPARE(first[0].line, in.lineNo);
    QCOMPARE(first[0].sourceName, std::string("/logs/audit.log"));
}

void TstStoreQueries::filterWithParams_data() {
    QTest::addColumn<QString>("where");
    QTest::addColumn<int>("predicate");
    QTest::newRow("outcome failure") << "e.outcome = ?" << 0;
    QTest::newRow("code range") << "e.code BETWEEN ? AND ?" << 1;
    QTest::newRow("code missing") << "e.code IS NULL" << 2;
    QTest::newRow("initiator name, any case")
        << "e.initiator IN (SELECT id FROM resources WHERE name = ? COLLATE NOCASE)" << 3;
    QTest::newRow("action text")
        << "e.action IN (SELECT id FROM strings WHERE kind = 1 AND value = ?)" << 4;
    QTest::newRow("injection stays a value")
        << "e.initiator IN (SELECT id FROM resources WHERE name = ?)" << 5;
    QTest::newRow("time range and service") << "e.ts >= ? AND e.ts < ? AND e.service = ?" << 6;
    QTest::newRow("real parameter") << "e.ts > ?" << 7;
}

void TstStoreQueries::filterWithParams() {
    QFETCH(QString, where);
    QFETCH(int, predicate);
    Store store;
    const auto inputs = generated(1200);
    QVERIFY(fillStore(store, inputs, 250));
    auto reader = openReader(store.path);
    QVERIFY(reader);

    const std::int64_t from = kBaseUs + 3600LL * 1000000;
    const std::int64_t to = kBaseUs + 5 * 3600LL * 1000000;
    SqlFilter filter{where.toStdString(), {}};
    switch (predicate) {
    case 0:
        filter.params = {std::int64_t{2}};
        break;
    case 1:
        filter.params = {std::int64_t{400}, std::int64_t{499}};
        break;
    case 3:
        filter.params = {std::string("ALICE")};
        break;
    case 4:
        filter.params = {std::string("READ")};
        break;
    case 5:
        filter.params = {std::string("x' OR 1=1 --")};
        break;
    case 6:
        filter.params = {from, to, std::int64_t{3}};
        break;
    case 7:
        filter.params = {static_cast<double>(to)};
        break;
    default:
        break;
    }
    auto matches = [&](const StoredEventInput& in) {
        const cadf::Event& ev = in.event;
        const int code = ev.reasonCode.empty() ? -1 : std::stoi(ev.reasonCode);
        switch (predicate) {
        case 0:
            return ev.outcome == cadf::Outcome::Failure;
        case 1:
            return code >= 400 && code <= 499;
        case 2:
            return code < 0;
        case 3:
            return ev.initiator.name == "alice";
        case 4:
            return ev.action == "READ";
        case 5:
            return false;
        case 6:
            return ev.timeUs >= from && ev.timeUs < to && in.serviceId == 3;
        case 7:
            return ev.timeUs > to;
        }
        return false;
    };
    std::vector<std::int64_t> expected;
    for (std::size_t i = 0; i < inputs.size(); ++i)
        if (matches(inputs[i]))
            expected.push_back(static_cast<std::int64_t>(i) + 1);
    QCOMPARE(reader->countEvents(filter), static_cast<std::int64_t>(expected.size()));
    std::vector<std::int64_t> got;
    std::optional<Keyset> after;
    for (;;) {
        const auto rows = reader->page(filter, SortColumn::Time, false, after, 50);
        QVERIFY2(!reader->lastError(), reader->lastError().message.c_str());
        if (rows.empty())
            break;
        for (const EventRow& row : rows)
            got.push_back(row.id);
        after = keysetOf(rows.back());
    }
    // Inputs are in time order, so ids in time order are ascending.
    QCOMPARE(got, expected);
    // A broken filter is an error value, not a crash.
    QCOMPARE(reader->countEvents({"e.nosuchcolumn = 1", {}}), -1);
    QVERIFY(reader->lastError());
    QVERIFY(reader->page({"e.nosuchcolumn = 1", {}}, SortColumn::Time, false, {}, 5).empty());
}

QTEST_APPLESS_MAIN(TstStoreQueries)
#include "tst_store_queries.moc"
