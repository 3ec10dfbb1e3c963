// The store's behaviour on real SQLite files: round trip of every field, dictionaries,
// duplicates, rejects, group counts, keyset paging, filters, sources, migration, back-pressure,
// interruption.
#include "models/store/schema.h"
#include "models/store/store_reader.h"
#include "models/store/store_writer.h"
#include "store_test_support.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

using namespace cadf::store;
using namespace storetest;

class TstStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void dictionaryDedup();
    void duplicates_data();
    void duplicates();
    void duplicatesAmongManyRows();
    void rejects();
    void sourcesRecorded();
    void migrationFromEmptyFile();
    void refusesNewerSchema();
    void backPressure();
    void interruptStopsQuery();
    void dataVersionChanges();
    void backgroundCheckpoint();
};

void TstStore::roundTrip_data() {
    QTest::addColumn<int>("variant");
    QTest::newRow("cp4s syslog line") << 0;
    QTest::newRow("every optional field") << 1;
    QTest::newRow("reason code text") << 2;
    QTest::newRow("reason code with leading zero") << 3;
    QTest::newRow("odd syslog header") << 4;
    QTest::newRow("json not a slice of the record") << 5;
    QTest::newRow("several events of one record") << 6;
    QTest::newRow("empty event") << 7;
    QTest::newRow("binary bytes in record") << 8;
    QTest::newRow("record of 1 MiB") << 9;
    QTest::newRow("many events over several blocks") << 10;
}

void TstStore::roundTrip() {
    QFETCH(int, variant);
    std::vector<StoredEventInput> inputs{makeEvent(1)};
    StoredEventInput& in = inputs.front();
    cadf::Event& ev = in.event;
    switch (variant) {
    case 1:
        ev.id = "0f3c6f5e-6a7b-4c1d-9e2f-0123456789ab";
        ev.reasonType = "HTTP";
        ev.policyType = "rbac";
        ev.policyId = "policy-7";
        ev.tags = {"correlation_id?value=42", "", "τ-tag"};
        ev.initiator.domain = "Default";
        ev.initiator.hostPlatform = "Linux";
        ev.target.domain = "tenant-1";
        ev.target.hostAddress = "10.9.9.9";
        ev.target.hostAgent = "backend";
        ev.target.hostPlatform = "z/OS";
        ev.target.credentialType = "apikey";
        ev.observer.typeUri = "service/security";
        ev.observer.hostAddress = "10.1.1.1";
        ev.observer.hostAgent = "auditd";
        ev.observer.hostPlatform = "k8s";
        ev.requestPath = "/v3/auth/tokens";
        ev.timeQuality = cadf::TimeQuality::AmbiguousZone;
        ev.outcome = cadf::Outcome::Pending;
        ev.outcomeRaw = "pending";
        in.pathPattern = "/v3/auth/{id}";
        in.serviceId = 42;
        in.endpointId = 4242;
        break;
    case 2:
        ev.reasonCode = "E42";
        break;
    case 3:
        ev.reasonCode = "0200";
        break;
    case 4:
        ev.syslog.format = cadf::SyslogFormat::Rfc3164;
        ev.syslog.facility = -1;
        ev.syslog.severity = 9;
        ev.syslog.timestamp = "Oct 18 14:38:44";
        ev.syslog.timeValid = false;
        ev.syslog.timeUs = 12345;
        ev.syslog.procId = "4711";
        ev.syslog.msgId = "AUDIT";
        ev.syslog.structuredData = R"([meta sequenceId="7"])";
        ev.timeQuality = cadf::TimeQuality::FromSyslogHeader;
        break;
    case 5:
        ev.json = R"({"payload":"a \"quoted\" word"})";
        in.record = R"({"event_type":"audit","payload":"{\"payload\":\"a \\\"quoted\\\" word\"}"})";
        break;
    case 6: {
        in.record = R"({"events":[{"id":"a","n":1},{"id":"b","n":2},{"id":"c","n":3}]})";
        for (int part = 0; part < 3; ++part) {
            StoredEventInput p = makeEvent(100 + part);
            p.record = in.record;
            p.part = part;
            p.lineNo = in.lineNo;
            p.byteOffset = in.byteOffset;
            const char* ids[] = {"a", "b", "c"};
            p.event.id = ids[part];
            p.event.json = R"({"id":")" + std::string(ids[part]) + R"(","n":)" +
                           std::to_string(part + 1) + "}";
            inputs.push_back(p);
        }
        inputs.erase(inputs.begin());
        break;
    }
    case 7:
        ev = cadf::Event();
        ev.digest = 77;
        in.record = "x";
        in.serviceId = 0;
        in.endpointId = 0;
        break;
    case 8:
        in.record = std::string("bin\0ary\xff\xfe line ", 17) + ev.json;
        break;
    case 9:
        in.record = std::string(cadf::kMaxRecordBytes - ev.json.size(), 'a') + ev.json;
        break;
    case 10:
        inputs = generated(3000);
        break;
    default:
        break;
    }

    Store store;
    QVERIFY(fillStore(store, inputs, 700));
    auto reader = openReader(store.path);
    QVERIFY(reader);
    QCOMPARE(reader->totalEvents(), static_cast<std::int64_t>(inputs.size()));
    // Ids follow insertion order: every input is distinct.
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const auto stored = reader->event(static_cast<std::int64_t>(i) + 1);
        QVERIFY2(stored, reader->lastError().message.c_str());
        compareEvent(stored->event, inputs[i].event);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(stored->record, inputs[i].record);
        QCOMPARE(stored->lineNo, inputs[i].lineNo);
        QCOMPARE(stored->byteOffset, inputs[i].byteOffset);
        QCOMPARE(stored->part, inputs[i].part);
        QCOMPARE(stored->serviceId, inputs[i].serviceId);
        QCOMPARE(stored->endpointId, inputs[i].endpointId);
        QCOMPARE(stored->pathPattern, inputs[i].pathPattern);
        QCOMPARE(stored->sourceId, store.source);
        QCOMPARE(stored->sourceName, std::string("/logs/audit.log"));
    }
    QVERIFY(!reader->event(static_cast<std::int64_t>(inputs.size()) + 1));
    QVERIFY(!reader->lastError());
}

