#include "models/inventory/closest_match.h"

#include "models/inventory/catalogue.h"
#include "models/inventory/classifier.h"
#include "models/inventory/path_segments.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

namespace cadf::inventory {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    }
    return out;
}

bool equalsNoCase(std::string_view a, std::string_view lowered) {
    if (a.size() != lowered.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char c = a[i];
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
        if (c != lowered[i])
            return false;
    }
    return true;
}

// What a path segment standing for an id weighs against a template placeholder: a little, so
// that of two templates sharing the same literals the one with the id in the right place wins.
constexpr double kPlaceholderWeight = 0.25;

} // namespace

ClosestMatcher::ClosestMatcher(const Catalogue& catalogue) {
    std::unordered_map<std::string, int> documentFrequency;
    for (const CatalogueRow& row : catalogue.rows()) {
        for (std::size_t u = 0; u < row.urls.size(); ++u) {
            std::string_view parts[Classifier::kMaxSegments];
            const int n = detail::splitSegments(row.urls[u], parts, Classifier::kMaxSegments);
            if (n <= 0)
                continue;
            Template t{row.id, row.serviceId, static_cast<int>(u), {}};
            std::vector<std::string> seen;
            for (int i = 0; i < n; ++i) {
                Segment s;
                const detail::SegmentKind kind = detail::templateSegmentKind(parts[i]);
                s.placeholder = kind != detail::SegmentKind::Literal;
                s.multi = kind == detail::SegmentKind::Multi;
                if (!s.placeholder) {
                    s.text = lower(parts[i]);
                    if (std::find(seen.begin(), seen.end(), s.text) == seen.end()) {
                        seen.push_back(s.text);
                        ++documentFrequency[s.text];
                    }
                }
                t.segments.push_back(std::move(s));
            }
            m_templates.push_back(std::move(t));
        }
    }
    // Inverse document frequency: a segment in every template weighs ~0, one in a single
    // template ~log(N). Generic segments (api, v1) weigh nothing whatever their frequency.
    const double total = static_cast<double>(m_templates.size());
    for (Template& t : m_templates) {
        for (Segment& s : t.segments) {
            if (s.placeholder || detail::isGenericSegment(s.text))
                continue;
            s.weight = std::log((total + 1.0) / (documentFrequency[s.text] + 1.0));
        }
    }
}

double ClosestMatcher::segmentScore(const Segment& t, std::string_view path, bool& ok) const {
    const bool pathIsId = path == "{id}";
    if (t.placeholder) {
        ok = true;
        return pathIsId ? kPlaceholderWeight : kPlaceholderWeight / 2;
    }
    ok = !pathIsId && equalsNoCase(path, t.text);
    return ok ? t.weight : 0;
}

std::vector<CloseMatch> ClosestMatcher::closest(std::string_view path, int maxServices) const {
    std::string_view parts[Classifier::kMaxSegments];
    const int n =
        detail::splitSegments(Classifier::normalisePath(path), parts, Classifier::kMaxSegments);
    std::vector<CloseMatch> out;
    if (n <= 0 || maxServices <= 0)
        return out;
    std::map<int, CloseMatch> bestPerService;
    for (const Template& t : m_templates) {
        const int m = static_cast<int>(t.segments.size());
        CloseMatch best{t.rowId, t.serviceId, t.urlIndex, 0, 0};
        // The template's start against every position of the path (a deployment prefix before
        // it), forward while the segments agree.
        for (int offset = 0; offset < n; ++offset) {
            double score = 0;
            int run = 0;
            for (int i = 0; i < m && offset + i < n; ++i) {
                if (t.segments[static_cast<std::size_t>(i)].multi)
                    break; // {path:...} swallows the rest: nothing more to compare
                bool ok = false;
                const double s =
                    segmentScore(t.segments[static_cast<std::size_t>(i)], parts[offset + i], ok);
                if (!ok)
                    break;
                score += s;
                ++run;
            }
            if (score > best.score) {
                best.score = score;
                best.matchedSegments = run;
            }
        }
        // Both ends together, backwards: same tail behind another prefix.
        {
            double score = 0;
            int run = 0;
            for (int i = 1; i <= std::min(n, m); ++i) {
                const Segment& ts = t.segments[static_cast<std::size_t>(m - i)];
                if (ts.multi)
                    break;
                bool ok = false;
                const double s = segmentScore(ts, parts[n - i], ok);
                if (!ok)
                    break;
                score += s;
                ++run;
            }
            if (score > best.score) {
                best.score = score;
                best.matchedSegments = run;
            }
        }
        if (best.score < kMinScore)
            continue;
        auto [it, fresh] = bestPerService.try_emplace(t.serviceId, best);
        if (!fresh && best.score > it->second.score)
            it->second = best;
    }
    for (const auto& [service, match] : bestPerService)
        out.push_back(match);
    std::sort(out.begin(), out.end(), [](const CloseMatch& a, const CloseMatch& b) {
        if (a.score != b.score)
            return a.score > b.score;
        return a.rowId < b.rowId;
    });
    // Services far behind the best one are noise.
    if (!out.empty()) {
        const double cutoff = out.front().score * 0.6;
        out.erase(std::remove_if(out.begin(), out.end(),
                                 [cutoff](const CloseMatch& c) { return c.score < cutoff; }),
                  out.end());
    }
    if (static_cast<int>(out.size()) > maxServices)
        out.resize(static_cast<std::size_t>(maxServices));
    return out;
}

} // namespace cadf::inventory
