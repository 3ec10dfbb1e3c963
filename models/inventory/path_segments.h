#pragma once

#include <string_view>

// Helpers shared by the classifier's files. Header-only and inline: they sit on the per-event
// path, where a call into another translation unit would cost more than the work.
namespace cadf::inventory::detail {

// Splits `path` at '/' into at most `capacity` non-empty segments (views into `path`).
// Returns the number of segments, or -1 when there are more than `capacity`.
inline int splitSegments(std::string_view path, std::string_view* out, int capacity) {
    int count = 0;
    size_t i = 0;
    const size_t n = path.size();
    while (i < n) {
        while (i < n && path[i] == '/')
            ++i;
        if (i >= n)
            break;
        const size_t begin = i;
        while (i < n && path[i] != '/')
            ++i;
        if (count == capacity)
            return -1;
        out[count++] = path.substr(begin, i - begin);
    }
    return count;
}

enum class SegmentKind { Literal, Param, Multi };

// Placeholders of every style the seed uses: `{id}`, `{int:case_id}`, `{string:response_id}`,
// `${iscAccountId}`, `:id` (one segment each), and `{path:path}` (one or more segments).
inline SegmentKind templateSegmentKind(std::string_view segment) {
    if (segment.size() >= 2 && segment.front() == '{' && segment.back() == '}')
        return segment.substr(0, 6) == "{path:" ? SegmentKind::Multi : SegmentKind::Param;
    if (segment.size() >= 3 && segment.substr(0, 2) == "${" && segment.back() == '}')
        return SegmentKind::Param;
    if (segment.size() >= 2 && segment.front() == ':')
        return SegmentKind::Param;
    return SegmentKind::Literal;
}

// Segments every deployment shares ("api", "app", "v1", "v2.0"): matching them says little
// about which service a path belongs to, so suffix matching does not count them as evidence.
inline bool isGenericSegment(std::string_view segment) {
    if (segment == "api" || segment == "app" || segment == "rest")
        return true;
    if (segment.size() >= 2 && (segment[0] == 'v' || segment[0] == 'V')) {
        for (size_t i = 1; i < segment.size(); ++i) {
            const char c = segment[i];
            if (!(c >= '0' && c <= '9') && c != '.')
                return false;
        }
        return segment[1] >= '0' && segment[1] <= '9';
    }
    return false;
}

} // namespace cadf::inventory::detail
