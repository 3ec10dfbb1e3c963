// Every dashboard aggregate and store::timeHistogram give identical results whether they read
// the rollup tables or the events, for a few dozen filters (some the rollups answer, some not)
// under several time ranges and bucket layouts, on a store spread over four days; and they do
// read the rollups when the filter fits (a tampered rollup shows in their results).
#include "rollup_test_support.h"

#include "models/dashboard/drilldown.h"
#include "models/dashboard/overview.h"
#include "models/dashboard/service_dashboard.h"
#include "models/filter/filter.h"
#include "models/ingest/file_importer.h"
#include "models/ingest/import_classifier.h"
#include "models/inventory/catalogue.h"
#include "models/store/range_scan.h"
#include "models/store/rollup_scan.h"
#include "models/store/sqlite_db.h"
#include "models/store/store_reader.h"
#include "models/store/store_writer.h"
#include "models/store/time_histogram.h"

#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <map>
#include <sstream>
#include <thread>

using namespace cadf;
using dashboard::DashboardQuery;

namespace {

const inventory::Catalogue& catalogue() {
    return inventory::Catalogue::builtIn();
}

// Everything a result holds, as text: two results are identical when their texts are.
struct Dump {
    std::ostringstream s;
    template <typename T> Dump& operator<<(const T& v) {
        s << v << ' ';
        return *this;
    }
    Dump& operator<<(const store::TimeHistogram& h) {
        s << "hist " << h.ok << ' ' << h.fromUs << ' ' << h.toUs << ' ' << h.bucketUs << " [";
        for (const store::HistogramBucket& b : h.buckets)
            s << b.startUs << ':' << b.counts[0] << ',' << b.counts[1] << ',' << b.counts[2] << ','
              << b.counts[3] << ' ';
        s << "] ";
        return *this;
    }
    template <typename T, std::size_t N> Dump& operator<<(const std::array<T, N>& a) {
        for (const T& v : a)
            s << v << ',';
        s << ' ';
        return *this;
    }
    Dump& operator<<(const dashboard::EndpointCount& e) {
        return *this << "ep" << e.endpointId << e.serviceId << e.service << e.description
                     << e.events << e.failures;
    }
    Dump& operator<<(const dashboard::InitiatorCount& i) {
        return *this << "ini" << i.ref << i.id << i.name << i.type << i.events << i.failures;
    }
    Dump& operator<<(const dashboard::ValueEvents& v) {
        return *this << "val" << v.ref << v.value << v.events << v.failures;
    }
    template <typename T> Dump& operator<<(const std::vector<T>& rows) {
        s << '[';
        for (const T& row : rows)
            *this << row;
        s << "] ";
        return *this;
    }
    Dump& operator<<(const dashboard::ServiceTile& t) {
        return *this << "tile" << t.serviceId << t.name << t.events << t.failures << t.sparkline;
    }
    Dump& operator<<(const dashboard::CategoryTiles& c) {
        return *this << "cat" << c.categoryId << c.name << c.events << c.failures << c.services;
    }
    Dump& operator<<(const dashboard::HeatCell& c) {
        return *this << "heat" << c.serviceId << c.code << c.bucket << c.events;
    }
    Dump& operator<<(const dashboard::CodeCount& c) {
        return *this << "code" << c.code << c.events;
    }
    Dump& operator<<(const dashboard::NeverSeenEndpoint& n) {
        return *this << "never" << n.endpointId;
    }
    Dump& operator<<(const dashboard::InitiatorRow& r) {
        return *this << "row" << r.ref << r.id << r.name << r.type << r.events << r.failures
                     << r.services << r.addresses << r.agents << r.firstUs << r.lastUs;
    }
    Dump& operator<<(const dashboard::TargetRow& r) {
        return *this << "target" << r.endpointId << r.patternId << r.target << r.description
                     << r.serviceId << r.service << r.events << r.failures << r.initiators;
    }
    Dump& operator<<(const dashboard::ServiceCode& c) {
        return *this << "sc" << c.serviceId << c.code << c.events;
    }
    Dump& operator<<(const dashboard::FailingPair& p) {
        return *this << "pair" << p.initiator << p.endpoint;
    }
    Dump& operator<<(const dashboard::ConversationRow& r) {
        return *this << "conv" << r.initiator << r.serviceId << r.service << r.events << r.failures
                     << r.firstUs << r.lastUs;
    }
    QString text() const { return QString::fromStdString(s.str()); }
};

// Service dashboards compared: the busiest few services (and the unclassified events).
constexpr int kServiceRows = 3;

} // namespace

