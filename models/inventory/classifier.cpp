#include "models/inventory/classifier.h"

#include "models/inventory/catalogue.h"
#include "models/inventory/path_segments.h"

#include <algorithm>
#include <array>
#include <map>

namespace cadf::inventory {

using detail::isGenericSegment;
using detail::SegmentKind;
using detail::splitSegments;
using detail::templateSegmentKind;

// What a match has consumed so far.
struct Classifier::Score {
    int literals = 0;
    int params = 0;
    int distinct = 0; // literals that are not generic (see isGenericSegment)
    int segments = 0; // template segments matched
    // Segments and placeholders up to the last literal matched: on a reverse walk, placeholders
    // that only swallowed the front of the path (the deployment prefix) are no evidence.
    int segmentsToLiteral = 0;
    int paramsToLiteral = 0;
};

// The best suffix match seen during a reverse walk.
struct Classifier::SuffixBest {
    int literals = -1;
    int segments = -1;
    int distinct = 0;
    int specificity = 0;
    std::int32_t shape = -1;
    bool full = false; // the whole template matched (only a prefix was added in front)
    bool ambiguous = false;
};

// Mutable tries built from the catalogue, then flattened into the Classifier's arrays.
class Classifier::Builder {
public:
    struct MutableNode {
        std::map<std::string, std::int32_t> literals;
        std::int32_t param = -1;
        std::int32_t multi = -1;
        std::vector<Entry> entries;
        std::int32_t terminalShape = -1;
    };

    std::vector<MutableNode> forward{MutableNode{}};
    std::vector<MutableNode> reverse{MutableNode{}};

    static std::int32_t child(std::vector<MutableNode>& nodes, std::int32_t parent,
                              std::string_view segment) {
        const SegmentKind kind = templateSegmentKind(segment);
        auto make = [&]() {
            nodes.push_back(MutableNode{});
            return std::int32_t(nodes.size() - 1);
        };
        if (kind == SegmentKind::Param) {
            if (nodes[size_t(parent)].param < 0) {
                const std::int32_t made = make();
                nodes[size_t(parent)].param = made;
            }
            return nodes[size_t(parent)].param;
        }
        if (kind == SegmentKind::Multi) {
            if (nodes[size_t(parent)].multi < 0) {
                const std::int32_t made = make();
                nodes[size_t(parent)].multi = made;
            }
            return nodes[size_t(parent)].multi;
        }
        const std::string key(segment);
        const auto it = nodes[size_t(parent)].literals.find(key);
        if (it != nodes[size_t(parent)].literals.end())
            return it->second;
        const std::int32_t made = make();
        nodes[size_t(parent)].literals.emplace(key, made);
        return made;
    }

