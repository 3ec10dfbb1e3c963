// Parser throughput on one core: the project's sample line with varied values, parsed as the
// importer does (syslog split, JSON scan, event extraction, digest, time resolution).
// Usage: bench_parse [COUNT]
#include "models/cadf/record_parser.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    const long count = argc > 1 ? std::atol(argv[1]) : 1000000;
    const std::string head =
        "<13>1 2023-10-18T14:38:44.641868+00:00 audit-logs-cp4s fluentd - - - ";
    const std::string body =
        R"cadf({"version":"1.0","typeURI":"http://schemas.dmtf.org/cloud/audit/1.0/event","outcome":"SUCCESS","eventType":"ACTIVITY","eventTime":"2023-10-18T14:38.40+0000","action":"READ","severity":"NORMAL","initiator":{"id":"SERVICE.edgegateway.controller-manager","name":"SERVICE.edgegateway.controller-manager","typeURI":"clientid","host":{"agent":"Apache-HttpClient/4.5.13 (Java/11.0.20)","address":"10.254.18.87"},"credential":{"type":"token"}},"target":{"id":"/manager/tenants/cd766d47-4ecd-4910-8f48-5024202259b2/controllers/N","name":"isc-app-manager","typeURI":"ibm-cp-security/isc-app-manager"},"observer":{"name":"CommonAuditService","id":"userActivity"},"reason":{"reasonCode":200},"attachments":[{"contentType":"http://schemas.ibm.com/cloud/content/1.0/cloudpak","name":"ibm-cp-security","content":{"message":"read [success]","sourceCrn":"crn:v1:ocp:private:content::::ibm-cp-security","kubernetes":{"namespace":"cp4s","pod":"isc-app-manager"}}},{"contentType":"kubernetes","name":"kubernetes_metadata","content":{"namespace":"cp4s","pod":"isc-app-manager"}}]})cadf";
    std::vector<std::string> lines;
    for (int i = 0; i < 1000; ++i) {
        std::string b = body;
        b.replace(b.find("/N\""), 2, "/" + std::to_string(i));
        lines.push_back(head + b);
    }
    std::size_t bytes = 0;
    cadf::RecordParser parser(1700000000LL * 1000000);
    parser.setKeepJson(false);
    std::vector<cadf::Event> out;
    out.reserve(1024);
    long events = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for (long i = 0; i < count; ++i) {
        const std::string& line = lines[std::size_t(i % 1000)];
        bytes += line.size();
        const auto r = parser.parse(line, out, i + 1, 0);
        events += r.events;
        if (out.size() >= 1000)
            out.clear();
    }
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("parsed %ld records, %ld events in %.3f s: %.0f events/s, %.1f MB/s (one core)\n",
                count, events, s, double(events) / s, double(bytes) / s / 1e6);
    return events == count ? 0 : 1;
}
