// ingest::Sha1, the digest each import records: the SHA-NI path and the portable one give the
// SHA-1 of the standard's test vectors and of random data in random chunks, and an imported
// file's recorded digest is what `sha1sum` prints for it.
#include "models/ingest/file_digest.h"
#include "models/ingest/file_importer.h"
#include "models/store/store_reader.h"
#include "models/store/store_writer.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <random>

using cadf::ingest::Sha1;

namespace {

std::string sha1Of(std::string_view data, Sha1::Engine engine) {
    Sha1 hash(engine);
    hash.add(data);
    return hash.hexResult();
}

std::string qtSha1(std::string_view data) {
    return QCryptographicHash::hash(QByteArrayView(data.data(), qsizetype(data.size())),
                                    QCryptographicHash::Sha1)
        .toHex()
        .toStdString();
}

} // namespace

class TestFileDigest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void hardwareDetection() {
        // The SHA-NI path runs exactly where the kernel reports the extension (the product runs
        // on Linux: /proc/cpuinfo is always there).
        QFile cpuinfo("/proc/cpuinfo");
        QVERIFY2(cpuinfo.open(QIODevice::ReadOnly), "cannot read /proc/cpuinfo");
        const QByteArray text = cpuinfo.readAll();
        const bool x86 = text.contains("vendor_id");
        const bool listed =
            text.contains(" sha_ni") && text.contains(" ssse3") && text.contains(" sse4_1");
        QCOMPARE(Sha1::hardwareAvailable(), x86 && listed);
    }

    void standardVectors_data() {
        QTest::addColumn<int>("engine");
        QTest::newRow("auto") << int(Sha1::Engine::Auto);
        QTest::newRow("portable") << int(Sha1::Engine::Portable);
    }
    void standardVectors() {
        QFETCH(int, engine);
        const auto e = Sha1::Engine(engine);
        // FIPS 180 examples, and the lengths around the padding boundary.
        QCOMPARE(sha1Of("", e), std::string("da39a3ee5e6b4b0d3255bfef95601890afd80709"));
        QCOMPARE(sha1Of("abc", e), std::string("a9993e364706816aba3e25717850c26c9cd0d89d"));
        QCOMPARE(sha1Of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", e),
                 std::string("84983e441c3bd26ebaae4aa1f95129e5e54670f1"));
        QCOMPARE(sha1Of(std::string(1000000, 'a'), e),
                 std::string("34aa973cd4c4daa4f61eeb2bdbad27316534016f"));
        for (int size : {55, 56, 63, 64, 65, 119, 120, 127, 128, 129}) {
            const std::string text(std::size_t(size), char('0' + size % 10));
            QCOMPARE(sha1Of(text, e), qtSha1(text));
        }
    }

    void randomChunks() {
        // Every length up to 1,500 bytes, fed in random pieces (partial blocks carried over).
        std::mt19937 random(20261125);
        for (int size = 0; size <= 1500; ++size) {
            std::string data(std::size_t(size), '\0');
            for (char& c : data)
                c = char(random());
            for (const auto engine : {Sha1::Engine::Auto, Sha1::Engine::Portable}) {
                Sha1 hash(engine);
                std::size_t at = 0;
                while (at < data.size()) {
                    const std::size_t piece =
                        std::min<std::size_t>(random() % 200, data.size() - at);
                    hash.add(std::string_view(data).substr(at, piece));
                    at += piece;
                }
                const std::string got = hash.hexResult();
                if (got != qtSha1(data))
                    QFAIL(qPrintable(QStringLiteral("size %1: %2").arg(size).arg(got.c_str())));
            }
        }
    }

    void fileHashedInSteps() {
        QTemporaryDir dir;
        const QString path = dir.filePath("steps.bin");
        std::string data(3 * 256 * 1024 + 1234, '\0');
        std::mt19937 random(7);
        for (char& c : data)
            c = char(random());
        {
            QFile out(path);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(data.data(), qint64(data.size()));
        }
        std::atomic_bool cancel{false};
        // Some chunks hashed "while the writer is busy", the rest at the end.
        cadf::ingest::FileSha1 stepped(path.toStdString());
        stepped.step();
        stepped.step();
        QVERIFY(!stepped.finished());
        QCOMPARE(stepped.result(cancel), qtSha1(data));
        QVERIFY(stepped.finished());
        // All of it in steps.
        cadf::ingest::FileSha1 allSteps(path.toStdString());
        while (!allSteps.finished())
            allSteps.step();
        QCOMPARE(allSteps.result(cancel), qtSha1(data));
        // A cancelled import records no digest; an unreadable file has none.
        cadf::ingest::FileSha1 cancelled(path.toStdString());
        cancelled.step();
        cancel = true;
        QCOMPARE(cancelled.result(cancel), std::string());
        cancel = false;
        cadf::ingest::FileSha1 missing(dir.filePath("missing.log").toStdString());
        QVERIFY(missing.finished());
        QCOMPARE(missing.result(cancel), std::string());
    }

    void importRecordsSha1sum() {
        QTemporaryDir dir;
        const QString log = dir.filePath("audit.log");
        {
            QFile out(log);
            QVERIFY(out.open(QIODevice::WriteOnly));
            for (int i = 0; i < 3000; ++i)
                out.write(
                    QStringLiteral("{\"typeURI\":\"http://schemas.dmtf.org/cloud/audit/1.0/"
                                   "event\",\"id\":\"e-%1\",\"eventTime\":\"2026-11-25T03:"
                                   "%2:00.000Z\",\"action\":\"read\",\"outcome\":\"success\"}\n")
                        .arg(i)
                        .arg(i % 60, 2, 10, QLatin1Char('0'))
                        .toUtf8());
        }
        QProcess sha1sum;
        sha1sum.start("sha1sum", {log});
        QVERIFY(sha1sum.waitForFinished(10000));
        const std::string expected = sha1sum.readAllStandardOutput().left(40).toStdString();
        QCOMPARE(expected.size(), std::size_t(40));

        cadf::store::StoreError error;
        const std::string db = dir.filePath("store.cadfscope").toStdString();
        auto writer = cadf::store::StoreWriter::open(db, &error);
        QVERIFY2(writer, error.message.c_str());
        cadf::ingest::FileImporter importer(*writer);
        std::atomic_bool cancel{false};
        const auto results = importer.importFiles({log.toStdString()}, cancel);
        QCOMPARE(results.front().events, 3000);
        writer.reset();
        auto reader = cadf::store::StoreReader::open(db, &error);
        QVERIFY2(reader, error.message.c_str());
        QCOMPARE(reader->sources().front().digest, expected);
    }
};

QTEST_GUILESS_MAIN(TestFileDigest)
#include "tst_file_digest.moc"
