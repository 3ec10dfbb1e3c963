// EventTableModel over real temporary stores filled through StoreWriter: the model tester, the
// count, every row against what was written (in time order, ties by id) whatever order the pages
// are visited in, the failure tint, stale generations and refresh on commit.
#include "models/cadf/timestamp.h"
#include "models/itemmodels/event_table_model.h"
#include "models/store/store_reader.h"
#include "models/store/store_writer.h"
#include "views/event_row_delegate.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QGuiApplication>
#include <QPalette>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <random>

using cadf::store::StoredEventInput;

namespace {

constexpr qint64 kBaseUs = Q_INT64_C(1697637600000000); // 2023-10-18T14:00:00Z

struct Written {
    qint64 ts = 0;
    int index = 0; // order of writing = order of ids
    bool failure = false;
};

StoredEventInput makeEvent(int index, qint64 ts, bool failure, int serviceId = 0) {
    StoredEventInput in;
    cadf::Event& ev = in.event;
    ev.id = "event-" + std::to_string(index);
    ev.typeUri = "http://schemas.dmtf.org/cloud/audit/1.0/event";
    ev.eventType = "activity";
    ev.timeUs = ts;
    ev.timeQuality = cadf::TimeQuality::Exact;
    ev.eventTimeRaw = cadf::formatIso(ts, 0, 6);
    ev.action = index % 3 == 0 ? "read" : "update";
    ev.outcomeRaw = failure ? "failure" : "success";
    ev.outcome = failure ? cadf::Outcome::Failure : cadf::Outcome::Success;
    ev.reasonCode = failure ? "403" : "200";
    ev.initiator.id = "user-" + std::to_string(index);
    ev.initiator.name = "User " + std::to_string(index);
    ev.initiator.hostAddress = "10.0." + std::to_string(index % 200) + ".1";
    ev.target.id = "/api/items/" + std::to_string(index);
    ev.target.name = "items";
    ev.json = "{\"id\":\"event-" + std::to_string(index) + "\"}";
    ev.digest = 0x9E3779B97F4A7C15ULL * static_cast<std::uint64_t>(index + 1);
    in.record = "<13>1 - host app - - - " + ev.json;
    in.lineNo = index + 1;
    in.serviceId = serviceId;
    in.endpointId = serviceId == 0 ? 0 : serviceId * 10; // a row of that service
    return in;
}

// Writes the events in `index` order (so ids follow index) and returns them sorted as the table
// shows them: by time, ties by id.
std::vector<Written> writeStore(const QString& path, int count, int firstIndex = 0,
                                qint64 baseUs = kBaseUs, int serviceId = 0) {
    std::vector<Written> written;
    cadf::store::StoreError error;
    const auto writer = cadf::store::StoreWriter::open(path.toStdString(), &error);
    if (!writer) {
        qWarning("cannot open the store: %s", error.message.c_str());
        return written;
    }
    cadf::store::SourceInfo info;
    info.name = "test.log";
    const std::int64_t source = writer->beginSource(info);
    QRandomGenerator random(quint32(count + firstIndex));
    cadf::store::EventBatch batch;
    batch.sourceId = source;
    for (int i = firstIndex; i < firstIndex + count; ++i) {
        // Seconds drawn from a range half the count: many events share a timestamp.
        const qint64 ts = baseUs + qint64(random.bounded(std::max(1, count / 2))) * 1000000;
        const bool failure = i % 5 == 0;
        written.push_back({ts, i, failure});
        batch.events.push_back(makeEvent(i, ts, failure, serviceId));
        if (batch.events.size() == 2000) {
            writer->submit(std::move(batch));
            batch = {};
            batch.sourceId = source;
        }
    }
    if (!batch.events.empty())
        writer->submit(std::move(batch));
    cadf::store::SourceSummary summary;
    summary.records = count;
    writer->finishSource(source, summary);
    writer->flush();
    std::stable_sort(written.begin(), written.end(),
                     [](const Written& a, const Written& b) { return a.ts < b.ts; });
    return written;
}

qint64 storeCount(const QString& path) {
    cadf::store::StoreError error;
    const auto reader = cadf::store::StoreReader::open(path.toStdString(), &error);
    return reader ? reader->countEvents({}) : -1;
}

double luminance(const QColor& c) {
    const auto channel = [](double v) {
        v /= 255.0;
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue());
}

double contrast(const QColor& a, const QColor& b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

class TestEventTableModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void modelTester();
    void countMatchesStore_data();
    void countMatchesStore();
    void rowsMatchStoreInTimeOrder_data();
    void rowsMatchStoreInTimeOrder();
    void placeholderThenData();
    void failureRowsTinted_data();
    void failureRowsTinted();
    void serviceNames();
    void staleGenerationDropped();
    void refreshIfChanged();
    void eventLoaded();
    void deepRowsInSortOrder_data();
    void deepRowsInSortOrder();
};

void TestEventTableModel::modelTester() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("store.cadfscope"));
    QCOMPARE(writeStore(path, 700).size(), std::size_t(700));

    EventTableModel model(path);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(model.rowCount(), 700);
    for (int row = 0; row < model.rowCount(); row += 100)
        model.data(model.index(row, 0));
    QTRY_VERIFY(model.data(model.index(600, 0), EventTableModel::LoadedRole).toBool());

    // Growth through a refresh, as during an import, runs through the tester's checks too.
    writeStore(path, 300, 700, kBaseUs - 3600 * Q_INT64_C(1000000));
    model.refreshIfChanged();
    QTRY_COMPARE(model.rowCount(), 1000);
    QTRY_VERIFY(model.data(model.index(999, 0), EventTableModel::LoadedRole).toBool());

    model.setQuery({}, true);
    QTRY_VERIFY(model.data(model.index(0, 0), EventTableModel::LoadedRole).toBool());
    QCOMPARE(model.rowCount(), 1000);
}

