#pragma once

#include "models/store/store_error.h"

#include <cstdint>
#include <unordered_map>

// Rollup tables: event counts per time unit and a few small keys, kept by the writer in the same
// transactions as the events, so that dashboards and the time histogram read thousands of rows
// instead of millions of events (issue 6: every view within 1 s on 10M events).
//
//   rollup_hour          (ts = hour, service, endpoint, outcome, code, action) -> n
//   rollup_initiator_day (ts = UTC day, initiator, service, address, agent, action, code,
//                         outcome)
//                                                               -> n, first_ts, last_ts
//   rollup_target_day    (ts = UTC day, initiator, service, endpoint, pattern, action, code,
//                         outcome) -> n
//
// Columns are named as in `events`, so a filter compiled over `e.<column>` (models/filter,
// filter_rollup.cpp) runs over a rollup aliased `e` unchanged. rollup_hour stores an absent code
// as kNoCode (a primary key column cannot be NULL); read it through the view rollup_hour_v, whose
// code is NULL again (the day rollups likewise through their _v views). Time units are UTC:
// hours and days start at multiples of their length.
namespace cadf::store {

class Database;

enum class Rollup { Hour, InitiatorDay, TargetDay };

// Event columns a rollup keeps (besides ts), as a bit set: what a filter may use to run on it.
enum RollupColumn : std::uint32_t {
    kRollupService = 1u << 0,
    kRollupEndpoint = 1u << 1,
    kRollupOutcome = 1u << 2,
    kRollupCode = 1u << 3,
    kRollupAction = 1u << 4,
    kRollupInitiator = 1u << 5,
    kRollupAddress = 1u << 6,
    kRollupAgent = 1u << 7,
    kRollupPattern = 1u << 8,
};

inline constexpr std::int64_t kHourUs = 3'600'000'000;
inline constexpr std::int64_t kDayUs = 24 * kHourUs;
// The stored code of events without a numeric reason code (codes are within +-999,999,999).
inline constexpr std::int64_t kNoCode = 1'000'000'000;

std::uint32_t rollupColumns(Rollup rollup);
std::int64_t rollupUnitUs(Rollup rollup);
// The table (a view for rollup_hour) to read it from, aliased `e` by the readers.
const char* rollupSource(Rollup rollup);

// The schema step that creates the tables (schema.cpp, version 2); fillRollups() then counts
// the events already stored.
extern const char* const kRollupSchema;

// One stored event as the rollups see it (dictionary ids, as in the events row).
struct RollupEvent {
    std::int64_t ts = 0;
    std::int64_t service = 0;
    std::int64_t endpoint = 0;
    std::int64_t outcome = 0;
    std::int64_t code = kNoCode;
    std::int64_t action = 0;
    std::int64_t initiator = 0;
    std::int64_t address = 0;
    std::int64_t agent = 0;
    std::int64_t pattern = 0;
};

// Counts events in memory (a few hash map increments each) and adds the counts to the tables
// with one upsert per distinct key. The writer counts every inserted (not duplicate) event and
// flushes just before COMMIT; a rollback clears it.
class RollupAccumulator {
public:
    void add(const RollupEvent& event);
    bool empty() const { return m_hour.empty(); }
    void clear();
    // Upserts and clears; on error the caller rolls the transaction back.
    StoreError flush(Database& db);

    template <int N> struct Key {
        std::int64_t v[N];
        bool operator==(const Key& o) const {
            for (int i = 0; i < N; ++i) {
                if (v[i] != o.v[i])
                    return false;
            }
            return true;
        }
    };
    struct KeyHash {
        template <int N> std::size_t operator()(const Key<N>& k) const noexcept {
            std::uint64_t h = 0x9E3779B97F4A7C15ULL;
            for (const std::int64_t v : k.v) {
                h ^= static_cast<std::uint64_t>(v) + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
                h *= 0xff51afd7ed558ccdULL;
            }
            return static_cast<std::size_t>(h ^ (h >> 33));
        }
    };
    using Key6 = Key<6>;
    using Key8 = Key<8>;
    struct Span {
        std::int64_t n = 0, first = 0, last = 0;
    };

private:
    std::unordered_map<Key6, std::int64_t, KeyHash> m_hour;
    std::unordered_map<Key8, Span, KeyHash> m_initiatorDay;
    std::unordered_map<Key8, std::int64_t, KeyHash> m_targetDay;
};

// Counts every stored event into the (empty) rollup tables: one pass over events, flushed every
// few million events to bound memory. Inside the caller's transaction.
StoreError fillRollups(Database& db);

// Whether the store has rollup tables (schema version 2 or later).
bool hasRollups(Database& db);

// For a connection that UPDATEs events' service, endpoint or pattern (reclassify): temporary
// triggers move each changed event's counts from its old rollup keys to its new ones. Call
// commitWithRollups() instead of COMMIT: it first re-reads the first/last times of the
// initiator-day rows an event left (a count goes down exactly; a minimum has to be looked up).
StoreError installRollupTriggers(Database& db);
StoreError commitWithRollups(Database& db);

} // namespace cadf::store
