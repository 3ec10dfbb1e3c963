#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cadf::inventory {

class Catalogue;

// A catalogue template that shares a run of segments with an unclassified path.
struct CloseMatch {
    int rowId = 0;
    int serviceId = 0;
    int urlIndex = 0;
    double score = 0;        // sum of the matched segments' weights; larger is closer
    int matchedSegments = 0; // length of the matching run
};

// "Which service did this unclassified path nearly hit?" for the Unclassified view. A path
// matched nothing, so no template matches all of it: this finds the templates sharing the most
// informative run of segments with it, aligned at the start of the template (anywhere in the
// path: a deployment prefix may come first) or at both ends. A literal segment weighs by how rare
// it is among the templates (`api` or `v1` say almost nothing, `incidents` a lot); a placeholder
// matching an id little. Not on the per-event path: meant for the few hundred patterns of a
// store, O(templates x segments^2) each.
class ClosestMatcher {
public:
    explicit ClosestMatcher(const Catalogue& catalogue);

    // The best match of each service that came close, best first, at most `maxServices`. Empty
    // when nothing shares more than generic segments.
    std::vector<CloseMatch> closest(std::string_view path, int maxServices) const;

    // A match must weigh at least this much: one rare literal segment, or two common ones.
    static constexpr double kMinScore = 2.0;

private:
    struct Segment {
        std::string text; // lower case
        bool placeholder = false;
        bool multi = false; // {path:...}
        double weight = 0;  // of a literal
    };
    struct Template {
        int rowId = 0;
        int serviceId = 0;
        int urlIndex = 0;
        std::vector<Segment> segments;
    };
    double segmentScore(const Segment& t, std::string_view path, bool& ok) const;

    std::vector<Template> m_templates;
};

} // namespace cadf::inventory
