// Store write benchmark: generates CP4S-like audit events (1.1 KB RFC 5424 lines, realistic
// cardinalities of initiators, targets, addresses and agents), writes them through the store's
// batch writer, and prints rows/s, bytes per event (raw blocks, events row and every index, from
// dbstat) and the latency of the reader queries the GUI issues first.
//
//   bench_store_write [--events N] [--batch N] [--level 0-9] [--db PATH] [--threaded]
//                     [--reimport-share F] [--keep] [--no-queries] [--queries-only]
#include "bench/thread_cpu.h"
#include "models/store/batch_writer.h"
#include "models/store/store_reader.h"
#include "models/store/store_writer.h"

#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

using namespace cadf::store;
using Clock = std::chrono::steady_clock;

namespace {

std::uint64_t splitmix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

class Rng {
public:
    explicit Rng(std::uint64_t seed)
        : m_state(seed) {}
    std::uint64_t next() { return m_state = splitmix(m_state); }
    std::uint64_t below(std::uint64_t n) { return next() % n; }
    double unit() { return static_cast<double>(next() >> 11) / 9007199254740992.0; }
    // Skewed pick: a few values are frequent, most are rare, like users and endpoints.
    std::uint64_t skewed(std::uint64_t n) {
        return static_cast<std::uint64_t>(n * unit() * unit());
    }

private:
    std::uint64_t m_state;
};

std::string uuid(std::uint64_t seed) {
    const std::uint64_t a = splitmix(seed);
    const std::uint64_t b = splitmix(a);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                  static_cast<unsigned>(a >> 16) & 0xffff, static_cast<unsigned>(a) & 0xfff,
                  (static_cast<unsigned>(b >> 48) & 0x3fff) | 0x8000,
                  static_cast<unsigned long long>(b & 0xffffffffffffULL));
    return buf;
}

std::uint64_t fnv1a(std::string_view s) {
    std::uint64_t h = 1469598103934665603ULL;
    for (const char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    }
    return h;
}

const char* const kServices[] = {"authsvc",
                                 "clx",
                                 "notifications",
                                 "entitlements",
                                 "pulse",
                                 "udi",
                                 "cases",
                                 "playbooks",
                                 "threat-intel",
                                 "risk-manager",
                                 "de",
                                 "car",
                                 "tii",
                                 "ti",
                                 "reports",
                                 "users",
                                 "incidents",
                                 "qradar-proxy",
                                 "isc-app-manager",
                                 "soar",
                                 "connectors",
                                 "investigate",
                                 "analytics",
                                 "threats",
                                 "assets"};
const char* const kResources[] = {"accounts", "users", "queries",     "connections", "dashboards",
                                  "items",    "cases", "artifacts",   "tasks",       "results",
                                  "searches", "views", "controllers", "tenants",     "settings"};
const char* const kAgents[] = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/118.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/16.6 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/118.0",
    "Apache-HttpClient/4.5.13 (Java/11.0.20)",
    "python-requests/2.31.0",
    "Go-http-client/1.1",
    "curl/8.1.2",
    "okhttp/4.10.0"};

struct Template {
    int service = 0;
    std::string path; // with %s placeholders
    int placeholders = 0;
};

