#pragma once

#include "models/store/coverage_reader.h"

#include <cstdint>
#include <string>
#include <vector>

// The store's coverage joined with the catalogue: what `cadfscope inventory --coverage`, the
// Inventory view and the Unclassified view show. Plain values, built on a worker thread.
namespace cadf::inventory {

class Catalogue;

struct ClosestService {
    int serviceId = 0;
    int rowId = 0;                  // the row whose template came closest
    std::string url;                // that template
    double score = 0;               // ClosestMatcher's
    std::int64_t serviceEvents = 0; // events of the service in the store (under the filter)
};

struct UnclassifiedPattern {
    std::string pattern; // "" for events without any request path
    store::CoverageCounts counts;
    std::vector<std::string> examples; // request paths as the classifier saw them
    std::int64_t distinctRequests = 0;
    std::vector<ClosestService> closest;
};

struct CoverageReport {
    // Indexed by catalogue row id / service id; [0] holds the unclassified events. Sized to the
    // catalogue: events stored under a row id the catalogue does not have (a store classified
    // with another catalogue; `cadfscope reclassify` fixes it) count in unknownRowEvents.
    std::vector<store::CoverageCounts> endpoints;
    std::vector<store::CoverageCounts> services;
    std::vector<UnclassifiedPattern> unclassified;
    store::CoverageCounts all;
    std::int64_t unknownRowEvents = 0;
    int rowsSeen = 0;      // catalogue rows with at least one event
    int rowsNeverSeen = 0; // the audit gaps
    // shadowedRows() of the catalogue, and how many never-seen rows are only that.
    std::vector<int> shadowedBy;
    int rowsNeverSeenShadowed = 0;
};

struct ReportOptions {
    int maxClosestServices = 3;
    // The closest services are worked out for this many patterns (the most frequent ones).
    int maxPatternsWithClosest = 500;
};

// Rows the classifier can never choose: each of their templates, with each of their actions, is
// matched by another, equally specific row first (the seed lists some URLs twice, e.g. DLC's
// "Read one record" and "Download a connection bundle"). Their events count under that row, so
// "never seen" there is no audit gap. Indexed by row id: the row that takes the events, 0 = none.
// Computed once from the catalogue with its classifier.
std::vector<int> shadowedRows(const Catalogue& catalogue);

CoverageReport buildCoverageReport(const Catalogue& catalogue, const store::StoreCoverage& coverage,
                                   const ReportOptions& options = {});

// The path the classifier looked at for a stored request (see Classifier::extractPath).
std::string examplePath(const store::PathExample& example);

// "2023-10-18T14:38:40Z" (whole seconds, UTC), or "" when there are no events.
std::string firstSeenText(const store::CoverageCounts& counts);
std::string lastSeenText(const store::CoverageCounts& counts);

// The endpoint rows as CSV (RFC 4180, header first): category, service, description, actions,
// urls, events, failures, initiators, first_seen, last_seen. Actions and URLs are joined with
// " | ". `neverSeenOnly` keeps the rows without events.
std::string coverageCsv(const Catalogue& catalogue, const CoverageReport& report,
                        bool neverSeenOnly);

} // namespace cadf::inventory
