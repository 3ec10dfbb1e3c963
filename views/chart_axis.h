#pragma once

#include <cstdint>

// The top of a count axis labelled at 0, half and top (the Events histogram, the dashboards'
// time bars): the smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^n at or above `peak`
// whose half is a whole number, so labels read 0 / 750 / 1,500 rather than 0 / 607 / 1,215 and
// the bars fill most of the height (1,050 -> 1,200, not 2,000).
inline std::int64_t roundAxisMaximum(std::int64_t peak) {
    if (peak <= 2)
        return 2;
    std::int64_t scale = 1;
    while (scale * 10 <= peak)
        scale *= 10;
    for (const std::int64_t tenths : {10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100}) {
        const std::int64_t value = tenths * scale / 10;
        if (value >= peak && value % 2 == 0)
            return value;
    }
    return 10 * scale;
}
