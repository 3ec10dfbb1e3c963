// The store when things go wrong: a store locked by another program, a read-only file, a file
// that is not a store, a damaged store, a writer killed in the middle of a transaction, a full
// disk. Each gives a clear error, never a hang or a corrupt file.
#include "models/store/store_reader.h"
#include "models/store/store_writer.h"
#include "store_test_support.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <mutex>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace cadf::store;
using namespace storetest;

namespace {

using Clock = std::chrono::steady_clock;

std::string integrity(const std::string& path) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return "cannot open";
    }
    sqlite3_stmt* stmt = nullptr;
    std::string result = "no result";
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        result = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return result;
}

bool contains(const std::string& text, const char* part) {
    return text.find(part) != std::string::npos;
}

bool writeStore(const std::string& path, int events) {
    StoreError error;
    auto writer = StoreWriter::open(path, &error);
    if (!writer)
        return false;
    const std::int64_t source = writer->beginSource({SourceKind::File, "a.log", -1, "", 0});
    for (int i = 0; i < events; i += 100)
        writer->submit(makeBatch(source, i, 100));
    writer->flush();
    return !writer->failed();
}

// A store on a file system that really is read-only. As root, permission bits mean nothing, so
// the test mounts a small tmpfs and remounts it read-only; otherwise chmod does the job.
class ReadOnlyPlace {
public:
    explicit ReadOnlyPlace(const QString& dir)
        : m_dir(dir.toStdString() + "/ro") {
        ::mkdir(m_dir.c_str(), 0755);
        if (::geteuid() == 0)
            m_mounted = ::mount("tmpfs", m_dir.c_str(), "tmpfs", 0, "size=8m") == 0;
    }
    ~ReadOnlyPlace() {
        if (m_mounted)
            ::umount2(m_dir.c_str(), MNT_DETACH);
        else
            ::chmod(m_dir.c_str(), 0755);
    }
    std::string path() const { return m_dir + "/store.cadfdb"; }
    bool makeReadOnly() {
        if (m_mounted)
            return ::mount("tmpfs", m_dir.c_str(), "tmpfs", MS_REMOUNT | MS_RDONLY, "size=8m") == 0;
        return ::chmod(path().c_str(), 0444) == 0 && ::chmod(m_dir.c_str(), 0555) == 0;
    }

private:
    std::string m_dir;
    bool m_mounted = false;
};

} // namespace

class TstStoreErrors : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void lockedByAnotherProgram_data();
    void lockedByAnotherProgram();
    void readOnlyFile();
    void notAStore_data();
    void notAStore();
    void damagedStore();
    void killedWriterLeavesIntactStore();
    void fullDisk();
};

void TstStoreErrors::lockedByAnotherProgram_data() {
    QTest::addColumn<bool>("exclusiveMode");
    QTest::newRow("write transaction held") << false;
    QTest::newRow("exclusive locking mode") << true;
}

void TstStoreErrors::lockedByAnotherProgram() {
    QFETCH(bool, exclusiveMode);
    QTemporaryDir dir;
    const std::string path = storePath(dir.path()).toStdString();
    QVERIFY(writeStore(path, 100));

    sqlite3* other = nullptr;
    QCOMPARE(sqlite3_open(path.c_str(), &other), SQLITE_OK);
    if (exclusiveMode)
        QCOMPARE(sqlite3_exec(other, "PRAGMA locking_mode=EXCLUSIVE", nullptr, nullptr, nullptr),
                 SQLITE_OK);
    QCOMPARE(sqlite3_exec(other, "BEGIN EXCLUSIVE; UPDATE meta SET value = value", nullptr, nullptr,
                          nullptr),
             SQLITE_OK);

    WriterOptions options;
    options.busyTimeoutMs = 300;
    StoreError error;
    const auto start = Clock::now();
    auto writer = StoreWriter::open(path, options, &error);
    BatchResult result;
    if (writer) {
        // WAL lets the writer open and read; its first write waits for the lock, then gives up.
        std::mutex mutex;
        writer->setBatchCallback([&](const BatchResult& r) {
            std::lock_guard lock(mutex);
            result = r;
        });
        writer->submit(makeBatch(1, 500, 10));
        writer->flush();
        error = result.error;
        QVERIFY(writer->failed());
        QCOMPARE(writer->lastError().message, error.message);
    }
    QVERIFY(error);
    QVERIFY2(contains(error.message, "locked by another program"), error.message.c_str());
    QVERIFY(Clock::now() - start < std::chrono::seconds(3));

    if (exclusiveMode) {
        // Readers are shut out too, for no longer than their busy timeout.
        const auto readStart = Clock::now();
        auto reader = StoreReader::open(path, 300, &error);
        if (reader) {
            QCOMPARE(reader->totalEvents(), -1);
            error = reader->lastError();
        }
        QVERIFY2(contains(error.message, "locked by another program"), error.message.c_str());
        QVERIFY(Clock::now() - readStart < std::chrono::seconds(3));
    }
    sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(other);
    writer.reset();
    QCOMPARE(integrity(path), std::string("ok"));
    auto reader = StoreReader::open(path, &error);
    QVERIFY2(reader, error.message.c_str());
    QCOMPARE(reader->totalEvents(), 100);
}

