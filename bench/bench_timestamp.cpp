// Prints the cost per call of cadf::parseTimestamp and cadf::syslog::splitSyslog over the
// spellings seen in the corpus. Target: parseTimestamp under 150 ns per call.
#include "models/cadf/timestamp.h"
#include "models/syslog/syslog_header.h"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string_view>

namespace {

constexpr std::string_view kTimes[] = {
    "2016-11-11T18:31:11.156356+0000",
    "2017-11-17T08:53:32.667973+00:00",
    "2020-03-11T09:28:35.15+0000",
    "2019-12-20T16:38:06Z",
    "2019-12-11T16:00:58-06:00",
    "2018-07-16 10:38:02.281",
    "2018-07-24 13:03:24.142 EDT",
    "2023-10-18T14:38.40+0000",
    "2014-02-14T01: 20: 47.932842+0000",
    "2021-1-17T04:43:38.59+0000",
    "1697639920123",
    "not a time",
};

constexpr std::string_view kLines[] = {
    "<13>1 2023-10-18T14:38:44.641868+00:00 audit-logs-cp4s fluentd - - - "
    "{\"eventTime\":\"2023-10-18T14:38.40+0000\"}",
    "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 "
    "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"] {\"a\":1}",
    "<13>Oct  1 02:03:04 host app[123]: @cee: {\"a\":1}",
    "2023-10-18T14:38:44.641868+00:00 host app: {\"a\":1}",
    "{\"eventTime\":\"2023-10-18T14:38:40Z\"}",
};

template <typename F> double nanosPerCall(int rounds, int perRound, F&& f) {
    const auto start = std::chrono::steady_clock::now();
    for (int r = 0; r < rounds; ++r)
        f();
    const auto stop = std::chrono::steady_clock::now();
    const double ns = std::chrono::duration<double, std::nano>(stop - start).count();
    return ns / (static_cast<double>(rounds) * perRound);
}

} // namespace

int main() {
    constexpr int kRounds = 200'000;
    std::int64_t sink = 0;

    const double parseNs = nanosPerCall(kRounds, static_cast<int>(std::size(kTimes)), [&] {
        for (const std::string_view text : kTimes) {
            const cadf::ParsedTime t = cadf::parseTimestamp(text);
            sink += t.ok ? t.utcMicros : 1;
        }
    });
    std::printf("parseTimestamp: %.1f ns/call over %zu spellings\n", parseNs, std::size(kTimes));

    for (const std::string_view text : kTimes) {
        const double ns =
            nanosPerCall(kRounds, 1, [&] { sink += cadf::parseTimestamp(text).utcMicros; });
        std::printf("  %6.1f ns  %.*s\n", ns, static_cast<int>(text.size()), text.data());
    }

    const double splitNs = nanosPerCall(kRounds / 4, static_cast<int>(std::size(kLines)), [&] {
        for (const std::string_view line : kLines)
            sink += static_cast<std::int64_t>(
                cadf::syslog::splitSyslog(line, 1697630400000000).message.size());
    });
    std::printf("splitSyslog: %.1f ns/line (header strings are copied)\n", splitNs);

    const double formatNs = nanosPerCall(kRounds, 1, [&] {
        sink +=
            static_cast<std::int64_t>(cadf::formatIso(1697639924641868 + sink % 7, 7200, 6).size());
    });
    std::printf("formatIso: %.1f ns/call\n", formatNs);
    return sink == 42 ? 1 : 0; // keeps the work observable to the optimiser
}
