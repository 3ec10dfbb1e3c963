#pragma once

#include "models/store/flat_map.h"
#include "models/store/store_error.h"
#include "models/store/time_units.h"

#include <cstdint>
#include <string>

// Rollup tables: event counts per time unit and a few small keys, kept by the writer in the same
// transactions as the events, so that dashboards and the time histogram read thousands of rows
// instead of millions of events (issue 6: every view within 1 s on 10M events).
//
//   rollup_hour          (ts = hour, service, endpoint, outcome, code, action) -> n
//   rollup_initiator_3h  (ts = 3-hour block, initiator, service, address, agent, action, code,
//                         outcome)
//                                                               -> n, first_ts, last_ts
//   rollup_target_3h     (ts = 3-hour block, initiator, service, endpoint, pattern, action,
//                         code, outcome) -> n
//
// Why three hours (schema 3; schema 2 had UTC days): a range that cuts a unit reads that unit's
// part from events, so the unit bounds the events read at each edge; the block's rows grow as it
// shrinks. On 10M events over 6 days: days 0.83M + 1.02M rows, but a range cutting two days read
// up to 2.3M events (1.0-1.6 s); 3 hours 1.49M + 2.72M rows (+~6 bytes an event) and at most 6
// hours of events; hours 2.1M + 4.1M rows, a full-range table then 3x slower.
//
// Columns are named as in `events`, so a filter compiled over `e.<column>` (models/filter,
// filter_rollup.cpp) runs over a rollup aliased `e` unchanged. rollup_hour stores an absent code
// as kNoCode (a primary key column cannot be NULL); read it through the view rollup_hour_v, whose
// code is NULL again (the 3-hour rollups likewise through their _v views). Time units are UTC:
// hours and blocks start at multiples of their length.
namespace cadf::store {

class Database;

enum class Rollup { Hour, Initiator, Target };

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

// The time unit of rollup_initiator_3h and rollup_target_3h.
inline constexpr std::int64_t kRollupBlockUs = 3 * kHourUs;
// The stored code of events without a numeric reason code (codes are within +-999,999,999).
inline constexpr std::int64_t kNoCode = 1'000'000'000;

std::uint32_t rollupColumns(Rollup rollup);
std::int64_t rollupUnitUs(Rollup rollup);
// The table (a view for rollup_hour) to read it from, aliased `e` by the readers.
const char* rollupSource(Rollup rollup);

// The schema steps that create the tables (schema.cpp): version 2 (rollup_hour and the day
// rollups, as released) and version 3 (the day rollups replaced by the 3-hour ones);
// fillRollups() then counts the events already stored into the tables each step made.
const std::string& rollupSchemaV2();
const std::string& rollupSchemaV3();

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
    // The tables to count into (fillRollups after a migration step): bits 1 << Rollup.
    explicit RollupAccumulator(std::uint32_t tables = kAllTables)
        : m_tables(tables) {}
    static constexpr std::uint32_t kAllTables = 0x7;
    static constexpr std::uint32_t bit(Rollup r) { return 1u << static_cast<int>(r); }

    void add(const RollupEvent& event);
    bool empty() const { return m_hour.empty() && m_initiator.empty() && m_target.empty(); }
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
    FlatMap<Key6, std::int64_t, KeyHash> m_hour;
    std::uint32_t m_tables = kAllTables;
    FlatMap<Key8, Span, KeyHash> m_initiator;
    FlatMap<Key8, std::int64_t, KeyHash> m_target;
};

// Counts every stored event into the (empty) rollup tables `tables` (RollupAccumulator bits):
// one pass over events, flushed every few million events to bound memory. Inside the caller's
// transaction.
StoreError fillRollups(Database& db, std::uint32_t tables = RollupAccumulator::kAllTables);

// Whether the store has this version's rollup tables (schema version 3 or later).
bool hasRollups(Database& db);

// For a connection that UPDATEs events' service, endpoint or pattern (reclassify): temporary
// triggers move each changed event's counts from its old rollup keys to its new ones. Call
// commitWithRollups() instead of COMMIT: it first re-reads the first/last times of the
// initiator rows an event left (a count goes down exactly; a minimum has to be looked up).
StoreError installRollupTriggers(Database& db);
StoreError commitWithRollups(Database& db);

} // namespace cadf::store