void TstStore::dictionaryDedup() {
    Store store;
    const auto inputs = generated(400);
    QVERIFY(fillStore(store, inputs));
    auto countOf = [](Database& db, const char* sql) { return db.queryInt(sql, -1); };
    {
        auto reader = openReader(store.path);
        QVERIFY(reader);
        Database& db = reader->database();
        // Five actions, five initiators, four addresses, two agents in the generator.
        QCOMPARE(countOf(db, "SELECT count(*) FROM strings WHERE kind = 1"), 5);
        QCOMPARE(countOf(db, "SELECT count(DISTINCT action) FROM events"), 5);
        QCOMPARE(countOf(db, "SELECT count(*) FROM strings WHERE kind = 8"), 4);
        QCOMPARE(countOf(db, "SELECT count(*) FROM strings WHERE kind = 9"), 2);
        QCOMPARE(countOf(db, "SELECT count(DISTINCT initiator) FROM events"), 5);
        QCOMPARE(countOf(db, "SELECT count(*) FROM resources r JOIN events e ON e.initiator = "
                             "r.id WHERE r.name = 'alice' GROUP BY r.id"),
                 countOf(db, "SELECT count(*) FROM events e JOIN resources r ON r.id = "
                             "e.initiator WHERE r.name = 'alice'"));
        // 5 initiators + 6 targets + 1 observer, and the empty row 0.
        QCOMPARE(countOf(db, "SELECT count(*) FROM resources"), 13);
        QCOMPARE(countOf(db, "SELECT count(*) FROM resource_attrs"), 1 + 5 + 1 + 1);
    }
    // A second session finds the same values under the same ids instead of adding rows.
    store.writer.reset();
    StoreError error;
    auto writer = StoreWriter::open(store.path, &error);
    QVERIFY2(writer, error.message.c_str());
    writer->submit(makeBatch(store.source, 1000, 300));
    writer->flush();
    QVERIFY(!writer->failed());
    auto reader = openReader(store.path);
    QVERIFY(reader);
    QCOMPARE(reader->totalEvents(), 700);
    QCOMPARE(countOf(reader->database(), "SELECT count(*) FROM strings WHERE kind = 1"), 5);
    QCOMPARE(countOf(reader->database(), "SELECT count(*) FROM resources"), 13);
    QCOMPARE(countOf(reader->database(), "SELECT count(*) FROM strings"),
             countOf(reader->database(), "SELECT count(*) FROM (SELECT DISTINCT kind, value "
                                         "FROM strings)"));
}

