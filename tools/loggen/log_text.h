#pragma once

#include <cstdint>
#include <string>
#include <string_view>

// Text building blocks of the log generator: numbers, ids and times appended to a std::string
// without locale, streams or allocation beyond the string's own growth, and the seeded mixing
// functions. Kept apart so the generator reads as what it generates.
namespace cadf::loggen {

// eventTime spellings, in the shares a CP4S feed shows.
enum class TimeForm : std::uint8_t {
    QRadar,        // 2023-10-18T14:38.40+0000 (seconds after a dot)
    MicrosColon,   // 2023-10-18T14:38:40.123456+00:00
    Zulu,          // 2023-10-18T14:38:40Z
    MillisNoColon, // 2023-10-18T14:38:40.123+0000
};

std::uint64_t splitmix(std::uint64_t x);
std::uint64_t fnv1a(std::string_view s);

void appendHex(std::string& s, std::uint64_t v, int digits);
void appendInt(std::string& s, std::int64_t v);
void appendPadded(std::string& s, std::int64_t v, int width);
void appendUuid(std::string& s, std::uint64_t a, std::uint64_t b);
void appendEscaped(std::string& s, std::string_view v); // JSON string content

struct Civil {
    std::int64_t year;
    int month, day, hour, minute, second, micros;
};
Civil civil(std::int64_t utcMicros);
std::int64_t daysFromCivil(std::int64_t y, int m, int d);
void appendDate(std::string& s, const Civil& c); // yyyy-mm-ddThh:mm
// Appends eventTime in the given spelling; returns the instant the text names.
std::int64_t appendEventTime(std::string& s, std::int64_t utcMicros, TimeForm form);

// ISO 8601 / RFC 3339 date-time (`2023-10-18T14:00:00Z`, `...+02:00`, date only) to UTC
// microseconds; false when it cannot be read.
bool parseIsoUtcMicros(std::string_view text, std::int64_t& micros);

} // namespace cadf::loggen
