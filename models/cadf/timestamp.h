#pragma once

#include "models/cadf/event.h"

#include <cstdint>
#include <string>
#include <string_view>

// Timestamp parsing for eventTime, reporterTime, envelope and syslog header times.
// Runs once per event on the ingest path, so it allocates nothing and uses no locale, regex or
// C library time functions (mktime/timegm depend on TZ and are slow).
namespace cadf {

struct ParsedTime {
    bool ok = false;
    std::int64_t utcMicros = 0;               // microseconds since 1970-01-01T00:00:00Z
    TimeQuality quality = TimeQuality::Exact; // Exact, InferredSeconds, AmbiguousZone,
                                              // NoZoneAssumedUtc
};

// Accepts (surrounding blanks ignored):
//   yyyy-M-d[T|t| ]H:mm[:ss[(.|,)f{1,9}]] [zone]   fraction truncated to microseconds
//   zone: Z/z, ±hh:mm, ±hhmm, ±hh, optionally after one space; a numeric offset may be followed
//         by " ABBR" (Go's "+0000 UTC"), which is then ignored; or a zone abbreviation such as
//         EDT or CET (AmbiguousZone; UTC/GMT/UT are Exact, and "UTC+02:00" is Exact)
//   no zone -> NoZoneAssumedUtc
//   H:mm.ss (QRadar Suite, `14:38.40`) -> seconds 40, InferredSeconds
//   one blank after the time colons (old Keystone doc `01: 20: 47.932842`)
//   second 60 (leap second) -> the first instant of the next minute
//   10 digits: Unix seconds; 13 digits: Unix milliseconds (Exact)
// Anything else, including out-of-range fields and trailing text, gives ok == false.
ParsedTime parseTimestamp(std::string_view text) noexcept;

// ISO 8601 for display/export: "2023-10-18T14:38:40.000Z" when offsetSeconds is 0, else the
// local time at that offset with "+02:00". The offset is truncated to whole minutes.
// fractionDigits 0, 3 or 6 (1-2 behave as 3, above 6 as 6); the fraction is truncated, not
// rounded, so the text never names a later instant than the value.
std::string formatIso(std::int64_t utcMicros, int offsetSeconds = 0, int fractionDigits = 3);

// Days since 1970-01-01 of a proleptic Gregorian date (no range check). H. Hinnant's algorithm.
constexpr std::int64_t daysFromCivil(int year, unsigned month, unsigned day) noexcept {
    const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);                              // [0, 399]
    const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1; // [0, 365]
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct CivilDate {
    std::int64_t year = 1970;
    unsigned month = 1;
    unsigned day = 1;
};

// Inverse of daysFromCivil.
constexpr CivilDate civilFromDays(std::int64_t days) noexcept {
    const std::int64_t z = days + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    CivilDate date;
    date.day = doy - (153 * mp + 2) / 5 + 1;
    date.month = mp < 10 ? mp + 3 : mp - 9;
    date.year = static_cast<std::int64_t>(yoe) + era * 400 + (date.month <= 2 ? 1 : 0);
    return date;
}

constexpr bool isLeapYear(int year) noexcept {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

constexpr unsigned daysInMonth(int year, unsigned month) noexcept {
    constexpr unsigned char days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    return month == 2 && isLeapYear(year) ? 29u : days[month - 1];
}

} // namespace cadf