void TstStore::duplicates_data() {
    QTest::addColumn<int>("scenario");
    QTest::addColumn<int>("inserted");
    QTest::addColumn<int>("duplicates");
    QTest::newRow("within a batch") << 0 << 10 << 5;
    QTest::newRow("across batches") << 1 << 15 << 5;
    QTest::newRow("across sources") << 2 << 10 << 10;
    QTest::newRow("untimed copy received later") << 3 << 1 << 1;
    QTest::newRow("same digest at another exact time") << 4 << 2 << 0;
}

void TstStore::duplicates() {
    QFETCH(int, scenario);
    QFETCH(int, inserted);
    QFETCH(int, duplicates);
    QTemporaryDir dir;
    const std::string path = storePath(dir.path()).toStdString();
    StoreError error;
    auto writer = StoreWriter::open(path, &error);
    QVERIFY2(writer, error.message.c_str());
    std::vector<BatchResult> results;
    std::mutex mutex;
    writer->setBatchCallback([&](const BatchResult& r) {
        std::lock_guard lock(mutex);
        results.push_back(r);
    });
    const std::int64_t a = writer->beginSource({SourceKind::File, "a.log", -1, "", 0});
    const std::int64_t b = writer->beginSource({SourceKind::Tcp, "tcp://0.0.0.0:6514", -1, "", 0});
    switch (scenario) {
    case 0: {
        EventBatch batch = makeBatch(a, 0, 10);
        for (int i = 0; i < 5; ++i)
            batch.events.push_back(makeEvent(i));
        writer->submit(std::move(batch));
        break;
    }
    case 1:
        writer->submit(makeBatch(a, 0, 10));
        writer->submit(makeBatch(a, 5, 10));
        break;
    case 2:
        writer->submit(makeBatch(a, 0, 10));
        writer->submit(makeBatch(b, 0, 10));
        break;
    case 3:
    case 4: {
        EventBatch batch = makeBatch(a, 0, 1);
        StoredEventInput copy = batch.events.front();
        copy.event.timeUs += 60'000'000;
        if (scenario == 3) {
            batch.events.front().event.timeQuality = cadf::TimeQuality::FromSyslogHeader;
            copy.event.timeQuality = cadf::TimeQuality::Missing;
        }
        batch.events.push_back(copy);
        writer->submit(std::move(batch));
        break;
    }
    default:
        QFAIL("no such scenario");
    }
    writer->flush();
    int gotInserted = 0;
    int gotDuplicates = 0;
    for (const BatchResult& r : results) {
        QVERIFY(!r.error);
        gotInserted += r.inserted;
        gotDuplicates += r.duplicates;
    }
    QCOMPARE(gotInserted, inserted);
    QCOMPARE(gotDuplicates, duplicates);

    auto reader = openReader(path);
    QVERIFY(reader);
    QCOMPARE(reader->totalEvents(), inserted);
    std::int64_t sourceDuplicates = 0;
    for (const SourceRow& row : reader->sources())
        sourceDuplicates += row.duplicates;
    QCOMPARE(sourceDuplicates, duplicates);
    if (scenario == 2)
        QCOMPARE(reader->sources().at(1).duplicates, 10);
    // A duplicate's raw record is not stored: the blocks hold exactly one entry per event.
    QCOMPARE(reader->database().queryInt("SELECT sum(count) FROM raw_blocks", -1), inserted);
    for (std::int64_t id = 1; id <= inserted; ++id)
        QVERIFY2(reader->event(id), reader->lastError().message.c_str());
}

