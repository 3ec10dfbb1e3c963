#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tools/loggen/log_text.h"
#include "tools/loggen/url_templates.h"

// A seeded generator of QRadar Suite (CP4S) audit logs: CADF events as fluentd forwards them over
// syslog, with the users, service ids, addresses, agents, reason codes and timestamp spellings of
// a real deployment, plus an optional share of damaged and repeated lines. Each line comes with
// its GeneratedTruth so tests can compute exact expected counts without parsing.
namespace cadf::loggen {

enum class Format : std::uint8_t { Rfc5424, Rfc3164, Jsonl };

enum class Damage : std::uint8_t {
    None = 0,
    TruncatedJson,     // an event line cut inside its JSON
    InvalidUtf8,       // an event line with bytes that are not UTF-8 inside a string value
    EmptyLine,         // nothing at all
    BinaryGarbage,     // random bytes with NULs (never LF)
    SyslogWithoutJson, // a syslog header followed by plain text
    NotCadf,           // valid JSON that is no CADF event
    BadSyntax,         // a complete event line with a syntax error in the middle
};
inline constexpr int kDamageKinds = 7;
const char* damageName(Damage damage);

// Who is behind an event: ordinary traffic, a password guesser (mostly 401), a prober (403s).
enum class Actor : std::uint8_t { Normal, BruteForce, Probe };

// 2023-10-18T14:00:00Z, the day of the project's sample line.
inline constexpr std::int64_t kDefaultStartUtcMicros = 1697637600LL * 1000000;

struct GeneratorOptions {
    std::uint64_t seed = 1;
    std::int64_t count = 1000; // lines, damaged and duplicate ones included
    double damageRate = 0;     // share of damaged lines, spread evenly over the kinds
    std::int64_t startUtcMicros = kDefaultStartUtcMicros;
    double eventsPerSecond = 20; // mean rate; gaps are exponential
    Format format = Format::Rfc5424;
    double duplicateRate = 0; // share of lines that repeat an earlier event line byte for byte
};

// What a line is meant to be. For damaged lines made from an event (truncated, invalid UTF-8,
// bad syntax) the event fields describe that event; for the other damage kinds they are empty.
struct GeneratedTruth {
    std::int64_t index = 0; // 0-based line number in the output
    Damage damage = Damage::None;
    bool duplicate = false; // an exact repeat of line duplicateOf
    std::int64_t duplicateOf = -1;

    int templateIndex = -1; // into the URL template list given to the generator
    int rowId = 0;
    std::string service;
    std::string urlTemplate;
    std::string urlPrefix; // deployment prefix put before the template path, or empty
    std::string query;     // "?limit=25..." or empty
    std::string targetId;  // prefix + concrete path + query
    std::string targetName;
    std::string action;  // upper case: READ, CREATE, ...
    std::string outcome; // SUCCESS or FAILURE
    std::string severity;
    int reasonCode = 0;
    std::string initiatorId;
    std::string initiatorName;
    std::string initiatorTypeUri;
    std::string address;
    std::string agent;
    Actor actor = Actor::Normal;
    std::string eventTime;        // the eventTime text
    std::int64_t eventTimeUs = 0; // the instant that text names (QRadar form read as HH:MM.SS)
    TimeForm timeForm = TimeForm::QRadar;
    std::int64_t headerTimeUs = 0; // syslog header time (none in Jsonl)

    // A line the importer should turn into an event (a duplicate one included).
    bool isEvent() const { return damage == Damage::None; }
};

class LogGenerator {
public:
    LogGenerator(GeneratorOptions options, const std::vector<UrlTemplate>& urls);
    ~LogGenerator();
    LogGenerator(const LogGenerator&) = delete;
    LogGenerator& operator=(const LogGenerator&) = delete;

    // The next line, without its LF. False once options.count lines have been produced.
    bool next(std::string& line, GeneratedTruth& truth);
    std::int64_t produced() const;
    const std::vector<UrlTemplate>& templates() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace cadf::loggen
