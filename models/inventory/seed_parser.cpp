#include "models/inventory/seed_parser.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

namespace cadf::inventory {
namespace {

// The six headings of the seed. A heading not in this list is still accepted when it stands
// where headings stand (blank line before, a table after), with a warning.
constexpr std::array<std::string_view, 6> kKnownCategories = {
    "Login, Logout, Session, Authentication, and Authorisation",
    "Dashboards",
    "Data Sources, Connections and Searches",
    "Case Management, SOAR and Investigations",
    "Detection and Response Center",
    "Threat Intelligent Insights",
};

// Verbs the seed writes in front of a URL inside the URL cell ("Get /system/health/all").
constexpr std::array<std::string_view, 6> kHttpVerbs = {"get",   "post",   "put",
                                                        "patch", "delete", "head"};

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v';
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && isSpace(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back()))
        s.remove_suffix(1);
    return s;
}

char lowerAscii(char c) {
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

bool equalsNoCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (lowerAscii(a[i]) != lowerAscii(b[i]))
            return false;
    }
    return true;
}

bool startsWith(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

bool isHttpVerb(std::string_view word) {
    return std::any_of(kHttpVerbs.begin(), kHttpVerbs.end(),
                       [&](std::string_view v) { return equalsNoCase(v, word); });
}

std::string lineTag(int lineNo) {
    return "line " + std::to_string(lineNo) + ": ";
}

struct Token {
    size_t begin = 0;
    size_t end = 0;
};

std::vector<Token> tokenize(std::string_view text) {
    std::vector<Token> tokens;
    size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && isSpace(text[i]))
            ++i;
        if (i >= text.size())
            break;
        const size_t begin = i;
        while (i < text.size() && !isSpace(text[i]))
            ++i;
        tokens.push_back({begin, i});
    }
    return tokens;
}

// A URL in the seed's URL cell: starts with a slash, or has the shape `api/apikey/create`
// (two slashes at least), which keeps words such as "Enable/disable" or "QRadar/QROC" in the
// description where they belong.
bool looksLikeUrl(std::string_view token) {
    while (!token.empty() && (token.back() == ',' || token.back() == '.'))
        token.remove_suffix(1);
    if (token.empty())
        return false;
    if (token.front() == '/')
        return true;
    return std::count(token.begin(), token.end(), '/') >= 2;
}

// Normalises one URL item of the cell; appends a warning per change made.
std::string normaliseUrl(std::string_view item, int lineNo, std::vector<std::string>& warnings) {
    std::string_view s = trim(item);
    // A verb inside the cell: "Get /system/health/all".
    const size_t space = s.find(' ');
    if (space != std::string_view::npos && isHttpVerb(s.substr(0, space))) {
        warnings.push_back(lineTag(lineNo) + "verb '" + std::string(s.substr(0, space)) +
                           "' removed from URL '" + std::string(s) + "'");
        s = trim(s.substr(space + 1));
    }
    if (!s.empty() && s.back() == '.') {
        warnings.push_back(lineTag(lineNo) + "trailing '.' removed from URL '" + std::string(s) +
                           "'");
        while (!s.empty() && s.back() == '.')
            s.remove_suffix(1);
    }

    std::string url;
    url.reserve(s.size() + 2);
    bool unescaped = false;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == '{' || s[i + 1] == '}')) {
            unescaped = true;
            continue;
        }
        url.push_back(s[i]);
    }
    if (unescaped)
        warnings.push_back(lineTag(lineNo) + "escaped brace unescaped in URL '" + std::string(s) +
                           "'");

    if (url.empty() || url.front() != '/') {
        warnings.push_back(lineTag(lineNo) + "leading slash added to URL '" + url + "'");
        url.insert(url.begin(), '/');
    }

    // A placeholder glued to a literal, `/api/atk/v1{task}/...`: the missing slash is restored,
    // as the sibling template `/api/atk/v1/{task}/{configid}` shows it should be.
    std::string fixed;
    fixed.reserve(url.size() + 4);
    bool split = false;
    for (size_t i = 0; i < url.size(); ++i) {
        const char c = url[i];
        if (c == '{' && i > 0 && url[i - 1] != '/' && url[i - 1] != '$') {
            fixed.push_back('/');
            split = true;
        }
        fixed.push_back(c);
    }
    if (split)
        warnings.push_back(lineTag(lineNo) + "slash inserted before placeholder in URL '" + url +
                           "' -> '" + fixed + "'");
    url = std::move(fixed);

    std::string collapsed;
    collapsed.reserve(url.size());
    for (char c : url) {
        if (c == '/' && !collapsed.empty() && collapsed.back() == '/')
            continue;
        collapsed.push_back(c);
    }
    if (collapsed.size() != url.size())
        warnings.push_back(lineTag(lineNo) + "repeated slashes collapsed in URL '" + url + "'");
    url = std::move(collapsed);

    if (url.size() > 1 && url.back() == '/') {
        warnings.push_back(lineTag(lineNo) + "trailing slash removed from URL '" + url + "'");
        while (url.size() > 1 && url.back() == '/')
            url.pop_back();
    }
    return url;
}

