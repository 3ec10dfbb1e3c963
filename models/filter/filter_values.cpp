#include "models/filter/filter_values.h"

#include <QDateTime>
#include <QTimeZone>

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <string>

namespace cadf::filter {

namespace {

constexpr std::int64_t kSecond = 1'000'000;

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

unsigned daysInMonth(std::int64_t y, unsigned m) {
    static constexpr std::array<unsigned, 12> days = {31, 28, 31, 30, 31, 30,
                                                      31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

// Reads exactly `count` digits at `pos`.
bool digits(QStringView s, qsizetype& pos, int count, int& out) {
    if (pos + count > s.size())
        return false;
    out = 0;
    for (int i = 0; i < count; ++i) {
        const QChar c = s[pos + i];
        if (c < u'0' || c > u'9')
            return false;
        out = out * 10 + (c.unicode() - u'0');
    }
    pos += count;
    return true;
}

std::optional<TimeSpan> parseRelative(QStringView s, std::int64_t nowUs) {
    if (s.compare(QLatin1String("now"), Qt::CaseInsensitive) == 0)
        return TimeSpan{nowUs, nowUs + 1};
    if (s.size() < 3 || s[0] != u'-')
        return std::nullopt;
    std::int64_t n = 0;
    qsizetype i = 1;
    for (; i < s.size() && s[i] >= u'0' && s[i] <= u'9'; ++i) {
        n = n * 10 + (s[i].unicode() - u'0');
        if (n > 1'000'000'000)
            return std::nullopt;
    }
    if (i == 1 || i + 1 != s.size())
        return std::nullopt;
    std::int64_t unit = 0;
    switch (s[i].toLower().unicode()) {
    case u's':
        unit = kSecond;
        break;
    case u'm':
        unit = 60 * kSecond;
        break;
    case u'h':
        unit = 3600 * kSecond;
        break;
    case u'd':
        unit = 86400 * kSecond;
        break;
    case u'w':
        unit = 7 * 86400 * kSecond;
        break;
    default:
        return std::nullopt;
    }
    const std::int64_t at = nowUs - n * unit;
    return TimeSpan{at, at + 1};
}

bool parseAddress(std::string_view text, int& family, std::array<unsigned char, 16>& bytes) {
    if (text.empty() || text.size() > 64)
        return false;
    const std::string copy(text);
    if (inet_pton(AF_INET, copy.c_str(), bytes.data()) == 1) {
        family = AF_INET;
        return true;
    }
    if (inet_pton(AF_INET6, copy.c_str(), bytes.data()) == 1) {
        family = AF_INET6;
        return true;
    }
    return false;
}

bool parseCidr(std::string_view text, int& family, std::array<unsigned char, 16>& bytes,
               int& prefix) {
    const auto slash = text.find('/');
    if (slash == std::string_view::npos || slash + 1 >= text.size() || text.size() - slash > 4)
        return false;
    prefix = 0;
    for (char c : text.substr(slash + 1)) {
        if (c < '0' || c > '9')
            return false;
        prefix = prefix * 10 + (c - '0');
    }
    if (!parseAddress(text.substr(0, slash), family, bytes))
        return false;
    return prefix <= (family == AF_INET ? 32 : 128);
}

bool prefixEqual(const unsigned char* a, const unsigned char* b, int prefix) {
    const int whole = prefix / 8;
    if (std::memcmp(a, b, std::size_t(whole)) != 0)
        return false;
    const int rest = prefix % 8;
    if (rest == 0)
        return true;
    const auto mask = static_cast<unsigned char>(0xFF << (8 - rest));
    return (a[whole] & mask) == (b[whole] & mask);
}

} // namespace

std::optional<TimeSpan> parseTimeValue(QStringView s, std::int64_t nowUs, int utcOffsetSeconds,
                                       const QTimeZone* zone) {
    if (auto relative = parseRelative(s, nowUs))
        return relative;
    qsizetype pos = 0;
    int year = 0, month = 0, day = 0;
    if (!digits(s, pos, 4, year) || pos >= s.size() || s[pos++] != u'-' ||
        !digits(s, pos, 2, month) || pos >= s.size() || s[pos++] != u'-' || !digits(s, pos, 2, day))
        return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || unsigned(day) > daysInMonth(year, unsigned(month)))
        return std::nullopt;
    std::int64_t local = daysFromCivil(year, unsigned(month), unsigned(day)) * 86400 * kSecond;
    std::int64_t precision = 86400 * kSecond;
    int hour = 0, minute = 0, second = 0;
    bool hasZone = false;
    if (pos < s.size() && (s[pos] == u'T' || s[pos] == u't' || s[pos] == u' ')) {
        ++pos;
        if (!digits(s, pos, 2, hour) || pos >= s.size() || s[pos++] != u':' ||
            !digits(s, pos, 2, minute) || hour > 23 || minute > 59)
            return std::nullopt;
        local += (hour * 3600LL + minute * 60LL) * kSecond;
        precision = 60 * kSecond;
        if (pos < s.size() && s[pos] == u':') {
            ++pos;
            if (!digits(s, pos, 2, second) || second > 60)
                return std::nullopt;
            local += second * kSecond;
            precision = kSecond;
            if (pos < s.size() && (s[pos] == u'.' || s[pos] == u',')) {
                ++pos;
                std::int64_t scale = kSecond;
                const qsizetype first = pos;
                for (; pos < s.size() && s[pos] >= u'0' && s[pos] <= u'9'; ++pos) {
                    if (scale > 1) {
                        scale /= 10;
                        local += (s[pos].unicode() - u'0') * scale;
                    }
                }
                if (pos == first)
                    return std::nullopt;
                precision = scale;
            }
        }
        // A zone only after a time of day: a bare date is a calendar day in the display zone.
        if (pos < s.size() && (s[pos] == u'Z' || s[pos] == u'z')) {
            ++pos;
            hasZone = true;
            utcOffsetSeconds = 0;
        } else if (pos < s.size() && (s[pos] == u'+' || s[pos] == u'-')) {
            const int sign = s[pos++] == u'-' ? -1 : 1;
            int hours = 0, minutes = 0;
            if (!digits(s, pos, 2, hours))
                return std::nullopt;
            if (pos < s.size() && s[pos] == u':')
                ++pos;
            if (pos < s.size() && !digits(s, pos, 2, minutes))
                return std::nullopt;
            if (hours > 18 || minutes > 59)
                return std::nullopt;
            hasZone = true;
            utcOffsetSeconds = sign * (hours * 3600 + minutes * 60);
        }
    }
    if (pos != s.size())
        return std::nullopt;
    if (!hasZone && zone && zone->isValid()) {
        // The zone's offset at that local time (Qt moves a time in a spring-forward gap past
        // it); a whole day ends where the next local day starts, 23 or 25 hours on DST days.
        const QDate date(year, month, day);
        const QDateTime at(date, QTime(hour, minute, std::min(second, 59)), *zone);
        const std::int64_t fraction =
            local % (60 * kSecond) - std::int64_t(second) * kSecond + (second == 60 ? kSecond : 0);
        const std::int64_t start = at.toMSecsSinceEpoch() * 1000 + fraction;
        if (precision == 86400 * kSecond)
            return TimeSpan{
                start, QDateTime(date.addDays(1), QTime(0, 0), *zone).toMSecsSinceEpoch() * 1000};
        return TimeSpan{start, start + precision};
    }
    const std::int64_t start = local - std::int64_t(utcOffsetSeconds) * kSecond;
    return TimeSpan{start, start + precision};
}

std::optional<QString> canonicalCidr(QStringView text) {
    const std::string utf8 = text.toString().trimmed().toStdString();
    int family = 0;
    int prefix = 0;
    std::array<unsigned char, 16> bytes{};
    if (!parseCidr(utf8, family, bytes, prefix))
        return std::nullopt;
    const int total = family == AF_INET ? 4 : 16;
    for (int i = 0; i < total; ++i) {
        const int keep = std::clamp(prefix - i * 8, 0, 8);
        bytes[std::size_t(i)] &= static_cast<unsigned char>(0xFF << (8 - keep));
    }
    char buffer[INET6_ADDRSTRLEN] = {};
    if (!inet_ntop(family, bytes.data(), buffer, sizeof buffer))
        return std::nullopt;
    return QString::fromLatin1(buffer) + u'/' + QString::number(prefix);
}

bool cidrContains(std::string_view cidr, std::string_view address) {
    int netFamily = 0;
    int prefix = 0;
    std::array<unsigned char, 16> net{};
    if (!parseCidr(cidr, netFamily, net, prefix))
        return false;
    int family = 0;
    std::array<unsigned char, 16> bytes{};
    if (!parseAddress(address, family, bytes))
        return false;
    if (family == AF_INET6 && netFamily == AF_INET) {
        static constexpr unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
        if (std::memcmp(bytes.data(), mapped, 12) != 0)
            return false;
        return prefixEqual(bytes.data() + 12, net.data(), prefix);
    }
    return family == netFamily && prefixEqual(bytes.data(), net.data(), prefix);
}

} // namespace cadf::filter
