#pragma once

#include "tools/loggen/log_generator.h"

#include <QString>

#include <cstdint>
#include <string>
#include <vector>

// Shared by the rollup tests: a generated log spread over days (so hours and days both have
// many rows), and a check that every rollup table holds exactly the GROUP BY of the events.

// Writes the generator's lines (seeded; 2% repeats) spread over `days` days from the default
// start, and returns them (for building overlapping files).
std::vector<std::string> generateSpreadLog(const std::string& path, std::int64_t lines, int days,
                                           std::uint64_t seed);
void writeLines(const std::string& path, const std::vector<std::string>& lines);

// Empty when rollup_hour, rollup_initiator_3h and rollup_target_3h each equal the GROUP BY of
// events computed here in SQL, row for row; else what differs. Opens its own connection.
QString rollupDifferences(const std::string& storePath);