// Cardinalities follow tools/loggen's CP4S feed: 17 services, ~120 initiators, ~325 source
// addresses, 10 agents, and targets that are URLs with ids in them: about 45% of the events name
// a target no other event names.
class Generator {
public:
    explicit Generator(std::uint64_t seed)
        : m_rng(seed) {
        for (int s = 0; s < 17; ++s) {
            for (int t = 0; t < 15; ++t) {
                Template tpl;
                tpl.service = s;
                const char* res = kResources[m_rng.below(std::size(kResources))];
                const char* sub = kResources[m_rng.below(std::size(kResources))];
                tpl.path = std::string("/api/") + kServices[s] + "/v" +
                           std::to_string(1 + m_rng.below(3)) + "/" + res;
                // Half the endpoints address one object: the id makes the target unique.
                if (t % 2 == 1) {
                    tpl.path += "/%s";
                    ++tpl.placeholders;
                    if (t % 4 == 3)
                        tpl.path += std::string("/") + sub;
                }
                m_templates.push_back(tpl);
            }
        }
        for (int i = 0; i < 325; ++i)
            m_addresses.push_back("10." + std::to_string(m_rng.below(256)) + "." +
                                  std::to_string(m_rng.below(256)) + "." +
                                  std::to_string(1 + m_rng.below(254)));
        for (int i = 0; i < 120; ++i) {
            User u;
            if (i < 20) {
                u.id = "SERVICE." + std::string(kServices[i % 17]) + ".worker-" + std::to_string(i);
                u.type = "clientid";
                u.agent = 3 + static_cast<int>(m_rng.below(5));
            } else {
                u.id = "user" + std::to_string(i) + "@corp.example.com";
                u.type = "service/security/account/user";
                u.agent = static_cast<int>(m_rng.below(3));
            }
            u.address[0] = static_cast<int>(m_rng.below(m_addresses.size()));
            u.address[1] = static_cast<int>(m_rng.below(m_addresses.size()));
            m_users.push_back(u);
        }
    }

