#include "models/inventory/coverage_report.h"

#include "models/cadf/timestamp.h"
#include "models/inventory/catalogue.h"
#include "models/inventory/classifier.h"
#include "models/inventory/closest_match.h"

#include <algorithm>

namespace cadf::inventory {

namespace {

std::string csvField(const std::string& value) {
    if (value.find_first_of(",\"\r\n") == std::string::npos)
        return value;
    std::string out = "\"";
    for (const char c : value) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const std::string& p : parts) {
        if (!out.empty())
            out += " | ";
        out += p;
    }
    return out;
}

} // namespace

std::string examplePath(const store::PathExample& e) {
    const std::string_view path =
        Classifier::extractPath(e.targetId, e.requestPath, e.targetTypeUri, e.targetName);
    if (!path.empty())
        return std::string(path);
    // No path at all: show what the event named instead, so the row is not blank.
    return !e.targetId.empty() ? e.targetId
                               : (!e.requestPath.empty() ? e.requestPath : e.targetName);
}

std::string firstSeenText(const store::CoverageCounts& counts) {
    return counts.events > 0 ? cadf::formatIso(counts.firstUs, 0, 0) : std::string();
}

std::string lastSeenText(const store::CoverageCounts& counts) {
    return counts.events > 0 ? cadf::formatIso(counts.lastUs, 0, 0) : std::string();
}

std::vector<int> shadowedRows(const Catalogue& catalogue) {
    const Classifier classifier(catalogue);
    std::vector<int> out(catalogue.rows().size() + 1, 0);
    for (const CatalogueRow& row : catalogue.rows()) {
        int other = 0;
        bool reachable = false;
        for (const std::string& url : row.urls) {
            // The template with every placeholder filled by one plain segment.
            std::string path;
            std::size_t pos = 0;
            while (pos < url.size()) {
                std::size_t next = url.find('/', pos + 1);
                if (next == std::string::npos)
                    next = url.size();
                const std::string segment = url.substr(pos, next - pos); // "/x"
                const bool placeholder =
                    segment.size() > 1 &&
                    (segment[1] == '{' || segment[1] == ':' || segment.compare(1, 2, "${") == 0);
                path += placeholder ? std::string("/x1") : segment;
                pos = next;
            }
            for (const std::string& action : row.actions) {
                const Classification c = classifier.classify(path, action);
                if (c.rowId == row.id)
                    reachable = true;
                else if (c.rowId != 0 && other == 0)
                    other = c.rowId;
            }
        }
        if (!reachable)
            out[static_cast<std::size_t>(row.id)] = other;
    }
    return out;
}

CoverageReport buildCoverageReport(const Catalogue& catalogue, const store::StoreCoverage& coverage,
                                   const ReportOptions& options) {
    CoverageReport report;
    report.all = coverage.all;
    report.endpoints.resize(catalogue.rows().size() + 1);
    report.services.resize(catalogue.services().size() + 1);
    for (std::size_t id = 0; id < coverage.endpoints.size(); ++id) {
        if (id < report.endpoints.size())
            report.endpoints[id] = coverage.endpoints[id];
        else
            report.unknownRowEvents += coverage.endpoints[id].events;
    }
    for (std::size_t id = 0; id < coverage.services.size() && id < report.services.size(); ++id)
        report.services[id] = coverage.services[id];
    report.shadowedBy = shadowedRows(catalogue);
    for (std::size_t id = 1; id < report.endpoints.size(); ++id) {
        if (report.endpoints[id].events > 0) {
            ++report.rowsSeen;
        } else {
            ++report.rowsNeverSeen;
            report.rowsNeverSeenShadowed += report.shadowedBy[id] != 0 ? 1 : 0;
        }
    }

    const ClosestMatcher matcher(catalogue);
    int withClosest = 0;
    for (const store::PatternCoverage& pc : coverage.patterns) {
        UnclassifiedPattern up;
        up.pattern = pc.pattern;
        up.counts = pc.counts;
        up.distinctRequests = pc.distinctRequests;
        // Requests differing only in their query string show the same path: once.
        for (const store::PathExample& e : pc.examples) {
            std::string path = examplePath(e);
            if (std::find(up.examples.begin(), up.examples.end(), path) == up.examples.end())
                up.examples.push_back(std::move(path));
        }
        if (!pc.pattern.empty() && withClosest < options.maxPatternsWithClosest) {
            ++withClosest;
            for (const CloseMatch& m : matcher.closest(pc.pattern, options.maxClosestServices)) {
                ClosestService cs;
                cs.serviceId = m.serviceId;
                cs.rowId = m.rowId;
                if (const CatalogueRow* row = catalogue.rowById(m.rowId))
                    cs.url = row->urls.at(static_cast<std::size_t>(m.urlIndex));
                cs.score = m.score;
                if (static_cast<std::size_t>(m.serviceId) < report.services.size())
                    cs.serviceEvents =
                        report.services[static_cast<std::size_t>(m.serviceId)].events;
                up.closest.push_back(std::move(cs));
            }
        }
        report.unclassified.push_back(std::move(up));
    }
    return report;
}

std::string coverageCsv(const Catalogue& catalogue, const CoverageReport& report,
                        bool neverSeenOnly) {
    std::string out = "category,service,description,actions,urls,events,failures,initiators,"
                      "first_seen,last_seen\r\n";
    for (const CatalogueRow& row : catalogue.rows()) {
        const std::size_t id = static_cast<std::size_t>(row.id);
        const store::CoverageCounts c =
            id < report.endpoints.size() ? report.endpoints[id] : store::CoverageCounts{};
        if (neverSeenOnly && c.events > 0)
            continue;
        const std::string fields[] = {row.category,
                                      row.service,
                                      row.description,
                                      joined(row.actions),
                                      joined(row.urls),
                                      std::to_string(c.events),
                                      std::to_string(c.failures),
                                      std::to_string(c.initiators),
                                      firstSeenText(c),
                                      lastSeenText(c)};
        bool first = true;
        for (const std::string& f : fields) {
            if (!first)
                out += ',';
            first = false;
            out += csvField(f);
        }
        out += "\r\n";
    }
    return out;
}

} // namespace cadf::inventory
