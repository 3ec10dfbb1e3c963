#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

// A strict RFC 8259 JSON scanner that reports SAX-style callbacks with byte offsets.
//
// Why not nlohmann's SAX parser: ingest needs the byte range of each event object (to keep the
// event's own text and to point a reject at the exact byte that broke), and it must not build
// strings for the values it ignores. This scanner never allocates; values arrive as views into
// the input (string contents still escaped, flagged when they contain escapes). UTF-8 inside
// strings is assumed valid: the caller validates whole records first, in one pass.
namespace cadf::json {

enum class ScanError : std::uint8_t { None, Truncated, Syntax, TooDeep };

inline constexpr int kMaxDepth = 64; // deeper documents are rejected, not recursed into

struct ScanResult {
    ScanError error = ScanError::None;
    std::size_t offset = 0; // where the error was found, or one past the value on success
    const char* what = "";  // static English text for the error
};

// Handler concept (all methods required):
//   bool beginObject(size_t offset); bool endObject(size_t endOffset);
//   bool beginArray(size_t offset);  bool endArray(size_t endOffset);
//   bool key(std::string_view raw, bool escaped);
//   bool string(std::string_view raw, bool escaped);
//   bool number(std::string_view text); bool boolean(bool v); bool null();
// Returning false from a callback stops the scan (reported as success at that offset).

namespace detail {

inline bool isWs(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}
inline bool isDigit(char c) {
    return c >= '0' && c <= '9';
}
inline bool isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// True when any of the 8 bytes is '"', '\\' or a control byte (< 0x20): the string fast path
// can skip the word. Bytes >= 0x80 are fine (UTF-8 was validated up front).
inline bool wordNeedsAttention(std::uint64_t w) {
    constexpr std::uint64_t ones = 0x0101010101010101ull;
    constexpr std::uint64_t highs = 0x8080808080808080ull;
    auto hasZero = [](std::uint64_t v) { return (v - ones) & ~v & highs; };
    const std::uint64_t quote = hasZero(w ^ (ones * '"'));
    const std::uint64_t backslash = hasZero(w ^ (ones * '\\'));
    const std::uint64_t control = (w - ones * 0x20) & ~w & highs;
    return (quote | backslash | control) != 0;
}

} // namespace detail

template <class Handler> class Scanner {
public:
    Scanner(std::string_view text, Handler& handler)
        : m_begin(text.data())
        , m_end(text.data() + text.size())
        , m_handler(handler) {}

    // Whitespace bytes between tokens skipped so far: a value during which it did not grow is
    // compact JSON (the event digest then needs no whitespace-stripping copy).
    const std::size_t& whitespaceSkipped() const { return m_whitespace; }

    // Scans one JSON value starting at `from` (leading whitespace allowed).
    ScanResult scanValue(std::size_t from) {
        m_p = m_begin + from;
        m_depth = 0;
        return run();
    }

private:
    ScanResult fail(ScanError e, const char* what) const {
        return {e, static_cast<std::size_t>(m_p - m_begin), what};
    }
    ScanResult truncated() const { return {ScanError::Truncated, size(), "JSON ends early"}; }
    std::size_t size() const { return static_cast<std::size_t>(m_end - m_begin); }
    std::size_t offset() const { return static_cast<std::size_t>(m_p - m_begin); }

    void skipWs() {
        const char* from = m_p;
        while (m_p < m_end && detail::isWs(*m_p))
            ++m_p;
        m_whitespace += static_cast<std::size_t>(m_p - from);
    }

    // On entry m_p points at the opening quote. On success m_p is past the closing quote.
    ScanResult scanString(std::string_view& raw, bool& escaped) {
        const char* start = ++m_p;
        escaped = false;
        for (;;) {
            while (m_end - m_p >= 8) {
                std::uint64_t w;
                std::memcpy(&w, m_p, 8);
                if (detail::wordNeedsAttention(w))
                    break;
                m_p += 8;
            }
            if (m_p >= m_end)
                return truncated();
            const auto c = static_cast<unsigned char>(*m_p);
            if (c == '"') {
                raw = std::string_view(start, static_cast<std::size_t>(m_p - start));
                ++m_p;
                return {};
            }
            if (c == '\\') {
                escaped = true;
                if (m_end - m_p < 2)
                    return truncated();
                const char e = m_p[1];
                if (e == 'u') {
                    if (m_end - m_p < 6)
                        return truncated();
                    for (int i = 2; i < 6; ++i) {
                        if (!detail::isHex(m_p[i])) {
                            m_p += i;
                            return fail(ScanError::Syntax, "bad \\u escape in a string");
                        }
                    }
                    m_p += 6;
                    continue;
                }
                if (!std::strchr("\"\\/bfnrt", e) || e == '\0') {
                    ++m_p;
                    return fail(ScanError::Syntax, "bad escape in a string");
                }
                m_p += 2;
                continue;
            }
            if (c < 0x20)
                return fail(ScanError::Syntax, "control character inside a string");
            ++m_p;
        }
    }

    ScanResult scanNumber(std::string_view& text) {
        const char* start = m_p;
        if (*m_p == '-')
            ++m_p;
        if (m_p >= m_end)
            return truncated();
        if (*m_p == '0') {
            ++m_p;
        } else if (detail::isDigit(*m_p)) {
            while (m_p < m_end && detail::isDigit(*m_p))
                ++m_p;
        } else {
            return fail(ScanError::Syntax, "bad number");
        }
        if (m_p < m_end && *m_p == '.') {
            ++m_p;
            if (m_p >= m_end)
                return truncated();
            if (!detail::isDigit(*m_p))
                return fail(ScanError::Syntax, "bad number: digit expected after '.'");
            while (m_p < m_end && detail::isDigit(*m_p))
                ++m_p;
        }
        if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
            ++m_p;
            if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
                ++m_p;
            if (m_p >= m_end)
                return truncated();
            if (!detail::isDigit(*m_p))
                return fail(ScanError::Syntax, "bad number: digit expected in exponent");
            while (m_p < m_end && detail::isDigit(*m_p))
                ++m_p;
        }
        // A number at the very end of the input is complete only at top level.
        if (m_p >= m_end && m_depth > 0)
            return truncated();
        text = std::string_view(start, static_cast<std::size_t>(m_p - start));
        return {};
    }

