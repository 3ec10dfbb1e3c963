// FrameDecoder: RFC 6587 framing detected per frame, oversize, lying lengths, cut frames, TLS.
#include "models/syslog/frame_decoder.h"

#include <QTest>

#include <string>
#include <vector>

using cadf::syslog::Frame;
using cadf::syslog::FrameDecoder;
using cadf::syslog::FrameDecoderOptions;

namespace {

const char* kindName(Frame::Kind kind) {
    switch (kind) {
    case Frame::Kind::Message:
        return "M";
    case Frame::Kind::Oversize:
        return "O";
    case Frame::Kind::Garbage:
        return "G";
    case Frame::Kind::Incomplete:
        return "I";
    }
    return "?";
}

// "M lf <1>a" per frame, then "closed" when the decoder gave up on the stream.
QStringList decode(const std::string& stream, const FrameDecoderOptions& options,
                   const std::vector<std::size_t>& cuts) {
    FrameDecoder decoder(options);
    QStringList out;
    const FrameDecoder::Sink sink = [&](const Frame& f) {
        out << QStringLiteral("%1 %2 %3")
                   .arg(QLatin1String(kindName(f.kind)),
                        QLatin1String(cadf::syslog::framingKey(f.framing)),
                        QString::fromLatin1(f.data.data(), qsizetype(f.data.size())));
    };
    std::size_t from = 0;
    bool open = true;
    for (std::size_t cut : cuts) {
        if (cut <= from || cut >= stream.size())
            continue;
        open = decoder.feed(std::string_view(stream).substr(from, cut - from), sink);
        from = cut;
        if (!open)
            break;
    }
    if (open)
        open = decoder.feed(std::string_view(stream).substr(from), sink);
    if (open)
        decoder.finish(sink);
    else
        out << QStringLiteral("closed");
    return out;
}

} // namespace

class TestFrameDecoder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void frames_data() {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<int>("maxMessage");
        QTest::addColumn<bool>("tls");
        QTest::addColumn<QStringList>("expected");
        const auto row = [](const char* name, const QByteArray& stream, int max, bool tls,
                            const QStringList& expected) {
            QTest::newRow(name) << stream << max << tls << expected;
        };
        const int big = 1024;
        row("octet counting", "5 <1>ab3 <2>", big, false,
            {"M octet-counting <1>ab", "M octet-counting <2>"});
        row("lf", "<1>a\n<2>b\n", big, false, {"M lf <1>a", "M lf <2>b"});
        row("crlf", "<1>a\r\n<2>b\r\n", big, false, {"M crlf <1>a", "M crlf <2>b"});
        row("nul", QByteArray("<1>a\0<2>b\0", 10), big, false, {"M nul <1>a", "M nul <2>b"});
        row("mixed per frame", "5 <1>ab<2>c\n3 <3>", big, false,
            {"M octet-counting <1>ab", "M lf <2>c", "M octet-counting <3>"});
        row("stray trailers between frames", "3 <1>\n\r\n3 <2>", big, false,
            {"M octet-counting <1>", "M octet-counting <2>"});
        row("last line without trailer", "<1>a\n<2>b", big, false, {"M lf <1>a", "M eof <2>b"});
        row("oversize octet frame skipped, stream resynchronised", "20 <1>xxxxxxxxxxxxxxxxx3 <2>",
            16, false, {"O octet-counting <1>xxxxxxxxxxxxx", "M octet-counting <2>"});
        row("implausible length closes", "99999 <1>abc", 16, false,
            {"O octet-counting ", "closed"});
        row("oversize line skipped to its trailer", "<1>xxxxxxxxxxxxxxxxxxxxxxxxxxxx\n<2>b\n", 16,
            false, {"O none <1>xxxxxxxxxxxxx", "M lf <2>b"});
        row("length shorter than the message", "3 <1>XY5 <2>ab", big, false,
            {"M octet-counting <1>", "G none XY", "M octet-counting <2>ab"});
        row("length longer than the message", "8 <1>ab5 <2>cd5 <3>ef", big, false,
            {"M octet-counting <1>ab5 <", "G none 2>cd", "M octet-counting <3>ef"});
        row("cut inside an octet frame", "5 <1>ab10 <2>abc", big, false,
            {"M octet-counting <1>ab", "I octet-counting <2>abc"});
        row("digits without a space are no length", "2023 text\n", big, false, {"M lf 2023 text"});
        row("garbage after octet counting ends at LF", "3 <1>zz top\n3 <2>", big, false,
            {"M octet-counting <1>", "G none zz top", "M octet-counting <2>"});
        row("tls octet counting", "5 <1>ab", big, true, {"M octet-counting <1>ab"});
        row("tls refuses lf framing", "<1>a\n", big, true, {"G none ", "closed"});
        row("zero length is no frame", "0 x\n", big, false, {"M lf 0 x"});
        row("bare json octet-counted", "4 {\"\"}<1>\n", big, false,
            {"M octet-counting {\"\"}", "M lf <1>"});
    }

    void frames() {
        QFETCH(QByteArray, stream);
        QFETCH(int, maxMessage);
        QFETCH(bool, tls);
        QFETCH(QStringList, expected);
        FrameDecoderOptions options;
        options.maxMessage = static_cast<std::size_t>(maxMessage);
        options.octetCountingOnly = tls;
        options.maxSkippable = 1000;
        const std::string s = stream.toStdString();
        QCOMPARE(decode(s, options, {}), expected);
        // However the bytes arrive, the frames are the same: every split point, and byte by byte.
        for (std::size_t cut = 1; cut < s.size(); ++cut)
            QCOMPARE(decode(s, options, {cut}), expected);
        std::vector<std::size_t> bytes;
        for (std::size_t i = 1; i < s.size(); ++i)
            bytes.push_back(i);
        QCOMPARE(decode(s, options, bytes), expected);
    }

    void offsetsAndSizes() {
        FrameDecoder decoder;
        std::vector<std::int64_t> offsets;
        std::vector<std::int64_t> sizes;
        const FrameDecoder::Sink sink = [&](const Frame& f) {
            offsets.push_back(f.offset);
            sizes.push_back(f.declaredSize);
        };
        QVERIFY(decoder.feed("5 <1>ab<2>c\n12 <3>", sink));
        decoder.finish(sink);
        QCOMPARE(offsets, (std::vector<std::int64_t>{0, 7, 12}));
        QCOMPARE(sizes, (std::vector<std::int64_t>{5, 4, 12}));
    }

    void largeFrameAcrossManyReads() {
        FrameDecoder decoder;
        const std::string message = "<1>" + std::string(700000, 'x');
        const std::string stream = std::to_string(message.size()) + " " + message + "3 <2>";
        std::vector<std::size_t> sizes;
        const FrameDecoder::Sink sink = [&](const Frame& f) { sizes.push_back(f.data.size()); };
        for (std::size_t i = 0; i < stream.size(); i += 4096)
            QVERIFY(decoder.feed(std::string_view(stream).substr(i, 4096), sink));
        QCOMPARE(sizes, (std::vector<std::size_t>{message.size(), 3}));
        QCOMPARE(decoder.buffered(), std::size_t(0));
    }
};

QTEST_APPLESS_MAIN(TestFrameDecoder)
#include "tst_frame_decoder.moc"
