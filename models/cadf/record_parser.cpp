#include "models/cadf/record_parser.h"

#include "models/cadf/text_checks.h"
#include "models/cadf/timestamp.h"
#include "models/syslog/syslog_header.h"

#include <string>

namespace cadf {

namespace {

// True when the '[' at `at` starts a JSON array of events: "[{", "[[", "[]" (spaces allowed).
bool opensJsonArray(std::string_view record, std::size_t at) {
    for (std::size_t i = at + 1; i < record.size(); ++i) {
        if (!json::detail::isWs(record[i]))
            return record[i] == '{' || record[i] == '[' || record[i] == ']';
    }
    return false;
}

Reject makeReject(RejectReason reason, std::string detail, std::string_view record,
                  std::int64_t lineNo, std::int64_t byteOffset) {
    Reject r;
    r.reason = reason;
    r.detail = std::move(detail);
    r.lineNo = lineNo;
    r.byteOffset = byteOffset;
    r.raw.assign(record.substr(0, kMaxRejectBytes));
    return r;
}

bool isBlank(std::string_view s) {
    for (const char c : s) {
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return false;
    }
    return true;
}

// Role shorthand (cadf.md §1.1): {"id":"target"} means "the same resource as the target".
void resolveShorthand(Resource& r, const Event& ev) {
    if (!r.name.empty() || !r.typeUri.empty() || !r.hostAddress.empty())
        return;
    if (r.id == "target" && &r != &ev.target)
        r = ev.target;
    else if (r.id == "initiator" && &r != &ev.initiator)
        r = ev.initiator;
}

} // namespace

RecordParser::RecordParser(std::int64_t referenceUtcMicros)
    : m_reference(referenceUtcMicros) {}

void resolveEvent(Event& ev, const SyslogInfo& header, std::string_view envelopeTime,
                  std::int64_t referenceUtcMicros) {
    ev.outcome = outcomeFromText(ev.outcomeRaw);
    resolveShorthand(ev.observer, ev);
    resolveShorthand(ev.initiator, ev);

    const ParsedTime own = ev.eventTimeRaw.empty() ? ParsedTime{} : parseTimestamp(ev.eventTimeRaw);
    // A zone-less eventTime is only a guess; the issue asks for the syslog header time then.
    const bool ownUsable =
        own.ok && !(own.quality == TimeQuality::NoZoneAssumedUtc && header.timeValid);
    if (ownUsable) {
        ev.timeUs = own.utcMicros;
        ev.timeQuality = own.quality;
        return;
    }
    if (header.timeValid) {
        ev.timeUs = header.timeUs;
        ev.timeQuality = TimeQuality::FromSyslogHeader;
        return;
    }
    if (!envelopeTime.empty()) {
        const ParsedTime env = parseTimestamp(envelopeTime);
        if (env.ok) {
            ev.timeUs = env.utcMicros;
            ev.timeQuality = TimeQuality::FromEnvelope;
            return;
        }
    }
    ev.timeUs = referenceUtcMicros;
    ev.timeQuality = TimeQuality::Missing;
}

RecordOutcome RecordParser::parse(std::string_view record, std::vector<Event>& out,
                                  std::int64_t lineNo, std::int64_t byteOffset, bool oversize) {
    RecordOutcome result;
    auto reject = [&](RejectReason reason, std::string detail) {
        result.reject = makeReject(reason, std::move(detail), record, lineNo, byteOffset);
        return result;
    };

    if (oversize)
        return reject(RejectReason::LineTooLong,
                      "record longer than " + std::to_string(kMaxRecordBytes) + " bytes");
    if (isBlank(record))
        return reject(RejectReason::EmptyLine, "the line holds no text");

    const ByteCheck bytes = checkRecordBytes(record);
    if (bytes.verdict == ByteCheck::Verdict::Binary)
        return reject(RejectReason::BinaryData,
                      "control byte at byte " + std::to_string(bytes.offset));
    if (bytes.verdict == ByteCheck::Verdict::InvalidUtf8)
        return reject(RejectReason::InvalidUtf8,
                      "invalid UTF-8 at byte " + std::to_string(bytes.offset));

    syslog::SplitLine split = syslog::splitSyslog(record, m_reference);
    const std::size_t msgStart = static_cast<std::size_t>(split.message.data() - record.data());
    // The message is JSON when it opens with '{' or '['. Otherwise text before the JSON (an oslo
    // log prefix such as "INFO ... [req-1 - -] {...}", a timestamp) is skipped up to the first '{':
    // a '[' there is more often a bracketed log field than a JSON array. A message that opens
    // with "[warn]" is text too: only '[' followed by an object, an array or ']' is an array of
    // events.
    std::size_t jsonStart = msgStart;
    while (jsonStart < record.size() && json::detail::isWs(record[jsonStart]))
        ++jsonStart;
    if (jsonStart < record.size() && record[jsonStart] != '{' &&
        !(record[jsonStart] == '[' && opensJsonArray(record, jsonStart)))
        jsonStart = record.find('{', jsonStart);
    else if (jsonStart >= record.size())
        jsonStart = std::string_view::npos;
    if (jsonStart == std::string_view::npos)
        return reject(RejectReason::NoJson, split.header.format == SyslogFormat::None
                                                ? "no JSON object in the line"
                                                : "syslog message without a JSON object");

    const std::size_t firstNew = out.size();
    const ExtractResult ex = m_extractor.extract(record, jsonStart, out);
    if (ex.scan.error != json::ScanError::None) {
        // A broken record yields nothing, even if an event closed before the damage: half a
        // record is not evidence an analyst can trust. Drop what this record appended.
        out.resize(firstNew);
        const std::string where = " at byte " + std::to_string(ex.scan.offset);
        switch (ex.scan.error) {
        case json::ScanError::Truncated:
            return reject(RejectReason::TruncatedJson, std::string(ex.scan.what) + where);
        case json::ScanError::TooDeep:
            return reject(RejectReason::NestedTooDeep, "JSON nested deeper than " +
                                                           std::to_string(json::kMaxDepth) +
                                                           " levels" + where);
        default:
            return reject(RejectReason::InvalidJson, std::string(ex.scan.what) + where);
        }
    }
    if (ex.eventsFound == 0)
        return reject(RejectReason::NotCadf,
                      "valid JSON, but no object with eventTime and action, outcome, initiator, "
                      "target or observer");

    for (std::size_t i = firstNew; i < out.size(); ++i) {
        Event& ev = out[i];
        resolveEvent(ev, split.header, ex.envelopeTime, m_reference);
        // The last event takes the header itself: one copy (and allocation) less per line.
        if (i + 1 < out.size())
            ev.syslog = split.header;
        else
            ev.syslog = std::move(split.header);
    }
    result.events = static_cast<int>(out.size() - firstNew);
    return result;
}

} // namespace cadf