    ScanResult scanLiteral(const char* word, std::size_t len) {
        const std::size_t avail = static_cast<std::size_t>(m_end - m_p);
        const std::size_t n = avail < len ? avail : len;
        if (std::memcmp(m_p, word, n) != 0)
            return fail(ScanError::Syntax, "unexpected character");
        if (avail < len)
            return truncated();
        m_p += len;
        return {};
    }

    bool push(bool isObject) {
        if (m_depth >= kMaxDepth)
            return false;
        m_isObject[m_depth++] = isObject;
        return true;
    }

    // Expects a key string then ':' ; leaves m_p at the value.
    ScanResult scanKey(bool& stop) {
        skipWs();
        if (m_p >= m_end)
            return truncated();
        if (*m_p != '"')
            return fail(ScanError::Syntax, "expected a quoted key");
        std::string_view raw;
        bool escaped = false;
        if (auto r = scanString(raw, escaped); r.error != ScanError::None)
            return r;
        if (!m_handler.key(raw, escaped))
            stop = true;
        skipWs();
        if (m_p >= m_end)
            return truncated();
        if (*m_p != ':')
            return fail(ScanError::Syntax, "expected ':' after a key");
        ++m_p;
        return {};
    }

    ScanResult run() {
        bool stop = false;
        for (;;) {
            // --- a value ---
            skipWs();
            if (m_p >= m_end)
                return truncated();
            const char c = *m_p;
            bool containerJustClosed = false;
            if (c == '{' || c == '[') {
                const bool obj = c == '{';
                if (!push(obj))
                    return fail(ScanError::TooDeep, "JSON nested too deeply");
                const std::size_t at = offset();
                ++m_p;
                if (!(obj ? m_handler.beginObject(at) : m_handler.beginArray(at)))
                    return {ScanError::None, offset(), ""};
                skipWs();
                if (m_p >= m_end)
                    return truncated();
                if (*m_p == (obj ? '}' : ']')) {
                    ++m_p;
                    --m_depth;
                    if (!(obj ? m_handler.endObject(offset()) : m_handler.endArray(offset())))
                        return {ScanError::None, offset(), ""};
                    containerJustClosed = true;
                } else if (obj) {
                    if (auto r = scanKey(stop); r.error != ScanError::None)
                        return r;
                    if (stop)
                        return {ScanError::None, offset(), ""};
                    continue; // the member's value
                } else {
                    continue; // the first element
                }
            } else if (c == '"') {
                std::string_view raw;
                bool escaped = false;
                if (auto r = scanString(raw, escaped); r.error != ScanError::None)
                    return r;
                stop = !m_handler.string(raw, escaped);
            } else if (c == '-' || detail::isDigit(c)) {
                std::string_view text;
                if (auto r = scanNumber(text); r.error != ScanError::None)
                    return r;
                stop = !m_handler.number(text);
            } else if (c == 't') {
                if (auto r = scanLiteral("true", 4); r.error != ScanError::None)
                    return r;
                stop = !m_handler.boolean(true);
            } else if (c == 'f') {
                if (auto r = scanLiteral("false", 5); r.error != ScanError::None)
                    return r;
                stop = !m_handler.boolean(false);
            } else if (c == 'n') {
                if (auto r = scanLiteral("null", 4); r.error != ScanError::None)
                    return r;
                stop = !m_handler.null();
            } else {
                return fail(ScanError::Syntax, "unexpected character where a value should be");
            }
            (void)containerJustClosed;
            if (stop)
                return {ScanError::None, offset(), ""};

            // --- after a value: ',' or a closing bracket, possibly several ---
            for (;;) {
                if (m_depth == 0)
                    return {ScanError::None, offset(), ""};
                skipWs();
                if (m_p >= m_end)
                    return truncated();
                const bool inObject = m_isObject[m_depth - 1];
                const char d = *m_p;
                if (d == ',') {
                    ++m_p;
                    if (inObject) {
                        if (auto r = scanKey(stop); r.error != ScanError::None)
                            return r;
                        if (stop)
                            return {ScanError::None, offset(), ""};
                    }
                    break; // next value
                }
                if (d == (inObject ? '}' : ']')) {
                    ++m_p;
                    --m_depth;
                    const bool ok =
                        inObject ? m_handler.endObject(offset()) : m_handler.endArray(offset());
                    if (!ok)
                        return {ScanError::None, offset(), ""};
                    continue;
                }
                return fail(ScanError::Syntax, inObject ? "expected ',' or '}' in an object"
                                                        : "expected ',' or ']' in an array");
            }
        }
    }

    const char* m_begin;
    const char* m_end;
    const char* m_p = nullptr;
    Handler& m_handler;
    int m_depth = 0;
    std::size_t m_whitespace = 0;
    bool m_isObject[kMaxDepth] = {};
};

// Decodes the escapes of a JSON string's raw contents (as the scanner reports them) into `out`
// (appending). Lone surrogates become U+FFFD. Returns false on a malformed escape.
bool unescape(std::string_view raw, std::string& out);

} // namespace cadf::json