    // One event: the syslog line as record, the JSON as the event's json, the attributes parsed.
    void make(StoredEventInput& in, std::int64_t index) {
        cadf::Event& ev = in.event;
        ev = cadf::Event();
        m_timeUs += static_cast<std::int64_t>(m_rng.below(100000)); // ~20 events/s, as loggen
        const Template& tpl = m_templates[m_rng.skewed(m_templates.size())];
        const User& user = m_users[m_rng.skewed(m_users.size())];
        std::string target = tpl.path;
        for (int p = 0; p < tpl.placeholders; ++p) {
            const std::size_t at = target.find("%s");
            const std::uint64_t v = m_rng.below(10'000'000);
            target.replace(at, 2, (v & 1) ? uuid(v) : std::to_string(10000 + v));
        }
        static const char* const kActions[] = {"READ",   "READ",   "READ",   "READ",   "CREATE",
                                               "CREATE", "CREATE", "UPDATE", "UPDATE", "DELETE"};
        const char* action = kActions[m_rng.below(10)];
        const bool failure = m_rng.below(100) < 9;
        static const int kFail[] = {401, 401, 403, 403, 404, 404, 400, 500, 503, 409};
        static const int kOk[] = {200, 200, 200, 200, 200, 200, 200, 201, 201, 204};
        const int code = failure ? kFail[m_rng.below(10)] : kOk[m_rng.below(10)];
        const std::string& address =
            m_addresses[static_cast<std::size_t>(user.address[m_rng.below(2)])];
        const char* agent = kAgents[user.agent];
        const std::string svc = std::string("isc-") + kServices[tpl.service];

        const std::int64_t secs = m_timeUs / 1000000;
        const std::time_t t = static_cast<std::time_t>(secs);
        std::tm tm{};
        gmtime_r(&t, &tm);
        char eventTime[64];
        std::snprintf(eventTime, sizeof eventTime, "%04d-%02d-%02dT%02d:%02d.%02d+0000",
                      tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                      tm.tm_sec);
        const std::int64_t headerUs =
            m_timeUs + 3000000 + static_cast<std::int64_t>(m_rng.below(2000000));
        const std::time_t ht = static_cast<std::time_t>(headerUs / 1000000);
        std::tm htm{};
        gmtime_r(&ht, &htm);
        char header[96];
        std::snprintf(header, sizeof header, "%04d-%02d-%02dT%02d:%02d:%02d.%06lld+00:00",
                      htm.tm_year + 1900, htm.tm_mon + 1, htm.tm_mday, htm.tm_hour, htm.tm_min,
                      htm.tm_sec, static_cast<long long>(headerUs % 1000000));

        std::string& json = ev.json;
        json.reserve(1100);
        json =
            R"({"version":"1.0","typeURI":"http://schemas.dmtf.org/cloud/audit/1.0/event","outcome":")";
        json += failure ? "FAILURE" : "SUCCESS";
        json += R"(","eventType":"ACTIVITY","eventTime":")";
        json += eventTime;
        json += R"(","action":")";
        json += action;
        json +=
            R"(","severity":"NORMAL","initiator":{"id":")" + user.id + R"(","name":")" + user.id +
            R"(","typeURI":")" + user.type + R"(","host":{"agent":")" + agent + R"(","address":")" +
            address + R"("},"credential":{"type":"token"}},"target":{"id":")" + target +
            R"(","name":")" + svc + R"(","typeURI":"ibm-cp-security/)" + svc +
            R"("},"observer":{"name":"CommonAuditService","id":"userActivity"},"reason":{"reasonCode":)" +
            std::to_string(code) +
            R"(},"attachments":[{"contentType":"http://schemas.ibm.com/cloud/content/1.0/cloudpak","name":"ibm-cp-security","content":{"message":")" +
            (std::string(action) == "READ" ? "read" : "write") +
            (failure ? " [failure]" : " [success]") +
            R"(","sourceCrn":"crn:v1:ocp:private:content::::ibm-cp-security","kubernetes":{"namespace":"cp4s","pod":")" +
            svc + "-" +
            uuid(static_cast<std::uint64_t>(tpl.service) * 31 + m_rng.below(3)).substr(0, 10) +
            R"("}}},{"contentType":"kubernetes","name":"kubernetes_metadata","content":{"namespace":"cp4s","pod":")" +
            svc + R"("}}]})";

        in.record = std::string("<13>1 ") + header + " audit-logs-cp4s fluentd - - - " + json;
        in.lineNo = index + 1;
        in.byteOffset = m_offset;
        m_offset += static_cast<std::int64_t>(in.record.size()) + 1;
        in.part = 0;
        in.serviceId = tpl.service + 1;
        in.endpointId = static_cast<int>(&tpl - m_templates.data()) + 1;
        in.pathPattern.clear();

        ev.typeUri = "http://schemas.dmtf.org/cloud/audit/1.0/event";
        ev.eventType = "ACTIVITY";
        ev.eventTimeRaw = eventTime;
        ev.timeUs = secs * 1000000;
        ev.timeQuality = cadf::TimeQuality::InferredSeconds;
        ev.action = action;
        ev.outcomeRaw = failure ? "FAILURE" : "SUCCESS";
        ev.outcome = failure ? cadf::Outcome::Failure : cadf::Outcome::Success;
        ev.severity = "NORMAL";
        ev.reasonCode = std::to_string(code);
        ev.initiator.id = user.id;
        ev.initiator.name = user.id;
        ev.initiator.typeUri = user.type;
        ev.initiator.hostAddress = address;
        ev.initiator.hostAgent = agent;
        ev.initiator.credentialType = "token";
        ev.target.id = target;
        ev.target.name = svc;
        ev.target.typeUri = "ibm-cp-security/" + svc;
        ev.observer.id = "userActivity";
        ev.observer.name = "CommonAuditService";
        ev.attachmentCount = 2;
        ev.syslog.format = cadf::SyslogFormat::Rfc5424;
        ev.syslog.facility = 1;
        ev.syslog.severity = 5;
        ev.syslog.timestamp = header;
        ev.syslog.timeUs = headerUs;
        ev.syslog.timeValid = true;
        ev.syslog.hostname = "audit-logs-cp4s";
        ev.syslog.appName = "fluentd";
        ev.syslog.procId = "-";
        ev.syslog.msgId = "-";
        ev.syslog.structuredData = "-";
        ev.digest = fnv1a(json);
    }

    void restart(std::uint64_t seed, std::int64_t timeUs) {
        m_rng = Rng(seed);
        m_timeUs = timeUs;
        m_offset = 0;
    }