struct TableLine {
    int number = 0;
    std::string service;
    bool hasServiceLabel = false;
};

std::optional<TableLine> parseTableLine(std::string_view line) {
    if (!startsWith(line, "Table "))
        return std::nullopt;
    std::string_view rest = line.substr(6);
    size_t digits = 0;
    while (digits < rest.size() && std::isdigit(static_cast<unsigned char>(rest[digits])))
        ++digits;
    if (digits == 0 || digits > 6 || digits >= rest.size() || rest[digits] != '.')
        return std::nullopt;
    TableLine table;
    table.number = std::stoi(std::string(rest.substr(0, digits)));
    rest = trim(rest.substr(digits + 1));
    constexpr std::string_view kLabel = "Service name:";
    if (startsWith(rest, kLabel)) {
        table.hasServiceLabel = true;
        rest = trim(rest.substr(kLabel.size()));
    }
    table.service = std::string(rest);
    return table;
}

bool isHeaderLine(std::string_view line) {
    const std::vector<Token> tokens = tokenize(line);
    if (tokens.size() != 3)
        return false;
    return equalsNoCase(line.substr(tokens[0].begin, tokens[0].end - tokens[0].begin), "Action") &&
           equalsNoCase(line.substr(tokens[1].begin, tokens[1].end - tokens[1].begin),
                        "Description") &&
           equalsNoCase(line.substr(tokens[2].begin, tokens[2].end - tokens[2].begin), "URL");
}

class Parser {
public:
    explicit Parser(std::string_view text) { splitLines(text); }

    SeedParseResult run() {
        for (size_t i = 0; i < m_lines.size(); ++i)
            handleLine(i);
        flushPending();
        if (m_result.rows.empty())
            m_result.warnings.push_back("no table rows found");
        return std::move(m_result);
    }

private:
    void splitLines(std::string_view text) {
        if (startsWith(text, "\xEF\xBB\xBF"))
            text.remove_prefix(3);
        size_t pos = 0;
        while (pos <= text.size()) {
            size_t nl = text.find('\n', pos);
            if (nl == std::string_view::npos)
                nl = text.size();
            m_lines.push_back(trim(text.substr(pos, nl - pos)));
            pos = nl + 1;
        }
    }

    bool nextNonBlankIsTable(size_t i) const {
        for (size_t j = i + 1; j < m_lines.size(); ++j) {
            if (!m_lines[j].empty())
                return startsWith(m_lines[j], "Table ");
        }
        return false;
    }

    bool isHeading(size_t i) const {
        const std::string_view line = m_lines[i];
        if (std::find(kKnownCategories.begin(), kKnownCategories.end(), line) !=
            kKnownCategories.end())
            return true;
        // An unknown heading: a short line standing alone between a blank line and a table.
        const bool blankBefore = i == 0 || m_lines[i - 1].empty();
        return blankBefore && line.size() < 120 && !startsWith(line, "Table ") &&
               nextNonBlankIsTable(i);
    }

    void handleLine(size_t i) {
        const std::string_view line = m_lines[i];
        const int lineNo = int(i) + 1;
        if (line.empty()) {
            flushPending();
            return;
        }
        if (auto table = parseTableLine(line)) {
            flushPending();
            startTable(*table, lineNo);
            return;
        }
        if (isHeading(i)) {
            flushPending();
            startCategory(line, lineNo);
            return;
        }
        if (!m_inTable)
            return; // prose around the tables
        if (isHeaderLine(line)) {
            flushPending();
            if (m_sawHeader)
                m_result.warnings.push_back(lineTag(lineNo) + "repeated header line skipped");
            m_sawHeader = true;
            return;
        }
        if (!m_sawHeader) {
            m_result.warnings.push_back(lineTag(lineNo) + "row before the table's header line");
            m_sawHeader = true;
        }
        // A row whose URL cell has not been seen yet continues on this line (a wrapped cell);
        // otherwise the line is a row of its own.
        if (!m_pending.empty() && !endsWithUrl(m_pending)) {
            m_result.warnings.push_back(lineTag(lineNo) + "wrapped row joined to line " +
                                        std::to_string(m_pendingLine));
            m_pending += ' ';
            m_pending += line;
            return;
        }
        flushPending();
        m_pending = std::string(line);
        m_pendingLine = lineNo;
    }

