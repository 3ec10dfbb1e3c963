#pragma once

#include "models/cadf/event.h"
#include "models/cadf/json_scanner.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

// Finds CADF events in JSON text, whatever wraps them.
//
// Every object that is not a known part of an event (initiator, reason, attachments, ...) is a
// *candidate*. A candidate that looks like an event when it closes (eventTime plus one of action,
// outcome, initiator, target, observer; or the CADF event typeURI) is emitted, unless one of its
// descendants already was. That single rule covers the wrappers producers use (cadf.md §6.1): an
// oslo notification's `payload`, IBM's legacy envelope, Hermes `events[]`, CADF log documents,
// JSON arrays, and JSON-string-encoded events (LogDNA `lines[].line`), which are decoded and
// searched the same way.
namespace cadf {

struct ExtractResult {
    json::ScanResult scan; // the first JSON error, if any (events before it are still returned)
    int eventsFound = 0;
    std::string envelopeTime; // a wrapper's `timestamp`, used when an event's own time is unusable
};

class EventExtractor {
public:
    EventExtractor();
    ~EventExtractor();
    EventExtractor(const EventExtractor&) = delete;
    EventExtractor& operator=(const EventExtractor&) = delete;

    // Copy each event's JSON text into Event::json (the detail pane and digests need it; bulk
    // ingest computes the digest and can drop the copy).
    void setKeepJson(bool keep) { m_keepJson = keep; }

    // Scans the JSON values in text[from..] (one, or several separated by whitespace) and appends
    // every event found to `out`. Digests are computed for each event.
    ExtractResult extract(std::string_view text, std::size_t from, std::vector<Event>& out);

private:
    friend class ExtractHandler;
    bool m_keepJson = true;
    int m_stringNesting = 0; // JSON-in-a-string levels being decoded now
};

} // namespace cadf
