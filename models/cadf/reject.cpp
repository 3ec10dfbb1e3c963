#include "models/cadf/reject.h"

// QT_TRANSLATE_NOOP marks the titles for lupdate; the UI translates them in context "RejectReason".
#include <QtGlobal>

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
        return QT_TRANSLATE_NOOP("RejectReason", "Empty line");
    case RejectReason::BinaryData:
        return QT_TRANSLATE_NOOP("RejectReason", "Binary data");
    case RejectReason::InvalidUtf8:
        return QT_TRANSLATE_NOOP("RejectReason", "Invalid UTF-8");
    case RejectReason::LineTooLong:
        return QT_TRANSLATE_NOOP("RejectReason", "Line too long");
    case RejectReason::TruncatedJson:
        return QT_TRANSLATE_NOOP("RejectReason", "Truncated JSON");
    case RejectReason::InvalidJson:
        return QT_TRANSLATE_NOOP("RejectReason", "Invalid JSON");
    case RejectReason::NestedTooDeep:
        return QT_TRANSLATE_NOOP("RejectReason", "JSON nested too deeply");
    case RejectReason::NoJson:
        return QT_TRANSLATE_NOOP("RejectReason", "No JSON in the line");
    case RejectReason::NotCadf:
        return QT_TRANSLATE_NOOP("RejectReason", "Not a CADF event");
    case RejectReason::StreamError:
        return QT_TRANSLATE_NOOP("RejectReason", "Damaged input stream");
    case RejectReason::IncompleteFrame:
        return QT_TRANSLATE_NOOP("RejectReason", "Incomplete frame");
    }
    return QT_TRANSLATE_NOOP("RejectReason", "Unknown");
}

} // namespace cadf
