#include "tools/loggen/log_generator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <random>

#include "tools/loggen/url_pattern.h"

namespace cadf::loggen {

namespace {

constexpr std::array kFirstNames{"jane",  "john",   "maria", "li",    "ahmed",  "olga",  "pierre",
                                 "sofia", "kenji",  "anna",  "david", "fatima", "lukas", "chen",
                                 "emma",  "carlos", "priya", "tom",   "nina",   "omar",  "ingrid",
                                 "raj",   "lucia",  "mark",  "yuki",  "sara",   "peter", "amara",
                                 "felix", "hana",   "ivan",  "zoe"};
constexpr std::array kLastNames{
    "doe",    "smith",    "garcia",  "wang",   "hassan",  "ivanova", "martin",    "rossi",
    "tanaka", "kowalski", "brown",   "khan",   "mueller", "zhang",   "johnson",   "silva",
    "patel",  "nguyen",   "schmidt", "ali",    "larsen",  "singh",   "fernandez", "lee",
    "sato",   "cohen",    "novak",   "okafor", "weber",   "kim",     "petrov",    "walker"};
constexpr std::array kServiceIds{"SERVICE.edgegateway.controller-manager",
                                 "SERVICE.soar.orchestrator",
                                 "SERVICE.udi.query-runner",
                                 "SERVICE.car.connector-sync",
                                 "SERVICE.drc.rule-sync",
                                 "SERVICE.tii.feed-updater",
                                 "SERVICE.pulse.refresher",
                                 "SERVICE.atk.hunt-scheduler",
                                 "SERVICE.notifications.dispatcher",
                                 "SERVICE.entitlements.reconciler",
                                 "SERVICE.clx.session-keeper",
                                 "SERVICE.investigator.auto-runner"};
constexpr std::array kBrowsers{
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/118.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.0 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/118.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/118.0.0.0 Safari/537.36 Edg/118.0.2088.46"};
constexpr std::array kClients{"Apache-HttpClient/4.5.13 (Java/11.0.20)", "python-requests/2.31.0",
                              "Go-http-client/1.1", "okhttp/4.9.3", "curl/8.4.0"};
constexpr std::array kPrefixes{"/cp4s", "/console/cp4s", "/isc-gateway"};
constexpr std::array kQueries{"?limit=25&offset=50", "?page=3", "?sort=-created&limit=100",
                              "?filter=status%3Dactive", "?limit=50"};
constexpr std::array kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array kPlainMessages{
    "fluentd worker 0 finished flushing buffer",
    "audit forwarder: connection to siem.acme.example:6514 re-established",
    "[warn]: #0 failed to flush the buffer. retry_time=3 next_retry_seconds=2",
    "audit-logs-cp4s: 1532 events forwarded in the last 60 seconds"};
constexpr const char* kHeaderHost = " audit-logs-cp4s fluentd";

struct Compiled {
    std::vector<Part> parts;
    std::vector<std::string> actions; // upper case
    std::string app;                  // pod / app name
    bool authLike = false;
};

struct Identity {
    std::string id;
    std::string name;
    const char* typeUri = "service/security/account/user";
    const char* agent = "";
    std::array<int, 2> addresses{};
    int addressCount = 1;
};

struct Attacker {
    std::string address;
    const char* agent = "";
    std::vector<int> victims; // identities the guesser tries (brute force) or the one it uses
};

} // namespace

const char* damageName(Damage damage) {
    switch (damage) {
    case Damage::None:
        return "none";
    case Damage::TruncatedJson:
        return "truncated_json";
    case Damage::InvalidUtf8:
        return "invalid_utf8";
    case Damage::EmptyLine:
        return "empty_line";
    case Damage::BinaryGarbage:
        return "binary_garbage";
    case Damage::SyslogWithoutJson:
        return "syslog_without_json";
    case Damage::NotCadf:
        return "not_cadf";
    case Damage::BadSyntax:
        return "bad_syntax";
    }
    return "none";
}

struct LogGenerator::Impl {
    GeneratorOptions opt;
    std::vector<UrlTemplate> templates;
    std::vector<Compiled> compiled;
    std::vector<double> templateCdf;
    std::vector<int> authTemplates;
    std::vector<std::string> addresses;
    std::vector<Identity> identities;
    std::vector<double> identityCdf;
    std::vector<Attacker> bruteForcers;
    std::vector<Attacker> probers;
    std::mt19937_64 rng;
    std::int64_t produced = 0;
    std::int64_t clockUs = 0;
    // An attack burst: its events interleave with normal traffic for a while.
    std::int64_t burstLeft = 0;
    Actor burstActor = Actor::Normal;
    int burstProfile = 0;
    // Recent events, for exact repeats.
    struct Kept {
        std::string line;
        GeneratedTruth truth;
    };
    std::vector<Kept> ring;
    std::size_t ringNext = 0;
    // JSON texts handed out so far (their hashes): no two distinct events may be equal, or the
    // importer would rightly count one as a duplicate and the truth would be wrong.
    std::vector<std::uint64_t> seen;
    std::size_t seenCount = 0;
    std::string json;

