// The dashboards' aggregates on a real generated store: every figure of the overview, a service
// dashboard and the four drill-down tables equals the count the test makes itself from the
// generator's truth records, unfiltered, under a filter text, and under a time range.
#include "dashboard_truth.h"

#include "models/dashboard/action_kind.h"
#include "models/dashboard/drilldown.h"
#include "models/dashboard/overview.h"
#include "models/dashboard/profile.h"
#include "models/dashboard/service_dashboard.h"
#include "models/filter/filter.h"
#include "models/ingest/file_importer.h"
#include "models/ingest/import_classifier.h"
#include "models/inventory/catalogue.h"
#include "models/store/store_reader.h"
#include "models/store/store_writer.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <map>
#include <set>
#include <tuple>

using namespace cadf;
using dashboard::DashboardQuery;

namespace {

constexpr std::int64_t kLines = 20000;
constexpr int kTopN = 8;

using Counts = std::map<std::string, std::int64_t>;

const inventory::Catalogue& catalogue() {
    return inventory::Catalogue::builtIn();
}

std::string key(const dashboard::InitiatorCount& i) {
    return i.id + '|' + i.name + '|' + i.type;
}

std::string key(const dashboard::InitiatorRow& i) {
    return i.id + '|' + i.name + '|' + i.type;
}

// "a=1 b=2": a mismatch prints which key is off.
QString describe(const Counts& counts) {
    QString text;
    for (const auto& [k, n] : counts)
        text +=
            QString::fromStdString(k) + QLatin1Char('=') + QString::number(n) + QLatin1Char(' ');
    return text;
}

// A top-N list: each row's count is the true count of its key, and the counts are the N largest
// true counts (ties may pick either key).
QString checkTop(const Counts& expected,
                 const std::vector<std::pair<std::string, std::int64_t>>& got, int topN) {
    std::vector<std::int64_t> want;
    for (const auto& [k, n] : expected) {
        if (n > 0)
            want.push_back(n);
    }
    std::sort(want.rbegin(), want.rend());
    if (topN > 0 && want.size() > std::size_t(topN))
        want.resize(std::size_t(topN));
    std::vector<std::int64_t> counts;
    for (const auto& [k, n] : got) {
        const auto it = expected.find(k);
        if (it == expected.end() || it->second != n)
            return QStringLiteral("%1: %2, expected %3")
                .arg(QString::fromStdString(k))
                .arg(n)
                .arg(it == expected.end() ? 0 : it->second);
        counts.push_back(n);
    }
    if (counts != want)
        return QStringLiteral("top counts differ: %1 rows, expected %2")
            .arg(counts.size())
            .arg(want.size());
    return {};
}

} // namespace