    static bool endsWithUrl(std::string_view text) {
        const size_t space = text.find_last_of(" \t");
        const std::string_view last =
            space == std::string_view::npos ? text : text.substr(space + 1);
        return looksLikeUrl(last);
    }

    void startCategory(std::string_view line, int lineNo) {
        if (std::find(kKnownCategories.begin(), kKnownCategories.end(), line) ==
            kKnownCategories.end())
            m_result.warnings.push_back(lineTag(lineNo) + "unknown category heading '" +
                                        std::string(line) + "'");
        const std::string name(line);
        auto it = std::find(m_result.categories.begin(), m_result.categories.end(), name);
        if (it == m_result.categories.end()) {
            m_result.categories.push_back(name);
            m_categoryId = int(m_result.categories.size());
        } else {
            m_result.warnings.push_back(lineTag(lineNo) + "category heading repeated");
            m_categoryId = int(it - m_result.categories.begin()) + 1;
        }
        m_category = name;
        m_inTable = false;
    }

    void startTable(const TableLine& table, int lineNo) {
        if (!table.hasServiceLabel)
            m_result.warnings.push_back(lineTag(lineNo) + "table without 'Service name:'");
        if (m_categoryId == 0)
            m_result.warnings.push_back(lineTag(lineNo) + "table before any category heading");
        if (table.number != m_table + 1)
            m_result.warnings.push_back(lineTag(lineNo) + "table number " +
                                        std::to_string(table.number) + " out of sequence");
        m_table = table.number;
        m_service = table.service;
        auto it = std::find_if(m_result.services.begin(), m_result.services.end(),
                               [&](const ServiceInfo& s) { return s.name == m_service; });
        if (it == m_result.services.end()) {
            ServiceInfo info;
            info.name = m_service;
            info.category = m_category;
            info.categoryId = m_categoryId;
            info.serviceId = int(m_result.services.size()) + 1;
            m_result.services.push_back(info);
            m_serviceId = info.serviceId;
        } else {
            m_result.warnings.push_back(lineTag(lineNo) + "service '" + m_service +
                                        "' has a second table");
            m_serviceId = it->serviceId;
        }
        m_inTable = true;
        m_sawHeader = false;
    }

    void flushPending() {
        if (m_pending.empty())
            return;
        parseRow(m_pending, m_pendingLine);
        m_pending.clear();
        m_pendingLine = 0;
    }