private:
    struct User {
        std::string id;
        std::string type;
        int agent = 0;
        int address[2] = {0, 0};
    };
    Rng m_rng;
    std::vector<Template> m_templates;
    std::vector<std::string> m_addresses;
    std::vector<User> m_users;
    std::int64_t m_timeUs = 1697637600LL * 1000000;
    std::int64_t m_offset = 0;
};

double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void printSpace(const std::string& path, std::int64_t events) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        return;
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT name, sum(pgsize), sum(payload), sum(unused) FROM dbstat "
                       "GROUP BY name ORDER BY 2 DESC",
                       -1, &st, nullptr);
    std::printf("%-24s %12s %10s %10s\n", "table/index", "bytes", "B/event", "fill");
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        const double bytes = static_cast<double>(sqlite3_column_int64(st, 1));
        const double payload = static_cast<double>(sqlite3_column_int64(st, 2));
        const double unused = static_cast<double>(sqlite3_column_int64(st, 3));
        std::printf("%-24s %12.0f %10.1f %9.0f%%\n",
                    reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), bytes,
                    bytes / static_cast<double>(events),
                    bytes > 0 ? 100.0 * (bytes - unused) / bytes : 0.0);
        (void)payload;
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
}

template <typename F> void timeQuery(const char* name, F&& f) {
    const auto start = Clock::now();
    const std::string what = f();
    std::printf("  %-44s %9.1f ms  %s\n", name, msSince(start), what.c_str());
}

void runQueries(const std::string& path) {
    StoreError error;
    auto reader = StoreReader::open(path, &error);
    if (!reader) {
        std::printf("reader: %s\n", error.message.c_str());
        return;
    }
    std::printf("reader queries (cold process cache, warm OS cache):\n");
    const SqlFilter all;
    timeQuery("totalEvents", [&] { return std::to_string(reader->totalEvents()); });
    timeQuery("first page by time (100)", [&] {
        return std::to_string(reader->page(all, SortColumn::Time, false, std::nullopt, 100).size());
    });
    timeQuery("last page by time desc (100)", [&] {
        return std::to_string(reader->page(all, SortColumn::Time, true, std::nullopt, 100).size());
    });
    const SqlFilter failures{"e.outcome = ?", {std::int64_t{2}}};
    timeQuery("first page outcome=failure", [&] {
        return std::to_string(
            reader->page(failures, SortColumn::Time, false, std::nullopt, 100).size());
    });
    const SqlFilter svcFail{"e.service = ? AND e.code >= ?", {std::int64_t{3}, std::int64_t{400}}};
    timeQuery("first page service=3 AND code>=400", [&] {
        return std::to_string(
            reader->page(svcFail, SortColumn::Time, false, std::nullopt, 100).size());
    });
    const SqlFilter user{"e.initiator IN (SELECT id FROM resources WHERE name = ?)",
                         {std::string("user50@corp.example.com")}};
    timeQuery("first page initiator name = ...", [&] {
        return std::to_string(
            reader->page(user, SortColumn::Time, false, std::nullopt, 100).size());
    });
    timeQuery("count initiator name = ...",
              [&] { return std::to_string(reader->countEvents(user)); });
    timeQuery("count outcome=failure",
              [&] { return std::to_string(reader->countEvents(failures)); });
    timeQuery("first page sorted by action", [&] {
        return std::to_string(
            reader->page(all, SortColumn::Action, false, std::nullopt, 100).size());
    });
    timeQuery("50th page sorted by action (keyset)", [&] {
        std::optional<Keyset> after;
        std::size_t n = 0;
        for (int i = 0; i < 50; ++i) {
            const auto rows = reader->page(all, SortColumn::Action, false, after, 100);
            if (rows.empty())
                break;
            n = rows.size();
            after = keysetOf(rows.back());
        }
        return std::to_string(n) + " (50 pages)";
    });
    timeQuery("first page sorted by target (label sort)", [&] {
        return std::to_string(
            reader->page(all, SortColumn::Target, false, std::nullopt, 100).size());
    });
    timeQuery("first page sorted by code desc", [&] {
        return std::to_string(reader->page(all, SortColumn::Code, true, std::nullopt, 100).size());
    });
    for (auto [field, name] : {std::pair{GroupField::Service, "countBy service (all)"},
                               std::pair{GroupField::Outcome, "countBy outcome (all)"},
                               std::pair{GroupField::Initiator, "countBy initiator top 10 (all)"},
                               std::pair{GroupField::Day, "countBy day (all)"}}) {
        timeQuery(name, [&, field = field] {
            return std::to_string(reader->countBy(field, all, 10).size()) + " groups";
        });
    }
    timeQuery("countBy initiator top 10 (service=3)", [&] {
        const SqlFilter svc{"e.service = ?", {std::int64_t{3}}};
        return std::to_string(reader->countBy(GroupField::Initiator, svc, 10).size()) + " groups";
    });
    timeQuery("event(id) x100 (raw decompressed)", [&] {
        std::size_t bytes = 0;
        const std::int64_t total = reader->totalEvents();
        for (int i = 0; i < 100; ++i)
            if (auto ev = reader->event(1 + (total * i) / 100))
                bytes += ev->record.size();
        return std::to_string(bytes) + " raw bytes";
    });
}

} // namespace

