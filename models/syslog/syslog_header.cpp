#include "models/syslog/syslog_header.h"

#include "models/cadf/timestamp.h"

#include <string>

namespace cadf::syslog {
namespace {

constexpr std::int64_t kMicrosPerSecond = 1'000'000;
constexpr std::int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;
// A BSD time may lie this far after the receive time (clock skew, late import of a file whose
// reference is its modification time) before it is read as last year's.
constexpr std::int64_t kYearSlackMicros = 31 * kMicrosPerDay;
// Longer "tags" are almost certainly words of a free-text message.
constexpr std::size_t kMaxTagLength = 64;

constexpr bool isDigit(char c) noexcept {
    return c >= '0' && c <= '9';
}

constexpr bool isTagChar(char c) noexcept {
    return c > ' ' && c <= '~' && c != '[' && c != ']' && c != ':';
}

char lower(char c) noexcept {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// "<PRI>" with 1-3 digits and a value 0..191; pos is left after '>'.
bool readPri(std::string_view line, std::size_t& pos, int& pri) noexcept {
    if (line.empty() || line[0] != '<')
        return false;
    std::size_t i = 1;
    int value = 0;
    while (i < line.size() && isDigit(line[i]) && i <= 3)
        value = value * 10 + (line[i++] - '0');
    if (i == 1 || i >= line.size() || line[i] != '>' || value > 191)
        return false;
    pos = i + 1;
    pri = value;
    return true;
}

// The run of non-space bytes at pos.
std::string_view tokenAt(std::string_view line, std::size_t pos) noexcept {
    const std::size_t stop = line.find(' ', pos);
    return line.substr(pos, (stop == std::string_view::npos ? line.size() : stop) - pos);
}

bool readDigits(std::string_view line, std::size_t& pos, std::size_t count, int& value) noexcept {
    if (line.size() - pos < count)
        return false;
    int v = 0;
    for (std::size_t k = 0; k < count; ++k) {
        const char c = line[pos + k];
        if (!isDigit(c))
            return false;
        v = v * 10 + (c - '0');
    }
    pos += count;
    value = v;
    return true;
}

int monthFromAbbreviation(std::string_view text) noexcept {
    static constexpr std::string_view kMonths = "janfebmaraprmayjunjulaugsepoctnovdec";
    if (text.size() < 3)
        return 0;
    const char a = lower(text[0]);
    const char b = lower(text[1]);
    const char c = lower(text[2]);
    for (std::size_t m = 0; m < 12; ++m) {
        if (kMonths[3 * m] == a && kMonths[3 * m + 1] == b && kMonths[3 * m + 2] == c)
            return static_cast<int>(m) + 1;
    }
    return 0;
}

// The latest year that puts month/day/time no more than kYearSlackMicros after the reference.
// Walks back up to eight years so that Feb 29 finds a leap year even across 2100.
bool inferYear(std::int64_t referenceUtcMicros, int month, int day, std::int64_t microsOfDay,
               std::int64_t& utcMicros) noexcept {
    std::int64_t refDays = referenceUtcMicros / kMicrosPerDay;
    if (referenceUtcMicros % kMicrosPerDay < 0)
        --refDays;
    const std::int64_t refYear = civilFromDays(refDays).year;
    for (std::int64_t y = refYear + 1; y >= refYear - 8; --y) {
        const auto year = static_cast<int>(y);
        if (static_cast<unsigned>(day) > daysInMonth(year, static_cast<unsigned>(month)))
            continue;
        const std::int64_t t =
            daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) *
                kMicrosPerDay +
            microsOfDay;
        if (t - referenceUtcMicros <= kYearSlackMicros) {
            utcMicros = t;
            return true;
        }
    }
    return false;
}

// BSD timestamp at pos: "Mmm dd hh:mm:ss", day space-padded or not, optionally with a year after
// the day ("Oct 18 2023 14:38:44", network gear) and a fraction after the seconds. On success
// pos is left after the time, which is followed by a space or the end of the line.
bool readBsdTime(std::string_view line, std::size_t& pos, std::int64_t referenceUtcMicros,
                 SyslogInfo& header) noexcept {
    std::size_t i = pos;
    if (line.size() - i < 14) // "Oct 1 14:38:44"
        return false;
    const int month = monthFromAbbreviation(line.substr(i, 3));
    if (month == 0 || line[i + 3] != ' ')
        return false;
    i += 4;
    int day = 0;
    if (line[i] == ' ')
        ++i;
    if (!readDigits(line, i, 1, day))
        return false;
    if (i < line.size() && isDigit(line[i])) {
        int second = 0;
        readDigits(line, i, 1, second);
        day = day * 10 + second;
    }
    if (day < 1 || day > 31 || i >= line.size() || line[i] != ' ')
        return false;
    ++i;
    int year = -1;
    if (line.size() - i >= 5 && isDigit(line[i]) && isDigit(line[i + 1]) && isDigit(line[i + 2]) &&
        isDigit(line[i + 3]) && line[i + 4] == ' ') {
        readDigits(line, i, 4, year);
        ++i;
    }
    int hour = 0;
    int minute = 0;
    int second = 0;
    if (!readDigits(line, i, 2, hour) || i >= line.size() || line[i++] != ':' ||
        !readDigits(line, i, 2, minute) || i >= line.size() || line[i++] != ':' ||
        !readDigits(line, i, 2, second))
        return false;
    if (hour > 23 || minute > 59 || second > 60)
        return false;
    std::int64_t micros = 0;
    if (i < line.size() && line[i] == '.') {
        ++i;
        int digits = 0;
        while (i < line.size() && isDigit(line[i])) {
            if (digits < 6)
                micros = micros * 10 + (line[i] - '0');
            ++digits;
            ++i;
        }
        if (digits == 0 || digits > 9)
            return false;
        for (int k = digits; k < 6; ++k)
            micros *= 10;
    }
    if (i < line.size() && line[i] != ' ')
        return false;

    const std::int64_t microsOfDay =
        (hour * 3'600 + minute * 60 + second) * kMicrosPerSecond + micros;
    std::int64_t utc = 0;
    if (year >= 0) {
        if (static_cast<unsigned>(day) <= daysInMonth(year, static_cast<unsigned>(month))) {
            utc = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) *
                      kMicrosPerDay +
                  microsOfDay;
            header.timeValid = true;
        }
    } else {
        header.timeValid = inferYear(referenceUtcMicros, month, day, microsOfDay, utc);
    }
    header.timeUs = header.timeValid ? utc : 0;
    header.timestamp = std::string(line.substr(pos, i - pos));
    pos = i;
    return true;
}

// An RFC 3339 timestamp standing where the BSD one belongs (rsyslog's RSYSLOG_FileFormat and
// RSYSLOG_SyslogProtocol23Format). Requires "dddd-" so bare numbers are never taken for times.
bool readIsoTime(std::string_view line, std::size_t& pos, bool requireValid,
                 SyslogInfo& header) noexcept {
    const std::string_view token = tokenAt(line, pos);
    if (token.size() < 5 || !isDigit(token[0]) || !isDigit(token[1]) || !isDigit(token[2]) ||
        !isDigit(token[3]) || token[4] != '-')
        return false;
    const ParsedTime parsed = parseTimestamp(token);
    if (!parsed.ok && requireValid)
        return false;
    header.timestamp = std::string(token);
    header.timeValid = parsed.ok;
    header.timeUs = parsed.ok ? parsed.utcMicros : 0;
    pos += token.size();
    return true;
}

std::string_view cleanMessage(std::string_view msg) noexcept {
    if (msg.size() >= 3 && msg[0] == '\xEF' && msg[1] == '\xBB' && msg[2] == '\xBF')
        msg.remove_prefix(3);
    if (msg.substr(0, 5) == "@cee:") {
        msg.remove_prefix(5);
        while (!msg.empty() && msg.front() == ' ')
            msg.remove_prefix(1);
    }
    return msg;
}

std::string fieldValue(std::string_view token) {
    return token == "-" ? std::string() : std::string(token);
}

// Skips the SD elements starting at pos ('['); returns the position after the last one, or
// line.size() when the line ends inside an element (truncated message).
std::size_t structuredDataEnd(std::string_view line, std::size_t pos) noexcept {
    std::size_t i = pos;
    while (i < line.size() && line[i] == '[') {
        ++i;
        bool inValue = false;
        bool closed = false;
        while (i < line.size()) {
            const char c = line[i];
            if (inValue) {
                if (c == '\\') {
                    i = line.size() - i > 1 ? i + 2 : line.size();
                    continue;
                }
                if (c == '"')
                    inValue = false;
            } else if (c == '"') {
                inValue = true;
            } else if (c == ']') {
                ++i;
                closed = true;
                break;
            }
            ++i;
        }
        if (!closed)
            return line.size();
    }
    return i;
}

void splitRfc5424(std::string_view line, std::size_t pos, SplitLine& out) {
    SyslogInfo& h = out.header;
    h.format = SyslogFormat::Rfc5424;
    out.message = line.substr(line.size()); // empty, but still pointing into line
    std::string_view fields[5];
    for (std::string_view& field : fields) {
        if (pos >= line.size())
            break;
        field = tokenAt(line, pos);
        pos += field.size();
        if (pos < line.size())
            ++pos; // the space after the field
    }
    h.timestamp = std::string(fields[0]);
    if (!fields[0].empty() && fields[0] != "-") {
        const ParsedTime parsed = parseTimestamp(fields[0]);
        h.timeValid = parsed.ok;
        h.timeUs = parsed.ok ? parsed.utcMicros : 0;
    }
    h.hostname = fieldValue(fields[1]);
    h.appName = fieldValue(fields[2]);
    h.procId = fieldValue(fields[3]);
    h.msgId = fieldValue(fields[4]);
    if (pos >= line.size())
        return;

    if (line[pos] == '-' && (pos + 1 == line.size() || line[pos + 1] == ' ')) {
        h.structuredData.assign(1, '-'); // not = "-": GCC 12 -Wrestrict false positive (PR 105329)
        ++pos;
    } else if (line[pos] == '[') {
        const std::size_t end = structuredDataEnd(line, pos);
        h.structuredData = std::string(line.substr(pos, end - pos));
        pos = end;
    }
    // else: the sender left STRUCTURED-DATA out; what follows is the MSG.
    if (pos < line.size() && line[pos] == ' ')
        ++pos;
    out.message = cleanMessage(line.substr(pos));
}

// "TAG[pid]:", "TAG:" or "TAG " at pos. Fills appName/procId and moves pos to the content.
bool readTag(std::string_view line, std::size_t& pos, SyslogInfo& h) {
    std::size_t i = pos;
    while (i < line.size() && isTagChar(line[i]) && i - pos <= kMaxTagLength)
        ++i;
    if (i == pos || i - pos > kMaxTagLength || line[pos] == '{')
        return false;
    const std::string_view name = line.substr(pos, i - pos);
    std::string_view pid;
    if (i < line.size() && line[i] == '[') {
        const std::size_t close = line.find(']', i + 1);
        if (close == std::string_view::npos)
            return false;
        pid = line.substr(i + 1, close - i - 1);
        if (pid.find(' ') != std::string_view::npos)
            return false;
        i = close + 1;
        if (i < line.size() && line[i] == ':')
            ++i;
    } else if (i < line.size() && line[i] == ':') {
        ++i;
    } else if (i < line.size() && line[i] != ' ') {
        return false; // a ']' where a tag would end
    }
    if (i < line.size() && line[i] != ' ')
        return false;
    if (i < line.size())
        ++i;
    h.appName = std::string(name);
    h.procId = std::string(pid);
    pos = i;
    return true;
}

bool looksLikeTag(std::string_view token) noexcept {
    return !token.empty() && (token.back() == ':' || token.find('[') != std::string_view::npos);
}

bool startsContent(std::string_view rest) noexcept {
    return rest.empty() || rest.front() == '{' || rest.front() == '[' || rest.front() == ' ' ||
           rest.substr(0, 5) == "@cee:" || rest.substr(0, 3) == "\xEF\xBB\xBF";
}

// RFC 3164 layout after the optional PRI. Returns false when there is no BSD/ISO timestamp and
// no PRI, i.e. when the line is not syslog at all.
bool splitRfc3164(std::string_view line, std::size_t pos, int pri, std::int64_t reference,
                  SplitLine& out) {
    SyslogInfo& h = out.header;
    const bool havePri = pri >= 0;
    if (!readBsdTime(line, pos, reference, h) && !readIsoTime(line, pos, !havePri, h)) {
        if (!havePri)
            return false;
        // "<PRI>" and then no timestamp: the rest is the content, nothing can be told apart.
        h.format = SyslogFormat::Rfc3164;
        out.message = cleanMessage(line.substr(pos));
        return true;
    }
    h.format = SyslogFormat::Rfc3164;
    if (pos < line.size())
        ++pos; // the space after the timestamp

    if (!startsContent(line.substr(pos))) {
        const std::string_view first = tokenAt(line, pos);
        if (looksLikeTag(first)) {
            readTag(line, pos, h); // no hostname
        } else {
            const std::size_t afterHost = pos + first.size() + (pos + first.size() < line.size());
            h.hostname = std::string(first);
            pos = afterHost;
            if (!startsContent(line.substr(pos)))
                readTag(line, pos, h);
        }
    }
    out.message = cleanMessage(line.substr(pos));
    return true;
}

} // namespace

SplitLine splitSyslog(std::string_view line, std::int64_t referenceUtcMicros) {
    SplitLine out;
    out.message = line;
    std::size_t pos = 0;
    int pri = -1;
    if (!line.empty() && line[0] == '<' && !readPri(line, pos, pri))
        return out;

    SplitLine parsed;
    if (pri >= 0) {
        parsed.header.facility = pri / 8;
        parsed.header.severity = pri % 8;
        if (line.substr(pos, 2) == "1 ") {
            splitRfc5424(line, pos + 2, parsed);
            return parsed;
        }
    }
    if (!splitRfc3164(line, pos, pri, referenceUtcMicros, parsed))
        return out;
    return parsed;
}

} // namespace cadf::syslog
