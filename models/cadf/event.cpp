#include "models/cadf/event.h"

#include <charconv>

namespace cadf {

int reasonCodeNumber(const std::string& reasonCode) {
    int value = -1;
    const char* begin = reasonCode.data();
    const char* end = begin + reasonCode.size();
    while (begin < end && *begin == ' ')
        ++begin;
    const auto [ptr, ec] = std::from_chars(begin, end, value);
    if (ec != std::errc() || ptr != end || begin == end || value < 0)
        return -1;
    return value;
}

Outcome outcomeFromText(const std::string& raw) {
    // Compare the first path segment case-insensitively: "SUCCESS", "failure/timeout".
    std::string head;
    for (const char c : raw) {
        if (c == '/')
            break;
        head.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c);
    }
    if (head == "success")
        return Outcome::Success;
    if (head == "failure" || head == "denied" || head == "failed" || head == "fail")
        return Outcome::Failure;
    if (head == "pending")
        return Outcome::Pending;
    return Outcome::Unknown;
}

const char* outcomeName(Outcome outcome) {
    switch (outcome) {
    case Outcome::Success:
        return "success";
    case Outcome::Failure:
        return "failure";
    case Outcome::Pending:
        return "pending";
    case Outcome::Unknown:
        break;
    }
    return "unknown";
}

const char* timeQualityName(TimeQuality quality) {
    switch (quality) {
    case TimeQuality::Exact:
        return "exact";
    case TimeQuality::InferredSeconds:
        return "inferred_seconds";
    case TimeQuality::AmbiguousZone:
        return "ambiguous_zone";
    case TimeQuality::NoZoneAssumedUtc:
        return "no_zone_assumed_utc";
    case TimeQuality::FromSyslogHeader:
        return "from_syslog_header";
    case TimeQuality::FromEnvelope:
        return "from_envelope";
    case TimeQuality::Missing:
        break;
    }
    return "missing";
}

} // namespace cadf
