// bench_classifier [SECONDS]
//
// Classification speed over paths made from every URL template of the built-in catalogue
// (placeholders filled), the same paths behind another deployment prefix, and paths that match
// nothing, in a fixed mix. Prints paths/s for each kind and for the mix, on one thread. The
// target of issue 4 is at least 1 million paths/s.
#include "models/inventory/catalogue.h"
#include "models/inventory/classifier.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using cadf::inventory::Catalogue;
using cadf::inventory::Classifier;

namespace {

struct Sample {
    std::string path;
    std::string action;
};

std::string fillTemplate(const std::string& url, unsigned& counter) {
    std::string out;
    size_t pos = 0;
    while (pos < url.size()) {
        size_t next = url.find('/', pos + 1);
        if (next == std::string::npos)
            next = url.size();
        const std::string segment = url.substr(pos + 1, next - pos - 1);
        out += '/';
        const bool placeholder =
            !segment.empty() &&
            (segment.front() == '{' || segment.front() == ':' || segment.front() == '$');
        if (!placeholder) {
            out += segment;
        } else if (segment.rfind("{path:", 0) == 0) {
            out += "exports/2024/result.csv";
        } else if (++counter % 2) {
            char uuid[40];
            std::snprintf(uuid, sizeof uuid, "cd766d47-4ecd-4910-8f48-%012x", counter);
            out += uuid;
        } else {
            out += std::to_string(1000 + counter);
        }
        pos = next;
    }
    return out;
}

double measure(const Classifier& classifier, const std::vector<Sample>& samples, double seconds) {
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    const auto end = start + std::chrono::duration<double>(seconds);
    long done = 0;
    long sink = 0; // keeps the calls from being optimised away
    while (Clock::now() < end) {
        for (const Sample& sample : samples)
            sink += classifier.classify(sample.path, sample.action).rowId;
        done += long(samples.size());
    }
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    if (sink == -1)
        std::printf("impossible\n");
    return double(done) / elapsed;
}

double classifiedShare(const Classifier& classifier, const std::vector<Sample>& samples) {
    size_t classified = 0;
    for (const Sample& sample : samples)
        classified += classifier.classify(sample.path, sample.action).classified();
    return 100.0 * double(classified) / double(samples.size());
}

} // namespace

int main(int argc, char** argv) {
    const double seconds = argc > 1 ? std::atof(argv[1]) : 1.0;
    std::string error;
    const auto catalogue = Catalogue::loadBuiltIn(&error);
    if (!catalogue) {
        std::fprintf(stderr, "bench_classifier: %s\n", error.c_str());
        return 1;
    }

    const auto built = std::chrono::steady_clock::now();
    const Classifier classifier(*catalogue);
    const double buildMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - built).count();

    std::vector<Sample> templated;
    std::vector<Sample> prefixed;
    unsigned counter = 0;
    static const char* const kActions[] = {"read", "GET", "create", "POST", "update", "DELETE"};
    for (const auto& row : catalogue->rows()) {
        for (const std::string& url : row.urls) {
            const std::string path = fillTemplate(url, counter);
            const char* action = kActions[counter % 6];
            templated.push_back({path, action});
            prefixed.push_back({"/cp4s/gateway" + path, action});
        }
    }
    std::vector<Sample> unknown;
    for (unsigned i = 0; i < 500; ++i) {
        unknown.push_back({"/static/js/chunk-" + std::to_string(i) + ".js", "read"});
        unknown.push_back({"/api/unknown/thing/" + std::to_string(i), "GET"});
    }
    // The mix: mostly events whose paths are in the inventory, as on a QRadar Suite feed.
    std::vector<Sample> mix;
    for (size_t i = 0; i < templated.size(); ++i) {
        mix.push_back(templated[i]);
        if (i % 4 == 0)
            mix.push_back(prefixed[i]);
        if (i % 8 == 0)
            mix.push_back(unknown[i % unknown.size()]);
    }

    std::printf("catalogue: %zu rows, %d template shapes, classifier built in %.2f ms\n",
                catalogue->rows().size(), classifier.shapeCount(), buildMs);
    struct Set {
        const char* name;
        const std::vector<Sample>* samples;
    };
    for (const Set& set : {Set{"templates", &templated}, Set{"prefixed", &prefixed},
                           Set{"unknown", &unknown}, Set{"mix", &mix}}) {
        const double rate = measure(classifier, *set.samples, seconds);
        std::printf("%-10s %6zu paths  %5.1f%% classified  %12.0f paths/s\n", set.name,
                    set.samples->size(), classifiedShare(classifier, *set.samples), rate);
    }
    return 0;
}