    // Every draw goes through these helpers rather than the std::*_distribution classes, whose
    // output differs between standard libraries: a seed names the same log everywhere.
    std::uint64_t u64() { return rng(); }
    double uniform() { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }
    std::uint32_t below(std::uint64_t n) {
        return static_cast<std::uint32_t>(rng() % n); // n is small: the bias is below 2^-40
    }
    static int pick(const std::vector<double>& cdf, double u) {
        const auto it = std::upper_bound(cdf.begin(), cdf.end(), u * cdf.back());
        return static_cast<int>(std::min<std::ptrdiff_t>(
            it - cdf.begin(), static_cast<std::ptrdiff_t>(cdf.size()) - 1));
    }

    bool insertSeen(std::uint64_t h);
    void setup();
    std::string makeAddress();
    int reasonCode(const std::string& action);
    void buildEvent(GeneratedTruth& t);
    void appendHeader(std::string& line, std::int64_t headerUs);
    void damageLine(std::string& line, GeneratedTruth& t);
};

void LogGenerator::Impl::setup() {
    rng.seed(opt.seed);
    clockUs = opt.startUtcMicros;
    for (std::size_t i = 0; i < templates.size(); ++i) {
        const UrlTemplate& t = templates[i];
        Compiled c;
        c.parts = compileUrl(t.url, opt.seed);
        for (const auto& a : t.actions)
            c.actions.push_back(upper(a));
        if (c.actions.empty())
            c.actions.push_back("READ");
        c.app = appFor(t.service);
        const std::string u = lower(t.url);
        for (const char* key :
             {"introspect", "login", "oidc", "callback", "jwt", "token", "auth", "session"})
            if (u.find(key) != std::string::npos)
                c.authLike = true;
        if (c.authLike)
            authTemplates.push_back(static_cast<int>(i));
        compiled.push_back(std::move(c));
    }
    // A few URLs carry most of the traffic: Zipf weights over a seeded order.
    std::vector<int> order(templates.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<int>(i);
    for (std::size_t i = order.size(); i > 1; --i)
        std::swap(order[i - 1], order[below(i)]);
    std::vector<double> weight(templates.size());
    for (std::size_t r = 0; r < order.size(); ++r)
        weight[static_cast<std::size_t>(order[r])] =
            1.0 / std::pow(static_cast<double>(r + 1), 0.9);
    double acc = 0;
    for (double w : weight)
        templateCdf.push_back(acc += w);

    for (int i = 0; i < 320; ++i)
        addresses.push_back(makeAddress());
    auto addIdentity = [&](Identity id, double w) {
        id.addressCount = 1 + static_cast<int>(below(2));
        for (int k = 0; k < id.addressCount; ++k)
            id.addresses[static_cast<std::size_t>(k)] = static_cast<int>(below(addresses.size()));
        identities.push_back(std::move(id));
        identityCdf.push_back((identityCdf.empty() ? 0.0 : identityCdf.back()) + w);
    };
    for (const char* sid : kServiceIds) {
        Identity id;
        id.id = id.name = sid;
        id.typeUri = "clientid";
        id.agent = kClients[below(3)]; // Java, Python or Go services
        addIdentity(std::move(id), 0.75);
    }
    std::vector<std::string> taken;
    for (int rank = 1; rank <= 105; ++rank) {
        std::string email;
        do {
            email = std::string(kFirstNames[below(kFirstNames.size())]) + '.' +
                    kLastNames[below(kLastNames.size())] +
                    (below(10) == 0 ? "@partner.example" : "@acme.example");
        } while (std::find(taken.begin(), taken.end(), email) != taken.end());
        taken.push_back(email);
        Identity id;
        id.name = email;
        if (rank % 7 == 0) { // federated users appear by IBMid
            id.id = "IBMid-";
            appendPadded(id.id, 270000 + below(9999), 6);
            for (int k = 0; k < 4; ++k)
                id.id += static_cast<char>('A' + below(26));
        } else {
            id.id = email;
        }
        id.agent = below(10) == 0 ? kClients[1 + below(4)] : kBrowsers[below(kBrowsers.size())];
        addIdentity(std::move(id), 1.0 / std::pow(static_cast<double>(rank), 0.7));
    }
    const int users = static_cast<int>(identities.size());
    const char* guesserAgents[] = {"python-requests/2.31.0", "curl/7.88.1", "Go-http-client/1.1"};
    const char* guesserNets[] = {"192.168.250.", "172.31.255.", "2001:db8:ffff::"};
    for (int k = 0; k < 3; ++k) {
        Attacker a;
        a.address = std::string(guesserNets[k]) + std::to_string(2 + below(250));
        a.agent = guesserAgents[k];
        for (int v = 0; v < 6; ++v)
            a.victims.push_back(static_cast<int>(kServiceIds.size()) +
                                static_cast<int>(below(static_cast<std::uint64_t>(
                                    users - static_cast<int>(kServiceIds.size())))));
        bruteForcers.push_back(std::move(a));
    }
    for (int k = 0; k < 2; ++k) {
        Attacker a;
        a.address = "10.99." + std::to_string(below(256)) + "." + std::to_string(2 + below(250));
        a.agent = "curl/8.4.0";
        a.victims.push_back(static_cast<int>(kServiceIds.size()) +
                            static_cast<int>(below(static_cast<std::uint64_t>(
                                users - static_cast<int>(kServiceIds.size())))));
        probers.push_back(std::move(a));
    }
    std::size_t slots = 1024;
    while (slots < static_cast<std::size_t>(std::max<std::int64_t>(opt.count, 0)) * 2)
        slots <<= 1;
    seen.assign(slots, 0);
    ring.reserve(256);
}

std::string LogGenerator::Impl::makeAddress() {
    const double u = uniform();
    std::string a;
    if (u < 0.55) {
        static constexpr int kSecond[] = {0, 1, 10, 20, 30, 254};
        a = "10." + std::to_string(kSecond[below(6)]) + "." + std::to_string(below(256)) + "." +
            std::to_string(1 + below(254));
    } else if (u < 0.75) {
        a = "172." + std::to_string(16 + below(16)) + "." + std::to_string(below(256)) + "." +
            std::to_string(1 + below(254));
    } else if (u < 0.93) {
        a = "192.168." + std::to_string(below(256)) + "." + std::to_string(1 + below(254));
    } else {
        a = below(2) ? "fd00:10:254::" : "2001:db8:4a::";
        appendHex(a, 1 + below(0xfffe), 4);
    }
    return a;
}

int LogGenerator::Impl::reasonCode(const std::string& action) {
    const double u = uniform();
    const bool writes = action == "CREATE" || action == "UPDATE";
    if (u < 0.012)
        return 400;
    if (u < 0.020)
        return 401;
    if (u < 0.030)
        return 403;
    if (u < 0.045)
        return 404;
    if (u < 0.050)
        return writes ? 409 : 404;
    if (u < 0.056)
        return 500;
    if (u < 0.060)
        return 503;
    const double v = uniform();
    if (action == "CREATE")
        return v < 0.8 ? 201 : 200;
    if (action == "UPDATE")
        return v < 0.85 ? 200 : 204;
    if (action == "DELETE")
        return v < 0.7 ? 204 : 200;
    return 200;
}

bool LogGenerator::Impl::insertSeen(std::uint64_t h) {
    h |= 1; // 0 marks an empty slot
    if (seenCount * 2 >= seen.size()) {
        std::vector<std::uint64_t> old(seen.size() * 2, 0);
        old.swap(seen);
        seenCount = 0;
        for (std::uint64_t v : old)
            if (v)
                insertSeen(v);
    }
    std::size_t i = static_cast<std::size_t>(splitmix(h)) & (seen.size() - 1);
    while (seen[i]) {
        if (seen[i] == h)
            return false;
        i = (i + 1) & (seen.size() - 1);
    }
    seen[i] = h;
    ++seenCount;
    return true;
}

// Draws one event into `json` (the CADF object, key order of the project's sample) and `t`.
void LogGenerator::Impl::buildEvent(GeneratedTruth& t) {
    // Actor: bursts of guessing or probing interleave with normal traffic.
    if (burstLeft == 0 && uniform() < 0.0005) {
        burstActor = below(5) < 3 ? Actor::BruteForce : Actor::Probe;
        burstProfile = static_cast<int>(
            below(burstActor == Actor::BruteForce ? bruteForcers.size() : probers.size()));
        burstLeft = 20 + below(180);
    }
    Actor actor = Actor::Normal;
    if (burstLeft > 0) {
        --burstLeft;
        if (uniform() < 0.7)
            actor = burstActor;
    }
    const Identity* who = nullptr;
    const std::string* address = nullptr;
    const char* agent = nullptr;
    int tpl = 0;
    int code = 200;
    std::string action;
    if (actor == Actor::Normal) {
        who = &identities[static_cast<std::size_t>(pick(identityCdf, uniform()))];
        // Mostly from the identity's own hosts; now and then from anywhere (VPN, roaming).
        address = below(100) < 8
                      ? &addresses[below(addresses.size())]
                      : &addresses[static_cast<std::size_t>(
                            who->addresses[below(static_cast<std::uint64_t>(who->addressCount))])];
        agent = who->agent;
        tpl = pick(templateCdf, uniform());
        const auto& acts = compiled[static_cast<std::size_t>(tpl)].actions;
        action = acts[below(acts.size())];
        code = reasonCode(action);
    } else {
        const Attacker& a = actor == Actor::BruteForce
                                ? bruteForcers[static_cast<std::size_t>(burstProfile)]
                                : probers[static_cast<std::size_t>(burstProfile)];
        who = &identities[static_cast<std::size_t>(a.victims[below(a.victims.size())])];
        address = &a.address;
        agent = a.agent;
        if (actor == Actor::BruteForce && !authTemplates.empty())
            tpl = authTemplates[below(authTemplates.size())];
        else
            tpl = static_cast<int>(below(compiled.size()));
        const auto& acts = compiled[static_cast<std::size_t>(tpl)].actions;
        action = acts[below(acts.size())];
        const double u = uniform();
        if (actor == Actor::BruteForce)
            code = u < 0.92 ? 401 : (u < 0.95 ? 403 : (action == "CREATE" ? 201 : 200));
        else
            code = u < 0.80 ? 403 : (u < 0.95 ? 404 : 200);
    }
    const Compiled& c = compiled[static_cast<std::size_t>(tpl)];
    const UrlTemplate& ut = templates[static_cast<std::size_t>(tpl)];
    const bool failure = code >= 400;

    t.actor = actor;
    t.templateIndex = tpl;
    t.rowId = ut.rowId;
    t.service = ut.service;
    t.urlTemplate = ut.url;
    t.action = action;
    t.reasonCode = code;
    t.outcome = failure ? "FAILURE" : "SUCCESS";
    t.severity = failure ? "WARNING" : "NORMAL";
    t.initiatorId = who->id;
    t.initiatorName = who->name;
    t.initiatorTypeUri = who->typeUri;
    t.address = *address;
    t.agent = agent;
    t.targetName = c.app;

    t.urlPrefix.clear();
    if (below(100) < 7)
        t.urlPrefix = kPrefixes[below(kPrefixes.size())];
    t.targetId = t.urlPrefix;
    for (const Part& p : c.parts) {
        if (!p.placeholder) {
            t.targetId += p.literal;
            continue;
        }
        appendPlaceholderValue(t.targetId, p, splitmix(p.seed + below(p.pool)));
    }
    t.query.clear();
    if (action == "READ" && below(100) < 15)
        t.query = kQueries[below(kQueries.size())];
    t.targetId += t.query;

    const double f = uniform();
    t.timeForm = f < 0.70 ? TimeForm::QRadar
                          : (f < 0.82 ? TimeForm::MicrosColon
                                      : (f < 0.92 ? TimeForm::Zulu : TimeForm::MillisNoColon));
    t.eventTime.clear();
    t.eventTimeUs = appendEventTime(t.eventTime, clockUs, t.timeForm);
    t.headerTimeUs = clockUs + 300000 + static_cast<std::int64_t>(below(5700000));

    std::string& j = json;
    j.clear();
    j +=
        R"({"version":"1.0","typeURI":"http://schemas.dmtf.org/cloud/audit/1.0/event","outcome":")";
    j += t.outcome;
    j += R"(","eventType":"ACTIVITY","eventTime":")";
    j += t.eventTime;
    j += R"(","action":")";
    j += action;
    j += R"(","severity":")";
    j += t.severity;
    j += R"(","initiator":{"id":")";
    appendEscaped(j, t.initiatorId);
    j += R"(","name":")";
    appendEscaped(j, t.initiatorName);
    j += R"(","typeURI":")";
    j += t.initiatorTypeUri;
    j += R"(","host":{"agent":")";
    appendEscaped(j, t.agent);
    j += R"(","address":")";
    j += t.address;
    j += R"("},"credential":{"type":"token"}},"target":{"id":")";
    appendEscaped(j, t.targetId);
    j += R"(","name":")";
    j += c.app;
    j += R"(","typeURI":"ibm-cp-security/)";
    j += c.app;
    j +=
        R"("},"observer":{"name":"CommonAuditService","id":"userActivity"},"reason":{"reasonCode":)";
    appendInt(j, code);
    j +=
        R"(},"attachments":[{"contentType":"http://schemas.ibm.com/cloud/content/1.0/cloudpak","name":"ibm-cp-security","content":{"message":")";
    j += lower(action);
    j += failure ? " [failure]" : " [success]";
    j +=
        R"(","sourceCrn":"crn:v1:ocp:private:content::::ibm-cp-security","kubernetes":{"namespace":"cp4s","pod":")";
    j += c.app;
    j +=
        R"("}}},{"contentType":"kubernetes","name":"kubernetes_metadata","content":{"namespace":"cp4s","pod":")";
    j += c.app;
    j += R"("}}]})";
}