    void add(const CatalogueRow& row, int urlIndex, std::uint8_t actions) {
        std::array<std::string_view, kMaxSegments> segments{};
        const int count = splitSegments(row.urls[size_t(urlIndex)], segments.data(), kMaxSegments);
        if (count <= 0)
            return; // "/" or absurdly long: nothing a path could be told apart by

        std::int32_t node = 0;
        for (int i = 0; i < count; ++i)
            node = child(forward, node, segments[size_t(i)]);
        auto& entries = forward[size_t(node)].entries;
        const bool seen = std::any_of(entries.begin(), entries.end(),
                                      [&](const Entry& e) { return e.rowId == row.id; });
        if (!seen)
            entries.push_back(Entry{row.id, urlIndex, row.serviceId, row.categoryId, actions});

        std::int32_t back = 0;
        for (int i = count - 1; i >= 0; --i)
            back = child(reverse, back, segments[size_t(i)]);
        reverse[size_t(back)].terminalShape = node;
    }
};

namespace {

std::uint8_t rowActionBits(const std::vector<std::string>& actions) {
    std::uint8_t bits = 0;
    for (const std::string& action : actions)
        bits |= Classifier::actionBits(action);
    return bits;
}

} // namespace

Classifier::Classifier(const Catalogue& catalogue) {
    Builder builder;
    for (const CatalogueRow& row : catalogue.rows()) {
        const std::uint8_t actions = rowActionBits(row.actions);
        for (size_t i = 0; i < row.urls.size(); ++i)
            builder.add(row, int(i), actions);
    }

    auto flatten = [this](std::vector<Builder::MutableNode>& from, Trie& to, bool withEntries) {
        to.nodes.resize(from.size());
        for (size_t i = 0; i < from.size(); ++i) {
            Builder::MutableNode& source = from[i];
            Node& node = to.nodes[i];
            node.param = source.param;
            node.multi = source.multi;
            node.terminalShape = source.terminalShape;
            node.edgeBegin = std::uint32_t(to.edges.size());
            node.edgeCount = std::uint32_t(source.literals.size());
            // std::map keeps keys in char_traits order, the order findChild() searches in.
            for (const auto& [key, childIndex] : source.literals) {
                Edge edge;
                edge.keyOffset = std::uint32_t(m_keys.size());
                edge.keyLength = std::uint32_t(key.size());
                edge.child = childIndex;
                m_keys += key;
                to.edges.push_back(edge);
            }
            if (withEntries) {
                node.entryBegin = std::uint32_t(m_entries.size());
                node.entryCount = std::uint32_t(source.entries.size());
                std::sort(source.entries.begin(), source.entries.end(),
                          [](const Entry& a, const Entry& b) { return a.rowId < b.rowId; });
                m_entries.insert(m_entries.end(), source.entries.begin(), source.entries.end());
                if (!source.entries.empty())
                    ++m_shapeCount;
            }
        }
    };
    flatten(builder.forward, m_forward, true);
    flatten(builder.reverse, m_reverse, false);

    // subtreeShape, children before parents: every child index is larger than its parent's.
    for (size_t i = m_reverse.nodes.size(); i-- > 0;) {
        Node& node = m_reverse.nodes[i];
        std::int32_t shape = node.terminalShape;
        auto merge = [&](std::int32_t childIndex) {
            if (childIndex < 0)
                return;
            const std::int32_t other = m_reverse.nodes[size_t(childIndex)].subtreeShape;
            if (other == -1 || other == shape)
                return;
            shape = (shape == -1) ? other : -2;
        };
        for (std::uint32_t e = 0; e < node.edgeCount; ++e)
            merge(m_reverse.edges[node.edgeBegin + e].child);
        merge(node.param);
        merge(node.multi);
        node.subtreeShape = shape;
    }
}

std::int32_t Classifier::findChild(const Trie& trie, const Node& node,
                                   std::string_view segment) const {
    const Edge* first = trie.edges.data() + node.edgeBegin;
    const Edge* last = first + node.edgeCount;
    const char* keys = m_keys.data();
    const Edge* it =
        std::lower_bound(first, last, segment, [keys](const Edge& e, std::string_view s) {
            return std::string_view(keys + e.keyOffset, e.keyLength) < s;
        });
    if (it != last && std::string_view(keys + it->keyOffset, it->keyLength) == segment)
        return it->child;
    return -1;
}

// Depth first, literal before placeholder before `{path:...}`: the first template found is the
// most specific one (literal segments win from the left).
std::int32_t Classifier::matchForward(std::int32_t nodeIndex, const std::string_view* segments,
                                      int count, int index, Score& score) const {
    const Node& node = m_forward.nodes[size_t(nodeIndex)];
    if (index == count)
        return node.entryCount > 0 ? nodeIndex : -1;
    const std::int32_t literal = findChild(m_forward, node, segments[index]);
    if (literal >= 0) {
        const std::int32_t found = matchForward(literal, segments, count, index + 1, score);
        if (found >= 0) {
            ++score.literals;
            return found;
        }
    }
    if (node.param >= 0) {
        const std::int32_t found = matchForward(node.param, segments, count, index + 1, score);
        if (found >= 0) {
            ++score.params;
            return found;
        }
    }
    if (node.multi >= 0) {
        for (int next = index + 1; next <= count; ++next) {
            const std::int32_t found = matchForward(node.multi, segments, count, next, score);
            if (found >= 0)
                return found;
        }
    }
    return -1;
}

// Walks the reversed path through the reverse trie. Every state no literal carries further is a
// candidate: the template ending there (the path has extra segments in front), or else the only
// template below it (the path's front differs from the template's). The candidate with most
// literal segments, then most segments up to its last literal, then a whole template over a
// partial one, wins; a tie between different templates leaves the path unclassified.
void Classifier::matchReverse(std::int32_t nodeIndex, const std::string_view* segments, int count,
                              int consumed, const Score& score, SuffixBest& best) const {
    const Node& node = m_reverse.nodes[size_t(nodeIndex)];
    bool literalFollows = false;
    if (consumed < count) {
        const std::string_view segment = segments[count - 1 - consumed];
        const std::int32_t literal = findChild(m_reverse, node, segment);
        if (literal >= 0) {
            literalFollows = true;
            Score next = score;
            ++next.literals;
            ++next.segments;
            if (!isGenericSegment(segment))
                ++next.distinct;
            next.segmentsToLiteral = next.segments;
            next.paramsToLiteral = next.params;
            matchReverse(literal, segments, count, consumed + 1, next, best);
        }
        if (node.param >= 0) {
            Score next = score;
            ++next.params;
            ++next.segments;
            matchReverse(node.param, segments, count, consumed + 1, next, best);
        }
        if (node.multi >= 0) {
            Score next = score;
            ++next.segments;
            for (int taken = consumed + 1; taken <= count; ++taken)
                matchReverse(node.multi, segments, count, taken, next, best);
        }
    }
    // A state is a candidate unless a literal carries the match on. Going on through a
    // placeholder does not disqualify it: that placeholder may only be swallowing the
    // deployment prefix, so the templates branching off here compete with the one it leads to.
    if (literalFollows || nodeIndex == 0)
        return;

    const bool full = node.terminalShape >= 0;
    const std::int32_t shape = full ? node.terminalShape : node.subtreeShape;
    const int segmentsScore = score.segmentsToLiteral;
    const bool better =
        score.literals != best.literals
            ? score.literals > best.literals
            : (segmentsScore != best.segments ? segmentsScore > best.segments : full && !best.full);
    if (better) {
        best.literals = score.literals;
        best.segments = segmentsScore;
        best.distinct = score.distinct;
        best.specificity = 2 * score.literals + score.paramsToLiteral;
        best.shape = shape;
        best.full = full;
        best.ambiguous = shape < 0;
    } else if (score.literals == best.literals && segmentsScore == best.segments &&
               full == best.full && shape != best.shape) {
        best.ambiguous = true;
    }
}

Classification Classifier::pick(std::int32_t shape, std::string_view action, int specificity,
                                bool bySuffix) const {
    const Node& node = m_forward.nodes[size_t(shape)];
    const Entry* first = m_entries.data() + node.entryBegin;
    const Entry* chosen = first;
    const std::uint8_t bits = actionBits(action);
    if (bits != 0 && node.entryCount > 1) {
        for (std::uint32_t i = 0; i < node.entryCount; ++i) {
            if (first[i].actions & bits) {
                chosen = first + i;
                break;
            }
        }
    }
    Classification result;
    result.serviceId = chosen->serviceId;
    result.categoryId = chosen->categoryId;
    result.rowId = chosen->rowId;
    result.matchedUrlIndex = chosen->urlIndex;
    result.specificity = specificity;
    result.bySuffix = bySuffix;
    return result;
}

Classification Classifier::classify(std::string_view path, std::string_view action) const {
    if (m_forward.nodes.empty())
        return {};
    std::array<std::string_view, kMaxSegments> segments;
    const int count = splitSegments(normalisePath(path), segments.data(), kMaxSegments);
    if (count <= 0)
        return {};

    Score score;
    const std::int32_t shape = matchForward(0, segments.data(), count, 0, score);
    if (shape >= 0)
        return pick(shape, action, 2 * score.literals + score.params, false);

    // A deployment prefix may differ from the seed's (`/manager/...` for `/api/app_manager/...`,
    // `/rest/orgs/...` for `/orgs/...`). Accept a suffix match only on real evidence: two
    // literal segments at least, not all of them generic, and one template alone at the top.
    SuffixBest best;
    matchReverse(0, segments.data(), count, 0, Score{}, best);
    if (best.ambiguous || best.shape < 0 || best.literals < 2)
        return {};
    if (best.distinct < 2 && !(best.full && best.distinct >= 1))
        return {};
    return pick(best.shape, action, best.specificity, true);
}

} // namespace cadf::inventory
