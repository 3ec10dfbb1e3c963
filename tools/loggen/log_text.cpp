#include "tools/loggen/log_text.h"

namespace cadf::loggen {

std::uint64_t splitmix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

std::uint64_t fnv1a(std::string_view s) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : s)
        h = (h ^ c) * 0x100000001b3ULL;
    return h;
}

void appendHex(std::string& s, std::uint64_t v, int digits) {
    static constexpr char kHex[] = "0123456789abcdef";
    for (int i = digits - 1; i >= 0; --i)
        s += kHex[(v >> (4 * i)) & 0xf];
}

void appendInt(std::string& s, std::int64_t v) {
    char buf[24];
    int n = 0;
    std::uint64_t u = v < 0 ? static_cast<std::uint64_t>(-v) : static_cast<std::uint64_t>(v);
    do {
        buf[n++] = static_cast<char>('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        s += '-';
    while (n)
        s += buf[--n];
}

void appendPadded(std::string& s, std::int64_t v, int width) {
    char buf[24];
    for (int i = width - 1; i >= 0; --i) {
        buf[i] = static_cast<char>('0' + v % 10);
        v /= 10;
    }
    s.append(buf, static_cast<std::size_t>(width));
}

void appendUuid(std::string& s, std::uint64_t a, std::uint64_t b) {
    appendHex(s, a >> 32, 8);
    s += '-';
    appendHex(s, (a >> 16) & 0xffff, 4);
    s += '-';
    appendHex(s, 0x4000 | (a & 0x0fff), 4);
    s += '-';
    appendHex(s, 0x8000 | ((b >> 48) & 0x3fff), 4);
    s += '-';
    appendHex(s, b & 0xffffffffffffULL, 12);
}

void appendEscaped(std::string& s, std::string_view v) {
    for (char c : v) {
        if (c == '"' || c == '\\') {
            s += '\\';
            s += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            s += "\\u00";
            appendHex(s, static_cast<unsigned char>(c), 2);
        } else {
            s += c;
        }
    }
}

// Howard Hinnant's days-to-civil: no locale, no time zone database.
Civil civil(std::int64_t us) {
    std::int64_t secs = us >= 0 ? us / 1000000 : (us - 999999) / 1000000;
    const int micros = static_cast<int>(us - secs * 1000000);
    std::int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
    const int sod = static_cast<int>(secs - days * 86400);
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2),
            m,
            d,
            sod / 3600,
            (sod / 60) % 60,
            sod % 60,
            micros};
}

std::int64_t daysFromCivil(std::int64_t y, int m, int d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = static_cast<unsigned>((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void appendDate(std::string& s, const Civil& c) {
    appendPadded(s, c.year, 4);
    s += '-';
    appendPadded(s, c.month, 2);
    s += '-';
    appendPadded(s, c.day, 2);
    s += 'T';
    appendPadded(s, c.hour, 2);
    s += ':';
    appendPadded(s, c.minute, 2);
}

std::int64_t appendEventTime(std::string& s, std::int64_t us, TimeForm form) {
    const Civil c = civil(us);
    appendDate(s, c);
    const std::int64_t wholeSecond = us - c.micros;
    switch (form) {
    case TimeForm::QRadar:
        s += '.';
        appendPadded(s, c.second, 2);
        s += "+0000";
        return wholeSecond;
    case TimeForm::MicrosColon:
        s += ':';
        appendPadded(s, c.second, 2);
        s += '.';
        appendPadded(s, c.micros, 6);
        s += "+00:00";
        return us;
    case TimeForm::Zulu:
        s += ':';
        appendPadded(s, c.second, 2);
        s += 'Z';
        return wholeSecond;
    case TimeForm::MillisNoColon:
        s += ':';
        appendPadded(s, c.second, 2);
        s += '.';
        appendPadded(s, c.micros / 1000, 3);
        s += "+0000";
        return wholeSecond + (c.micros / 1000) * 1000;
    }
    return us;
}

bool parseIsoUtcMicros(std::string_view t, std::int64_t& micros) {
    auto num = [&](std::size_t pos, std::size_t len, int& out) {
        if (pos + len > t.size())
            return false;
        out = 0;
        for (std::size_t i = pos; i < pos + len; ++i) {
            if (t[i] < '0' || t[i] > '9')
                return false;
            out = out * 10 + (t[i] - '0');
        }
        return true;
    };
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
    if (!num(0, 4, y) || t.size() < 10 || t[4] != '-' || !num(5, 2, mo) || t[7] != '-' ||
        !num(8, 2, d) || mo < 1 || mo > 12 || d < 1 || d > 31)
        return false;
    std::size_t i = 10;
    std::int64_t frac = 0;
    if (i < t.size() && (t[i] == 'T' || t[i] == ' ')) {
        if (!num(i + 1, 2, h) || t.size() < i + 6 || t[i + 3] != ':' || !num(i + 4, 2, mi))
            return false;
        i += 6;
        if (i < t.size() && t[i] == ':') {
            if (!num(i + 1, 2, sec))
                return false;
            i += 3;
        }
        if (i < t.size() && t[i] == '.') {
            int scale = 100000;
            for (++i; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i, scale /= 10)
                frac += scale > 0 ? (t[i] - '0') * scale : 0;
        }
    }
    std::int64_t offsetSecs = 0;
    if (i < t.size()) {
        if (t[i] == 'Z' && i + 1 == t.size()) {
            ++i;
        } else if (t[i] == '+' || t[i] == '-') {
            int oh = 0, om = 0;
            const std::size_t mpos = (i + 3 < t.size() && t[i + 3] == ':') ? i + 4 : i + 3;
            if (!num(i + 1, 2, oh) || !num(mpos, 2, om) || mpos + 2 != t.size())
                return false;
            offsetSecs = (oh * 3600 + om * 60) * (t[i] == '-' ? -1 : 1);
            i = t.size();
        } else {
            return false;
        }
    }
    const std::int64_t secs = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
    micros = (secs - offsetSecs) * 1000000 + frac;
    return true;
}

} // namespace cadf::loggen