void TestEventTableModel::countMatchesStore_data() {
    QTest::addColumn<int>("events");
    QTest::newRow("empty") << 0;
    QTest::newRow("one") << 1;
    QTest::newRow("page - 1") << EventTableModel::kPageSize - 1;
    QTest::newRow("page") << EventTableModel::kPageSize;
    QTest::newRow("page + 1") << EventTableModel::kPageSize + 1;
    QTest::newRow("several pages") << 5000;
}

void TestEventTableModel::countMatchesStore() {
    QFETCH(int, events);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("store.cadfscope"));
    writeStore(path, events);

    EventTableModel model(path);
    QSignalSpy counted(&model, &EventTableModel::countChanged);
    QTRY_VERIFY(model.countKnown());
    QCOMPARE(qint64(model.rowCount()), storeCount(path));
    QCOMPARE(model.rowCount(), events);
    QCOMPARE(model.totalEvents(), qint64(events));
    QCOMPARE(model.totalRejects(), qint64(0));
    QCOMPARE(counted.count(), 1);
    QCOMPARE(counted.first().at(0).toLongLong(), qint64(events));
}

void TestEventTableModel::rowsMatchStoreInTimeOrder_data() {
    QTest::addColumn<int>("events");
    QTest::addColumn<bool>("jump");
    QTest::newRow("few pages, in order") << 1500 << false;
    QTest::newRow("few pages, jumping") << 1500 << true;
    // More pages than the cache holds: eviction, and revisiting evicted pages.
    QTest::newRow("beyond the cache, in order") << 20000 << false;
    QTest::newRow("beyond the cache, jumping") << 20000 << true;
}

