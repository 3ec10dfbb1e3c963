#include <QByteArray>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "models/cadf/reject.h"
#include "models/ingest/record_reader.h"

using cadf::ingest::InputShape;
using cadf::ingest::Record;
using cadf::ingest::RecordReader;

Q_DECLARE_METATYPE(InputShape)

namespace {

struct Rec {
    std::int64_t number = 0;
    std::int64_t lineNo = 0;
    std::int64_t offset = 0;
    QByteArray text;
    bool oversize = false;
    bool operator==(const Rec& o) const {
        return number == o.number && lineNo == o.lineNo && offset == o.offset && text == o.text &&
               oversize == o.oversize;
    }
};

struct ReadResult {
    bool opened = false;
    std::string openError;
    InputShape shape = InputShape::Lines;
    bool compressed = false;
    std::vector<Rec> records;
    std::string streamError;
    std::int64_t streamErrorOffset = 0;
    std::int64_t consumed = 0;
    std::int64_t uncompressed = 0;
    std::int64_t fileSize = 0;
};

ReadResult readAll(const QString& path) {
    ReadResult r;
    RecordReader reader(path.toStdString());
    r.opened = reader.open(&r.openError);
    if (!r.opened)
        return r;
    r.shape = reader.shape();
    r.compressed = reader.compressed();
    Record rec;
    while (reader.next(rec)) {
        r.records.push_back({rec.number, rec.lineNo, rec.byteOffset,
                             QByteArray(rec.text.data(), qsizetype(rec.text.size())),
                             rec.oversize});
    }
    r.streamError = reader.streamError();
    r.streamErrorOffset = reader.streamErrorOffset();
    r.consumed = reader.bytesConsumed();
    r.uncompressed = reader.uncompressedBytes();
    r.fileSize = reader.fileSize();
    return r;
}

QByteArray gzip(const QByteArray& data, int level = 6) {
    z_stream zs{};
    if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out(qsizetype(deflateBound(&zs, uLong(data.size()))) + 64, Qt::Uninitialized);
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
    zs.avail_in = uInt(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = uInt(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    out.resize(qsizetype(zs.total_out));
    deflateEnd(&zs);
    return rc == Z_STREAM_END ? out : QByteArray();
}

bool writeFile(const QString& path, const QByteArray& data) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

// Expected records of a line-oriented input, computed the plain way.
std::vector<Rec> expectedLines(const QByteArray& content, int bomSkip = 0) {
    std::vector<Rec> out;
    qsizetype pos = bomSkip;
    std::int64_t n = 0;
    while (pos < content.size()) {
        qsizetype lf = content.indexOf('\n', pos);
        const qsizetype end = lf < 0 ? content.size() : lf;
        QByteArray text = content.mid(pos, end - pos);
        if (text.endsWith('\r'))
            text.chop(1);
        ++n;
        Rec r{n, n, pos, text, false};
        if (text.size() > qsizetype(cadf::kMaxRecordBytes)) {
            r.text = text.left(qsizetype(cadf::kMaxRejectBytes));
            r.oversize = true;
        }
        out.push_back(r);
        pos = lf < 0 ? content.size() : lf + 1;
    }
    return out;
}

QByteArray mixedLines(int count, quint32 seed) {
    QRandomGenerator rng(seed);
    QByteArray out;
    for (int i = 0; i < count; ++i) {
        const int len = int(rng.bounded(0, 400));
        QByteArray line = "<13>1 2023-10-18T14:38:44.641868+00:00 audit-logs-cp4s fluentd - - - ";
        line += "{\"n\":" + QByteArray::number(i) + ",\"pad\":\"" + QByteArray(len, 'x') + "\"}";
        out += line;
        out += (i % 7 == 0) ? "\r\n" : "\n";
    }
    return out;
}

qint64 peakRssKb() {
    std::ifstream status("/proc/self/status");
    std::string key;
    while (status >> key) {
        if (key == "VmHWM:") {
            qint64 kb = 0;
            status >> kb;
            return kb;
        }
    }
    return 0;
}

} // namespace

class TestRecordReader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void lines_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<bool>("gz");
        QTest::addColumn<int>("bomSkip");
        const struct {
            const char* name;
            QByteArray content;
            int bom;
        } cases[] = {
            {"lf", "a\nbb\nccc\n", 0},
            {"crlf", "a\r\nbb\r\n", 0},
            {"no final lf", "a\nlast", 0},
            {"no final lf after crlf", "a\r\nlast\r", 0},
            {"empty lines", "a\n\n\nb\n\n", 0},
            {"cr inside a line", "a\rb\nc\n", 0},
            {"bom", "\xEF\xBB\xBF{\"a\":1}\n{\"b\":2}\n", 3},
            {"empty file", "", 0},
            {"only lf", "\n", 0},
            {"whitespace only", "  \n\t\n", 0},
            {"syslog",
             "<13>1 2023-10-18T14:38:44Z h app - - - {\"a\":[1,{\"b\":2}]}\n<13>1 - h "
             "app - - - x\n",
             0},
            {"text log starting with [", "[2023-10-18 12:00:01] INFO up\n[2023-10-18] x\n", 0},
            {"jsonl", "{\"a\":1}\n{\"b\":{\"c\":[1,2]}}\n", 0},
            {"jsonl, first line truncated", "{\"a\":\"cut\n{\"b\":1}\n", 0},
            {"jsonl, first line truncated then syslog", "{\"a\":{\"b\":1,\n<13>1 - h a - - - x\n",
             0},
            {"jsonl, first object closes with text after it", "{\"a\":\n1} trailing\n{\"b\":1}\n",
             0},
        };
        for (const auto& c : cases) {
            QTest::newRow((std::string(c.name) + ", plain").c_str()) << c.content << false << c.bom;
            QTest::newRow((std::string(c.name) + ", gzip").c_str()) << c.content << true << c.bom;
        }
    }

