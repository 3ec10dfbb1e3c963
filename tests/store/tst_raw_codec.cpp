// The raw block codecs: blocks written now (raw deflate, with and without a preset dictionary)
// and blocks older stores hold (zlib streams, codecs 1 and 2) read back byte for byte. A cut
// stream, a lying size or a missing dictionary is reported; a wrong dictionary or flipped bytes
// never give the original bytes back (raw deflate has no checksum to report them by: the
// block's entry layout, parsed after, is what rejects such a block).
#include "models/store/raw_block.h"
#include "models/store/zlib_codec.h"

#include <QTest>

#include <random>

using namespace cadf::store;

namespace {

// Syslog-like lines: similar enough that a dictionary matters.
std::string sampleLines(int count, unsigned seed) {
    std::mt19937 random(seed);
    std::string out;
    for (int i = 0; i < count; ++i)
        out += "<110>1 2026-11-25T03:" + std::to_string(10 + i % 50) +
               ":00.000Z host cp4s - - - {\"action\":\"update\",\"outcome\":\"success\","
               "\"target\":{\"id\":\"/api/orgs/" +
               std::to_string(random() % 100000) + "/incidents/" + std::to_string(random()) +
               "\"}}\n";
    return out;
}

std::string compress(int level, DeflateFraming framing, std::string_view plain,
                     std::string_view dictionary, DeflateTuning tuning = {}) {
    Deflater deflater(level, framing, tuning);
    std::string out;
    if (!deflater.compress(plain, out, dictionary))
        return {};
    return out;
}

} // namespace

class TestRawCodec : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data() {
        QTest::addColumn<int>("codec");
        QTest::addColumn<bool>("withDictionary");
        QTest::newRow("raw deflate") << int(RawCodec::RawDeflate) << false;
        QTest::newRow("raw deflate + dictionary") << int(RawCodec::RawDeflate) << true;
        QTest::newRow("zlib (stores before schema 4)") << int(RawCodec::Deflate) << false;
        QTest::newRow("zlib + dictionary (before schema 4)")
            << int(RawCodec::DeflateWithDictionary) << true;
        QTest::newRow("plain") << int(RawCodec::Plain) << false;
    }
    void roundTrip() {
        QFETCH(int, codec);
        QFETCH(bool, withDictionary);
        const auto c = RawCodec(codec);
        const std::string dictionary = withDictionary ? sampleLines(300, 1) : std::string();
        const std::string plain = sampleLines(2000, 2);
        const auto framing = c == RawCodec::RawDeflate ? DeflateFraming::Raw : DeflateFraming::Zlib;
        const std::string payload =
            c == RawCodec::Plain ? plain : compress(5, framing, plain, dictionary);
        QVERIFY(!payload.empty());
        if (c != RawCodec::Plain)
            QVERIFY(payload.size() < plain.size() / 4);
        std::string blob;
        frameBlob(c, plain.size(), withDictionary ? 7 : 0, payload, blob);
        BlobHeader header;
        QVERIFY(parseBlob(c, blob, header));
        QCOMPARE(header.plainSize, std::uint64_t(plain.size()));
        QCOMPARE(header.dictionaryId, std::int64_t(withDictionary ? 7 : 0));
        std::string back;
        QVERIFY(unframeBlob(c, blob, back, dictionary));
        QVERIFY(back == plain);
        if (withDictionary) {
            // The dictionary is part of the stream: without it, or with another, no bytes.
            QVERIFY(!unframeBlob(c, blob, back, {}));
            QVERIFY(!unframeBlob(c, blob, back, sampleLines(300, 99)) || back != plain);
        }
    }

    void dictionaryMakesBlocksSmaller() {
        const std::string dictionary = sampleLines(300, 1);
        const std::string plain = sampleLines(200, 3);
        const auto raw = DeflateFraming::Raw;
        QVERIFY(compress(5, raw, plain, dictionary).size() < compress(5, raw, plain, {}).size());
    }

    void tuningKeepsTheStreamStandard() {
        // Tuned search parameters change how hard zlib looks, never what inflate reads.
        const std::string dictionary = sampleLines(300, 1);
        const std::string plain = sampleLines(3000, 4);
        const DeflateTuning tuning{4, 64, 258, 32};
        const std::string tuned = compress(1, DeflateFraming::Raw, plain, dictionary, tuning);
        const std::string untuned = compress(1, DeflateFraming::Raw, plain, dictionary);
        QVERIFY(!tuned.empty());
        QVERIFY(tuned != untuned);
        std::string back;
        QVERIFY(inflateExact(tuned, plain.size(), back, dictionary, DeflateFraming::Raw));
        QVERIFY(back == plain);
    }

    void damageIsReported() {
        const std::string plain = sampleLines(500, 5);
        const std::string payload = compress(5, DeflateFraming::Raw, plain, {});
        std::string blob, back;
        // A cut stream.
        frameBlob(RawCodec::RawDeflate, plain.size(), 0, payload.substr(0, payload.size() / 2),
                  blob);
        QVERIFY(!unframeBlob(RawCodec::RawDeflate, blob, back));
        // A size that lies, either way.
        frameBlob(RawCodec::RawDeflate, plain.size() + 1, 0, payload, blob);
        QVERIFY(!unframeBlob(RawCodec::RawDeflate, blob, back));
        frameBlob(RawCodec::RawDeflate, plain.size() - 1, 0, payload, blob);
        QVERIFY(!unframeBlob(RawCodec::RawDeflate, blob, back));
        // Flipped bytes in the middle of the stream.
        std::string flipped = payload;
        for (std::size_t i = flipped.size() / 3; i < flipped.size() / 3 + 8; ++i)
            flipped[i] = char(~flipped[i]);
        frameBlob(RawCodec::RawDeflate, plain.size(), 0, flipped, blob);
        QVERIFY(!unframeBlob(RawCodec::RawDeflate, blob, back) || back != plain);
        // A header cut short, an unknown codec.
        QVERIFY(!unframeBlob(RawCodec::RawDeflate, std::string("\x80", 1), back));
        frameBlob(RawCodec::RawDeflate, plain.size(), 0, payload, blob);
        QVERIFY(!unframeBlob(RawCodec(9), blob, back));
        // Codec 2 always names a dictionary.
        frameBlob(RawCodec::DeflateWithDictionary, plain.size(), 0, payload, blob);
        BlobHeader header;
        QVERIFY(!parseBlob(RawCodec::DeflateWithDictionary, blob, header));
    }
};

QTEST_GUILESS_MAIN(TestRawCodec)
#include "tst_raw_codec.moc"