void TestEventTableModel::rowsMatchStoreInTimeOrder() {
    QFETCH(int, events);
    QFETCH(bool, jump);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("store.cadfscope"));
    const std::vector<Written> expected = writeStore(path, events);
    QCOMPARE(int(expected.size()), events);

    EventTableModel model(path);
    QTRY_COMPARE(model.rowCount(), events);

    const int pages = (events + EventTableModel::kPageSize - 1) / EventTableModel::kPageSize;
    std::vector<int> order(pages);
    std::iota(order.begin(), order.end(), 0);
    if (jump) {
        // Deep jumps first (no neighbour to continue from), then backwards, then the cached
        // ones again; every page's start is found by the anchor query.
        std::shuffle(order.begin(), order.end(), std::mt19937(7));
        std::vector<int> again(order.rbegin(), order.rend());
        order.insert(order.end(), again.begin(), again.end());
    }
    for (const int page : order) {
        const int first = page * EventTableModel::kPageSize;
        const int last = std::min(first + EventTableModel::kPageSize, events) - 1;
        model.data(model.index(first, 0));
        QTRY_VERIFY(model.data(model.index(last, 0), EventTableModel::LoadedRole).toBool());
        for (int row = first; row <= last; ++row) {
            const Written& w = expected[std::size_t(row)];
            const QString time = QString::fromStdString(cadf::formatIso(w.ts, 0, 3));
            QCOMPARE(model.data(model.index(row, EventTableModel::TimeColumn)).toString(), time);
            QCOMPARE(model.data(model.index(row, EventTableModel::InitiatorColumn)).toString(),
                     QStringLiteral("User %1").arg(w.index));
            QCOMPARE(model.data(model.index(row, 0), EventTableModel::TimestampRole).toLongLong(),
                     w.ts);
            if (row > 0 && expected[std::size_t(row - 1)].ts == w.ts) {
                QVERIFY(
                    model.data(model.index(row, 0), EventTableModel::EventIdRole).toLongLong() >
                    model.data(model.index(row - 1, 0), EventTableModel::EventIdRole).toLongLong());
            }
        }
    }
}

void TestEventTableModel::placeholderThenData() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("store.cadfscope"));
    const std::vector<Written> expected = writeStore(path, 300);
    EventTableModel model(path);
    QTRY_COMPARE(model.rowCount(), 300);

    // Pages arrive through this thread's event loop, so the first look is always a miss.
    const QModelIndex index = model.index(290, EventTableModel::ActionColumn);
    QCOMPARE(model.data(index).toString(), EventTableModel::placeholderText());
    QVERIFY(!model.data(index, EventTableModel::EventIdRole).isValid());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QTRY_VERIFY(model.data(index, EventTableModel::LoadedRole).toBool());
    // Only the arrived page's range is announced.
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), EventTableModel::kPageSize);
    QCOMPARE(changed.first().at(1).toModelIndex().row(), 299);
    const int writtenIndex = expected[290].index;
    QCOMPARE(model.data(index).toString(),
             QString::fromLatin1(writtenIndex % 3 == 0 ? "read" : "update"));
    QCOMPARE(model.data(model.index(290, EventTableModel::TargetColumn)).toString(),
             QStringLiteral("/api/items/%1").arg(writtenIndex));
    const auto alignment =
        model.data(model.index(290, EventTableModel::CodeColumn), Qt::TextAlignmentRole)
            .value<Qt::Alignment>();
    QVERIFY(alignment & Qt::AlignRight);
}

void TestEventTableModel::failureRowsTinted_data() {
    QTest::addColumn<bool>("dark");
    QTest::newRow("light palette") << false;
    QTest::newRow("dark palette") << true;
}

void TestEventTableModel::failureRowsTinted() {
    QFETCH(bool, dark);
    const QPalette original = QGuiApplication::palette();
    QPalette palette = original;
    palette.setColor(QPalette::Base, dark ? QColor(30, 30, 30) : QColor(255, 255, 255));
    palette.setColor(QPalette::Text, dark ? QColor(230, 230, 230) : QColor(20, 20, 20));
    QGuiApplication::setPalette(palette);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("store.cadfscope"));
    const std::vector<Written> expected = writeStore(path, 200);
    EventTableModel model(path);
    QTRY_COMPARE(model.rowCount(), 200);
    model.data(model.index(0, 0));
    QTRY_VERIFY(model.data(model.index(199, 0), EventTableModel::LoadedRole).toBool());

    int failures = 0;
    for (int row = 0; row < 200; ++row) {
        const bool failure = expected[std::size_t(row)].failure;
        // The model says what happened; the view's delegate picks the colour against the palette.
        const int outcomeRole =
            model.data(model.index(row, 0), EventTableModel::OutcomeRole).toInt();
        const int code = model.data(model.index(row, 0), EventTableModel::CodeRole).toInt();
        const EventRowDelegate::Tint kind = EventRowDelegate::tintFor(outcomeRole, code);
        const QColor background = EventRowDelegate::background(kind, palette.color(QPalette::Base));
        const QString outcome =
            model.data(model.index(row, EventTableModel::OutcomeColumn)).toString();
        QCOMPARE(outcomeRole, int(failure ? cadf::Outcome::Failure : cadf::Outcome::Success));
        QVERIFY(!model.data(model.index(row, 0), Qt::BackgroundRole).isValid());
        if (!failure) {
            QVERIFY(!background.isValid());
            QVERIFY(!outcome.contains(QChar(0x2717)));
            continue;
        }
        ++failures;
        const QColor tint = background;
        QVERIFY(tint.isValid());
        QVERIFY2(tint.red() > tint.green() && tint.red() > tint.blue(), "the tint is not red");
        // Readable: the palette's text on the tint, and the red outcome text on the tint.
        QVERIFY(contrast(tint, palette.color(QPalette::Text)) >= 4.5);
        const QColor text = EventRowDelegate::emphasis(kind, palette.color(QPalette::Base));
        QVERIFY(text.isValid());
        QVERIFY(contrast(tint, text) >= 4.5);
        // Not colour alone: the text says it too.
        QVERIFY(outcome.startsWith(QChar(0x2717)));
        QVERIFY(outcome.contains(QStringLiteral("failure")));
    }
    QCOMPARE(failures, 40);
    QGuiApplication::setPalette(original);
}

