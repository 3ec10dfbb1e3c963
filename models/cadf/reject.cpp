#include "models/cadf/reject.h"

namespace cadf {

const char* rejectReasonKey(RejectReason reason) {
    switch (reason) {
    case RejectReason::EmptyLine:
        return "empty_line";
    case RejectReason::BinaryData:
        return "binary_data";
    case RejectReason::InvalidUtf8:
        return "invalid_utf8";
    case RejectReason::LineTooLong:
        return "line_too_long";
    case RejectReason::TruncatedJson:
        return "truncated_json";
    case RejectReason::InvalidJson:
        return "invalid_json";
    case RejectReason::NestedTooDeep:
        return "nested_too_deep";
    case RejectReason::NoJson:
        return "no_json";
    case RejectReason::NotCadf:
        return "not_cadf";
    case RejectReason::StreamError:
        return "stream_error";
    case RejectReason::IncompleteFrame:
        return "incomplete_frame";
    }
    return "unknown";
}

const char* rejectReasonTitle(RejectReason reason) {
    switch (reason) {
    case RejectReason::EmptyLine:
        return "Empty line";
    case RejectReason::BinaryData:
        return "Binary data";
    case RejectReason::InvalidUtf8:
        return "Invalid UTF-8";
    case RejectReason::LineTooLong:
        return "Line too long";
    case RejectReason::TruncatedJson:
        return "Truncated JSON";
    case RejectReason::InvalidJson:
        return "Invalid JSON";
    case RejectReason::NestedTooDeep:
        return "JSON nested too deeply";
    case RejectReason::NoJson:
        return "No JSON in the line";
    case RejectReason::NotCadf:
        return "Not a CADF event";
    case RejectReason::StreamError:
        return "Damaged input stream";
    case RejectReason::IncompleteFrame:
        return "Incomplete frame";
    }
    return "Unknown";
}

} // namespace cadf