int main(int argc, char** argv) {
    std::int64_t events = 1'000'000;
    int batchSize = 4096;
    int level = 5;
    bool threaded = false;
    bool keep = false;
    bool queries = true;
    bool queriesOnly = false; // reader figures on an existing store (--db)
    double reimportShare = 0.0;
    std::string path = "/tmp/bench_store_write.db";
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
        if (a == "--events")
            events = std::atoll(next().c_str());
        else if (a == "--batch")
            batchSize = std::atoi(next().c_str());
        else if (a == "--level")
            level = std::atoi(next().c_str());
        else if (a == "--db")
            path = next();
        else if (a == "--threaded")
            threaded = true;
        else if (a == "--keep")
            keep = true;
        else if (a == "--no-queries")
            queries = false;
        else if (a == "--queries-only")
            queriesOnly = true;
        else if (a == "--reimport-share")
            reimportShare = std::atof(next().c_str());
        else {
            std::fprintf(stderr, "unknown option %s\n", a.c_str());
            return 2;
        }
    }
    if (queriesOnly) {
        runQueries(path);
        return 0;
    }
    if (!keep)
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(path + suffix);

    WriterOptions options;
    options.compressionLevel = level;
    options.compressionTuning = {}; // zlib's own parameters for the level being measured
    Generator gen(42);
    const std::int64_t reimport =
        static_cast<std::int64_t>(static_cast<double>(events) * reimportShare);
    double writeMs = 0;
    double writeCpuMs = 0;
    std::int64_t inserted = 0;
    std::int64_t duplicates = 0;
    WriterStats stats;
    const auto wallStart = Clock::now();

    EventBatch batch;
    auto fill = [&](std::int64_t from, std::int64_t count) {
        batch.events.resize(static_cast<std::size_t>(count));
        for (std::int64_t k = 0; k < count; ++k)
            gen.make(batch.events[static_cast<std::size_t>(k)], from + k);
    };

    if (threaded) {
        StoreError error;
        auto writer = StoreWriter::open(path, options, &error);
        if (!writer) {
            std::fprintf(stderr, "open: %s\n", error.message.c_str());
            return 1;
        }
        writer->setBatchCallback([&](const BatchResult& r) {
            inserted += r.inserted;
            duplicates += r.duplicates;
        });
        const std::int64_t source = writer->beginSource({SourceKind::File, "generated", -1, "", 0});
        for (std::int64_t done = 0; done < events + reimport;) {
            if (done == events)
                gen.restart(42, 1697637600LL * 1000000);
            const std::int64_t count = std::min<std::int64_t>(
                batchSize, (done < events ? events : events + reimport) - done);
            fill(done < events ? done : done - events, count);
            batch.sourceId = source;
            writer->submit(std::move(batch));
            batch = EventBatch();
            done += count;
        }
        writer->finishSource(source, {SourceStatus::Done, events + reimport, 0, "", -1, ""});
        writer->flush();
        stats = writer->stats();
        writeMs = msSince(wallStart);
    } else {
        BatchWriter writer;
        if (auto error = writer.open(path, options)) {
            std::fprintf(stderr, "open: %s\n", error.message.c_str());
            return 1;
        }
        StoreError error;
        // Experiments: BENCH_DROP="events_code,events_target" measures what an index costs.
        if (const char* drop = std::getenv("BENCH_DROP")) {
            std::string list = drop;
            for (std::size_t at = 0; at < list.size();) {
                std::size_t end = list.find(',', at);
                if (end == std::string::npos)
                    end = list.size();
                writer.database().exec("DROP INDEX IF EXISTS " + list.substr(at, end - at));
                at = end + 1;
            }
        }
        const std::int64_t source =
            writer.beginSource({SourceKind::File, "generated", -1, "", 0}, &error);
        for (std::int64_t done = 0; done < events + reimport;) {
            if (done == events)
                gen.restart(42, 1697637600LL * 1000000);
            const std::int64_t end = done < events ? events : events + reimport;
            const std::int64_t count = std::min<std::int64_t>(batchSize, end - done);
            fill(done < events ? done : done - events, count);
            batch.sourceId = source;
            const auto start = Clock::now();
            const double cpuStart = cadf::bench::currentThreadCpuMs();
            const BatchResult r = writer.write(batch);
            writeMs += msSince(start);
            writeCpuMs += cadf::bench::currentThreadCpuMs() - cpuStart;
            if (r.error) {
                std::fprintf(stderr, "write: %s\n", r.error.message.c_str());
                return 1;
            }
            inserted += r.inserted;
            duplicates += r.duplicates;
            done += count;
        }
        writer.finishSource(source, {SourceStatus::Done, events + reimport, 0, "", -1, ""});
        stats = writer.stats();
        const auto closeStart = Clock::now();
        writer.close(); // checkpoints the WAL into the file
        std::printf("close (final checkpoint): %.0f ms\n", msSince(closeStart));
    }
    const double wallMs = msSince(wallStart);
    const auto fileBytes = static_cast<double>(std::filesystem::file_size(path));
    std::printf("events %lld inserted %lld duplicates %lld batch %d level %d %s\n",
                static_cast<long long>(events + reimport), static_cast<long long>(inserted),
                static_cast<long long>(duplicates), batchSize, level,
                threaded ? "threaded (StoreWriter; rate includes generation)"
                         : "direct (BatchWriter)");
    std::printf("write time %.0f ms -> %.0f events/s (wall incl. generation %.0f ms)\n", writeMs,
                static_cast<double>(events + reimport) * 1000.0 / writeMs, wallMs);
    if (writeCpuMs > 0)
        std::printf("writer CPU %.0f ms -> %.0f events per CPU second (load %.2f)\n", writeCpuMs,
                    static_cast<double>(events + reimport) * 1000.0 / writeCpuMs, [] {
                        double l[1] = {0};
                        getloadavg(l, 1);
                        return l[0];
                    }());
    std::printf("raw blocks: %lld writes, plain %.1f MB -> stored %.1f MB (%.1fx)\n",
                static_cast<long long>(stats.blocks), static_cast<double>(stats.plainBytes) / 1e6,
                static_cast<double>(stats.storedBytes) / 1e6,
                stats.storedBytes
                    ? static_cast<double>(stats.plainBytes) / static_cast<double>(stats.storedBytes)
                    : 0.0);
    std::printf("file %.1f MB = %.1f bytes/event (indexes included)\n", fileBytes / 1e6,
                fileBytes / static_cast<double>(inserted));
    printSpace(path, inserted);
    if (queries)
        runQueries(path);
    return 0;
}
