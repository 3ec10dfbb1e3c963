#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cadf::inventory {

class Catalogue;

// Where one request landed in the inventory. All ids 0 (and matchedUrlIndex -1) when the path
// matched nothing: the event is "Unclassified".
struct Classification {
    int serviceId = 0;
    int categoryId = 0;
    int rowId = 0;
    int matchedUrlIndex = -1; // index into the row's urls
    // 2 per literal segment + 1 per one-segment placeholder of the template part that matched;
    // a `{path:...}` placeholder adds nothing. Larger is more specific.
    int specificity = 0;
    // True when the path matched only after a deployment prefix was set aside: the path's
    // trailing segments match the template's trailing segments.
    bool bySuffix = false;

    bool classified() const { return rowId != 0; }
};

// The compiled matcher over every URL template of a Catalogue: a trie over path segments (and
// a second one over reversed segments for paths behind a different deployment prefix). Built
// once; classify() is const, allocation-free and safe to call from many threads at once.
class Classifier {
public:
    enum ActionBit : std::uint8_t {
        Read = 1,
        Create = 2,
        Update = 4,
        Delete = 8,
        Restore = 16,
    };

    explicit Classifier(const Catalogue& catalogue);

    // `path` may be a full URL or a bare path; it goes through normalisePath() first. `action`
    // is the event's action (CADF `read`, `update/...`, or an HTTP method, any case); it only
    // decides between templates that match equally well.
    Classification classify(std::string_view path, std::string_view action) const;

    // Of an event's target.id, requestPath, target.typeURI and target.name, the first that
    // holds a path: one beginning with '/', else one that is an http(s) URL. Empty if none.
    static std::string_view pickPath(std::string_view targetId, std::string_view requestPath,
                                     std::string_view targetTypeUri, std::string_view targetName);
    // Strips scheme and host, query string, fragment, surrounding spaces and trailing slashes.
    // Returns a view into `path`; "/" stays "/".
    static std::string_view normalisePath(std::string_view path);
    // normalisePath(pickPath(...)).
    static std::string_view extractPath(std::string_view targetId, std::string_view requestPath,
                                        std::string_view targetTypeUri,
                                        std::string_view targetName);
    // The path with ids, numbers, UUIDs, hex hashes, e-mail and IP addresses replaced by `{id}`,
    // so that many distinct unclassified URLs group into a few patterns. Allocates: meant for
    // the unclassified minority.
    static std::string unclassifiedPattern(std::string_view path);
    // ActionBit mask of an action word: read/get/head/list, create/post, update/put/patch,
    // delete, restore. Anything after a '/' (CADF `read/list`) is ignored. 0 when unknown.
    static std::uint8_t actionBits(std::string_view action);

    // Distinct template shapes (templates differing only in placeholder names count once).
    int shapeCount() const { return m_shapeCount; }

    // The longest path (in segments) classify() looks at; longer paths are unclassified.
    static constexpr int kMaxSegments = 64;

private:
    struct Edge {
        std::uint32_t keyOffset = 0;
        std::uint32_t keyLength = 0;
        std::int32_t child = -1;
    };
    struct Entry {
        std::int32_t rowId = 0;
        std::int32_t urlIndex = 0;
        std::int32_t serviceId = 0;
        std::int32_t categoryId = 0;
        std::uint8_t actions = 0;
    };
    struct Node {
        std::uint32_t edgeBegin = 0;
        std::uint32_t edgeCount = 0;
        std::int32_t param = -1; // one-segment placeholder child
        std::int32_t multi = -1; // `{path:...}` child: one or more segments
        std::uint32_t entryBegin = 0;
        std::uint32_t entryCount = 0;
        // Reverse trie only: the template shape (forward terminal node) ending here, and the
        // only shape in this subtree (-1 none, -2 several).
        std::int32_t terminalShape = -1;
        std::int32_t subtreeShape = -1;
    };
    struct Trie {
        std::vector<Node> nodes;
        std::vector<Edge> edges;
    };
    struct Score;
    struct SuffixBest;
    class Builder;

    std::int32_t findChild(const Trie& trie, const Node& node, std::string_view segment) const;
    std::int32_t matchForward(std::int32_t node, const std::string_view* segments, int count,
                              int index, Score& score) const;
    void matchReverse(std::int32_t node, const std::string_view* segments, int count, int consumed,
                      const Score& score, SuffixBest& best) const;
    Classification pick(std::int32_t shape, std::string_view action, int specificity,
                        bool bySuffix) const;

    std::string m_keys; // all literal segments, back to back; edges point into it
    Trie m_forward;
    Trie m_reverse;
    std::vector<Entry> m_entries; // per forward terminal node, in seed order
    int m_shapeCount = 0;
};

} // namespace cadf::inventory
