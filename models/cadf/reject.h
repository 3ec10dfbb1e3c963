#pragma once

#include <cstdint>
#include <string>

// A record that could not become an event. Nothing is dropped silently: each of these is stored
// with where it came from and why, so the analyst can open it.
namespace cadf {

enum class RejectReason : std::uint8_t {
    EmptyLine = 1,       // nothing but whitespace
    BinaryData = 2,      // control bytes (NUL and friends) that no text log contains
    InvalidUtf8 = 3,     // bytes that are not UTF-8
    LineTooLong = 4,     // over the record size limit (1 MiB); the stored bytes are cut
    TruncatedJson = 5,   // JSON that ends before its last value closes
    InvalidJson = 6,     // a syntax error inside the JSON
    NestedTooDeep = 7,   // nesting beyond the parser's bound
    NoJson = 8,          // a syslog or text line with no JSON object in it
    NotCadf = 9,         // valid JSON, but nothing in it looks like a CADF event
    StreamError = 10,    // the file itself is damaged (a broken gzip stream, a read error)
    IncompleteFrame = 11,// a network frame cut off by the sender (listener)
};

struct Reject {
    RejectReason reason = RejectReason::InvalidJson;
    std::string detail;         // human text: "expected ',' or '}' at byte 812"
    std::int64_t lineNo = 0;    // 1-based record number in its source (line, or frame)
    std::int64_t byteOffset = 0;// offset of the record's first byte in the (uncompressed) source
    std::string raw;            // the record's bytes, capped at kMaxRejectBytes
};

inline constexpr std::size_t kMaxRejectBytes = 64 * 1024;
inline constexpr std::size_t kMaxRecordBytes = 1024 * 1024;

const char* rejectReasonKey(RejectReason reason);   // stable key: "invalid_json"
const char* rejectReasonTitle(RejectReason reason); // English title, for tr() at the UI edge

} // namespace cadf