void TstStoreErrors::readOnlyFile() {
    QTemporaryDir dir;
    ReadOnlyPlace place(dir.path());
    QVERIFY(writeStore(place.path(), 300));
    QVERIFY(place.makeReadOnly());

    StoreError error;
    QVERIFY(!StoreWriter::open(place.path(), &error));
    QVERIFY2(contains(error.message, "read-only"), error.message.c_str());

    // Reading works: no -shm can be created there, so the reader falls back to immutable mode.
    auto reader = StoreReader::open(place.path(), &error);
    QVERIFY2(reader, error.message.c_str());
    QCOMPARE(reader->totalEvents(), 300);
    const auto stored = reader->event(300);
    QVERIFY2(stored, reader->lastError().message.c_str());
    QCOMPARE(stored->record, makeEvent(299).record);
}

void TstStoreErrors::notAStore_data() {
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("text") << QByteArray("this is a log file, not a store\n").repeated(300);
    QByteArray garbage(16384, '\0');
    for (int i = 0; i < garbage.size(); ++i)
        garbage[i] = static_cast<char>(mix(static_cast<std::uint64_t>(i)) & 0xff);
    QTest::newRow("random bytes") << garbage;
    QTest::newRow("an SQLite database of another program") << QByteArray("other");
}

void TstStoreErrors::notAStore() {
    QFETCH(QByteArray, content);
    QTemporaryDir dir;
    const std::string path = storePath(dir.path()).toStdString();
    if (content == "other") {
        sqlite3* db = nullptr;
        QCOMPARE(sqlite3_open(path.c_str(), &db), SQLITE_OK);
        QCOMPARE(sqlite3_exec(db, "CREATE TABLE notes(x)", nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(db);
    } else {
        std::ofstream(path, std::ios::binary).write(content.constData(), content.size());
    }
    StoreError error;
    QVERIFY(!StoreWriter::open(path, &error));
    if (content == "other") {
        // user_version 0 with tables of its own: migrating would mix two programs' data.
        QVERIFY2(contains(error.message, "not a cadfscope store"), error.message.c_str());
    } else {
        QVERIFY2(contains(error.message, "not a cadfscope store (not an SQLite database)"),
                 error.message.c_str());
    }
    QVERIFY(!StoreReader::open(path, &error));
    QVERIFY2(contains(error.message, "not a cadfscope store"), error.message.c_str());
    // Nothing was written over the file.
    if (content != "other") {
        std::ifstream in(path, std::ios::binary);
        const std::string after((std::istreambuf_iterator<char>(in)), {});
        QCOMPARE(after, content.toStdString());
    }
}

void TstStoreErrors::damagedStore() {
    QTemporaryDir dir;
    const std::string path = storePath(dir.path()).toStdString();
    QVERIFY(writeStore(path, 3000));
    const auto size = static_cast<long>(QFileInfo(QString::fromStdString(path)).size());
    QVERIFY(size > 200'000);
    // Cut the file in half: the b-trees point at pages that are gone.
    QCOMPARE(::truncate(path.c_str(), size / 2), 0);
    QVERIFY(integrity(path) != "ok");

    StoreError error;
    std::string message;
    auto reader = StoreReader::open(path, &error);
    if (!reader) {
        message = error.message;
    } else {
        // Some query touches the missing pages and says so.
        for (std::int64_t id = 1; id <= 3000 && message.empty(); id += 7) {
            if (!reader->event(id))
                message = reader->lastError().message;
        }
        if (message.empty() && reader->countBy(GroupField::Target, {}, 0).empty())
            message = reader->lastError().message;
    }
    QVERIFY2(contains(message, "damaged"), message.c_str());

    // The writer refuses to add to a damaged store (or fails its first batch) with the same words.
    auto writer = StoreWriter::open(path, &error);
    if (writer) {
        BatchResult result;
        std::mutex mutex;
        writer->setBatchCallback([&](const BatchResult& r) {
            std::lock_guard lock(mutex);
            result = r;
        });
        writer->submit(makeBatch(1, 0, 2000, 99));
        writer->flush();
        error = result.error;
    }
    QVERIFY2(contains(error.message, "damaged"), error.message.c_str());
}

void TstStoreErrors::killedWriterLeavesIntactStore() {
    QTemporaryDir dir;
    const std::string path = storePath(dir.path()).toStdString();
    constexpr int kBatch = 2000;
    int pipeFds[2];
    QCOMPARE(::pipe(pipeFds), 0);
    const pid_t child = ::fork();
    QVERIFY(child >= 0);
    if (child == 0) {
        // The child imports forever and reports each commit; it never returns to Qt Test.
        ::close(pipeFds[0]);
        StoreError error;
        auto writer = StoreWriter::open(path, &error);
        if (!writer)
            ::_exit(3);
        writer->setBatchCallback([fd = pipeFds[1]](const BatchResult& r) {
            const char c = r.error ? 'E' : 'C';
            if (::write(fd, &c, 1) != 1)
                ::_exit(4);
        });
        const std::int64_t source = writer->beginSource({SourceKind::File, "big.log", -1, "", 0});
        for (int i = 0;; i += kBatch)
            writer->submit(makeBatch(source, i, kBatch));
    }
    ::close(pipeFds[1]);
    int commits = 0;
    char c = 0;
    while (commits < 4 && ::read(pipeFds[0], &c, 1) == 1) {
        QCOMPARE(c, 'C');
        ++commits;
    }
    // The child is in the middle of its next transactions now: kill it without warning.
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    QVERIFY(WIFSIGNALED(status));
    ::close(pipeFds[0]);
    QCOMPARE(commits, 4);

    QCOMPARE(integrity(path), std::string("ok"));
    StoreError error;
    auto reader = StoreReader::open(path, &error);
    QVERIFY2(reader, error.message.c_str());
    const std::int64_t total = reader->totalEvents();
    // Every reported commit is there; more may be (committed before their report was read).
    QVERIFY(total >= commits * kBatch);
    QCOMPARE(total % kBatch, 0);
    QCOMPARE(reader->countEvents({"e.id > 0", {}}), total);
    for (std::int64_t id = 1; id <= total; id += 997) {
        const auto stored = reader->event(id);
        QVERIFY2(stored, reader->lastError().message.c_str());
        QCOMPARE(stored->record, makeEvent(static_cast<int>(id - 1)).record);
    }
    // And the store accepts more.
    auto writer = StoreWriter::open(path, &error);
    QVERIFY2(writer, error.message.c_str());
    writer->submit(makeBatch(1, 1'000'000, 10));
    writer->flush();
    QVERIFY(!writer->failed());
}

void TstStoreErrors::fullDisk() {
    QTemporaryDir dir;
    const std::string path = storePath(dir.path()).toStdString();
    QVERIFY(writeStore(path, 500));
    std::int64_t pages = 0;
    {
        StoreError error;
        auto reader = StoreReader::open(path, &error);
        QVERIFY2(reader, error.message.c_str());
        pages = reader->database().queryInt("PRAGMA page_count", -1);
    }
    QVERIFY(pages > 0);

    // A quota a few pages above the current size: the disk is "full" a few batches later.
    WriterOptions options;
    options.maxPageCount = pages + 40;
    StoreError error;
    auto writer = StoreWriter::open(path, options, &error);
    QVERIFY2(writer, error.message.c_str());
    std::mutex mutex;
    std::vector<BatchResult> results;
    writer->setBatchCallback([&](const BatchResult& r) {
        std::lock_guard lock(mutex);
        results.push_back(r);
    });
    const std::int64_t source = writer->beginSource({SourceKind::File, "more.log", -1, "", 0});
    for (int i = 0; i < 60; ++i)
        writer->submit(makeBatch(source, 10'000 + i * 200, 200));
    writer->flush();
    QVERIFY(writer->failed());
    QVERIFY2(contains(writer->lastError().message, "disk is full"),
             writer->lastError().message.c_str());
    QCOMPARE(results.size(), std::size_t{60});
    std::int64_t committed = 0;
    std::size_t firstError = results.size();
    for (std::size_t i = 0; i < results.size(); ++i) {
        if (results[i].error && firstError == results.size())
            firstError = i;
        if (!results[i].error)
            committed += results[i].inserted;
        else
            QCOMPARE(results[i].inserted, 0);
    }
    QVERIFY(firstError < results.size());
    // Once stopped, it stays stopped: every later batch is refused with the same error.
    for (std::size_t i = firstError; i < results.size(); ++i)
        QCOMPARE(results[i].error.message, writer->lastError().message);
    writer.reset();

    QCOMPARE(integrity(path), std::string("ok"));
    auto reader = StoreReader::open(path, &error);
    QVERIFY2(reader, error.message.c_str());
    QCOMPARE(reader->totalEvents(), 500 + committed);
    QCOMPARE(reader->countEvents({"e.id > 0", {}}), 500 + committed);
    const auto last = reader->event(500 + committed);
    QVERIFY2(last, reader->lastError().message.c_str());
}

QTEST_APPLESS_MAIN(TstStoreErrors)
#include "tst_store_errors.moc"
