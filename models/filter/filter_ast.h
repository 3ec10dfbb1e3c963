#pragma once

#include "models/filter/filter.h"

#include <QString>
#include <QStringList>
#include <QStringView>

#include <cstdint>
#include <optional>
#include <vector>

// The parsed form of a filter, between the parser and the SQL generator. Public to the tests so
// that an independent in-memory evaluator can check the generated SQL against the same tree.
namespace cadf::filter {

enum class Field : std::uint8_t {
    Time,
    Service,
    Category,
    Endpoint,
    Action,
    Outcome,
    Code,
    Severity,
    Type,
    Initiator, // id or name
    InitiatorId,
    InitiatorName,
    InitiatorType,
    Address, // initiator host address
    Agent,   // initiator host agent
    Credential,
    Target, // id or name
    TargetId,
    TargetName,
    TargetType,
    Observer, // id or name
    Host,     // syslog header hostname
    App,      // syslog header app name
    Source,   // imported file path (or its file name) or listener address
    Id,       // the CADF event id
};

const char* fieldName(Field field);
std::optional<Field> fieldFromName(QStringView name); // case-insensitive

// A value with its wildcards: the literal pieces between the '*'s. {"alice"} is the plain value
// alice, {"a", "b"} is a*b, {"", ""} is *, {""} is the empty value "".
struct Pattern {
    QStringList parts;
    bool isWildcard() const { return parts.size() > 1; }
    bool isEmptyLiteral() const { return parts.size() == 1 && parts.front().isEmpty(); }
    // Only stars: matches any non-empty text.
    bool isAnyText() const;
};

// Case-insensitive (ASCII, as SQLite's NOCASE and LIKE) match of the whole text. A wildcard
// pattern never matches the empty text: `field:*` means "has a value".
bool patternMatches(const Pattern& pattern, QStringView text);
// SQL LIKE pattern with '\' as the escape character ("a*b%" -> "a%b\%").
std::string likePattern(const Pattern& pattern);

enum class TermKind : std::uint8_t {
    Text,     // the field's text(s) match `pattern` (see the README for which texts)
    Range,    // code or time in [lo, hi); a missing bound is open
    Cidr,     // address in the network `cidr` (canonical "10.0.0.0/8", "2001:db8::/32")
    Outcomes, // folded outcome (cadf::Outcome) in `ids`
    Ids,      // service or endpoint id in `ids` (service, category, endpoint; 0 = none)
    Search,   // bare word or phrase: substring of any text field or of the raw record
};

struct Term {
    TermKind kind = TermKind::Text;
    Field field = Field::Initiator; // unused for Search
    Pattern pattern;                // Text, Search
    std::optional<std::int64_t> lo; // Range
    std::optional<std::int64_t> hi;
    QString cidr;          // Cidr
    std::vector<int> ids;  // Outcomes, Ids (sorted, unique)
    bool searchRaw = true; // Search: also the raw record text
};

struct Node {
    enum class Kind : std::uint8_t { And, Or, Not, Term };
    Kind kind = Kind::Term;
    std::vector<Node> children; // And, Or: two or more; Not: one
    Term term;
    int position = 0; // source span, for messages
    int length = 0;
};

struct ParseResult {
    bool ok = false;
    std::optional<Node> root; // none for a blank text (every event)
    FilterError error;
    QList<FilterTerm> terms;
};

ParseResult parse(const QString& text, const CompileOptions& options);

// Shared by the parser and termFor: edit distance for "did you mean" suggestions.
int editDistance(QStringView a, QStringView b);
// The closest candidate to `word` (case-insensitive), or empty when none is close enough.
QString closestMatch(QStringView word, const QStringList& candidates);

// "now" for relative times when options.nowUs is 0.
std::int64_t currentTimeUs();

} // namespace cadf::filter