void LogGenerator::Impl::appendHeader(std::string& line, std::int64_t headerUs) {
    if (opt.format == Format::Jsonl)
        return;
    const Civil c = civil(headerUs);
    if (opt.format == Format::Rfc3164) {
        line += "<13>";
        line += kMonths[static_cast<std::size_t>(c.month - 1)];
        line += ' ';
        if (c.day < 10)
            line += ' ';
        appendInt(line, c.day);
        line += ' ';
        appendPadded(line, c.hour, 2);
        line += ':';
        appendPadded(line, c.minute, 2);
        line += ':';
        appendPadded(line, c.second, 2);
        line += kHeaderHost;
        line += ": ";
        return;
    }
    line += "<13>1 ";
    appendDate(line, c);
    line += ':';
    appendPadded(line, c.second, 2);
    line += '.';
    appendPadded(line, c.micros, 6);
    line += "+00:00";
    line += kHeaderHost;
    line += " - - - ";
}

void LogGenerator::Impl::damageLine(std::string& line, GeneratedTruth& t) {
    t.damage = static_cast<Damage>(1 + below(kDamageKinds));
    const bool fromEvent = t.damage == Damage::TruncatedJson || t.damage == Damage::InvalidUtf8 ||
                           t.damage == Damage::BadSyntax;
    if (fromEvent) {
        buildEvent(t);
        appendHeader(line, t.headerTimeUs);
        std::string& j = json;
        if (t.damage == Damage::TruncatedJson) {
            j.resize(1 + below(j.size() - 1)); // keeps `{`, never the closing `}`
        } else if (t.damage == Damage::InvalidUtf8) {
            static constexpr const char* kBad[] = {"\xC3\x28", "\xFF\xFE", "\xED\xA0\x80",
                                                   "\xE2\x82"};
            const std::size_t at = j.find(R"("name":")") + 8;
            j.insert(at, kBad[below(4)]);
        } else {
            // A separator in the middle turns into something no JSON reader accepts.
            const std::size_t at = j.find(",\"", j.size() / 2);
            j[at] = ';';
        }
        line += j;
        return;
    }
    t.headerTimeUs = clockUs + 300000 + static_cast<std::int64_t>(below(5700000));
    switch (t.damage) {
    case Damage::EmptyLine:
        break;
    case Damage::BinaryGarbage: {
        const std::size_t n = 16 + below(240);
        line += static_cast<char>(below(9)); // a control byte first: never taken for JSON
        for (std::size_t i = 1; i < n; ++i) {
            char b = static_cast<char>(u64() & 0xff);
            if (b == '\n' || b == '\r')
                b = 0;
            line += b;
        }
        line[1 + below(n - 1)] = '\0';
        break;
    }
    case Damage::SyslogWithoutJson: {
        const Format keep = opt.format;
        if (opt.format == Format::Jsonl)
            opt.format = Format::Rfc5424;
        appendHeader(line, t.headerTimeUs);
        opt.format = keep;
        line += kPlainMessages[below(kPlainMessages.size())];
        break;
    }
    case Damage::NotCadf: {
        appendHeader(line, t.headerTimeUs);
        const std::uint32_t k = below(3);
        if (k == 0) {
            line += R"({"hello":"world"})";
        } else if (k == 1) {
            line += R"({"status":"ok","uptime":)";
            appendInt(line, 1000 + below(900000));
            line += '}';
        } else {
            line += R"({"level":"info","msg":"fluentd worker flushed buffer","chunks":)";
            appendInt(line, below(64));
            line += '}';
        }
        break;
    }
    default:
        break;
    }
}

