#pragma once

#include "models/cadf/event.h"
#include "models/cadf/event_extractor.h"
#include "models/cadf/reject.h"

#include <optional>
#include <string_view>
#include <vector>

// Turns one input record (a log line, a document element, a network frame) into events or a
// reject. The one place that knows the order of the checks, so files and the listener agree.
namespace cadf {

struct RecordOutcome {
    int events = 0;               // events appended to the output vector
    std::optional<Reject> reject; // set when the record gave no event
};

class RecordParser {
public:
    // referenceUtcMicros: receive or import time, for year inference (RFC 3164) and as the time
    // of last resort.
    explicit RecordParser(std::int64_t referenceUtcMicros = 0);

    void setReferenceTime(std::int64_t utcMicros) { m_reference = utcMicros; }
    void setKeepJson(bool keep) { m_extractor.setKeepJson(keep); }

    // Appends the record's events to `out`. lineNo and byteOffset are copied into a reject.
    RecordOutcome parse(std::string_view record, std::vector<Event>& out, std::int64_t lineNo = 0,
                        std::int64_t byteOffset = 0, bool oversize = false);

private:
    std::int64_t m_reference;
    EventExtractor m_extractor;
};

// Finishes an event's derived fields: time from eventTime or its fallbacks, outcome enum, role
// shorthands ({"id":"target"}). Exposed for the tests.
void resolveEvent(Event& ev, const SyslogInfo& header, std::string_view envelopeTime,
                  std::int64_t referenceUtcMicros);

} // namespace cadf