void TestEventTableModel::serviceNames() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("store.cadfscope"));
    writeStore(path, 10, 0, kBaseUs, 4);
    writeStore(path, 10, 10, kBaseUs + 3600 * Q_INT64_C(1000000), 0);
    EventTableModel model(path);
    QTRY_COMPARE(model.rowCount(), 20);
    model.data(model.index(0, 0));
    QTRY_VERIFY(model.data(model.index(19, 0), EventTableModel::LoadedRole).toBool());
    const QModelIndex classified = model.index(0, EventTableModel::ServiceColumn);
    const QModelIndex unclassified = model.index(19, EventTableModel::ServiceColumn);
    QCOMPARE(model.data(classified).toString(), QString());

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setServiceNameProvider([](int id) { return QStringLiteral("Service #%1").arg(id); });
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.data(classified).toString(), QStringLiteral("Service #4"));
    QCOMPARE(model.data(unclassified).toString(), QString());

    // The endpoint's description, by the inventory row id stored with the event.
    const QModelIndex endpoint = model.index(0, EventTableModel::EndpointColumn);
    QCOMPARE(model.data(endpoint).toString(), QString());
    model.setEndpointNameProvider([](int id) { return QStringLiteral("Endpoint #%1").arg(id); });
    QCOMPARE(changed.count(), 2);
    QCOMPARE(model.data(endpoint).toString(), QStringLiteral("Endpoint #40"));
    QCOMPARE(model.data(endpoint, EventTableModel::FilterValueRole).toString(),
             QStringLiteral("Endpoint #40"));
    QCOMPARE(EventTableModel::filterField(EventTableModel::EndpointColumn),
             QStringLiteral("endpoint"));
    QCOMPARE(model.data(model.index(19, EventTableModel::EndpointColumn)).toString(), QString());
}

void TestEventTableModel::staleGenerationDropped() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("store.cadfscope"));
    writeStore(path, 1000);
    EventTableModel model(path);
    QTRY_COMPARE(model.rowCount(), 1000);
    // Page 0 comes with the count; row 300 is on page 1, asked for now.
    QVERIFY(model.data(model.index(300, 0)).toString() == EventTableModel::placeholderText());
    // The reader has answered page 1 for this generation; the answer waits in our queue.
    model.waitForReaderForTesting();
    const quint64 before = model.generation();

    // Earlier events arrive, then a reload: the pages of the old generation are now wrong.
    const std::vector<Written> earlier =
        writeStore(path, 50, 1000, kBaseUs - 3600 * Q_INT64_C(1000000));
    model.reload();
    QCOMPARE(model.generation(), before + 1);
    QTRY_COMPARE(model.rowCount(), 1050);
    QTRY_VERIFY(model.staleResultsDropped() >= 1);
    QTRY_VERIFY(model.data(model.index(0, 0), EventTableModel::LoadedRole).toBool());
    QCOMPARE(model.data(model.index(0, EventTableModel::InitiatorColumn)).toString(),
             QStringLiteral("User %1").arg(earlier.front().index));
    QCOMPARE(model.data(model.index(0, EventTableModel::TimeColumn)).toString(),
             QString::fromStdString(cadf::formatIso(earlier.front().ts, 0, 3)));
}

