#include "models/syslog/frame_decoder.h"

#include <algorithm>
#include <cstring>

namespace cadf::syslog {

namespace {

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

// A length field has at most 10 digits: 9,999,999,999 bytes is beyond any sane message.
constexpr std::size_t kMaxLengthDigits = 10;
// Bytes kept when skipping unframed bytes, so a frame start split across reads is still found.
constexpr std::size_t kResyncKeep = kMaxLengthDigits + 2;

} // namespace

const char* framingKey(Framing framing) {
    switch (framing) {
    case Framing::OctetCounting:
        return "octet-counting";
    case Framing::Lf:
        return "lf";
    case Framing::CrLf:
        return "crlf";
    case Framing::Nul:
        return "nul";
    case Framing::Eof:
        return "eof";
    case Framing::None:
        break;
    }
    return "none";
}

FrameDecoder::FrameDecoder(FrameDecoderOptions options)
    : m_opt(options) {
    if (m_opt.maxHead > m_opt.maxMessage)
        m_opt.maxHead = m_opt.maxMessage;
}

char* FrameDecoder::writeBuffer(std::size_t minBytes) {
    compact();
    if (m_buf.size() < m_end + minBytes)
        m_buf.resize(std::max(m_end + minBytes, m_buf.size() * 2));
    return m_buf.data() + m_end;
}

bool FrameDecoder::feedWritten(std::size_t n, const Sink& sink) {
    m_end += n;
    return decode(sink);
}

bool FrameDecoder::feed(std::string_view bytes, const Sink& sink) {
    std::memcpy(writeBuffer(bytes.size()), bytes.data(), bytes.size());
    return feedWritten(bytes.size(), sink);
}

void FrameDecoder::compact() {
    if (m_pos == 0)
        return;
    const std::size_t left = available();
    if (left > 0)
        std::memmove(m_buf.data(), m_buf.data() + m_pos, left);
    m_end = left;
    m_pos = 0;
    // A buffer grown for one big frame goes back to a modest size once it is empty again.
    if (left == 0 && m_buf.size() > (std::size_t(4) << 20))
        std::string().swap(m_buf);
}

void FrameDecoder::consume(std::size_t n) {
    m_pos += n;
    m_offset += static_cast<std::int64_t>(n);
}

void FrameDecoder::emit(const Sink& sink, Frame::Kind kind, Framing framing, std::size_t from,
                        std::size_t size, std::int64_t declared) {
    Frame frame;
    frame.kind = kind;
    frame.framing = framing;
    frame.data = std::string_view(m_buf.data() + from, size);
    frame.offset = m_offset;
    frame.declaredSize = declared;
    frame.closesStream = m_state == State::Closed;
    if (kind == Frame::Kind::Message)
        m_lastFraming = framing;
    sink(frame);
}

bool FrameDecoder::close(std::string reason) {
    m_state = State::Closed;
    m_closeReason = std::move(reason);
    return false;
}

bool FrameDecoder::decode(const Sink& sink) {
    while (m_state != State::Closed && available() > 0) {
        switch (m_state) {
        case State::SkipOctets: {
            const auto n = static_cast<std::size_t>(
                std::min<std::int64_t>(m_skip, static_cast<std::int64_t>(available())));
            consume(n);
            m_skip -= static_cast<std::int64_t>(n);
            if (m_skip == 0)
                m_state = State::Start;
            break;
        }
        case State::SkipToTrailer: {
            const char* p = m_buf.data() + m_pos;
            std::size_t i = 0;
            while (i < available() && p[i] != '\n' && p[i] != '\0')
                ++i;
            if (i < available()) {
                consume(i + 1);
                m_state = State::Start;
            } else {
                consume(i);
            }
            break;
        }
        case State::Start:
            if (!startFrame(sink))
                return true;
            break;
        case State::Closed:
            break;
        }
    }
    return m_state != State::Closed;
}

bool FrameDecoder::startFrame(const Sink& sink) {
    const char* p = m_buf.data() + m_pos;
    const std::size_t avail = available();
    const char c = p[0];
    // Stray trailers between frames (an LF after an octet-counted frame, a keep-alive newline)
    // carry no message.
    if (c == '\n' || c == '\r' || c == '\0') {
        consume(1);
        return true;
    }
    if (c >= '1' && c <= '9') {
        std::size_t i = 0;
        std::int64_t len = 0;
        while (i < avail && i <= kMaxLengthDigits && isDigit(p[i])) {
            len = len * 10 + (p[i] - '0');
            ++i;
        }
        if (i == avail && i <= kMaxLengthDigits)
            return false; // the length field continues in the next read
        if (i <= kMaxLengthDigits && p[i] == ' ') {
            const std::size_t header = i + 1;
            if (!m_opt.octetCountingOnly) {
                // Every syslog message starts with its PRI (and bare JSON with a brace): "2023
                // text" is a line that starts with a year, not a 2023-byte frame.
                if (avail == header)
                    return false;
                if (p[header] != '<' && p[header] != '{')
                    return c != '<' && m_seenOctetCounting ? garbage(sink) : nonTransparent(sink);
            }
            m_seenOctetCounting = true;
            const auto size = static_cast<std::size_t>(len);
            if (static_cast<std::size_t>(len) <= m_opt.maxMessage) {
                if (avail - header < size)
                    return false;
                emit(sink, Frame::Kind::Message, Framing::OctetCounting, m_pos + header, size, len);
                consume(header + size);
                return true;
            }
            if (len > m_opt.maxSkippable) {
                close("octet count " + std::to_string(len) +
                      " is not plausible; the connection was closed");
                emit(sink, Frame::Kind::Oversize, Framing::OctetCounting, m_pos + header, 0, len);
                return true;
            }
            // Keep the head for the reject, skip the rest and carry on at the next frame.
            const std::size_t head = m_opt.maxHead;
            if (avail - header < head)
                return false;
            emit(sink, Frame::Kind::Oversize, Framing::OctetCounting, m_pos + header, head, len);
            consume(header + head);
            m_skip = len - static_cast<std::int64_t>(head);
            if (m_skip > 0)
                m_state = State::SkipOctets;
            return true;
        }
    }
    if (m_opt.octetCountingOnly) {
        // RFC 5425 has no other framing: a stream that is not octet-counted is not syslog.
        // The bytes that happened to arrive so far are not kept: what arrives in one read is
        // chance, and the decision must not depend on it.
        close("not an octet-counted frame (RFC 5425); the connection was closed");
        emit(sink, Frame::Kind::Garbage, Framing::None, m_pos, 0, static_cast<std::int64_t>(avail));
        consume(avail);
        return true;
    }
    if (c != '<' && m_seenOctetCounting)
        return garbage(sink);
    return nonTransparent(sink);
}

bool FrameDecoder::nonTransparent(const Sink& sink) {
    const char* p = m_buf.data() + m_pos;
    const std::size_t avail = available();
    std::size_t k = m_scan;
    while (k < avail && p[k] != '\n' && p[k] != '\0')
        ++k;
    if (k < avail) {
        Framing framing = p[k] == '\0' ? Framing::Nul : Framing::Lf;
        std::size_t len = k;
        if (framing == Framing::Lf && len > 0 && p[len - 1] == '\r') {
            --len;
            framing = Framing::CrLf;
        }
        m_scan = 0;
        if (len > m_opt.maxMessage)
            emit(sink, Frame::Kind::Oversize, Framing::None, m_pos, m_opt.maxHead,
                 static_cast<std::int64_t>(len));
        else if (len > 0)
            emit(sink, Frame::Kind::Message, framing, m_pos, len, static_cast<std::int64_t>(len));
        consume(k + 1);
        return true;
    }
    m_scan = avail;
    if (avail > m_opt.maxMessage) {
        // No trailer within the limit: keep the head for the reject and skip to the next trailer.
        emit(sink, Frame::Kind::Oversize, Framing::None, m_pos, m_opt.maxHead,
             static_cast<std::int64_t>(avail));
        consume(avail);
        m_scan = 0;
        m_state = State::SkipToTrailer;
        return true;
    }
    return false;
}

bool FrameDecoder::garbage(const Sink& sink) {
    const char* p = m_buf.data() + m_pos;
    const std::size_t avail = available();
    for (std::size_t q = std::max<std::size_t>(1, m_scan); q < avail; ++q) {
        const char ch = p[q];
        if (ch == '\n' || ch == '\0') {
            m_scan = 0;
            emit(sink, Frame::Kind::Garbage, Framing::None, m_pos, std::min(q, m_opt.maxHead),
                 static_cast<std::int64_t>(q));
            consume(q + 1);
            return true;
        }
        if (ch < '1' || ch > '9' || isDigit(p[q - 1]))
            continue;
        // A plausible next frame: "LEN <PRI>...".
        std::size_t r = q;
        while (r < avail && r - q < kMaxLengthDigits && isDigit(p[r]))
            ++r;
        if (r + 1 >= avail) {
            m_scan = q;
            return false;
        }
        if (p[r] == ' ' && (p[r + 1] == '<' || p[r + 1] == '{')) {
            m_scan = 0;
            emit(sink, Frame::Kind::Garbage, Framing::None, m_pos, std::min(q, m_opt.maxHead),
                 static_cast<std::int64_t>(q));
            consume(q);
            return true;
        }
    }
    m_scan = avail;
    if (avail > m_opt.maxMessage) {
        const std::size_t drop = avail - kResyncKeep;
        emit(sink, Frame::Kind::Garbage, Framing::None, m_pos, m_opt.maxHead,
             static_cast<std::int64_t>(drop));
        consume(drop);
        m_scan = 0;
        return true;
    }
    return false;
}

void FrameDecoder::finish(const Sink& sink) {
    if (m_state != State::Start || available() == 0)
        return;
    const char* p = m_buf.data() + m_pos;
    const std::size_t avail = available();
    std::size_t i = 0;
    std::int64_t len = 0;
    while (i < avail && i <= kMaxLengthDigits && isDigit(p[i])) {
        len = len * 10 + (p[i] - '0');
        ++i;
    }
    if (i > 0 && p[0] != '0' && i < avail && p[i] == ' ') {
        emit(sink, Frame::Kind::Incomplete, Framing::OctetCounting, m_pos + i + 1,
             std::min(avail - i - 1, m_opt.maxHead), len);
    } else if (m_opt.octetCountingOnly || (p[0] != '<' && m_seenOctetCounting)) {
        emit(sink, Frame::Kind::Garbage, Framing::None, m_pos, std::min(avail, m_opt.maxHead),
             static_cast<std::int64_t>(avail));
    } else {
        // A last line without its trailer: parsed like any other (a cut one becomes a reject).
        std::size_t len2 = avail;
        if (p[len2 - 1] == '\r')
            --len2;
        if (len2 > m_opt.maxMessage)
            emit(sink, Frame::Kind::Oversize, Framing::Eof, m_pos, m_opt.maxHead,
                 static_cast<std::int64_t>(len2));
        else if (len2 > 0)
            emit(sink, Frame::Kind::Message, Framing::Eof, m_pos, len2,
                 static_cast<std::int64_t>(len2));
    }
    consume(avail);
}

} // namespace cadf::syslog