// The writer inserts many rows per statement and takes the slow way for a statement that met a
// duplicate: copies spread over a batch that fills more than one raw block must still leave
// every stored event pointing at its own raw record.
void TstStore::duplicatesAmongManyRows() {
    QTemporaryDir dir;
    const std::string path = storePath(dir.path()).toStdString();
    StoreError error;
    auto writer = StoreWriter::open(path, &error);
    QVERIFY2(writer, error.message.c_str());
    std::atomic_int inserted{0};
    std::atomic_int duplicates{0};
    writer->setBatchCallback([&](const BatchResult& r) {
        inserted += r.inserted;
        duplicates += r.duplicates;
    });
    const std::int64_t source = writer->beginSource({SourceKind::File, "a.log", -1, "", 0});
    constexpr int kEvents = 2500; // more than two blocks of 1024 entries
    EventBatch batch;
    batch.sourceId = source;
    int copies = 0;
    for (int i = 0; i < kEvents; ++i) {
        batch.events.push_back(makeEvent(i));
        // A copy of a recent event every 37 events, and two in a row now and then.
        if (i % 37 == 36) {
            batch.events.push_back(makeEvent(i - 5));
            ++copies;
        }
        if (i % 301 == 300) {
            batch.events.push_back(makeEvent(i));
            batch.events.push_back(makeEvent(i - 1));
            copies += 2;
        }
    }
    writer->submit(std::move(batch));
    // And a batch whose first half is stored already.
    writer->submit(makeBatch(source, kEvents - 40, 80));
    writer->flush();
    QCOMPARE(inserted.load(), kEvents + 40);
    QCOMPARE(duplicates.load(), copies + 40);

    auto reader = openReader(path);
    QVERIFY(reader);
    QCOMPARE(reader->totalEvents(), kEvents + 40);
    QCOMPARE(reader->database().queryInt("SELECT sum(count) FROM raw_blocks", -1), kEvents + 40);
    QCOMPARE(reader->database().queryInt("SELECT count(DISTINCT line) FROM events", -1),
             kEvents + 40);
    for (std::int64_t id = 1; id <= kEvents + 40; ++id) {
        const auto stored = reader->event(id);
        QVERIFY2(stored, reader->lastError().message.c_str());
        const StoredEventInput expected = makeEvent(static_cast<int>(stored->lineNo - 1));
        QCOMPARE(stored->record, expected.record);
        QCOMPARE(stored->event.digest, expected.event.digest);
    }
}

