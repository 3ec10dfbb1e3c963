#include "tools/loggen/url_pattern.h"

#include <array>

#include "tools/loggen/log_text.h"

namespace cadf::loggen {

namespace {

constexpr std::array kWords{"phishing",  "triage",  "malware",  "default",    "overview", "network",
                            "endpoint",  "cloud",   "identity", "weekly",     "critical", "assets",
                            "firewall",  "email",   "insider",  "ransomware", "vpn",      "dns",
                            "analytics", "reports", "threats",  "incidents",  "users",    "qradar"};

Part placeholderPart(std::string_view rawName, std::uint64_t seed) {
    Part p;
    p.placeholder = true;
    std::string name = lower(rawName);
    bool intHint = false;
    if (auto colon = name.find(':'); colon != std::string::npos) {
        intHint = name.compare(0, colon, "int") == 0;
        name.erase(0, colon + 1);
    }
    p.seed = splitmix(seed ^ fnv1a(name));
    const bool isId = name.find("id") != std::string::npos || name == "uuid";
    if (name.find("ip_addr") != std::string::npos) {
        p.kind = ValueKind::Ipv4;
        p.pool = 500;
    } else if (name == "org_id") {
        p.kind = ValueKind::SmallInt;
        p.pool = 3;
    } else if (name.find("tenant") != std::string::npos ||
               name.find("account") != std::string::npos) {
        p.kind = ValueKind::Uuid;
        p.pool = 4;
    } else if (intHint || name == "page" || name == "inc_id" || name == "row_id" ||
               name == "table_id") {
        p.kind = ValueKind::Int;
        p.pool = 5000;
    } else if (name.find("uuid") != std::string::npos) {
        p.kind = ValueKind::Uuid;
        p.pool = 2000;
    } else if (isId) {
        const std::uint64_t h = fnv1a(name) % 10;
        p.kind = h < 5 ? ValueKind::Uuid : (h < 8 ? ValueKind::Int : ValueKind::Hex24);
        p.pool = 2000;
    } else {
        p.kind = ValueKind::Word;
        p.pool = static_cast<std::uint32_t>(kWords.size());
    }
    return p;
}

} // namespace

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    return out;
}

std::string appFor(const std::string& service) {
    if (lower(service) == "edge gateway")
        return "isc-app-manager"; // the pod of the project's sample line
    std::string slug = "isc-";
    for (char c : lower(service)) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (alnum)
            slug += c;
        else if (slug.back() != '-')
            slug += '-';
    }
    while (slug.back() == '-')
        slug.pop_back();
    return slug;
}

std::vector<Part> compileUrl(const std::string& url, std::uint64_t seed) {
    std::vector<Part> parts;
    std::string literal;
    auto flush = [&] {
        if (!literal.empty()) {
            Part p;
            p.literal = std::move(literal);
            parts.push_back(std::move(p));
            literal.clear();
        }
    };
    for (std::size_t i = 0; i < url.size();) {
        const char c = url[i];
        const char close = c == '{' ? '}' : (c == '<' ? '>' : 0);
        if (close) {
            const std::size_t end = url.find(close, i + 1);
            if (end != std::string::npos) {
                if (!literal.empty() && literal.back() == '\\')
                    literal.pop_back();
                flush();
                parts.push_back(
                    placeholderPart(std::string_view(url).substr(i + 1, end - i - 1), seed));
                i = end + 1;
                continue;
            }
        }
        if (c == ':' && i > 0 && url[i - 1] == '/') {
            std::size_t end = url.find('/', i);
            if (end == std::string::npos)
                end = url.size();
            flush();
            parts.push_back(
                placeholderPart(std::string_view(url).substr(i + 1, end - i - 1), seed));
            i = end;
            continue;
        }
        literal += c;
        ++i;
    }
    flush();
    return parts;
}

void appendPlaceholderValue(std::string& s, const Part& p, std::uint64_t v) {
    switch (p.kind) {
    case ValueKind::Uuid:
        appendUuid(s, v, splitmix(v));
        break;
    case ValueKind::Int:
        appendInt(s, static_cast<std::int64_t>(1 + v % 99999));
        break;
    case ValueKind::SmallInt:
        appendInt(s, static_cast<std::int64_t>(201 + (v % 3)));
        break;
    case ValueKind::Hex24:
        appendHex(s, v, 16);
        appendHex(s, splitmix(v), 8);
        break;
    case ValueKind::Word:
        s += kWords[v % kWords.size()];
        break;
    case ValueKind::Ipv4:
        appendInt(s, static_cast<std::int64_t>(10 + v % 200));
        for (int k = 1; k < 4; ++k) {
            s += '.';
            appendInt(s, static_cast<std::int64_t>(1 + (v >> (8 * k)) % 254));
        }
        break;
    }
}

} // namespace cadf::loggen
