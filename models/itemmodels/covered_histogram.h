#pragma once

#include "models/store/store_types.h"
#include "models/store/time_histogram.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace cadf::store {
class StoreReader;
}

// The time histogram of a filter that rollup_hour cannot answer (an initiator, an address, a
// CIDR...), counted from indexes alone when one of the filter's indexes covers it. The filter's
// index, (address, ts) say, holds each match's time and rowid but not its outcome, which is what
// makes store::timeHistogram read every matching row (a look-up per match, or one pass over the
// whole table for a dense filter: 1.3 s of CPU for address:10.0.0.0/8 on 10 million events).
// Here the outcome comes from a map rowid -> outcome, built from the (outcome, ts) index of every
// outcome but success (a few ms per 100,000 events) and kept while the store is unchanged, and
// the matches are counted inside SQLite by an aggregate function (no row handed out per match).
//
// One per connection and thread (the worker's). Exact: the map is checked against the store in
// the same read transaction as the count.
class CoveredHistogram {
public:
    CoveredHistogram() = default;
    CoveredHistogram(const CoveredHistogram&) = delete;
    CoveredHistogram& operator=(const CoveredHistogram&) = delete;

    // nullopt when this does not apply (no filter, rollup_hour answers it, or no index covers it):
    // the caller runs store::timeHistogram. `bounds` is the form of the filter the first and last
    // match are looked up with (filter::forFullPass: a dense filter walks the time index and
    // stops at once); `indexed` the one counted, with its dictionary look-ups resolved (it is not
    // unindexed()). A result with ok = false carries the error (SQLITE_INTERRUPT when stopped).
    std::optional<cadf::store::TimeHistogram> count(cadf::store::StoreReader& reader,
                                                    const cadf::store::SqlFilter& bounds,
                                                    const cadf::store::SqlFilter& indexed,
                                                    int maxBuckets, int alignOffsetSeconds);

    // Whether SQLite reads `filter`'s matches from indexes alone (EXPLAIN QUERY PLAN), for the
    // tests.
    static bool covered(cadf::store::StoreReader& reader, const cadf::store::SqlFilter& filter);

    // What the aggregate function counts into (public for the C callback).
    struct Pass {
        const std::vector<std::uint8_t>* outcomes = nullptr;
        std::int64_t fromUs = 0;
        std::int64_t bucketUs = 1;
        std::vector<cadf::store::HistogramBucket>* buckets = nullptr;
    };

private:
    cadf::store::StoreError ensureOutcomes(cadf::store::StoreReader& reader);

    std::vector<std::uint8_t> m_outcomes; // by rowid; kNoOutcome for no event
    std::int64_t m_version = -1;          // PRAGMA data_version the map was built at
    std::int64_t m_lastRowid = -1;
    void* m_registeredOn = nullptr; // the connection the function is registered on
    Pass m_pass;
};
