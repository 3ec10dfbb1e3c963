#pragma once

#include <QString>

#include <cstdint>

// Text the dashboards share: counts, percentages, bucket widths and times in the display zone.
namespace charttext {

// 1234567 -> "1,234,567" in the user's locale.
QString count(std::int64_t value);
// 1234567 -> "1.2M": axis ticks and tiles where space is short (the tooltip has the exact one).
QString shortCount(std::int64_t value);
// "3.2 %".
QString percent(double value);
// A bucket width: "1 h", "5 min", "1 d".
QString duration(std::int64_t us);
// "UTC" or "UTC+02:00".
QString zone(int offsetSeconds);
// A bucket start for an axis: "14:00", "10-18 14:00" or "2023-10-18" (day buckets).
QString axisTime(std::int64_t us, int offsetSeconds, std::int64_t bucketUs, bool withDate);
// A full instant for tooltips: "2023-10-18 14:00:00".
QString fullTime(std::int64_t us, int offsetSeconds);
// "2023-10-18 14:00 – 15:00 UTC": the span of one bucket.
QString span(std::int64_t fromUs, std::int64_t toUs, int offsetSeconds);

} // namespace charttext