class TestDashboard : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::vector<TruthEvent> m_truth;
    std::unique_ptr<store::StoreReader> m_reader;
    std::int64_t m_firstUs = 0;
    std::int64_t m_lastUs = 0;

    static TruthPredicate predicateFor(const QString& filter) {
        if (filter == QLatin1String("outcome:failure"))
            return [](const TruthEvent& e) { return e.failed; };
        if (filter == QLatin1String("code:4xx"))
            return [](const TruthEvent& e) { return e.code >= 400 && e.code <= 499; };
        if (filter == QLatin1String("-code:200"))
            return [](const TruthEvent& e) { return e.code != 200; };
        return [](const TruthEvent&) { return true; };
    }

    // Rows every aggregate runs under: no filter, filter texts, a time range, both.
    static void addFilterRows() {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<bool>("ranged");
        QTest::newRow("all") << QString() << false;
        QTest::newRow("failures") << QStringLiteral("outcome:failure") << false;
        QTest::newRow("4xx") << QStringLiteral("code:4xx") << false;
        QTest::newRow("middle third") << QString() << true;
        QTest::newRow("not 200, middle third") << QStringLiteral("-code:200") << true;
    }

    DashboardQuery queryFor(const QString& filter, bool ranged) const {
        DashboardQuery query;
        const filter::CompiledFilter compiled = filter::compile(filter);
        if (!compiled.ok)
            qFatal("filter %s: %s", qPrintable(filter), qPrintable(compiled.error.message));
        query.filter = compiled.sql;
        if (ranged) {
            const std::int64_t third = (m_lastUs - m_firstUs) / 3;
            query.fromUs = m_firstUs + third;
            query.toUs = m_firstUs + 2 * third;
            query.alignOffsetSeconds = 2 * 3600; // buckets from a UTC+2 midnight
        }
        query.topN = kTopN;
        query.maxBuckets = 40;
        return query;
    }

    std::vector<TruthEvent> selected(const QString& filter, const DashboardQuery& query) const {
        const TruthPredicate keep = predicateFor(filter);
        std::vector<TruthEvent> out;
        for (const TruthEvent& e : m_truth) {
            if ((query.fromUs && e.ts < *query.fromUs) || (query.toUs && e.ts >= *query.toUs))
                continue;
            if (keep(e))
                out.push_back(e);
        }
        return out;
    }

    static int bucketOf(const store::TimeHistogram& h, std::int64_t ts) {
        return int((ts - h.fromUs) / h.bucketUs);
    }

    // The outcome histogram against the truth: per bucket, success and failure counts.
    static QString checkHistogram(const store::TimeHistogram& h,
                                  const std::vector<TruthEvent>& events) {
        if (!h.ok)
            return QStringLiteral("histogram failed");
        std::vector<std::array<std::int64_t, 4>> want(h.buckets.size());
        for (const TruthEvent& e : events)
            ++want.at(std::size_t(bucketOf(h, e.ts)))[e.failed ? 2 : 1];
        for (std::size_t i = 0; i < want.size(); ++i) {
            if (want[i] != h.buckets[i].counts)
                return QStringLiteral("bucket %1 differs").arg(i);
        }
        return {};
    }

    // The same buckets and counts as store::timeHistogram, the Events view's histogram: a click on
    // a dashboard bar and one on the histogram name the same time span.
    QString checkSameAsStore(const store::TimeHistogram& h, const store::SqlFilter& filter,
                             const DashboardQuery& query) const {
        const store::TimeHistogram want =
            store::timeHistogram(*m_reader, filter, query.fromUs, query.toUs, query.maxBuckets,
                                 query.alignOffsetSeconds);
        if (!want.ok || h.fromUs != want.fromUs || h.toUs != want.toUs ||
            h.bucketUs != want.bucketUs || h.buckets.size() != want.buckets.size())
            return QStringLiteral("layout differs from store::timeHistogram");
        for (std::size_t i = 0; i < h.buckets.size(); ++i) {
            if (h.buckets[i].startUs != want.buckets[i].startUs ||
                h.buckets[i].counts != want.buckets[i].counts)
                return QStringLiteral("bucket %1 differs from store::timeHistogram").arg(i);
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        const std::string log = m_dir.filePath(QStringLiteral("gen.log")).toStdString();
        const std::string db = m_dir.filePath(QStringLiteral("gen.cadfscope")).toStdString();
        m_truth = writeGeneratedLog(log, kLines);
        QVERIFY(m_truth.size() > std::size_t(kLines * 9 / 10));
        {
            store::StoreError error;
            auto writer = store::StoreWriter::open(db, &error);
            QVERIFY2(writer, error.message.c_str());
            ingest::FileImporter importer(*writer);
            importer.setClassifier(ingest::makeImportClassifier());
            const std::atomic_bool cancel{false};
            const auto result = importer.importFiles({log}, cancel).front();
            QVERIFY2(result.error.empty(), result.error.c_str());
            QCOMPARE(result.events, std::int64_t(m_truth.size()));
        }
        store::StoreError error;
        m_reader = store::StoreReader::open(db, &error);
        QVERIFY2(m_reader, error.message.c_str());
        const auto [first, last] = std::minmax_element(
            m_truth.begin(), m_truth.end(),
            [](const TruthEvent& a, const TruthEvent& b) { return a.ts < b.ts; });
        m_firstUs = first->ts;
        m_lastUs = last->ts;
        // The generated mix exercises what the dashboards show.
        const auto failures = std::count_if(m_truth.begin(), m_truth.end(),
                                            [](const TruthEvent& e) { return e.failed; });
        QVERIFY(failures > 500);
    }

    void actionKind_data() {
        QTest::addColumn<QString>("action");
        QTest::addColumn<int>("kind");
        const int create = 0, read = 1, update = 2, del = 3, other = 4;
        QTest::newRow("read/list") << "read/list" << read;
        QTest::newRow("READ") << "READ" << read;
        QTest::newRow("GET") << "GET" << read;
        QTest::newRow("get") << "get" << read;
        QTest::newRow("list") << "list" << read;
        QTest::newRow("POST") << "POST" << create;
        QTest::newRow("create") << "create" << create;
        QTest::newRow("PUT") << "PUT" << update;
        QTest::newRow("Patch") << "Patch" << update;
        QTest::newRow("update/modify") << "update/modify" << update;
        QTest::newRow("DELETE") << "DELETE" << del;
        QTest::newRow("authenticate") << "authenticate" << other;
        QTest::newRow("restore") << "RESTORE" << other;
        QTest::newRow("empty") << "" << other;
    }

    void actionKind() {
        QFETCH(QString, action);
        QFETCH(int, kind);
        QCOMPARE(int(dashboard::actionKindOf(action.toStdString())), kind);
        QCOMPARE(expectedActionKind(action.toStdString()), kind); // the test's own reading agrees
    }

    void overview_data() { addFilterRows(); }

    void overview() {
        QFETCH(QString, filter);
        QFETCH(bool, ranged);
        const DashboardQuery query = queryFor(filter, ranged);
        const std::vector<TruthEvent> events = selected(filter, query);
        QVERIFY(!events.empty());
        dashboard::Overview o;
        store::StoreError error;
        QVERIFY2(dashboard::computeOverview(*m_reader, catalogue(), query, o, error),
                 error.message.c_str());
        QCOMPARE(checkHistogram(o.histogram, events), QString());
        QCOMPARE(checkSameAsStore(o.histogram, query.filter, query), QString());

        Counts tiles, tileFailures, sparks, heat, failingEndpoints, byEvents, byFailures;
        std::array<std::int64_t, 5> actions{};
        std::int64_t failures = 0;
        for (const TruthEvent& e : events) {
            const std::string service = std::to_string(e.serviceId);
            const int bucket = bucketOf(o.histogram, e.ts);
            ++tiles[service];
            tileFailures[service] += e.failed;
            ++sparks[service + '@' + std::to_string(bucket)];
            ++heat[service + '/' + std::to_string(e.code) + '@' + std::to_string(bucket)];
            failingEndpoints[std::to_string(e.endpointId)] += e.failed;
            ++byEvents[e.initiator];
            byFailures[e.initiator] += e.failed;
            ++actions[std::size_t(expectedActionKind(e.action))];
            failures += e.failed;
        }
        QCOMPARE(o.events, std::int64_t(events.size()));
        QCOMPARE(o.failures, failures);

        Counts gotTiles, gotFailures, gotSparks, gotHeat;
        int lastCategory = 0;
        for (const dashboard::CategoryTiles& group : o.categories) {
            // Catalogue order, unclassified (0) last.
            QVERIFY(group.categoryId == 0 || group.categoryId > lastCategory);
            QVERIFY(lastCategory != -1);
            lastCategory = group.categoryId == 0 ? -1 : group.categoryId;
            std::int64_t groupEvents = 0;
            for (const dashboard::ServiceTile& tile : group.services) {
                const inventory::ServiceInfo* info = catalogue().serviceById(tile.serviceId);
                QCOMPARE(info ? info->categoryId : 0, group.categoryId);
                QCOMPARE(tile.sparkline.size(), o.histogram.buckets.size());
                const std::string service = std::to_string(tile.serviceId);
                gotTiles[service] = tile.events;
                gotFailures[service] = tile.failures;
                for (std::size_t b = 0; b < tile.sparkline.size(); ++b) {
                    if (tile.sparkline[b] != 0)
                        gotSparks[service + '@' + std::to_string(b)] = tile.sparkline[b];
                }
                groupEvents += tile.events;
            }
            QCOMPARE(group.events, groupEvents);
        }
        QCOMPARE(describe(gotTiles), describe(tiles));
        QCOMPARE(describe(gotFailures), describe(tileFailures));
        QCOMPARE(describe(gotSparks), describe(sparks));
        for (const dashboard::HeatCell& cell : o.reasonHeatmap)
            gotHeat[std::to_string(cell.serviceId) + '/' + std::to_string(cell.code) + '@' +
                    std::to_string(cell.bucket)] = cell.events;
        QCOMPARE(describe(gotHeat), describe(heat));

        std::vector<std::pair<std::string, std::int64_t>> got;
        for (const dashboard::EndpointCount& e : o.topFailingEndpoints) {
            QCOMPARE(e.description, catalogue().rowById(e.endpointId)
                                        ? catalogue().rowById(e.endpointId)->description
                                        : std::string());
            got.emplace_back(std::to_string(e.endpointId), e.failures);
        }
        QCOMPARE(checkTop(failingEndpoints, got, kTopN), QString());
        got.clear();
        for (const dashboard::InitiatorCount& i : o.topInitiatorsByEvents)
            got.emplace_back(key(i), i.events);
        QCOMPARE(checkTop(byEvents, got, kTopN), QString());
        got.clear();
        for (const dashboard::InitiatorCount& i : o.topInitiatorsByFailures)
            got.emplace_back(key(i), i.failures);
        QCOMPARE(checkTop(byFailures, got, kTopN), QString());
        for (int k = 0; k < dashboard::kActionKinds; ++k)
            QCOMPARE(o.actions[std::size_t(k)], actions[std::size_t(k)]);
    }

    void serviceDashboard_data() { addFilterRows(); }

    // The two busiest services under each filter, and a quiet one (few events: never-seen rows).
    void serviceDashboard() {
        QFETCH(QString, filter);
        QFETCH(bool, ranged);
        const DashboardQuery query = queryFor(filter, ranged);
        const std::vector<TruthEvent> events = selected(filter, query);
        std::map<int, std::int64_t> perService;
        for (const TruthEvent& e : events)
            ++perService[e.serviceId];
        std::vector<std::pair<std::int64_t, int>> order;
        for (const auto& [service, n] : perService)
            order.emplace_back(n, service);
        std::sort(order.rbegin(), order.rend());
        QVERIFY(order.size() >= 3);
        std::size_t neverSeenRows = 0;
        for (const int serviceId : {order[0].second, order[1].second, order.back().second}) {
            dashboard::ServiceDashboard d;
            store::StoreError error;
            QVERIFY2(dashboard::computeServiceDashboard(*m_reader, catalogue(), serviceId, query, d,
                                                        error),
                     error.message.c_str());
            std::vector<TruthEvent> mine;
            for (const TruthEvent& e : events) {
                if (e.serviceId == serviceId)
                    mine.push_back(e);
            }
            QCOMPARE(d.events, std::int64_t(mine.size()));
            QCOMPARE(checkHistogram(d.histogram, mine), QString());
            QCOMPARE(checkSameAsStore(d.histogram,
                                      dashboard::andWhere(query.filter, "e.service = ?",
                                                          {std::int64_t(serviceId)}),
                                      query),
                     QString());
            QCOMPARE(d.actionsOverTime.size(), d.histogram.buckets.size());

            Counts actions, endpoints, initiators, addresses, codes;
            std::array<std::int64_t, 4> outcomes{};
            std::set<int> seen;
            for (const TruthEvent& e : mine) {
                ++actions[std::to_string(bucketOf(d.histogram, e.ts)) + '/' +
                          std::to_string(expectedActionKind(e.action))];
                ++endpoints[std::to_string(e.endpointId)];
                ++initiators[e.initiator];
                ++addresses[e.address];
                if (e.failed)
                    ++codes[std::to_string(e.code)];
                ++outcomes[e.failed ? 2 : 1];
                seen.insert(e.endpointId);
            }
            Counts gotActions;
            for (std::size_t b = 0; b < d.actionsOverTime.size(); ++b) {
                for (int k = 0; k < dashboard::kActionKinds; ++k) {
                    if (const auto n = d.actionsOverTime[b][std::size_t(k)])
                        gotActions[std::to_string(b) + '/' + std::to_string(k)] = n;
                }
            }
            QCOMPARE(describe(gotActions), describe(actions));
            QCOMPARE(d.outcomes, outcomes);
            QCOMPARE(d.failures, outcomes[2]);

            std::vector<std::pair<std::string, std::int64_t>> got;
            for (const dashboard::EndpointCount& e : d.topEndpoints) {
                QCOMPARE(e.serviceId, serviceId);
                got.emplace_back(std::to_string(e.endpointId), e.events);
            }
            QCOMPARE(checkTop(endpoints, got, kTopN), QString());
            got.clear();
            for (const dashboard::InitiatorCount& i : d.topInitiators)
                got.emplace_back(key(i), i.events);
            QCOMPARE(checkTop(initiators, got, kTopN), QString());
            got.clear();
            for (const dashboard::ValueEvents& a : d.topAddresses)
                got.emplace_back(a.value, a.events);
            QCOMPARE(checkTop(addresses, got, kTopN), QString());
            Counts gotCodes;
            for (const dashboard::CodeCount& c : d.failuresByCode)
                gotCodes[std::to_string(c.code)] = c.events;
            QCOMPARE(describe(gotCodes), describe(codes));

            std::vector<int> neverSeen, wantNeverSeen;
            for (const dashboard::NeverSeenEndpoint& n : d.neverSeen)
                neverSeen.push_back(n.endpointId);
            for (const inventory::CatalogueRow& row : catalogue().rows()) {
                if (serviceId != 0 && row.serviceId == serviceId && !seen.contains(row.id))
                    wantNeverSeen.push_back(row.id);
            }
            neverSeenRows += neverSeen.size();
            QCOMPARE(neverSeen, wantNeverSeen);
        }
        QVERIFY(neverSeenRows > 0); // the comparison above is not between two empty lists
    }

    void initiators_data() { addFilterRows(); }

    void initiators() {
        QFETCH(QString, filter);
        QFETCH(bool, ranged);
        const DashboardQuery query = queryFor(filter, ranged);
        struct Want {
            std::int64_t events = 0, failures = 0, first = 0, last = 0;
            std::set<int> services;
            std::set<std::string> addresses, agents;
        };
        std::map<std::string, Want> want;
        for (const TruthEvent& e : selected(filter, query)) {
            Want& w = want[e.initiator];
            if (w.events++ == 0)
                w.first = w.last = e.ts;
            w.first = std::min(w.first, e.ts);
            w.last = std::max(w.last, e.ts);
            w.failures += e.failed;
            w.services.insert(e.serviceId);
            w.addresses.insert(e.address);
            w.agents.insert(e.agent);
        }
        std::vector<dashboard::InitiatorRow> rows;
        store::StoreError error;
        QVERIFY2(dashboard::computeInitiators(*m_reader, query, rows, error),
                 error.message.c_str());
        QCOMPARE(rows.size(), want.size());
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const dashboard::InitiatorRow& row = rows[i];
            if (i > 0)
                QVERIFY(rows[i - 1].events >= row.events);
            const auto it = want.find(key(row));
            QVERIFY2(it != want.end(), key(row).c_str());
            const Want& w = it->second;
            QCOMPARE(row.events, w.events);
            QCOMPARE(row.failures, w.failures);
            QCOMPARE(row.failureRate(), 100.0 * double(w.failures) / double(w.events));
            QCOMPARE(row.services, int(w.services.size()));
            QCOMPARE(row.addresses, int(w.addresses.size()));
            QCOMPARE(row.agents, int(w.agents.size()));
            QCOMPARE(row.firstUs, w.first);
            QCOMPARE(row.lastUs, w.last);
        }
    }

    void targets_data() { addFilterRows(); }

    // Inventory endpoints exactly; unclassified events by pattern, whose total must match.
    void targets() {
        QFETCH(QString, filter);
        QFETCH(bool, ranged);
        const DashboardQuery query = queryFor(filter, ranged);
        std::map<int, std::tuple<std::int64_t, std::int64_t, std::set<std::string>>> want;
        for (const TruthEvent& e : selected(filter, query)) {
            auto& [events, failures, initiators] = want[e.endpointId];
            ++events;
            failures += e.failed;
            initiators.insert(e.initiator);
        }
        std::vector<dashboard::TargetRow> rows;
        store::StoreError error;
        QVERIFY2(dashboard::computeTargets(*m_reader, catalogue(), query, rows, error),
                 error.message.c_str());
        std::int64_t unclassified = 0;
        std::size_t classified = 0;
        for (const dashboard::TargetRow& row : rows) {
            if (row.endpointId == 0) {
                QCOMPARE(row.serviceId, 0);
                unclassified += row.events;
                continue;
            }
            ++classified;
            const inventory::CatalogueRow* endpoint = catalogue().rowById(row.endpointId);
            QVERIFY(endpoint);
            QCOMPARE(row.serviceId, endpoint->serviceId);
            QCOMPARE(row.service, endpoint->service);
            QCOMPARE(row.target, endpoint->urls.front());
            const auto it = want.find(row.endpointId);
            QVERIFY(it != want.end());
            const auto& [events, failures, initiators] = it->second;
            QCOMPARE(row.events, events);
            QCOMPARE(row.failures, failures);
            QCOMPARE(row.initiators, std::int64_t(initiators.size()));
        }
        QCOMPARE(classified, want.size() - want.count(0));
        QCOMPARE(unclassified, want.count(0) ? std::get<0>(want.at(0)) : 0);
    }

    void outcomes_data() { addFilterRows(); }

    void outcomes() {
        QFETCH(QString, filter);
        QFETCH(bool, ranged);
        const DashboardQuery query = queryFor(filter, ranged);
        const std::vector<TruthEvent> events = selected(filter, query);
        Counts codes, pairs;
        for (const TruthEvent& e : events) {
            ++codes[std::to_string(e.serviceId) + '/' + std::to_string(e.code)];
            pairs[e.initiator + " x " + std::to_string(e.endpointId)] += e.failed;
        }
        dashboard::Outcomes o;
        store::StoreError error;
        QVERIFY2(dashboard::computeOutcomes(*m_reader, catalogue(), query, o, error),
                 error.message.c_str());
        QCOMPARE(checkHistogram(o.histogram, events), QString());
        QCOMPARE(checkSameAsStore(o.histogram, query.filter, query), QString());
        Counts gotCodes;
        for (const dashboard::ServiceCode& c : o.codes)
            gotCodes[std::to_string(c.serviceId) + '/' + std::to_string(c.code)] = c.events;
        QCOMPARE(describe(gotCodes), describe(codes));
        std::vector<std::pair<std::string, std::int64_t>> got;
        for (const dashboard::FailingPair& p : o.topFailing) {
            QCOMPARE(p.endpoint.failures, p.initiator.failures);
            got.emplace_back(key(p.initiator) + " x " + std::to_string(p.endpoint.endpointId),
                             p.initiator.failures);
        }
        QCOMPARE(checkTop(pairs, got, kTopN), QString());
    }

    void conversations_data() { addFilterRows(); }

    void conversations() {
        QFETCH(QString, filter);
        QFETCH(bool, ranged);
        const DashboardQuery query = queryFor(filter, ranged);
        std::map<std::string, std::array<std::int64_t, 4>> want; // events, failures, first, last
        for (const TruthEvent& e : selected(filter, query)) {
            auto& w = want[e.initiator + " x " + std::to_string(e.serviceId)];
            if (w[0]++ == 0)
                w[2] = w[3] = e.ts;
            w[1] += e.failed;
            w[2] = std::min(w[2], e.ts);
            w[3] = std::max(w[3], e.ts);
        }
        std::vector<dashboard::ConversationRow> rows;
        store::StoreError error;
        QVERIFY2(dashboard::computeConversations(*m_reader, catalogue(), query, rows, error),
                 error.message.c_str());
        QCOMPARE(rows.size(), want.size());
        for (const dashboard::ConversationRow& row : rows) {
            const std::string k = key(row.initiator) + " x " + std::to_string(row.serviceId);
            const auto it = want.find(k);
            QVERIFY2(it != want.end(), k.c_str());
            const std::array<std::int64_t, 4> got{row.events, row.failures, row.firstUs,
                                                  row.lastUs};
            QCOMPARE(got, it->second);
            QCOMPARE(row.service, dashboard::serviceName(catalogue(), row.serviceId));
        }
    }

    void profiles_data() { addFilterRows(); }

    // The busiest and the quietest initiator and the busiest endpoint under each filter, against
    // the truth; an unclassified pattern's profile against its Targets row.
    void profiles() {
        QFETCH(QString, filter);
        QFETCH(bool, ranged);
        const DashboardQuery query = queryFor(filter, ranged);
        const std::vector<TruthEvent> events = selected(filter, query);
        std::vector<dashboard::InitiatorRow> initiators;
        std::vector<dashboard::TargetRow> targets;
        store::StoreError error;
        QVERIFY(dashboard::computeInitiators(*m_reader, query, initiators, error));
        QVERIFY(dashboard::computeTargets(*m_reader, catalogue(), query, targets, error));
        QVERIFY(initiators.size() >= 2 && !targets.empty());
        const auto busiestEndpoint = std::find_if(targets.begin(), targets.end(),
                                                  [](const auto& t) { return t.endpointId != 0; });
        QVERIFY(busiestEndpoint != targets.end());

        using Kind = dashboard::ProfileSubject::Kind;
        const std::pair<dashboard::ProfileSubject, std::string> subjects[] = {
            {{Kind::Initiator, initiators.front().ref}, key(initiators.front())},
            {{Kind::Initiator, initiators.back().ref}, key(initiators.back())},
            {{Kind::Endpoint, busiestEndpoint->endpointId}, std::string()},
        };
        for (const auto& [subject, initiatorKey] : subjects) {
            const auto mine = [&](const TruthEvent& e) {
                return subject.kind == Kind::Initiator ? e.initiator == initiatorKey
                                                       : e.endpointId == int(subject.id);
            };
            dashboard::Profile p;
            QVERIFY2(dashboard::computeProfile(*m_reader, catalogue(), subject, query, p, error),
                     error.message.c_str());
            std::vector<TruthEvent> subset;
            Counts services, endpoints, users, addresses, agents, codes;
            std::array<std::int64_t, 4> outcomes{};
            std::array<std::int64_t, 5> actions{};
            for (const TruthEvent& e : events) {
                if (!mine(e))
                    continue;
                subset.push_back(e);
                ++services[std::to_string(e.serviceId)];
                ++endpoints[std::to_string(e.endpointId)];
                ++users[e.initiator];
                ++addresses[e.address];
                ++agents[e.agent];
                if (e.failed)
                    ++codes[std::to_string(e.code)];
                ++outcomes[e.failed ? 2 : 1];
                ++actions[std::size_t(expectedActionKind(e.action))];
            }
            QVERIFY(!subset.empty());
            QCOMPARE(p.events, std::int64_t(subset.size()));
            QCOMPARE(p.failures, outcomes[2]);
            QCOMPARE(p.outcomes, outcomes);
            QCOMPARE(p.actions, actions);
            const auto [first, last] = std::minmax_element(
                subset.begin(), subset.end(),
                [](const TruthEvent& a, const TruthEvent& b) { return a.ts < b.ts; });
            QCOMPARE(p.firstUs, first->ts);
            QCOMPARE(p.lastUs, last->ts);
            QCOMPARE(checkHistogram(p.histogram, subset), QString());

            std::vector<std::pair<std::string, std::int64_t>> got;
            for (const dashboard::ServiceEvents& v : p.services)
                got.emplace_back(std::to_string(v.serviceId), v.events);
            QCOMPARE(checkTop(services, got, kTopN), QString());
            got.clear();
            for (const dashboard::EndpointCount& v : p.endpoints)
                got.emplace_back(std::to_string(v.endpointId), v.events);
            QCOMPARE(checkTop(endpoints, got, kTopN), QString());
            got.clear();
            for (const dashboard::InitiatorCount& v : p.initiators)
                got.emplace_back(key(v), v.events);
            QCOMPARE(checkTop(users, got, kTopN), QString());
            got.clear();
            for (const dashboard::ValueEvents& v : p.addresses)
                got.emplace_back(v.value, v.events);
            QCOMPARE(checkTop(addresses, got, kTopN), QString());
            got.clear();
            for (const dashboard::ValueEvents& v : p.agents)
                got.emplace_back(v.value, v.events);
            QCOMPARE(checkTop(agents, got, kTopN), QString());
            Counts gotCodes;
            for (const dashboard::CodeCount& c : p.failuresByCode)
                gotCodes[std::to_string(c.code)] = c.events;
            QCOMPARE(describe(gotCodes), describe(codes));
        }

        // Unclassified patterns: the truth has no pattern, so the profile must agree with the
        // Targets table (itself checked against the truth's unclassified total).
        int patterns = 0;
        for (const dashboard::TargetRow& t : targets) {
            if (t.endpointId != 0)
                continue;
            ++patterns;
            dashboard::Profile p;
            QVERIFY(dashboard::computeProfile(*m_reader, catalogue(), {Kind::Pattern, t.patternId},
                                              query, p, error));
            QCOMPARE(p.events, t.events);
            QCOMPARE(p.failures, t.failures);
            QCOMPARE(std::int64_t(p.initiators.size()),
                     std::min<std::int64_t>(t.initiators, kTopN));
        }
        QVERIFY(patterns > 0 || !filter.isEmpty() || ranged); // the generator makes some
    }

    // A set cancel flag stops every aggregate with SQLITE_INTERRUPT instead of a result.
    void cancelStops_data() {
        QTest::addColumn<int>("which");
        QTest::newRow("overview") << 0;
        QTest::newRow("service") << 1;
        QTest::newRow("initiators") << 2;
        QTest::newRow("targets") << 3;
        QTest::newRow("outcomes") << 4;
        QTest::newRow("conversations") << 5;
        QTest::newRow("profile") << 6;
    }

    void cancelStops() {
        QFETCH(int, which);
        const std::atomic_bool cancel{true};
        DashboardQuery query = queryFor(QStringLiteral("outcome:failure"), false);
        query.cancel = &cancel;
        store::StoreError error;
        bool ok = true;
        switch (which) {
        case 0: {
            dashboard::Overview o;
            ok = dashboard::computeOverview(*m_reader, catalogue(), query, o, error);
            break;
        }
        case 1: {
            dashboard::ServiceDashboard d;
            ok = dashboard::computeServiceDashboard(*m_reader, catalogue(), 1, query, d, error);
            break;
        }
        case 2: {
            std::vector<dashboard::InitiatorRow> rows;
            ok = dashboard::computeInitiators(*m_reader, query, rows, error);
            break;
        }
        case 3: {
            std::vector<dashboard::TargetRow> rows;
            ok = dashboard::computeTargets(*m_reader, catalogue(), query, rows, error);
            break;
        }
        case 4: {
            dashboard::Outcomes o;
            ok = dashboard::computeOutcomes(*m_reader, catalogue(), query, o, error);
            break;
        }
        case 6: {
            dashboard::Profile p;
            ok = dashboard::computeProfile(*m_reader, catalogue(),
                                           {dashboard::ProfileSubject::Kind::Endpoint, 1}, query, p,
                                           error);
            break;
        }
        default: {
            std::vector<dashboard::ConversationRow> rows;
            ok = dashboard::computeConversations(*m_reader, catalogue(), query, rows, error);
            break;
        }
        }
        QVERIFY(!ok);
        QVERIFY(bool(error));
    }
};

QTEST_APPLESS_MAIN(TestDashboard)
#include "tst_dashboard.moc"