    void lines() {
        QFETCH(QByteArray, content);
        QFETCH(bool, gz);
        QFETCH(int, bomSkip);
        const QString path = m_dir.filePath(gz ? "lines.gz" : "lines.txt");
        const QByteArray onDisk = gz ? gzip(content) : content;
        QVERIFY(writeFile(path, onDisk));
        const ReadResult r = readAll(path);
        QVERIFY2(r.opened, r.openError.c_str());
        QCOMPARE(r.shape, InputShape::Lines);
        QCOMPARE(r.compressed, gz);
        QVERIFY2(r.streamError.empty(), r.streamError.c_str());
        const std::vector<Rec> expected = expectedLines(content, bomSkip);
        QCOMPARE(r.records.size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            QCOMPARE(r.records[i].text, expected[i].text);
            QCOMPARE(r.records[i].offset, expected[i].offset);
            QCOMPARE(r.records[i].number, expected[i].number);
            QCOMPARE(r.records[i].lineNo, expected[i].lineNo);
        }
        QCOMPARE(r.uncompressed, std::int64_t(content.size()));
        QCOMPARE(r.consumed, std::int64_t(onDisk.size()));
        QCOMPARE(r.fileSize, std::int64_t(onDisk.size()));
    }

    void documents_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<InputShape>("shape");
        QTest::addColumn<QList<QByteArray>>("texts");
        QTest::addColumn<QList<int>>("lineNos");

