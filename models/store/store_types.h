#pragma once

#include "models/cadf/event.h"
#include "models/cadf/reject.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

// Value types that cross the store's border: what the pipeline hands in about a source, and what
// the readers hand out. Plain structs, no Qt, so the CLI and the workers copy them freely.
namespace cadf::store {

using SqlValue = std::variant<std::monostate, std::int64_t, double, std::string>;

// A WHERE clause over the events table aliased `e`, with its parameters bound in order (`?`).
// The filter language compiles to this; values are always bound, never pasted into the text.
// Columns (all integers unless noted): e.id, e.ts (UTC µs), e.tq, e.outcome (cadf::Outcome),
// e.code (NULL when the reason code is absent or not a number), e.service, e.endpoint (0 = none),
// dictionary ids (0 = empty) e.action, e.outcome_raw, e.severity, e.event_type, e.type_uri,
// e.reason_type, e.reason_raw, e.address, e.agent, e.platform, e.path, e.pattern, e.syslog_host,
// e.syslog_app -> strings(id, kind, value) (kind: StringKind; UNIQUE(kind, value));
// e.initiator, e.target, e.observer -> resources(id, rid, name, type, domain, credential) (a
// view; "name = ?" is an index seek, "rid = ?" a scan of the distinct resources);
// e.cadf_id TEXT (NULL when absent; indexed); e.source -> sources(id), e.line, e.byte_offset,
// e.part. Indexed for filters and counts: (ts), (service, ts), (outcome, ts), (code, ts),
// (action, ts), (initiator, ts), (target, ts), (address, ts). Examples:
//   "e.outcome = ? AND e.ts >= ?"                                        {2, fromUs}
//   "e.initiator IN (SELECT id FROM resources WHERE name = ? COLLATE NOCASE)" {"alice"}
//   "e.action IN (SELECT id FROM strings WHERE kind = 1 AND value LIKE ?)"    {"read%"}
struct RollupFilter;

struct SqlFilter {
    std::string where; // empty = every event
    std::vector<SqlValue> params;
    // The same filter over the rollup tables (models/store/rollups.h) when it uses only columns
    // some rollup keeps, and no time: set by filter::compile, read by store::timeHistogram and
    // the dashboards. Used only while `where` is still the text it was compiled with, so code
    // that ANDs more conditions onto `where` gets the events path, never a wrong rollup answer.
    std::shared_ptr<const RollupFilter> rollup = {};
};

// A WHERE clause over a rollup aliased `e` (its columns carry the events' names).
struct RollupFilter {
    std::string eventsWhere; // the SqlFilter::where this stands for
    std::string where;
    std::vector<SqlValue> params;
    std::uint32_t columns = 0; // store::RollupColumn bits the clause reads
    // Time terms ANDed at the top of the filter, as a range (UTC µs, [fromUs, toUs)): `where`
    // holds the other terms, and the readers cut the range into whole rollup units and edges.
    std::optional<std::int64_t> fromUs;
    std::optional<std::int64_t> toUs;
};

// strings.kind: which attribute a dictionary value belongs to. Stored in the file: never renumber.
enum class StringKind : int {
    Action = 1,
    OutcomeRaw = 2,
    Severity = 3,
    EventType = 4,
    TypeUri = 5,
    ReasonType = 6,
    ReasonRaw = 7, // the reason code's text when it is not a plain integer
    Address = 8,   // initiator host address
    Agent = 9,     // initiator host agent
    Platform = 10, // initiator host platform
    RequestPath = 11,
    SyslogHost = 12,
    SyslogApp = 13,
    Pattern = 14, // unclassified request path pattern (inventory)
};

enum class SourceKind : int { File = 1, Udp = 2, Tcp = 3, Tls = 4 };

enum class SourceStatus : int { Running = 0, Done = 1, Cancelled = 2, Failed = 3 };

const char* sourceStatusKey(SourceStatus status); // "running", "done", "cancelled", "failed"
SourceStatus sourceStatusFromKey(const std::string& key);

struct SourceInfo {
    SourceKind kind = SourceKind::File;
    std::string name;           // file path, or the listener address ("udp://0.0.0.0:514")
    std::int64_t size = -1;     // bytes, -1 when unknown (listeners, or known only at the end)
    std::string digest;         // SHA-1 hex of a file, empty when unknown
    std::int64_t startedUs = 0; // UTC µs; 0 = now
};

// The end of a source. The event, duplicate and reject counts are kept by the writer itself, batch
// by batch in the same transactions, so they are exact even after a crash.
struct SourceSummary {
    SourceStatus status = SourceStatus::Done;
    std::int64_t records = 0;    // records read (lines, or top-level JSON objects)
    std::int64_t finishedUs = 0; // 0 = now
    std::string message;         // e.g. the error that stopped the import
    std::int64_t size = -1;      // when known only at the end; -1 keeps the stored value
    std::string digest;          // when known only at the end; empty keeps the stored value
};

struct SourceRow {
    std::int64_t id = 0;
    SourceKind kind = SourceKind::File;
    std::string name;
    std::int64_t size = -1;
    std::string digest;
    std::int64_t startedUs = 0;
    std::int64_t finishedUs = 0; // 0 while running
    SourceStatus status = SourceStatus::Running;
    std::int64_t records = 0;
    std::int64_t events = 0;
    std::int64_t duplicates = 0;
    std::int64_t rejected = 0;
    std::string message;
};

enum class SortColumn { Time, Service, Action, Outcome, Code, Initiator, Target, Address };

// Position after the last row of a page: (value, ts, id) of that row for the sort column, where
// value is empty for Time. Take it from the last EventRow with keysetOf().
struct Keyset {
    SqlValue value;
    std::int64_t ts = 0;
    std::int64_t id = 0;
};

struct EventRow {
    std::int64_t id = 0;
    std::int64_t ts = 0;
    cadf::TimeQuality tq = cadf::TimeQuality::Missing;
    cadf::Outcome outcome = cadf::Outcome::Unknown;
    int code = -1;      // numeric reason code, -1 when none
    std::string reason; // the reason code as received (also when not numeric)
    int serviceId = 0;
    int endpointId = 0;
    std::string action;
    std::int64_t initiatorRef = 0; // resources.id, for "filter on this value"
    std::string initiatorId;
    std::string initiatorName;
    std::int64_t targetRef = 0;
    std::string targetId;
    std::string targetName;
    std::string address;
    std::string agent;
    std::int64_t sourceId = 0;
    std::string sourceName;
    std::int64_t line = 0;
    SqlValue sortValue; // the value ordered on (empty for Time); see keysetOf()
};

Keyset keysetOf(const EventRow& row);

// One event with everything stored about it, as the detail pane and `query --format jsonl` need.
struct StoredEvent {
    std::int64_t id = 0;
    cadf::Event event;  // every field as written, json and digest included
    std::string record; // the raw record, verbatim
    std::int64_t lineNo = 0;
    std::int64_t byteOffset = 0;
    int part = 0;
    int serviceId = 0;
    int endpointId = 0;
    std::string pathPattern;
    std::int64_t sourceId = 0;
    std::string sourceName;
    std::int64_t initiatorRef = 0;
    std::int64_t targetRef = 0;
    std::int64_t observerRef = 0;
};

enum class GroupField {
    Service,
    Outcome,
    Action,
    Code,
    Initiator,
    Target,
    Address,
    Day,
    Agent,
    Endpoint,
    Source
};

struct ValueCount {
    std::string value; // display text: service/endpoint id, outcome name, "2023-10-18", ...
    std::int64_t count = 0;
    SqlValue key; // what to filter on: the column's value (dictionary id, code, day start in µs)
};

struct RejectRow {
    std::int64_t id = 0;
    std::int64_t sourceId = 0;
    std::string sourceName;
    std::int64_t lineNo = 0;
    std::int64_t byteOffset = 0;
    cadf::RejectReason reason = cadf::RejectReason::InvalidJson;
    std::string detail;
    std::string raw;          // decompressed, at most kMaxRejectBytes
    std::int64_t rawSize = 0; // bytes of the record as handed in, before the cap
    std::int64_t receivedUs = 0;
};

struct ReasonCount {
    cadf::RejectReason reason = cadf::RejectReason::InvalidJson;
    std::int64_t count = 0;
};

} // namespace cadf::store
