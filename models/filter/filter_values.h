#pragma once

#include <QString>
#include <QStringView>

class QTimeZone;

#include <cstdint>
#include <optional>
#include <string_view>

// Value syntaxes of the filter language that are more than text: instants and networks.
namespace cadf::filter {

// [start, end) in UTC µs: the span the written value covers at its precision
// (2023-10-18 is a whole day, 14:00 a minute, -15m an instant).
struct TimeSpan {
    std::int64_t start = 0;
    std::int64_t end = 0;
};

// ISO 8601 date, date and time (minutes, seconds, fraction; 'T' or a space between them), zone
// Z / ±HH:MM / ±HHMM / ±HH or none (then `zone` when given and valid, else `utcOffsetSeconds`);
// "now"; relative -N{s,m,h,d,w}.
std::optional<TimeSpan> parseTimeValue(QStringView text, std::int64_t nowUs, int utcOffsetSeconds,
                                       const QTimeZone* zone = nullptr);

// "10.1.2.3/8" -> "10.0.0.0/8", "2001:DB8::1/32" -> "2001:db8::/32"; nullopt when invalid.
std::optional<QString> canonicalCidr(QStringView text);

// Whether `address` (an IPv4 or IPv6 address as text) lies in `cidr` ("10.0.0.0/8"). An
// IPv4-mapped IPv6 address (::ffff:10.1.2.3) counts as its IPv4 address. False for anything
// that is not an address.
bool cidrContains(std::string_view cidr, std::string_view address);

} // namespace cadf::filter