        // {"a":"]}{[","b":[1,2,{"c":"x\"}y\\"}]}  (moc mis-reads such text as a raw string)
        const QByteArray o1 = "{\"a\":\"]}{[\",\"b\":[1,2,{\"c\":\"x\\\"}y\\\\\"}]}";
        QTest::newRow("array of objects, brackets and escapes in strings")
            << QByteArray("[\n  " + o1 + ",\n  {\"d\":2}\n]\n") << InputShape::JsonArray
            << QList<QByteArray>{o1, "{\"d\":2}"} << QList<int>{2, 3};
        QTest::newRow("array on one line")
            << QByteArray("[{\"a\":1},{\"b\":2}]") << InputShape::JsonArray
            << QList<QByteArray>{"{\"a\":1}", "{\"b\":2}"} << QList<int>{1, 1};
        QTest::newRow("array of scalars and garbage")
            << QByteArray("[{\"z\":0}, 1, \"x,]y\", tru, {\"a\":1}]") << InputShape::JsonArray
            << QList<QByteArray>{"{\"z\":0}", "1", "\"x,]y\"", "tru", "{\"a\":1}"}
            << QList<int>{1, 1, 1, 1, 1};
        QTest::newRow("nested arrays") << QByteArray("[[1,2],\n[3]]") << InputShape::JsonArray
                                       << QList<QByteArray>{"[1,2]", "[3]"} << QList<int>{1, 2};
        QTest::newRow("array then trailing garbage")
            << QByteArray("[{\"a\":1}]\nxyz\n") << InputShape::JsonArray
            << QList<QByteArray>{"{\"a\":1}", "xyz"} << QList<int>{1, 2};
        QTest::newRow("two arrays")
            << QByteArray("[{\"a\":1}]\n[{\"b\":2}]\n") << InputShape::JsonArray
            << QList<QByteArray>{"{\"a\":1}", "{\"b\":2}"} << QList<int>{1, 2};
        QTest::newRow("empty array")
            << QByteArray("[ ]\n") << InputShape::JsonArray << QList<QByteArray>{} << QList<int>{};