void TstStore::rejects() {
    QTemporaryDir dir;
    const std::string path = storePath(dir.path()).toStdString();
    StoreError error;
    auto writer = StoreWriter::open(path, &error);
    QVERIFY2(writer, error.message.c_str());
    const std::int64_t source = writer->beginSource({SourceKind::File, "bad.log", -1, "", 0});
    EventBatch batch = makeBatch(source, 0, 3);
    const std::string huge(100 * 1024, 'z');
    batch.rejects = {
        {cadf::RejectReason::InvalidJson, "expected ',' at byte 12", 4, 900, R"({"a" "b"})"},
        {cadf::RejectReason::EmptyLine, "", 5, 910, ""},
        {cadf::RejectReason::BinaryData, "NUL byte", 6, 911, std::string("\0\x01\x02", 3)},
        {cadf::RejectReason::LineTooLong, "over 1 MiB", 7, 920, huge},
        {cadf::RejectReason::InvalidJson, "unexpected end", 8, 102'420, "{"},
    };
    std::vector<cadf::Reject> expected = batch.rejects;
    writer->submit(std::move(batch));
    writer->flush();
    QVERIFY(!writer->failed());

    auto reader = openReader(path);
    QVERIFY(reader);
    const auto rows = reader->rejects(100, 0);
    QCOMPARE(rows.size(), expected.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        QCOMPARE(int(rows[i].reason), int(expected[i].reason));
        QCOMPARE(rows[i].detail, expected[i].detail);
        QCOMPARE(rows[i].lineNo, expected[i].lineNo);
        QCOMPARE(rows[i].byteOffset, expected[i].byteOffset);
        QCOMPARE(rows[i].sourceId, source);
        QCOMPARE(rows[i].sourceName, std::string("bad.log"));
        QCOMPARE(rows[i].rawSize, static_cast<std::int64_t>(expected[i].raw.size()));
        QCOMPARE(rows[i].raw, expected[i].raw.substr(0, cadf::kMaxRejectBytes));
        QVERIFY(rows[i].receivedUs > kBaseUs);
    }
    QCOMPARE(rows[3].raw.size(), cadf::kMaxRejectBytes);
    // Paging by id.
    const auto tail = reader->rejects(2, rows[1].id);
    QCOMPARE(tail.size(), std::size_t{2});
    QCOMPARE(tail[0].id, rows[2].id);
    QCOMPARE(tail[1].id, rows[3].id);
    const auto counts = reader->rejectCountsByReason();
    QCOMPARE(counts.size(), std::size_t{4});
    QCOMPARE(int(counts[0].reason), int(cadf::RejectReason::InvalidJson));
    QCOMPARE(counts[0].count, 2);
    QCOMPARE(reader->sources().front().rejected, 5);
    QCOMPARE(reader->sources().front().events, 3);
}

void TstStore::sourcesRecorded() {
    QTemporaryDir dir;
    const std::string path = storePath(dir.path()).toStdString();
    StoreError error;
    auto writer = StoreWriter::open(path, &error);
    QVERIFY2(writer, error.message.c_str());
    const std::int64_t file =
        writer->beginSource({SourceKind::File, "/var/log/a.log.gz", 4096, "", 1000});
    const std::int64_t udp =
        writer->beginSource({SourceKind::Udp, "udp://0.0.0.0:514", -1, "", 2000});
    QVERIFY(file > 0 && udp > file);
    writer->submit(makeBatch(file, 0, 20));
    EventBatch live = makeBatch(udp, 20, 5);
    live.rejects.push_back({cadf::RejectReason::IncompleteFrame, "cut", 3, 0, "<13>1 20"});
    writer->submit(std::move(live));
    writer->finishSource(file, {SourceStatus::Done, 21, 5000, "", 8192, std::string(64, 'f')});
    writer->finishSource(udp, {SourceStatus::Cancelled, 6, 6000, "stopped by the user", -1, ""});
    writer->flush();
    auto reader = openReader(path);
    QVERIFY(reader);
    const auto rows = reader->sources();
    QCOMPARE(rows.size(), std::size_t{2});
    QCOMPARE(rows[0].id, file);
    QCOMPARE(int(rows[0].kind), int(SourceKind::File));
    QCOMPARE(rows[0].name, std::string("/var/log/a.log.gz"));
    QCOMPARE(rows[0].size, 8192);
    QCOMPARE(rows[0].digest, std::string(64, 'f'));
    QCOMPARE(rows[0].startedUs, 1000);
    QCOMPARE(rows[0].finishedUs, 5000);
    QCOMPARE(int(rows[0].status), int(SourceStatus::Done));
    QCOMPARE(rows[0].records, 21);
    QCOMPARE(rows[0].events, 20);
    QCOMPARE(rows[1].name, std::string("udp://0.0.0.0:514"));
    QCOMPARE(rows[1].size, -1);
    QCOMPARE(int(rows[1].status), int(SourceStatus::Cancelled));
    QCOMPARE(rows[1].message, std::string("stopped by the user"));
    QCOMPARE(rows[1].events, 5);
    QCOMPARE(rows[1].rejected, 1);
    QCOMPARE(reader->totalEvents(), 25);
}

void TstStore::migrationFromEmptyFile() {
    QTemporaryDir dir;
    const std::string path = storePath(dir.path()).toStdString();
    { std::ofstream(path, std::ios::binary).flush(); } // an existing, empty file
    StoreError error;
    {
        auto writer = StoreWriter::open(path, &error);
        QVERIFY2(writer, error.message.c_str());
    }
    auto reader = openReader(path);
    QVERIFY(reader);
    Database& db = reader->database();
    QCOMPARE(db.queryInt("PRAGMA user_version", -1), std::int64_t(cadf::store::kSchemaVersion));
    QCOMPARE(
        db.queryInt("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'schema_version'", -1),
        std::int64_t(cadf::store::kSchemaVersion));
    QCOMPARE(db.queryInt("PRAGMA page_size", -1), 8192);
    Statement mode = db.prepare("PRAGMA journal_mode");
    QVERIFY(mode && mode.step() == Statement::Step::Row);
    QCOMPARE(mode.string(0), std::string("wal"));
    QCOMPARE(reader->totalEvents(), 0);
    // Opening again migrates nothing and keeps the data.
    auto writer = StoreWriter::open(path, &error);
    QVERIFY2(writer, error.message.c_str());
}

void TstStore::refusesNewerSchema() {
    QTemporaryDir dir;
    const std::string path = storePath(dir.path()).toStdString();
    StoreError error;
    QVERIFY(StoreWriter::open(path, &error));
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    QCOMPARE(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);

    QVERIFY(!StoreWriter::open(path, &error));
    QVERIFY2(error.message.find("newer cadfscope") != std::string::npos, error.message.c_str());
    QVERIFY(error.message.find("99") != std::string::npos);
    QVERIFY(!StoreReader::open(path, &error));
    QVERIFY2(error.message.find("newer cadfscope") != std::string::npos, error.message.c_str());
    // The file was left alone.
    QCOMPARE(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr);
    QCOMPARE(sqlite3_step(stmt), SQLITE_ROW);
    QCOMPARE(sqlite3_column_int(stmt, 0), 99);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
}

void TstStore::backPressure() {
    QTemporaryDir dir;
    const std::string path = storePath(dir.path()).toStdString();
    WriterOptions options;
    options.maxQueuedBatches = 2;
    StoreError error;
    auto writer = StoreWriter::open(path, options, &error);
    QVERIFY2(writer, error.message.c_str());
    const std::int64_t source = writer->beginSource({SourceKind::Tcp, "tcp://:6514", -1, "", 0});

    // The callback of the first batch holds the writer thread until released.
    std::mutex mutex;
    std::condition_variable cv;
    bool inCallback = false;
    bool released = false;
    std::atomic<int> committed{0};
    writer->setBatchCallback([&](const BatchResult& r) {
        std::unique_lock lock(mutex);
        inCallback = true;
        cv.notify_all();
        cv.wait(lock, [&] { return released; });
        committed += r.inserted;
    });
    writer->submit(makeBatch(source, 0, 10));
    {
        std::unique_lock lock(mutex);
        cv.wait(lock, [&] { return inCallback; });
    }
    // The writer is busy: two batches may wait, the third may not.
    QVERIFY(writer->trySubmit(makeBatch(source, 10, 10)));
    QVERIFY(writer->trySubmit(makeBatch(source, 20, 10)));
    EventBatch refused = makeBatch(source, 30, 10);
    QVERIFY(!writer->trySubmit(std::move(refused)));
    QCOMPARE(refused.events.size(), std::size_t{10}); // untouched: the caller still owns it
    QCOMPARE(writer->queuedBatches(), 2);

    // submit() blocks until there is room: it returns only after the release.
    using Clock = std::chrono::steady_clock;
    std::atomic<Clock::rep> returnedAt{0};
    std::thread producer([&] {
        writer->submit(std::move(refused));
        returnedAt = Clock::now().time_since_epoch().count();
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    QCOMPARE(returnedAt.load(), Clock::rep{0});
    const Clock::rep releaseTime = Clock::now().time_since_epoch().count();
    {
        std::lock_guard lock(mutex);
        released = true;
    }
    cv.notify_all();
    producer.join();
    QVERIFY(returnedAt.load() >= releaseTime);
    writer->flush();
    QCOMPARE(committed.load(), 40);
    auto reader = openReader(path);
    QVERIFY(reader);
    QCOMPARE(reader->totalEvents(), 40);
    QCOMPARE(reader->countEvents({"e.line > ?", {std::int64_t{0}}}), 40);
}

void TstStore::interruptStopsQuery() {
    Store store;
    QVERIFY(fillStore(store, generated(50)));
    auto reader = openReader(store.path);
    QVERIFY(reader);
    // A filter that would run for minutes.
    const SqlFilter slow{"e.id < (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                         "WHERE x < 1000000000) SELECT max(x) FROM c)",
                         {}};
    std::atomic<bool> done{false};
    std::thread interrupter([&] {
        while (!done) {
            reader->interrupt();
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    });
    const auto start = std::chrono::steady_clock::now();
    const std::int64_t count = reader->countEvents(slow);
    done = true;
    interrupter.join();
    QCOMPARE(count, -1);
    QVERIFY(reader->wasInterrupted());
    QCOMPARE(reader->lastError().message, std::string("interrupted"));
    QVERIFY(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
    // The reader works again afterwards.
    QCOMPARE(reader->totalEvents(), 50);
    QVERIFY(!reader->wasInterrupted());
    QCOMPARE(reader->page({}, SortColumn::Time, false, std::nullopt, 100).size(), std::size_t{50});
}

void TstStore::dataVersionChanges() {
    Store store;
    QVERIFY(fillStore(store, generated(10)));
    auto reader = openReader(store.path);
    QVERIFY(reader);
    const std::int64_t before = reader->dataVersion();
    QVERIFY(before >= 0);
    QCOMPARE(reader->dataVersion(), before);
    store.writer->submit(makeBatch(store.source, 10, 10));
    store.writer->flush();
    QVERIFY(reader->dataVersion() != before);
    QCOMPARE(reader->totalEvents(), 20);
}

void TstStore::backgroundCheckpoint() {
    // With a tiny threshold the helper thread copies the WAL into the file while the writer is
    // still open; without it everything would stay in the WAL until close.
    WriterOptions options;
    options.backgroundCheckpointPages = 8;
    Store store;
    QVERIFY(fillStore(store, generated(200), 40, options));
    const auto mainSize = [&] { return QFileInfo(QString::fromStdString(store.path)).size(); };
    const qint64 before = mainSize();
    store.writer->submit(makeBatch(store.source, 200, 3000));
    store.writer->flush();
    // The checkpoint runs after the commit, on its own thread: poll for it, bounded.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (mainSize() <= before && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    QVERIFY(mainSize() > before);
    auto reader = openReader(store.path);
    QVERIFY(reader);
    QCOMPARE(reader->totalEvents(), 3200);
    reader.reset();
    store.writer.reset();
    // Closing the last connection checkpoints the rest and removes the WAL.
    QVERIFY(!QFileInfo::exists(QString::fromStdString(store.path + "-wal")));
}

QTEST_APPLESS_MAIN(TstStore)
#include "tst_store.moc"
