#pragma once

#include <cstdint>
#include <string>

// Builds the benchmark store: `count` seeded QRadar Suite lines (tools/loggen, seed 2026),
// generated and imported in chunks of a million so the temporary log never takes gigabytes of
// disk. Each chunk becomes one source of the store, as a day's rotated log would. Returns false
// and says why in *error.
bool buildWorkspaceStore(const std::string& storePath, std::int64_t count, std::string* error);