        const QByteArray logDoc =
            "{\n  \"typeURI\": \"http://schemas.dmtf.org/cloud/audit/1.0/log\",\n"
            "  \"events\": [\n    {\"id\": \"1\", \"s\": \"}\"},\n"
            "    {\"id\": \"2\"}\n  ]\n}";
        QTest::newRow("CADF log document is one record")
            << QByteArray(logDoc + "\n") << InputShape::ConcatenatedJson
            << QList<QByteArray>{logDoc} << QList<int>{1};
        const QByteArray p1 = "{\n    \"eventName\":\"SECURITY_AUTHN\",\n    \"target\": {\n"
                              "        \"id\":\"x\"\n    }\n}";
        const QByteArray p2 = "{\n    \"eventName\":\"SECURITY_AUTHZ\"\n}";
        QTest::newRow("concatenated pretty-printed objects")
            << QByteArray(p1 + "\n\n" + p2 + "\n\n" + p1 + "\n") << InputShape::ConcatenatedJson
            << QList<QByteArray>{p1, p2, p1} << QList<int>{1, 8, 12};
        QTest::newRow("concatenated with commas and a BOM")
            << QByteArray("\xEF\xBB\xBF" + p2 + ",\n" + p2 + "\n") << InputShape::ConcatenatedJson
            << QList<QByteArray>{p2, p2} << QList<int>{1, 4};
        QTest::newRow("document cut off midway")
            << QByteArray(p1 + "\n" + p2.left(12) + "\n  \n") << InputShape::ConcatenatedJson
            << QList<QByteArray>{p1, p2.left(12)} << QList<int>{1, 7};
        QTest::newRow("garbage between objects")
            << QByteArray(p2 + "\nthis is not json\n  nor this }\n" + p2 + "\n")
            << InputShape::ConcatenatedJson
            << QList<QByteArray>{p2, "this is not json\n  nor this }", p2} << QList<int>{1, 4, 6};
        QTest::newRow("truncated object resynchronises at the next column-0 brace")
            << QByteArray(p2 + "\n{\n  \"a\": {\n    \"b\": \"cut\n" + p2 + "\n")
            << InputShape::ConcatenatedJson
            << QList<QByteArray>{p2, "{\n  \"a\": {\n    \"b\": \"cut", p2} << QList<int>{1, 4, 7};
    }

    void documents() {
        QFETCH(QByteArray, content);
        QFETCH(InputShape, shape);
        QFETCH(QList<QByteArray>, texts);
        QFETCH(QList<int>, lineNos);
        for (const bool gz : {false, true}) {
            const QString path = m_dir.filePath(gz ? "doc.json.gz" : "doc.json");
            QVERIFY(writeFile(path, gz ? gzip(content) : content));
            const ReadResult r = readAll(path);
            QVERIFY2(r.opened, r.openError.c_str());
            QCOMPARE(r.shape, shape);
            QVERIFY(r.streamError.empty());
            QCOMPARE(qsizetype(r.records.size()), texts.size());
            qsizetype from = 0;
            for (qsizetype i = 0; i < texts.size(); ++i) {
                const Rec& rec = r.records[std::size_t(i)];
                QCOMPARE(rec.text, texts[i]);
                QCOMPARE(rec.number, std::int64_t(i + 1));
                QCOMPARE(rec.lineNo, std::int64_t(lineNos[i]));
                const qsizetype at = content.indexOf(texts[i], from);
                QCOMPARE(rec.offset, std::int64_t(at));
                QVERIFY(!rec.oversize);
                from = at + texts[i].size();
            }
        }
    }

    void oversize_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<bool>("gz");
        const qsizetype limit = qsizetype(cadf::kMaxRecordBytes);
        const QByteArray big = QByteArray(3 * 1024 * 1024, 'x');
        QTest::newRow("exactly the limit")
            << QByteArray(QByteArray(limit, 'a') + "\nnext\n") << false;
        QTest::newRow("exactly the limit with CRLF")
            << QByteArray(QByteArray(limit, 'a') + "\r\nnext\n") << false;
        QTest::newRow("one over the limit")
            << QByteArray(QByteArray(limit + 1, 'a') + "\nnext\n") << false;
        QTest::newRow("3 MiB line, plain") << QByteArray("first\n" + big + "\nnext\n") << false;
        QTest::newRow("3 MiB line, gzip") << QByteArray("first\n" + big + "\nnext\n") << true;
        QTest::newRow("3 MiB CRLF line") << QByteArray(big + "\r\nnext\r\n") << false;
        QTest::newRow("3 MiB last line without LF") << QByteArray("first\n" + big) << false;
    }

    void oversize() {
        QFETCH(QByteArray, content);
        QFETCH(bool, gz);
        const QString path = m_dir.filePath(gz ? "big.gz" : "big.txt");
        QVERIFY(writeFile(path, gz ? gzip(content, 1) : content));
        const ReadResult r = readAll(path);
        QVERIFY(r.opened);
        QCOMPARE(r.shape, InputShape::Lines);
        const std::vector<Rec> expected = expectedLines(content);
        QCOMPARE(r.records.size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i)
            QVERIFY2(r.records[i] == expected[i], qPrintable(QString::number(i)));
    }

    void oversizeElement() {
        const QByteArray big = "{\"pad\":\"" + QByteArray(2 * 1024 * 1024, 'y') + "\"}";
        const QByteArray content = "[\n" + big + ",\n{\"a\":1}\n]\n";
        for (const bool gz : {false, true}) {
            const QString path = m_dir.filePath(gz ? "bigdoc.json.gz" : "bigdoc.json");
            QVERIFY(writeFile(path, gz ? gzip(content, 1) : content));
            const ReadResult r = readAll(path);
            QCOMPARE(r.shape, InputShape::JsonArray);
            QCOMPARE(r.records.size(), std::size_t(2));
            QVERIFY(r.records[0].oversize);
            QCOMPARE(r.records[0].text, big.left(qsizetype(cadf::kMaxRejectBytes)));
            QCOMPARE(r.records[0].offset, std::int64_t(2));
            QCOMPARE(r.records[1].text, QByteArray("{\"a\":1}"));
            QCOMPARE(r.records[1].lineNo, std::int64_t(3));
            QVERIFY(!r.records[1].oversize);
        }
    }

    // A single 64 MiB line must be walked over, not buffered.
    void oversizeMemoryBounded() {
        const QString path = m_dir.filePath("one_line.txt");
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            const QByteArray block(1024 * 1024, 'z');
            for (int i = 0; i < 64; ++i)
                QCOMPARE(f.write(block), block.size());
            QVERIFY(f.write("\nafter\n") == 7);
        }
        const qint64 before = peakRssKb();
        RecordReader reader(path.toStdString());
        QVERIFY(reader.open(nullptr));
        Record rec;
        QVERIFY(reader.next(rec));
        QVERIFY(rec.oversize);
        QCOMPARE(rec.text.size(), cadf::kMaxRejectBytes);
        QVERIFY(reader.next(rec));
        QCOMPARE(rec.text, std::string_view("after"));
        QCOMPARE(rec.lineNo, std::int64_t(2));
        QCOMPARE(rec.byteOffset, std::int64_t(64 * 1024 * 1024 + 1));
        QVERIFY(!reader.next(rec));
        const qint64 growth = peakRssKb() - before;
        qInfo("peak RSS growth reading a 64 MiB line: %lld KiB", growth);
        QVERIFY2(growth < 16 * 1024, qPrintable(QString::number(growth)));
    }

    void gzipMatchesPlain_data() {
        QTest::addColumn<int>("members");
        QTest::newRow("single member") << 1;
        QTest::newRow("three members split mid-line") << 3;
        QTest::newRow("seven members") << 7;
    }

    void gzipMatchesPlain() {
        QFETCH(int, members);
        const QByteArray content = mixedLines(20000, 7) + "tail without lf";
        QByteArray packed;
        const qsizetype step = content.size() / members + 1;
        for (qsizetype at = 0; at < content.size(); at += step)
            packed += gzip(content.mid(at, step));
        QVERIFY(writeFile(m_dir.filePath("mixed.txt"), content));
        QVERIFY(writeFile(m_dir.filePath("mixed.log.gz"), packed));
        // Gzip is recognised by content: a compressed file without .gz works too.
        QVERIFY(writeFile(m_dir.filePath("mixed_noext"), packed));
        const ReadResult plain = readAll(m_dir.filePath("mixed.txt"));
        const ReadResult gz = readAll(m_dir.filePath("mixed.log.gz"));
        const ReadResult noext = readAll(m_dir.filePath("mixed_noext"));
        QVERIFY(!plain.compressed);
        QVERIFY(gz.compressed);
        QVERIFY(noext.compressed);
        QVERIFY2(gz.streamError.empty(), gz.streamError.c_str());
        QCOMPARE(plain.records.size(), std::size_t(20001));
        QVERIFY(plain.records == gz.records);
        QVERIFY(plain.records == noext.records);
        QVERIFY(plain.records == expectedLines(content));
        QCOMPARE(gz.uncompressed, std::int64_t(content.size()));
    }

    void damagedGzip_data() {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("message"); // empty: any message
        QTest::addColumn<bool>("exactPrefix");
        QTest::newRow("truncated") << "truncate"
                                   << "truncated" << true;
        QTest::newRow("second member has a bad header") << "badmember"
                                                        << "corrupt" << true;
        QTest::newRow("garbage after the last member") << "trailing"
                                                       << "corrupt" << true;
        // Flipped bits may decode to wrong bytes before zlib notices: only the start is sure.
        QTest::newRow("bit flips mid-stream") << "flips"
                                              << "" << false;
    }

    void damagedGzip() {
        QFETCH(QString, damage);
        QFETCH(QString, message);
        QFETCH(bool, exactPrefix);
        const QByteArray content = mixedLines(30000, 11);
        QByteArray packed = gzip(content);
        if (damage == "truncate") {
            packed.truncate(packed.size() * 6 / 10);
        } else if (damage == "badmember") {
            const qsizetype half = content.indexOf('\n', content.size() / 2) + 1;
            QByteArray second = gzip(content.mid(half));
            second[2] = 7; // compression method 7 does not exist
            packed = gzip(content.left(half)) + second;
        } else if (damage == "flips") {
            for (qsizetype i = packed.size() / 2; i < packed.size() / 2 + 64; ++i)
                packed[i] = char(~packed[i]);
        } else {
            packed += "not gzip at all";
        }
        const QString path = m_dir.filePath("damaged.gz");
        QVERIFY(writeFile(path, packed));
        const ReadResult r = readAll(path);
        QVERIFY(r.opened);
        QVERIFY(r.compressed);
        QVERIFY(!r.streamError.empty());
        QVERIFY2(QString::fromStdString(r.streamError).contains(message), r.streamError.c_str());
        QCOMPARE(r.streamErrorOffset, r.uncompressed);
        const std::vector<Rec> expected = expectedLines(content);
        QVERIFY(!r.records.empty());
        QVERIFY(r.records.front() == expected.front());
        if (damage == "trailing")
            QCOMPARE(r.records.size(), expected.size());
        else if (exactPrefix)
            QVERIFY(r.records.size() < expected.size());
        if (!exactPrefix)
            return;
        // Everything before the damage arrives intact; the last record may be cut short.
        for (std::size_t i = 0; i + 1 < r.records.size(); ++i)
            QVERIFY2(r.records[i] == expected[i], qPrintable(QString::number(i)));
        const Rec& last = r.records.back();
        const Rec& full = expected[r.records.size() - 1];
        QCOMPARE(last.offset, full.offset);
        QVERIFY(full.text.startsWith(last.text));
    }

    void randomBytes_data() {
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<QByteArray>("head");
        QTest::newRow("random") << 1u << QByteArray();
        QTest::newRow("random, other seed") << 99u << QByteArray();
        QTest::newRow("random after gzip magic") << 5u << QByteArray("\x1f\x8b", 2);
        QTest::newRow("random after a bracket") << 6u << QByteArray("[{");
        QTest::newRow("random after a pretty brace") << 8u << QByteArray("{\n");
    }

    void randomBytes() {
        QFETCH(quint32, seed);
        QFETCH(QByteArray, head);
        QRandomGenerator rng(seed);
        QByteArray content = head;
        for (int i = 0; i < 3 * 1024 * 1024 / 4; ++i) {
            const quint32 v = rng.generate();
            content.append(reinterpret_cast<const char*>(&v), 4);
        }
        const QString path = m_dir.filePath("random.bin");
        QVERIFY(writeFile(path, content));
        const ReadResult r = readAll(path);
        QVERIFY(r.opened);
        std::int64_t prevEnd = 0;
        for (const Rec& rec : r.records) {
            // Every record is a slice of the input, in order, not overlapping the previous.
            QVERIFY(rec.offset >= prevEnd);
            if (!r.compressed && !rec.oversize)
                QCOMPARE(content.mid(qsizetype(rec.offset), rec.text.size()), rec.text);
            QVERIFY(rec.text.size() <= qsizetype(cadf::kMaxRecordBytes));
            prevEnd = rec.offset + rec.text.size();
        }
        if (r.compressed)
            QVERIFY(!r.streamError.empty());
        else if (r.shape == InputShape::Lines)
            QCOMPARE(r.records.size(), expectedLines(content).size());
    }

    void openErrors_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing") << "missing"
                                 << "File not found";
        QTest::newRow("directory") << "directory"
                                   << "Is a directory";
        QTest::newRow("missing parent") << "missing_parent"
                                        << "File not found";
        if (::geteuid() != 0) // root reads anything: the row cannot be built there
            QTest::newRow("no permission") << "unreadable"
                                           << "Permission denied";
    }

    void openErrors() {
        QFETCH(QString, kind);
        QFETCH(QString, message);
        QString path = m_dir.filePath("nope.log");
        if (kind == "directory") {
            path = m_dir.filePath("subdir");
            QVERIFY(QDir().mkpath(path));
        } else if (kind == "missing_parent") {
            path = m_dir.filePath("no/such/dir/x.log");
        } else if (kind == "unreadable") {
            path = m_dir.filePath("secret.log");
            QVERIFY(writeFile(path, "x\n"));
            QVERIFY(::chmod(path.toLocal8Bit().constData(), 0) == 0);
        }
        RecordReader reader(path.toStdString());
        std::string error;
        QVERIFY(!reader.open(&error));
        QVERIFY2(QString::fromStdString(error).contains(message), error.c_str());
        QVERIFY(QString::fromStdString(error).contains(path));
        Record rec;
        QVERIFY(!reader.next(rec));
    }

    void requestStop() {
        const QString path = m_dir.filePath("stop.txt");
        QVERIFY(writeFile(path, mixedLines(5000, 3)));
        RecordReader reader(path.toStdString());
        QVERIFY(reader.open(nullptr));
        Record rec;
        for (int i = 0; i < 10; ++i)
            QVERIFY(reader.next(rec));
        reader.requestStop();
        QVERIFY(!reader.next(rec));
        QVERIFY(reader.streamError().empty());
    }

    // About 50 MB through the reader: exact count and offsets, bounded memory, a throughput line.
    void bigFileStreaming_data() {
        QTest::addColumn<bool>("gz");
        QTest::newRow("plain") << false;
        QTest::newRow("gzip") << true;
    }

    void bigFileStreaming() {
        QFETCH(bool, gz);
        const QString path = m_dir.filePath(gz ? "big50.log.gz" : "big50.log");
        const QByteArray block = mixedLines(1000, 42); // ~0.32 MB, 1000 lines
        const int blocks = 160;
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            // The gzip file is `blocks` members back to back, as `cat a.gz b.gz` makes.
            const QByteArray data = gz ? gzip(block, 1) : block;
            for (int i = 0; i < blocks; ++i)
                QCOMPARE(f.write(data), data.size());
        }
        const qint64 before = peakRssKb();
        QElapsedTimer timer;
        timer.start();
        RecordReader reader(path.toStdString());
        QVERIFY(reader.open(nullptr));
        Record rec;
        std::int64_t count = 0;
        std::int64_t expectedOffset = 0;
        std::int64_t bytes = 0;
        bool offsetsOk = true;
        while (reader.next(rec)) {
            ++count;
            offsetsOk = offsetsOk && rec.byteOffset == expectedOffset && rec.lineNo == count;
            // Lines end in LF, every seventh in CRLF.
            expectedOffset += std::int64_t(rec.text.size()) + ((count - 1) % 1000 % 7 == 0 ? 2 : 1);
            bytes += std::int64_t(rec.text.size());
        }
        const double secs = double(timer.nsecsElapsed()) / 1e9;
        QVERIFY(reader.streamError().empty());
        QCOMPARE(count, std::int64_t(blocks) * 1000);
        QVERIFY(offsetsOk);
        QCOMPARE(reader.uncompressedBytes(), std::int64_t(block.size()) * blocks);
        QCOMPARE(reader.bytesConsumed(), reader.fileSize());
        qInfo("%s: %.1f MB in %.3f s, %.0f MB/s, %.0f records/s", gz ? "gzip" : "plain",
              double(reader.uncompressedBytes()) / 1e6, secs,
              double(reader.uncompressedBytes()) / 1e6 / secs, double(count) / secs);
        const qint64 growth = peakRssKb() - before;
        QVERIFY2(growth < 16 * 1024, qPrintable(QString::number(growth)));
    }

    // A JSON array of 100,000 pretty-printed events: every element, in order, at its line.
    void bigDocumentStreaming() {
        const QString path = m_dir.filePath("big_array.json");
        const int count = 100000;
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QByteArray chunk = "[\n";
            for (int i = 0; i < count; ++i) {
                chunk += "  {\n    \"n\": " + QByteArray::number(i) +
                         ",\n    \"s\": \"a } ] \\\" [ {\",\n    \"pad\": [\"" +
                         QByteArray(200 + i % 50, 'p') + "\"]\n  }" +
                         (i + 1 < count ? ",\n" : "\n]\n");
                if (chunk.size() > (1 << 20)) {
                    QCOMPARE(f.write(chunk), chunk.size());
                    chunk.clear();
                }
            }
            QCOMPARE(f.write(chunk), chunk.size());
        }
        QElapsedTimer timer;
        timer.start();
        RecordReader reader(path.toStdString());
        QVERIFY(reader.open(nullptr));
        QCOMPARE(reader.shape(), InputShape::JsonArray);
        Record rec;
        int n = 0;
        bool ok = true;
        while (reader.next(rec)) {
            ok = ok && rec.number == n + 1 && rec.lineNo == 2 + std::int64_t(n) * 5 &&
                 rec.text.front() == '{' && rec.text.back() == '}' &&
                 rec.text.find("\"n\": " + std::to_string(n) + ",") != std::string_view::npos;
            ++n;
        }
        const double secs = double(timer.nsecsElapsed()) / 1e9;
        QCOMPARE(n, count);
        QVERIFY(ok);
        QVERIFY(reader.streamError().empty());
        qInfo("json array: %.1f MB in %.3f s, %.0f MB/s", double(reader.uncompressedBytes()) / 1e6,
              secs, double(reader.uncompressedBytes()) / 1e6 / secs);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_APPLESS_MAIN(TestRecordReader)
#include "tst_record_reader.moc"
