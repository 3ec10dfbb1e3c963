#pragma once

#include <cstdint>
#include <string>
#include <vector>

// The CADF event as cadfscope stores it: the attributes the filters, facets and tables need as
// separate values, plus the record it came from, verbatim, which keeps everything else (tags,
// attachments, unknown keys) for the detail pane.
namespace cadf {

// How eventTime was turned into an instant. Stored with the event so the UI can say so.
enum class TimeQuality : std::uint8_t {
    Exact = 0,            // parsed with an explicit zone
    InferredSeconds = 1,  // QRadar Suite `HH:MM.SS`, read as seconds after a dot
    AmbiguousZone = 2,    // zone abbreviation such as EDT, resolved through a table
    NoZoneAssumedUtc = 3, // no zone in the text: taken as UTC
    FromSyslogHeader = 4, // eventTime missing or unparseable: the syslog header time
    FromEnvelope = 5,     // eventTime missing or unparseable: a wrapper's timestamp
    Missing = 6,          // no usable time anywhere: the receive/import time
};

// CADF outcome folded onto the taxonomy; the raw text is kept beside it.
enum class Outcome : std::uint8_t {
    Unknown = 0, // absent, `unknown`, `redirect`, or anything unrecognised
    Success = 1,
    Failure = 2, // `failure...`, `denied`
    Pending = 3,
};

struct Resource {
    std::string id;
    std::string name;
    std::string typeUri;
    std::string domain;
    std::string hostAddress;
    std::string hostAgent;
    std::string hostPlatform;
    std::string credentialType;

    bool empty() const
    {
        return id.empty() && name.empty() && typeUri.empty() && domain.empty() &&
               hostAddress.empty() && hostAgent.empty() && hostPlatform.empty() &&
               credentialType.empty();
    }
};

enum class SyslogFormat : std::uint8_t { None = 0, Rfc5424 = 1, Rfc3164 = 2 };

struct SyslogInfo {
    SyslogFormat format = SyslogFormat::None;
    int facility = -1; // -1 when there is no syslog header
    int severity = -1;
    std::string timestamp; // header timestamp text as received
    std::int64_t timeUs = 0;
    bool timeValid = false;
    std::string hostname;
    std::string appName;
    std::string procId;
    std::string msgId;
    std::string structuredData; // "-" or the SD elements, verbatim
};

struct Event {
    std::string id;
    std::string typeUri;
    std::string eventType;
    std::string eventTimeRaw;
    std::int64_t timeUs = 0; // the instant used for sorting and filtering, UTC microseconds
    TimeQuality timeQuality = TimeQuality::Missing;
    std::string action;
    std::string outcomeRaw;
    Outcome outcome = Outcome::Unknown;
    std::string severity;
    std::string reasonCode; // as text, whether the JSON had a number or a string
    std::string reasonType;
    std::string policyType;
    std::string policyId;
    Resource initiator;
    Resource target;
    Resource observer;
    std::string requestPath;
    std::vector<std::string> tags;
    int attachmentCount = 0;

    SyslogInfo syslog;

    // The event's own JSON text: the whole record when the record is one event, or the slice of
    // the record (or of a JSON string inside it) that holds this event.
    std::string json;
    // Digest of the event's JSON with insignificant whitespace removed: the duplicate key.
    std::uint64_t digest = 0;
};

// Numeric reason code when the text is an integer, else -1.
int reasonCodeNumber(const std::string& reasonCode);
Outcome outcomeFromText(const std::string& raw);
const char* outcomeName(Outcome outcome);
const char* timeQualityName(TimeQuality quality);

} // namespace cadf