void TestEventTableModel::refreshIfChanged() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("store.cadfscope"));
    writeStore(path, 100);
    EventTableModel model(path);
    QTRY_COMPARE(model.rowCount(), 100);

    // Nothing committed: no new generation.
    const quint64 generation = model.generation();
    model.refreshIfChanged();
    model.waitForReaderForTesting();
    QCoreApplication::processEvents();
    QCOMPARE(model.generation(), generation);

    writeStore(path, 40, 100, kBaseUs + 7200 * Q_INT64_C(1000000));
    model.refreshIfChanged();
    QTRY_COMPARE(model.rowCount(), 140);
    QVERIFY(model.generation() > generation);
    QCOMPARE(model.totalEvents(), qint64(140));
}

void TestEventTableModel::eventLoaded() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("store.cadfscope"));
    const std::vector<Written> expected = writeStore(path, 30);
    EventTableModel model(path);
    QTRY_COMPARE(model.rowCount(), 30);
    model.data(model.index(0, 0));
    QTRY_VERIFY(model.data(model.index(5, 0), EventTableModel::LoadedRole).toBool());
    const qint64 id = model.data(model.index(5, 0), EventTableModel::EventIdRole).toLongLong();

    QSignalSpy loaded(&model, &EventTableModel::eventLoaded);
    model.requestEvent(id);
    QVERIFY(loaded.wait());
    QCOMPARE(loaded.first().at(0).toLongLong(), id);
    const auto event = loaded.first().at(1).value<StoredEventPtr>();
    QVERIFY(event);
    QCOMPARE(QString::fromStdString(event->event.initiator.name),
             QStringLiteral("User %1").arg(expected[5].index));
    QVERIFY(QString::fromStdString(event->record).startsWith(QStringLiteral("<13>1 ")));
}

void TestEventTableModel::deepRowsInSortOrder_data() {
    QTest::addColumn<int>("column");
    QTest::addColumn<bool>("descending");
    QTest::newRow("time newest first") << int(EventTableModel::TimeColumn) << true;
    QTest::newRow("code") << int(EventTableModel::CodeColumn) << false;
    QTest::newRow("outcome descending") << int(EventTableModel::OutcomeColumn) << true;
    QTest::newRow("action") << int(EventTableModel::ActionColumn) << false;
    QTest::newRow("address descending") << int(EventTableModel::AddressColumn) << true;
    QTest::newRow("initiator") << int(EventTableModel::InitiatorColumn) << false;
    QTest::newRow("target descending") << int(EventTableModel::TargetColumn) << true;
}

// A row deep in a sorted table, asked for before any page above it: the reader starts that page
// at StoreReader::keysetAt's keyset. The oracle is the chain of pages walked from the top.
void TestEventTableModel::deepRowsInSortOrder() {
    QFETCH(int, column);
    QFETCH(bool, descending);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("store.cadfscope"));
    QCOMPARE(writeStore(path, 1000).size(), std::size_t(1000));

    const auto sort = static_cast<cadf::store::SortColumn>(column);
    std::vector<qint64> expected;
    {
        cadf::store::StoreError error;
        auto reader = cadf::store::StoreReader::open(path.toStdString(), &error);
        QVERIFY(reader);
        std::optional<cadf::store::Keyset> after;
        for (;;) {
            const auto rows = reader->page({}, sort, descending, after, 97);
            QVERIFY(!reader->lastError());
            if (rows.empty())
                break;
            for (const auto& row : rows)
                expected.push_back(row.id);
            after = cadf::store::keysetOf(rows.back());
        }
    }
    QCOMPARE(expected.size(), std::size_t(1000));

    EventTableModel model(path);
    model.sort(column, descending ? Qt::DescendingOrder : Qt::AscendingOrder);
    QTRY_COMPARE(model.rowCount(), 1000);
    QTRY_VERIFY(model.countCurrent());
    for (const int row : {999, 700, 513, 256, 255, 0}) {
        const QModelIndex index = model.index(row, 0);
        model.data(index);
        QTRY_VERIFY(model.data(index, EventTableModel::LoadedRole).toBool());
        QCOMPARE(model.data(index, EventTableModel::EventIdRole).toLongLong(),
                 expected[std::size_t(row)]);
    }
}

QTEST_MAIN(TestEventTableModel)
#include "tst_event_table_model.moc"