LogGenerator::LogGenerator(GeneratorOptions options, const std::vector<UrlTemplate>& urls)
    : d(std::make_unique<Impl>()) {
    d->opt = options;
    d->templates = urls;
    if (d->templates.empty()) {
        // Without an inventory, the sample line's own service keeps the generator usable.
        UrlTemplate t;
        t.rowId = 0;
        t.service = "Edge Gateway";
        t.actions = {"read"};
        t.url = "/api/app_manager/tenants/{tenant_id}/controllers";
        d->templates.push_back(std::move(t));
    }
    d->setup();
}

LogGenerator::~LogGenerator() = default;

std::int64_t LogGenerator::produced() const {
    return d->produced;
}

const std::vector<UrlTemplate>& LogGenerator::templates() const {
    return d->templates;
}

bool LogGenerator::next(std::string& line, GeneratedTruth& truth) {
    Impl& g = *d;
    if (g.produced >= g.opt.count)
        return false;
    line.clear();
    truth.index = g.produced;
    truth.damage = Damage::None;
    truth.duplicate = false;
    truth.duplicateOf = -1;
    // Exponential gaps: a Poisson stream at the requested mean rate.
    const double rate = g.opt.eventsPerSecond > 0 ? g.opt.eventsPerSecond : 20.0;
    g.clockUs += static_cast<std::int64_t>(-std::log(1.0 - g.uniform()) / rate * 1e6);

    const double u = g.uniform();
    if (u < g.opt.damageRate) {
        g.damageLine(line, truth);
    } else if (u < g.opt.damageRate + g.opt.duplicateRate && !g.ring.empty()) {
        const Impl::Kept& k = g.ring[g.below(g.ring.size())];
        line = k.line;
        const std::int64_t index = truth.index;
        truth = k.truth;
        truth.duplicate = true;
        truth.duplicateOf = k.truth.index;
        truth.index = index;
    } else {
        g.buildEvent(truth);
        for (int attempt = 0; !g.insertSeen(std::hash<std::string_view>()(g.json)); ++attempt) {
            if (attempt >= 32) { // practically unreachable: make it distinct by hand
                const std::string extra =
                    (truth.query.empty() ? "?n=" : "&n=") + std::to_string(g.produced);
                const std::string key = R"("target":{"id":")";
                g.json.insert(g.json.find(key) + key.size() + truth.targetId.size(), extra);
                truth.query += extra;
                truth.targetId += extra;
                g.insertSeen(std::hash<std::string_view>()(g.json));
                break;
            }
            g.buildEvent(truth);
        }
        g.appendHeader(line, truth.headerTimeUs);
        line += g.json;
        if (g.opt.duplicateRate > 0) {
            if (g.ring.size() < 256) {
                g.ring.push_back({line, truth});
            } else {
                g.ring[g.ringNext] = {line, truth};
                g.ringNext = (g.ringNext + 1) % g.ring.size();
            }
        }
    }
    ++g.produced;
    return true;
}

} // namespace cadf::loggen