class TestDashboardRollups : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::string m_db;
    std::unique_ptr<store::StoreReader> m_reader;
    std::int64_t m_firstUs = 0;
    std::int64_t m_lastUs = 0;
    std::vector<int> m_services; // the busiest few

    // `rollups` false: every function reads events.
    DashboardQuery queryFor(const QString& text, int layout, bool rollups) const {
        const filter::CompiledFilter compiled = filter::compile(text);
        if (!compiled.ok)
            qFatal("filter %s: %s", qPrintable(text), qPrintable(compiled.error.message));
        DashboardQuery query;
        query.filter = compiled.sql;
        query.rollups = rollups;
        query.topN = 6;
        const std::int64_t span = m_lastUs - m_firstUs;
        switch (layout) {
        case 0: // everything, 2-hour buckets
            query.maxBuckets = 60;
            break;
        case 1: // a range cutting hours and days, buckets of hours from a UTC+2 midnight
            query.fromUs = m_firstUs + span / 3 + 1234567;
            query.toUs = m_firstUs + 2 * span / 3 + 7654321;
            query.maxBuckets = 40;
            query.alignOffsetSeconds = 2 * 3600;
            break;
        case 2: // days from a UTC+5:30 midnight: not whole hours, events only
            query.maxBuckets = 6;
            query.alignOffsetSeconds = 5 * 3600 + 1800;
            break;
        case 3: // half-hour buckets: events only
            query.fromUs = m_firstUs + span / 2;
            query.maxBuckets = 400;
            break;
        default: // a range on whole days
            query.fromUs = m_firstUs - m_firstUs % store::kDayUs + store::kDayUs;
            query.toUs = *query.fromUs + 2 * store::kDayUs;
            query.maxBuckets = 48;
            break;
        }
        return query;
    }

    QString dumpAll(const DashboardQuery& query) {
        Dump d;
        store::StoreError error;
        dashboard::Overview overview;
        if (!dashboard::computeOverview(*m_reader, catalogue(), query, overview, error))
            return QString::fromStdString("overview failed: " + error.message);
        d << "overview" << overview.histogram << overview.events << overview.failures
          << overview.categories << overview.reasonHeatmap << overview.topFailingEndpoints
          << overview.topInitiatorsByEvents << overview.topInitiatorsByFailures << overview.actions;
        for (const int service : m_services) {
            dashboard::ServiceDashboard sd;
            if (!dashboard::computeServiceDashboard(*m_reader, catalogue(), service, query, sd,
                                                    error))
                return QString::fromStdString("service failed: " + error.message);
            d << "service" << sd.serviceId << sd.name << sd.category << sd.histogram << sd.events
              << sd.failures << sd.outcomes << sd.topEndpoints << sd.topInitiators
              << sd.topAddresses << sd.failuresByCode << sd.neverSeen;
            for (const dashboard::ActionCounts& a : sd.actionsOverTime)
                d << a;
        }
        std::vector<dashboard::InitiatorRow> initiators;
        if (!dashboard::computeInitiators(*m_reader, query, initiators, error))
            return QString::fromStdString("initiators failed: " + error.message);
        std::vector<dashboard::TargetRow> targets;
        if (!dashboard::computeTargets(*m_reader, catalogue(), query, targets, error))
            return QString::fromStdString("targets failed: " + error.message);
        dashboard::Outcomes outcomes;
        if (!dashboard::computeOutcomes(*m_reader, catalogue(), query, outcomes, error))
            return QString::fromStdString("outcomes failed: " + error.message);
        std::vector<dashboard::ConversationRow> conversations;
        if (!dashboard::computeConversations(*m_reader, catalogue(), query, conversations, error))
            return QString::fromStdString("conversations failed: " + error.message);
        d << "initiators" << initiators << "targets" << targets << "outcomes" << outcomes.histogram
          << outcomes.codes << outcomes.topFailing << "conversations" << conversations;
        // store::timeHistogram has no switch: the events side gets the same WHERE without its
        // rollup clause ("1" for no filter, a WHERE the rollups never take).
        store::SqlFilter filter = query.filter;
        if (!query.rollups) {
            filter.rollup = nullptr;
            if (filter.where.empty())
                filter.where = "1";
        }
        d << "timeHistogram"
          << store::timeHistogram(*m_reader, filter, query.fromUs, query.toUs, query.maxBuckets,
                                  query.alignOffsetSeconds);
        return d.text();
    }

    // The first place two dumps differ, with some context.
    static QString firstDifference(const QString& a, const QString& b) {
        qsizetype i = 0;
        while (i < a.size() && i < b.size() && a[i] == b[i])
            ++i;
        const qsizetype from = std::max<qsizetype>(0, i - 120);
        return QStringLiteral("rollups: ...%1\nevents:  ...%2")
            .arg(a.mid(from, 240), b.mid(from, 240));
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath(QStringLiteral("d.cadfscope")).toStdString();
        const std::string log = m_dir.filePath(QStringLiteral("d.log")).toStdString();
        generateSpreadLog(log, 6000, 4, 77);
        {
            store::StoreError error;
            auto writer = store::StoreWriter::open(m_db, &error);
            QVERIFY2(writer, error.message.c_str());
            ingest::FileImporter importer(*writer);
            importer.setClassifier(ingest::makeImportClassifier());
            const std::atomic_bool cancel{false};
            const auto result = importer.importFiles({log}, cancel).front();
            QVERIFY2(result.error.empty(), result.error.c_str());
        }
        QCOMPARE(rollupDifferences(m_db), QString());
        store::StoreError error;
        m_reader = store::StoreReader::open(m_db, &error);
        QVERIFY2(m_reader, error.message.c_str());
        m_firstUs = m_reader->database().queryInt("SELECT min(ts) FROM events", 0);
        m_lastUs = m_reader->database().queryInt("SELECT max(ts) FROM events", 0);
        QVERIFY(m_lastUs - m_firstUs > 3 * store::kDayUs);
        for (const store::ValueCount& v :
             m_reader->countBy(store::GroupField::Service, {}, kServiceRows))
            m_services.push_back(int(std::get<std::int64_t>(v.key)));
        m_services.push_back(0); // the unclassified events
    }

    void sameResults_data() {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<bool>("fitsHour"); // whether rollup_hour answers it
        const std::pair<const char*, bool> filters[] = {
            {"", true},
            {"outcome:failure", true},
            {"outcome:success", true},
            {"-outcome:failure", true},
            {"code:4xx", true},
            {"code:5xx", true},
            {"-code:200", true},
            {"code>=500", true},
            {"code:401 OR code:403", true},
            {"code:0..299", true},
            {"service:DRC", true},
            {"service:SOAR outcome:failure", true},
            {"service:DRC OR code:5xx", true},
            {"NOT service:SOAR", true},
            {"service:Unclassified", true},
            {"category:\"Dashboards\"", true},
            {"endpoint:\"*case*\"", true},
            {"action:read*", true},
            {"action:READ outcome:failure", true},
            {"-action:read", true},
            {"action:*", true},
            {"(service:ATK OR service:TII) -code:200", true},
            {"initiator:SERVICE.*", false},
            {"initiator.name:*a* outcome:failure", false},
            {"address:10.0.0.0/8", false},
            {"agent:*Firefox*", false},
            {"service:SOAR address:192.168.*", false},
            {"target:*cases*", false},
            {"severity:*", false},
            {"outcome:denied", false},
            {"code:Unauthorized", false},
            {"code:40*", false},
            {"\"admin\"", false},
            {"host:*", false},
            {"time>=2023-10-19T10:00 time<2023-10-20T13:30", true},
            {"service:DRC time>=2023-10-19", true},
            {"time>=2023-10-19T10:17:33 outcome:failure time<2023-10-21T00:00:01", true},
            {"time:2023-10-19 time:2023-10-20", true},
            {"time:2023-10-20 (code:5xx OR action:read*)", true},
            {"time<2023-10-19 OR code:5xx", false},
            {"-time>=2023-10-20", false},
            {"time:2023-10-20 initiator:SERVICE.*", false},
        };
        for (const auto& [text, fits] : filters)
            QTest::newRow(*text ? text : "(none)") << QString::fromUtf8(text) << fits;
    }

    void sameResults() {
        QFETCH(QString, filter);
        QFETCH(bool, fitsHour);
        const DashboardQuery probe = queryFor(filter, 0, true);
        QCOMPARE(store::rollupFilterFor(*m_reader, probe.filter, store::Rollup::Hour) != nullptr,
                 fitsHour);
        for (int layout = 0; layout < 5; ++layout) {
            const QString viaRollups = dumpAll(queryFor(filter, layout, true));
            const QString viaEvents = dumpAll(queryFor(filter, layout, false));
            QVERIFY2(viaRollups == viaEvents, qPrintable(QStringLiteral("layout %1: ").arg(layout) +
                                                         firstDifference(viaRollups, viaEvents)));
        }
    }

    // The rollup path is the one taken: a count added to each rollup shows in the results of a
    // filter that fits, and the plain path does not see it.
    void rollupsAreRead() {
        const QString before = dumpAll(queryFor(QString(), 0, true));
        QCOMPARE(before, dumpAll(queryFor(QString(), 0, false)));
        const char* const tables[] = {"rollup_hour", "rollup_initiator_3h", "rollup_target_3h"};
        for (const char* table : tables) {
            store::Database db;
            QVERIFY(!db.open(m_db, store::Database::Mode::ReadWrite));
            // The rows of the first hour or day.
            QVERIFY(!db.exec(std::string("UPDATE ") + table + " SET n = n + 1000 WHERE ts = " +
                             "(SELECT min(ts) FROM " + table + ")"));
            const QString tampered = dumpAll(queryFor(QString(), 0, true));
            QVERIFY2(tampered != before, table);
            QCOMPARE(dumpAll(queryFor(QString(), 0, false)), before);
            QVERIFY(!db.exec(std::string("UPDATE ") + table + " SET n = n - 1000 WHERE ts = " +
                             "(SELECT min(ts) FROM " + table + ")"));
        }
        QCOMPARE(dumpAll(queryFor(QString(), 0, true)), before);
    }

    // A long range read in two halves on two connections (store::scanEventsSplit) hands every
    // matching row to the caller exactly once, NULLs kept, on the caller's thread; a cancel stops
    // both halves.
    void splitScanReadsEveryRowOnce() {
        const char* const filters[] = {"", "outcome:failure", "code:5xx", "service:SOAR"};
        for (const char* text : filters) {
            const store::SqlFilter filter = queryFor(QString::fromUtf8(text), 0, false).filter;
            const std::string where = filter.where.empty() ? "1" : filter.where;
            std::map<std::int64_t, std::int64_t> expected; // id -> code (-1: NULL)
            store::Statement s =
                m_reader->database().prepare("SELECT e.id, e.code FROM events e WHERE " + where);
            int next = 1;
            for (const store::SqlValue& value : filter.params)
                store::bindValue(s, next++, value);
            while (s.step() == store::Statement::Step::Row)
                expected[s.int64(0)] = s.isNull(1) ? -1 : s.int64(1);
            QVERIFY(!expected.empty());

            std::map<std::int64_t, std::int64_t> seen;
            bool duplicate = false;
            bool otherThread = false;
            const std::thread::id caller = std::this_thread::get_id();
            const store::StoreError error = store::scanEventsSplit(
                *m_reader, "e.id, e.code", filter, m_firstUs, m_lastUs + 1, nullptr,
                [&](const store::ScanRow& row, std::int64_t weight) {
                    QCOMPARE(weight, std::int64_t(1));
                    otherThread |= std::this_thread::get_id() != caller;
                    duplicate |=
                        !seen.emplace(row.int64(0), row.isNull(1) ? -1 : row.int64(1)).second;
                });
            QVERIFY2(!error, error.message.c_str());
            QVERIFY(!duplicate);
            QVERIFY(!otherThread);
            QCOMPARE(seen, expected);
        }
        const std::atomic_bool cancelled{true};
        std::int64_t rows = 0;
        const store::StoreError error =
            store::scanEventsSplit(*m_reader, "e.id", {}, m_firstUs, m_lastUs + 1, &cancelled,
                                   [&](const store::ScanRow&, std::int64_t) { ++rows; });
        QCOMPARE(error.sqliteCode, SQLITE_INTERRUPT);
        QCOMPARE(rows, std::int64_t(0));
    }
};

QTEST_APPLESS_MAIN(TestDashboardRollups)
#include "tst_dashboard_rollups.moc"
