#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

// Splits a syslog TCP or TLS byte stream into messages (RFC 6587, RFC 5425). The framing is
// detected per frame, as senders may switch: a frame starting with `LEN SP` (LEN a decimal without
// leading zero) is octet-counted, anything else is non-transparent and ends at LF, CRLF or NUL.
// Damage never silently swallows well-formed frames: bytes that cannot be framed are handed out
// as Garbage up to the next plausible frame start, so the next good frame is found again.
namespace cadf::syslog {

enum class Framing : std::uint8_t { None = 0, OctetCounting, Lf, CrLf, Nul, Eof };

const char* framingKey(Framing framing); // "octet-counting", "lf", "crlf", "nul", "eof"

struct Frame {
    enum class Kind : std::uint8_t {
        Message,    // a complete message; `data` is its bytes without length or trailer
        Oversize,   // over the limit: `data` holds its first bytes; the rest is skipped
        Garbage,    // bytes that are no frame (after a lying length, random bytes)
        Incomplete, // the stream ended inside an octet-counted frame
    };
    Kind kind = Kind::Message;
    Framing framing = Framing::None;
    std::string_view data;
    std::int64_t offset = 0;       // stream offset of the frame's first byte (its length field)
    std::int64_t declaredSize = 0; // octet count, or bytes seen for an oversize frame
    bool closesStream = false;     // the decoder gives up on the stream after this frame
};

struct FrameDecoderOptions {
    std::size_t maxMessage = 1024 * 1024;
    std::size_t maxHead = 64 * 1024; // bytes kept of an oversize or damaged frame
    bool octetCountingOnly = false;  // TLS (RFC 5425)
    // An octet count above this is not a frame at all but a sender that lost its way: rather than
    // skip gigabytes, the connection is closed.
    std::int64_t maxSkippable = std::int64_t(1) << 30;
};

class FrameDecoder {
public:
    using Sink = std::function<void(const Frame&)>;

    explicit FrameDecoder(FrameDecoderOptions options = {});

    // Where the bytes of a chunk go before feedWritten(): lets a socket read straight into the
    // decoder's buffer. At least `minBytes` are available at the returned pointer.
    char* writeBuffer(std::size_t minBytes);
    // Decodes the `n` bytes just written to writeBuffer(). False when the stream cannot go on
    // (see closeReason()); frames found before that point were handed to the sink.
    bool feedWritten(std::size_t n, const Sink& sink);
    bool feed(std::string_view bytes, const Sink& sink);
    // The stream ended: hands out what is left (a cut frame, a last line without trailer).
    void finish(const Sink& sink);

    const std::string& closeReason() const { return m_closeReason; }
    std::int64_t bytesSeen() const { return m_offset + static_cast<std::int64_t>(available()); }
    std::size_t buffered() const { return available(); }
    Framing lastFraming() const { return m_lastFraming; }

private:
    enum class State : std::uint8_t { Start, SkipOctets, SkipToTrailer, Closed };

    std::size_t available() const { return m_end - m_pos; }
    bool decode(const Sink& sink);
    // Returns false when more bytes are needed.
    bool startFrame(const Sink& sink);
    bool nonTransparent(const Sink& sink);
    bool garbage(const Sink& sink);
    void emit(const Sink& sink, Frame::Kind kind, Framing framing, std::size_t from,
              std::size_t size, std::int64_t declared);
    void consume(std::size_t n);
    void compact();
    bool close(std::string reason);

    FrameDecoderOptions m_opt;
    std::string m_buf;
    std::size_t m_end = 0;     // bytes of m_buf in use
    std::size_t m_pos = 0;     // first undecoded byte in m_buf
    std::size_t m_scan = 0;    // bytes after m_pos already searched for a trailer
    std::int64_t m_offset = 0; // stream offset of m_buf[m_pos]
    std::int64_t m_skip = 0;   // bytes still to skip
    State m_state = State::Start;
    bool m_seenOctetCounting = false;
    Framing m_lastFraming = Framing::None;
    std::string m_closeReason;
};

} // namespace cadf::syslog
