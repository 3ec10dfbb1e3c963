#include "models/cadf/timestamp.h"

#include <array>

namespace cadf {
namespace {

constexpr std::int64_t kMicrosPerSecond = 1'000'000;
constexpr std::int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;

constexpr bool isDigit(char c) noexcept {
    return c >= '0' && c <= '9';
}

constexpr bool isAlpha(char c) noexcept {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

constexpr bool isBlank(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

constexpr char upper(char c) noexcept {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

// Reads minDigits..maxDigits decimal digits at p. Fails when fewer are there or when a further
// digit follows, so "123" is never silently read as a 2-digit field.
bool readNumber(const char*& p, const char* end, int minDigits, int maxDigits,
                int& value) noexcept {
    int count = 0;
    int v = 0;
    while (p < end && isDigit(*p)) {
        if (count == maxDigits)
            return false;
        v = v * 10 + (*p - '0');
        ++p;
        ++count;
    }
    if (count < minDigits)
        return false;
    value = v;
    return true;
}

struct ZoneName {
    std::string_view name;
    int offsetMinutes;
};

// Abbreviations as Java's and Go's formatters print them. Several are ambiguous (CST is also
// China, IST is India, Ireland and Israel); the North American and Indian readings win because
// the producers that print abbreviations (Open Liberty) mostly run there. The caller is told
// through TimeQuality::AmbiguousZone.
constexpr std::array<ZoneName, 47> kZones{{
    {"UT", 0},     {"UTC", 0},    {"GMT", 0},    {"WET", 0},    {"WEST", 60},   {"BST", 60},
    {"IST", 330},  {"CET", 60},   {"CEST", 120}, {"MET", 60},   {"MEST", 120},  {"EET", 120},
    {"EEST", 180}, {"MSK", 180},  {"EST", -300}, {"EDT", -240}, {"CST", -360},  {"CDT", -300},
    {"MST", -420}, {"MDT", -360}, {"PST", -480}, {"PDT", -420}, {"AKST", -540}, {"AKDT", -480},
    {"HST", -600}, {"AST", -240}, {"ADT", -180}, {"NST", -210}, {"NDT", -150},  {"JST", 540},
    {"KST", 540},  {"HKT", 480},  {"SGT", 480},  {"AWST", 480}, {"ACST", 570},  {"ACDT", 630},
    {"AEST", 600}, {"AEDT", 660}, {"NZST", 720}, {"NZDT", 780}, {"SAST", 120},  {"CAT", 120},
    {"EAT", 180},  {"WAT", 60},   {"PKT", 300},  {"WIB", 420},  {"BRT", -180},
}};

bool sameLetters(std::string_view a, std::string_view upperName) noexcept {
    if (a.size() != upperName.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (upper(a[i]) != upperName[i])
            return false;
    }
    return true;
}

// ±hh, ±hhmm or ±hh:mm at p (p points at the sign).
bool readNumericOffset(const char*& p, const char* end, int& offsetMinutes) noexcept {
    const int sign = *p == '-' ? -1 : 1;
    ++p;
    int hh = 0;
    int mm = 0;
    if (end - p < 2 || !isDigit(p[0]) || !isDigit(p[1]))
        return false;
    hh = (p[0] - '0') * 10 + (p[1] - '0');
    p += 2;
    if (p < end && *p == ':') {
        ++p;
        if (!readNumber(p, end, 2, 2, mm))
            return false;
    } else if (p < end && isDigit(*p)) {
        if (!readNumber(p, end, 2, 2, mm))
            return false;
    }
    if (hh > 23 || mm > 59)
        return false;
    offsetMinutes = sign * (hh * 60 + mm);
    return true;
}

// Unix epoch given as text: 10 digits of seconds or 13 of milliseconds (2001..2286), the two
// lengths producers use; other digit runs are more likely counters than times.
ParsedTime parseEpoch(std::string_view digits) noexcept {
    ParsedTime result;
    std::int64_t v = 0;
    for (const char c : digits)
        v = v * 10 + (c - '0');
    if (digits.size() == 10)
        result.utcMicros = v * kMicrosPerSecond;
    else if (digits.size() == 13)
        result.utcMicros = v * 1000;
    else
        return result;
    result.ok = true;
    result.quality = TimeQuality::Exact;
    return result;
}

char* putDigits(char* out, std::int64_t value, int width) noexcept {
    for (int i = width - 1; i >= 0; --i) {
        out[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    return out + width;
}

} // namespace

ParsedTime parseTimestamp(std::string_view text) noexcept {
    ParsedTime fail;
    while (!text.empty() && isBlank(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && isBlank(text.back()))
        text.remove_suffix(1);
    if (text.empty())
        return fail;

    const char* p = text.data();
    const char* const end = p + text.size();

    if (text.size() == 10 || text.size() == 13) {
        bool allDigits = true;
        for (const char c : text)
            allDigits = allDigits && isDigit(c);
        if (allDigits)
            return parseEpoch(text);
    }

    int year = 0;
    int month = 0;
    int day = 0;
    if (!readNumber(p, end, 4, 4, year) || p == end || *p++ != '-')
        return fail;
    if (!readNumber(p, end, 1, 2, month) || p == end || *p++ != '-')
        return fail;
    if (!readNumber(p, end, 1, 2, day) || p == end)
        return fail;
    if (month < 1 || month > 12 || day < 1 ||
        day > static_cast<int>(daysInMonth(year, static_cast<unsigned>(month))))
        return fail;
    if (*p != 'T' && *p != 't' && *p != ' ')
        return fail;
    ++p;

    int hour = 0;
    int minute = 0;
    int second = 0;
    std::int64_t micros = 0;
    TimeQuality quality = TimeQuality::Exact;
    if (!readNumber(p, end, 1, 2, hour) || hour > 23 || p == end || *p++ != ':')
        return fail;
    if (p < end && *p == ' ') // damaged Keystone doc sample: "01: 20: 47"
        ++p;
    if (!readNumber(p, end, 2, 2, minute) || minute > 59)
        return fail;
    if (p < end && *p == ':') {
        ++p;
        if (p < end && *p == ' ')
            ++p;
        if (!readNumber(p, end, 2, 2, second) || second > 60)
            return fail;
        if (p < end && (*p == '.' || *p == ',')) {
            ++p;
            int digits = 0;
            while (p < end && isDigit(*p)) {
                if (digits == 9)
                    return fail;
                if (digits < 6)
                    micros = micros * 10 + (*p - '0');
                ++digits;
                ++p;
            }
            if (digits == 0)
                return fail;
            for (int i = digits; i < 6; ++i)
                micros *= 10;
        }
    } else if (p < end && *p == '.') {
        // QRadar Suite "HH:mm.ss": exactly two digits after the dot, read as seconds. Longer
        // runs look like a fraction of a minute and are refused rather than guessed.
        ++p;
        if (!readNumber(p, end, 2, 2, second) || second > 59)
            return fail;
        quality = TimeQuality::InferredSeconds;
    }

    int offsetMinutes = 0;
    bool zoned = false;
    if (p < end && (*p == 'Z' || *p == 'z') && p + 1 == end) {
        ++p;
        zoned = true;
    } else {
        if (p < end && *p == ' ')
            ++p;
        if (p < end && (*p == '+' || *p == '-')) {
            if (!readNumericOffset(p, end, offsetMinutes))
                return fail;
            zoned = true;
            // Go's time.String(): "+0000 UTC". The number is authoritative.
            if (p < end && *p == ' ') {
                ++p;
                const char* const start = p;
                while (p < end && isAlpha(*p))
                    ++p;
                if (p == start || p - start > 5)
                    return fail;
            }
        } else if (p < end && isAlpha(*p)) {
            const char* const start = p;
            while (p < end && isAlpha(*p))
                ++p;
            const std::string_view name(start, static_cast<std::size_t>(p - start));
            const ZoneName* found = nullptr;
            for (const ZoneName& zone : kZones) {
                if (sameLetters(name, zone.name)) {
                    found = &zone;
                    break;
                }
            }
            if (found == nullptr)
                return fail;
            const bool universal =
                found->name == "UTC" || found->name == "GMT" || found->name == "UT";
            if (universal && p < end && (*p == '+' || *p == '-')) {
                if (!readNumericOffset(p, end, offsetMinutes))
                    return fail;
            } else {
                offsetMinutes = found->offsetMinutes;
            }
            zoned = true;
            if (!universal)
                quality = TimeQuality::AmbiguousZone;
        }
    }
    if (p != end)
        return fail;
    // One quality value only: an unknown zone can be hours off, an inferred second only seconds,
    // so the zone problem is the one reported.
    if (!zoned)
        quality = TimeQuality::NoZoneAssumedUtc;

    const std::int64_t days =
        daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    const std::int64_t seconds = days * 86'400 + hour * 3'600 + minute * 60 + second -
                                 static_cast<std::int64_t>(offsetMinutes) * 60;
    ParsedTime result;
    result.ok = true;
    result.utcMicros = seconds * kMicrosPerSecond + micros;
    result.quality = quality;
    return result;
}

std::string formatIso(std::int64_t utcMicros, int offsetSeconds, int fractionDigits) {
    int offsetMinutes = offsetSeconds / 60;
    if (offsetMinutes > 99 * 60 + 59)
        offsetMinutes = 99 * 60 + 59;
    if (offsetMinutes < -(99 * 60 + 59))
        offsetMinutes = -(99 * 60 + 59);
    const int digits = fractionDigits <= 0 ? 0 : (fractionDigits <= 3 ? 3 : 6);

    std::int64_t local = 0;
    if (__builtin_add_overflow(utcMicros, std::int64_t{offsetMinutes} * 60 * kMicrosPerSecond,
                               &local))
        local = utcMicros; // only reachable near the int64 limits, hundreds of millennia away
    std::int64_t days = local / kMicrosPerDay;
    std::int64_t rem = local % kMicrosPerDay;
    if (rem < 0) {
        rem += kMicrosPerDay;
        --days;
    }
    const CivilDate date = civilFromDays(days);
    std::int64_t year = date.year;

    char buf[64];
    char* out = buf;
    if (year < 0) {
        *out++ = '-';
        year = -year;
    }
    int yearWidth = 4;
    for (std::int64_t y = year; y >= 10'000; y /= 10)
        ++yearWidth;
    out = putDigits(out, year, yearWidth);
    *out++ = '-';
    out = putDigits(out, date.month, 2);
    *out++ = '-';
    out = putDigits(out, date.day, 2);
    *out++ = 'T';
    const std::int64_t secOfDay = rem / kMicrosPerSecond;
    out = putDigits(out, secOfDay / 3'600, 2);
    *out++ = ':';
    out = putDigits(out, secOfDay / 60 % 60, 2);
    *out++ = ':';
    out = putDigits(out, secOfDay % 60, 2);
    if (digits > 0) {
        *out++ = '.';
        const std::int64_t frac = rem % kMicrosPerSecond;
        out = putDigits(out, digits == 3 ? frac / 1000 : frac, digits);
    }
    if (offsetMinutes == 0) {
        *out++ = 'Z';
    } else {
        *out++ = offsetMinutes < 0 ? '-' : '+';
        const int absMinutes = offsetMinutes < 0 ? -offsetMinutes : offsetMinutes;
        out = putDigits(out, absMinutes / 60, 2);
        *out++ = ':';
        out = putDigits(out, absMinutes % 60, 2);
    }
    return std::string(buf, static_cast<std::size_t>(out - buf));
}

} // namespace cadf
