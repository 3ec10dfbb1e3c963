// cadfscope-loggen: writes a seeded QRadar Suite audit log for tests, benchmarks and demos.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include <zlib.h>

#include "tools/loggen/log_generator.h"

namespace {

int usage(const char* error) {
    if (error)
        std::fprintf(stderr, "cadfscope-loggen: %s\n", error);
    std::fprintf(stderr,
                 "usage: cadfscope-loggen --out FILE|- [--seed N] [--count N] [--damage-rate R]\n"
                 "         [--duplicate-rate R] [--gzip] [--start ISO] [--rate EVENTS_PER_SEC]\n"
                 "         [--format rfc5424|rfc3164|jsonl] [--inventory inventory.json]\n");
    return 2;
}

bool toDouble(const char* s, double& out) {
    char* end = nullptr;
    out = std::strtod(s, &end);
    return end && *end == 0 && end != s;
}

bool toInt(const char* s, long long& out) {
    char* end = nullptr;
    out = std::strtoll(s, &end, 10);
    return end && *end == 0 && end != s;
}

// One sink for plain files, stdout and gzip, fed in large blocks.
class Sink {
public:
    bool open(const std::string& path, bool gzip) {
        if (gzip) {
            m_gz = path == "-" ? gzdopen(1, "wb1") : gzopen(path.c_str(), "wb1");
            if (m_gz)
                gzbuffer(m_gz, 1 << 20);
            return m_gz != nullptr;
        }
        m_file = path == "-" ? stdout : std::fopen(path.c_str(), "wb");
        return m_file != nullptr;
    }
    bool write(const std::string& block) {
        if (block.empty())
            return true;
        if (m_gz)
            return gzwrite(m_gz, block.data(), static_cast<unsigned>(block.size())) ==
                   static_cast<int>(block.size());
        return std::fwrite(block.data(), 1, block.size(), m_file) == block.size();
    }
    bool close() {
        if (m_gz)
            return gzclose(m_gz) == Z_OK;
        if (m_file == stdout)
            return std::fflush(stdout) == 0;
        return m_file && std::fclose(m_file) == 0;
    }

private:
    gzFile m_gz = nullptr;
    std::FILE* m_file = nullptr;
};

} // namespace

int main(int argc, char** argv) {
    using namespace cadf::loggen;
    GeneratorOptions opt;
    std::string out;
    std::string inventory = CADFSCOPE_INVENTORY_JSON;
    bool gzip = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const bool hasValue = i + 1 < argc;
        auto value = [&]() { return argv[++i]; };
        long long n = 0;
        double r = 0;
        if (a == "--gzip") {
            gzip = true;
        } else if (a == "-h" || a == "--help") {
            usage(nullptr);
            return 0;
        } else if (!hasValue) {
            return usage(("missing value after " + a).c_str());
        } else if (a == "--out") {
            out = value();
        } else if (a == "--inventory") {
            inventory = value();
        } else if (a == "--seed") {
            if (!toInt(value(), n) || n < 0)
                return usage("--seed wants a non-negative integer");
            opt.seed = static_cast<std::uint64_t>(n);
        } else if (a == "--count") {
            if (!toInt(value(), n) || n < 0)
                return usage("--count wants a non-negative integer");
            opt.count = n;
        } else if (a == "--damage-rate" || a == "--duplicate-rate") {
            if (!toDouble(value(), r) || r < 0 || r > 1)
                return usage((a + " wants a number between 0 and 1").c_str());
            (a == "--damage-rate" ? opt.damageRate : opt.duplicateRate) = r;
        } else if (a == "--rate") {
            if (!toDouble(value(), r) || r <= 0)
                return usage("--rate wants a positive number of events per second");
            opt.eventsPerSecond = r;
        } else if (a == "--start") {
            if (!parseIsoUtcMicros(value(), opt.startUtcMicros))
                return usage("--start wants an ISO 8601 time such as 2023-10-18T14:00:00Z");
        } else if (a == "--format") {
            const std::string f = value();
            if (f == "rfc5424")
                opt.format = Format::Rfc5424;
            else if (f == "rfc3164")
                opt.format = Format::Rfc3164;
            else if (f == "jsonl")
                opt.format = Format::Jsonl;
            else
                return usage("--format is rfc5424, rfc3164 or jsonl");
        } else {
            return usage(("unknown option " + a).c_str());
        }
    }
    if (out.empty())
        return usage("--out is required");
    if (opt.damageRate + opt.duplicateRate > 1)
        return usage("--damage-rate plus --duplicate-rate exceeds 1");

    std::string error;
    const std::vector<UrlTemplate> urls = loadUrlTemplates(inventory, &error);
    if (urls.empty()) {
        std::fprintf(stderr, "cadfscope-loggen: %s\n", error.c_str());
        return 1;
    }
    Sink sink;
    if (!sink.open(out, gzip)) {
        std::fprintf(stderr, "cadfscope-loggen: cannot write %s: %s\n", out.c_str(),
                     std::strerror(errno));
        return 1;
    }
    const auto t0 = std::chrono::steady_clock::now();
    LogGenerator gen(opt, urls);
    std::string line;
    std::string block;
    block.reserve(9 << 20);
    GeneratedTruth truth;
    long long damaged = 0, duplicates = 0, bytes = 0;
    while (gen.next(line, truth)) {
        block += line;
        block += '\n';
        damaged += truth.damage != Damage::None;
        duplicates += truth.duplicate;
        if (block.size() >= (8 << 20)) {
            bytes += static_cast<long long>(block.size());
            if (!sink.write(block)) {
                std::fprintf(stderr, "cadfscope-loggen: write failed on %s\n", out.c_str());
                return 1;
            }
            block.clear();
        }
    }
    bytes += static_cast<long long>(block.size());
    if (!sink.write(block) || !sink.close()) {
        std::fprintf(stderr, "cadfscope-loggen: write failed on %s\n", out.c_str());
        return 1;
    }
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(stderr,
                 "cadfscope-loggen: %lld lines (%lld damaged, %lld duplicates), %.1f MB, "
                 "%.2f s, %.0f lines/s\n",
                 static_cast<long long>(gen.produced()), damaged, duplicates, bytes / 1e6, secs,
                 secs > 0 ? gen.produced() / secs : 0.0);
    return 0;
}