    void parseRow(std::string_view text, int lineNo) {
        CatalogueRow row;
        row.id = int(m_result.rows.size()) + 1;
        row.category = m_category;
        row.service = m_service;
        row.categoryId = m_categoryId;
        row.serviceId = m_serviceId;
        row.table = m_table;

        const std::vector<Token> tokens = tokenize(text);
        auto tok = [&](size_t k) {
            return text.substr(tokens[k].begin, tokens[k].end - tokens[k].begin);
        };

        // The action list: known action words separated by ", ". It ends at the first word
        // not followed by a comma, so a description opening with "Create, read, ..." stays a
        // description.
        size_t k = 0;
        while (k < tokens.size()) {
            std::string_view word = tok(k);
            const bool comma = !word.empty() && word.back() == ',';
            if (comma)
                word.remove_suffix(1);
            if (normaliseActionWord(word).empty())
                break;
            ++k;
            if (!comma)
                break;
        }
        const size_t actionEnd = k;
        if (actionEnd == 0)
            m_result.warnings.push_back(lineTag(lineNo) + "row without an action word");
        else
            row.actionsRaw = std::string(trim(text.substr(0, tokens[actionEnd - 1].end)));
        if (!row.actionsRaw.empty() && row.actionsRaw.back() == ',') {
            m_result.warnings.push_back(lineTag(lineNo) + "action list ends with a comma");
            row.actionsRaw.pop_back();
        }
        normaliseActions(row, lineNo);

        // The URL cell, read from the end: URL items separated by ", ", each optionally
        // preceded by an HTTP verb.
        size_t cellStart = tokens.size();
        if (tokens.size() > actionEnd && looksLikeUrl(tok(tokens.size() - 1))) {
            size_t j = tokens.size() - 1; // index of the URL token of the current item
            cellStart = j;
            for (;;) {
                // A verb right before the URL belongs to the item when the cell goes on to the
                // left (", Get /x"), or when it is written in capitals as an HTTP method.
                size_t itemStart = j;
                if (j > actionEnd && isHttpVerb(tok(j - 1))) {
                    const bool capitals = tok(j - 1) == "GET" || tok(j - 1) == "POST" ||
                                          tok(j - 1) == "PUT" || tok(j - 1) == "PATCH" ||
                                          tok(j - 1) == "DELETE" || tok(j - 1) == "HEAD";
                    const bool listed =
                        j - 1 > actionEnd && tok(j - 2).back() == ',' && looksLikeUrl(tok(j - 2));
                    if (capitals || listed)
                        itemStart = j - 1;
                }
                cellStart = itemStart;
                if (itemStart == actionEnd)
                    break;
                const std::string_view before = tok(itemStart - 1);
                if (before.back() != ',' || !looksLikeUrl(before) || itemStart - 1 == actionEnd)
                    break;
                j = itemStart - 1;
            }
        }
        if (cellStart == tokens.size())
            m_result.warnings.push_back(lineTag(lineNo) + "row without a URL");
        if (cellStart == actionEnd && cellStart < tokens.size())
            m_result.warnings.push_back(lineTag(lineNo) + "row without a description");

        if (cellStart < tokens.size()) {
            const std::string_view cell = text.substr(tokens[cellStart].begin);
            row.urlsRaw = std::string(cell);
            size_t pos = 0;
            while (pos <= cell.size()) {
                size_t comma = cell.find(", ", pos);
                if (comma == std::string_view::npos)
                    comma = cell.size();
                const std::string_view item = trim(cell.substr(pos, comma - pos));
                if (!item.empty())
                    row.urls.push_back(normaliseUrl(item, lineNo, m_result.warnings));
                pos = comma + 2;
            }
        }
        const size_t descBegin = actionEnd < tokens.size() ? tokens[actionEnd].begin : text.size();
        const size_t descEnd = cellStart < tokens.size() ? tokens[cellStart].begin : text.size();
        if (descBegin < descEnd)
            row.description = std::string(trim(text.substr(descBegin, descEnd - descBegin)));
        m_result.rows.push_back(std::move(row));
    }

    void normaliseActions(CatalogueRow& row, int lineNo) {
        std::string_view raw = row.actionsRaw;
        size_t pos = 0;
        while (pos < raw.size()) {
            size_t comma = raw.find(',', pos);
            if (comma == std::string_view::npos)
                comma = raw.size();
            const std::string_view word = trim(raw.substr(pos, comma - pos));
            pos = comma + 1;
            const std::string_view normal = normaliseActionWord(word);
            if (normal.empty())
                continue;
            std::string lower;
            for (char c : word)
                lower.push_back(lowerAscii(c));
            if (lower != normal)
                m_result.warnings.push_back(lineTag(lineNo) + "action typo '" + std::string(word) +
                                            "' read as '" + std::string(normal) + "'");
            else if (word != normal)
                m_result.warnings.push_back(lineTag(lineNo) + "action '" + std::string(word) +
                                            "' lower-cased");
            if (std::find(row.actions.begin(), row.actions.end(), normal) != row.actions.end()) {
                m_result.warnings.push_back(lineTag(lineNo) + "duplicate action '" +
                                            std::string(normal) + "' dropped from '" +
                                            row.actionsRaw + "'");
                continue;
            }
            row.actions.emplace_back(normal);
        }
    }

    std::vector<std::string_view> m_lines;
    SeedParseResult m_result;
    std::string m_category;
    int m_categoryId = 0;
    std::string m_service;
    int m_serviceId = 0;
    int m_table = 0;
    bool m_inTable = false;
    bool m_sawHeader = false;
    std::string m_pending;
    int m_pendingLine = 0;
};

} // namespace

std::string_view normaliseActionWord(std::string_view word) {
    // `head` stays `head` in the catalogue (the classifier reads it as read); `restore` is the
    // seed's own word for reverting a rule and is kept.
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kWords = {{
        {"read", "read"},
        {"create", "create"},
        {"update", "update"},
        {"delete", "delete"},
        {"udpate", "update"},
        {"restore", "restore"},
        {"head", "head"},
    }};
    for (const auto& [spelling, normal] : kWords) {
        if (equalsNoCase(spelling, word))
            return normal;
    }
    return {};
}

SeedParseResult parseSeed(std::string_view seedText) {
    return Parser(seedText).run();
}

} // namespace cadf::inventory
