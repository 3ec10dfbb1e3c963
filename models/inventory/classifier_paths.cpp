// The Classifier's static helpers: picking and normalising an event's request path, reading its
// action, and folding unclassified paths into patterns.
#include "models/inventory/classifier.h"

#include "models/inventory/path_segments.h"

#include <array>

namespace cadf::inventory {
namespace {

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}
bool isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
char lowerAscii(char c) {
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

std::string_view trimSpaces(std::string_view s) {
    while (!s.empty() &&
           (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
        s.remove_prefix(1);
    while (!s.empty() &&
           (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

// Length of "scheme://" at the start of s (RFC 3986 scheme characters), 0 if none.
size_t schemeLength(std::string_view s) {
    if (s.empty() || !isAlpha(s[0]))
        return 0;
    size_t i = 1;
    while (i < s.size() &&
           (isAlpha(s[i]) || isDigit(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.'))
        ++i;
    if (s.substr(i, 3) != "://")
        return 0;
    return i + 3;
}

bool isHttpUrl(std::string_view s) {
    const size_t length = schemeLength(s);
    if (length != 7 && length != 8)
        return false;
    const std::string_view scheme = s.substr(0, length - 3);
    auto equalsNoCase = [](std::string_view a, std::string_view b) {
        if (a.size() != b.size())
            return false;
        for (size_t i = 0; i < a.size(); ++i) {
            if (lowerAscii(a[i]) != b[i])
                return false;
        }
        return true;
    };
    return equalsNoCase(scheme, "http") || equalsNoCase(scheme, "https");
}

bool isUuid(std::string_view s) {
    if (s.size() != 36)
        return false;
    for (size_t i = 0; i < s.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !isHex(s[i]))
            return false;
    }
    return true;
}

bool isIpv4(std::string_view s) {
    int dots = 0;
    int run = 0;
    for (char c : s) {
        if (c == '.') {
            if (run == 0)
                return false;
            ++dots;
            run = 0;
        } else if (isDigit(c) && run < 3) {
            ++run;
        } else {
            return false;
        }
    }
    return dots == 3 && run > 0;
}

// A segment that names one object rather than a kind of resource.
bool isIdLike(std::string_view s) {
    if (s.empty())
        return false;
    int digits = 0;
    int hex = 0;
    bool at = false;
    bool dotAfterAt = false;
    for (char c : s) {
        digits += isDigit(c);
        hex += isHex(c);
        if (c == '@')
            at = true;
        else if (c == '.' && at)
            dotAfterAt = true;
    }
    const int n = int(s.size());
    if (digits == n)
        return true; // 42, 1697640000
    if (isUuid(s) || isIpv4(s))
        return true;
    if (at && dotAfterAt && s.front() != '@')
        return true; // jane@example.com
    if (hex == n && n >= 8 && (digits > 0 || n >= 16))
        return true; // sha1, md5, object ids
    // Generated names and tokens: cd766d47x, INC0012345, 2023-10-18, base64 blobs.
    return (n >= 8 && digits >= 3) || (n >= 20 && digits >= 1);
}

} // namespace

std::string_view Classifier::pickPath(std::string_view targetId, std::string_view requestPath,
                                      std::string_view targetTypeUri, std::string_view targetName) {
    const std::array<std::string_view, 4> candidates = {
        trimSpaces(targetId), trimSpaces(requestPath), trimSpaces(targetTypeUri),
        trimSpaces(targetName)};
    // A bare path anywhere beats a URL: a typeURI such as
    // http://schemas.dmtf.org/cloud/audit/1.0/... is a taxonomy term, not a request.
    for (std::string_view candidate : candidates) {
        if (!candidate.empty() && candidate.front() == '/')
            return candidate;
    }
    for (std::string_view candidate : candidates) {
        if (isHttpUrl(candidate))
            return candidate;
    }
    return {};
}

std::string_view Classifier::normalisePath(std::string_view path) {
    path = trimSpaces(path);
    if (const size_t scheme = schemeLength(path); scheme > 0) {
        const size_t slash = path.find('/', scheme);
        const size_t query = path.find_first_of("?#", scheme);
        if (slash == std::string_view::npos || (query != std::string_view::npos && query < slash))
            return "/";
        path.remove_prefix(slash);
    }
    if (const size_t cut = path.find_first_of("?#"); cut != std::string_view::npos)
        path = path.substr(0, cut);
    while (path.size() > 1 && path.back() == '/')
        path.remove_suffix(1);
    return path;
}

std::string_view Classifier::extractPath(std::string_view targetId, std::string_view requestPath,
                                         std::string_view targetTypeUri,
                                         std::string_view targetName) {
    return normalisePath(pickPath(targetId, requestPath, targetTypeUri, targetName));
}

std::string Classifier::unclassifiedPattern(std::string_view path) {
    const std::string_view normal = normalisePath(path);
    std::string pattern;
    pattern.reserve(normal.size());
    size_t i = 0;
    while (i < normal.size()) {
        while (i < normal.size() && normal[i] == '/')
            ++i;
        if (i >= normal.size())
            break;
        const size_t begin = i;
        while (i < normal.size() && normal[i] != '/')
            ++i;
        const std::string_view segment = normal.substr(begin, i - begin);
        pattern += '/';
        if (isIdLike(segment))
            pattern += "{id}";
        else
            pattern += segment;
    }
    return pattern.empty() ? std::string("/") : pattern;
}

std::uint8_t Classifier::actionBits(std::string_view action) {
    action = trimSpaces(action);
    if (const size_t slash = action.find('/'); slash != std::string_view::npos)
        action = action.substr(0, slash);
    if (action.size() > 8)
        return 0;
    std::array<char, 8> buffer{};
    for (size_t i = 0; i < action.size(); ++i)
        buffer[i] = lowerAscii(action[i]);
    const std::string_view word(buffer.data(), action.size());
    if (word == "read" || word == "get" || word == "head" || word == "list")
        return Read;
    if (word == "create" || word == "post")
        return Create;
    if (word == "update" || word == "put" || word == "patch" || word == "udpate")
        return Update;
    if (word == "delete")
        return Delete;
    if (word == "restore")
        return Restore;
    return 0;
}

} // namespace cadf::inventory
