#pragma once

#include <cstdint>

// Time arithmetic on UTC microseconds, shared by the rollups, the histograms and the range scans.
namespace cadf::store {

inline constexpr std::int64_t kHourUs = 3'600'000'000;
inline constexpr std::int64_t kDayUs = 24 * kHourUs;

// The multiple of `step` at or below `value` (correct for times before 1970 too).
constexpr std::int64_t floorTo(std::int64_t value, std::int64_t step) {
    const std::int64_t q = value / step;
    return (value % step != 0 && value < 0 ? q - 1 : q) * step;
}

// The multiple of `step` at or above `value`.
constexpr std::int64_t ceilTo(std::int64_t value, std::int64_t step) {
    const std::int64_t f = floorTo(value, step);
    return f == value ? f : f + step;
}

} // namespace cadf::store
