#pragma once

#include "models/store/store_error.h"
#include "models/store/store_types.h"

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

// Coverage of the inventory in a store: per endpoint, service and unclassified pattern, how many
// events, failures and distinct initiators, first and last seen. Ids only: the catalogue (names,
// templates) is joined in by the inventory layer (models/inventory/coverage_report.h), so the
// store stays free of the inventory.
namespace cadf::store {

class StoreReader;

struct CoverageCounts {
    std::int64_t events = 0;
    std::int64_t failures = 0;   // outcome failure
    std::int64_t initiators = 0; // distinct initiator resources (an empty initiator counts too)
    std::int64_t firstUs = 0;    // UTC µs; meaningful only when events > 0
    std::int64_t lastUs = 0;
};

// One distinct request of an unclassified pattern, as stored: the classifier's inputs, so the
// inventory layer can show the path it looked at.
struct PathExample {
    std::string targetId;
    std::string requestPath;
    std::string targetTypeUri;
    std::string targetName;
    std::int64_t events = 0;
};

struct PatternCoverage {
    std::int64_t patternId = 0; // strings.id (kind Pattern); 0 = events without any path
    std::string pattern;
    CoverageCounts counts;
    std::vector<PathExample> examples; // most frequent first, at most maxExamples
    std::int64_t distinctRequests = 0; // distinct (target, request path) pairs seen
};

struct StoreCoverage {
    std::vector<CoverageCounts> endpoints; // index = catalogue row id; [0] = unclassified events
    std::vector<CoverageCounts> services;  // index = service id; [0] = unclassified events
    std::vector<PatternCoverage> patterns; // unclassified events by pattern, most events first
    CoverageCounts all;                    // every event under the filter
};

struct CoverageOptions {
    int maxExamples = 3;
    // Stops the scan early when set (another thread may also StoreReader::interrupt()).
    const std::atomic_bool* cancel = nullptr;
};

// One pass over the events under `filter` (the table has no endpoint index, and a GROUP BY with
// count(DISTINCT initiator) per endpoint sorts every row: hashing ~600 endpoints x a few hundred
// initiators in memory is several times faster). False with `error` set on failure or when
// cancelled (SQLITE_INTERRUPT).
bool readCoverage(StoreReader& reader, const SqlFilter& filter, const CoverageOptions& options,
                  StoreCoverage& out, StoreError& error);

} // namespace cadf::store
