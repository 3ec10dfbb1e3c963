#include "models/cadf/event_extractor.h"

#include "models/cadf/text_checks.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace cadf {

namespace {

enum class Key : std::uint8_t {
    Unknown,
    // event level
    Id,
    TypeUri,
    EventType,
    EventTime,
    Action,
    Outcome,
    Severity,
    RequestPath,
    EventName,
    Initiator,
    Target,
    Observer,
    InitiatorId,
    TargetId,
    ObserverId,
    Reason,
    Tags,
    Attachments,
    KnownSubtree, // parts of an event we keep only in the raw text (requestData, measurements...)
    EnvelopeTime,
    WrapperString, // may hold an event encoded as a JSON string
    Dotted,        // flattened "initiator.host.address" style key
    // resource level
    Name,
    Domain,
    DomainId,
    Host,
    Credential,
    // host level
    Address,
    Agent,
    Platform,
    // credential level
    Type,
    // reason level
    ReasonCode,
    ReasonType,
    PolicyType,
    PolicyId,
};

enum class Role : std::uint8_t { Initiator, Target, Observer };

enum class FrameKind : std::uint8_t {
    Candidate,
    CandidateArray,
    Resource,
    Host,
    Credential,
    Reason,
    Tags,
    Attachments,
    Skip,
};

struct Frame {
    FrameKind kind;
    Role role;
    int cand; // index of the owning candidate in the candidate stack, -1 at top level
};

struct Candidate {
    Event ev;
    std::size_t start = 0;
    std::size_t whitespaceAtStart = 0; // the scanner's whitespace count at the opening brace
    int parent = -1;
    bool hasTime = false;
    bool hasAction = false;
    bool hasOutcome = false;
    bool hasInitiator = false;
    bool hasTarget = false;
    bool hasObserver = false;
    bool eventTypeUri = false;
    bool descendantEmitted = false;
    std::string eventName;
};

constexpr int kMaxCandidateDepth = 8; // wrappers seen in practice nest 3 deep; cadf.md says <= 6
constexpr int kMaxStringNesting = 3;

// Lower-cases a key into buf; returns an empty view when the key is too long to be one we know.
std::string_view lowerKey(std::string_view key, char (&buf)[48]) {
    if (key.size() >= sizeof buf)
        return {};
    for (std::size_t i = 0; i < key.size(); ++i) {
        const char c = key[i];
        buf[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    }
    return {buf, key.size()};
}

struct KeyName {
    std::string_view name;
    Key key;
};

constexpr std::array kEventKeys{
    KeyName{"id", Key::Id},
    KeyName{"typeuri", Key::TypeUri},
    KeyName{"typeurl", Key::TypeUri},
    KeyName{"eventtype", Key::EventType},
    KeyName{"eventtime", Key::EventTime},
    KeyName{"action", Key::Action},
    KeyName{"outcome", Key::Outcome},
    KeyName{"severity", Key::Severity},
    KeyName{"requestpath", Key::RequestPath},
    KeyName{"eventname", Key::EventName},
    KeyName{"initiator", Key::Initiator},
    KeyName{"target", Key::Target},
    KeyName{"observer", Key::Observer},
    KeyName{"initiatorid", Key::InitiatorId},
    KeyName{"targetid", Key::TargetId},
    KeyName{"observerid", Key::ObserverId},
    KeyName{"reason", Key::Reason},
    KeyName{"tags", Key::Tags},
    KeyName{"attachments", Key::Attachments},
    KeyName{"measurements", Key::KnownSubtree},
    KeyName{"measurement", Key::KnownSubtree},
    KeyName{"reporterchain", Key::KnownSubtree},
    KeyName{"requestdata", Key::KnownSubtree},
    KeyName{"responsedata", Key::KnownSubtree},
    KeyName{"requestheader", Key::KnownSubtree},
    KeyName{"responsebody", Key::KnownSubtree},
    KeyName{"geolocation", Key::KnownSubtree},
    KeyName{"resource_info", Key::KnownSubtree},
    KeyName{"timestamp", Key::EnvelopeTime},
    KeyName{"@timestamp", Key::EnvelopeTime},
    KeyName{"line", Key::WrapperString},
    KeyName{"message", Key::WrapperString},
    KeyName{"log", Key::WrapperString},
    KeyName{"msg", Key::WrapperString},
    KeyName{"payload", Key::WrapperString},
    KeyName{"oslo.message", Key::WrapperString},
    KeyName{"event", Key::WrapperString},
    KeyName{"data", Key::WrapperString},
    KeyName{"body", Key::WrapperString},
    KeyName{"_raw", Key::WrapperString},
};

constexpr std::array kResourceKeys{
    KeyName{"id", Key::Id},           KeyName{"name", Key::Name},
    KeyName{"typeuri", Key::TypeUri}, KeyName{"typeurl", Key::TypeUri},
    KeyName{"domain", Key::Domain},   KeyName{"domainid", Key::DomainId},
    KeyName{"host", Key::Host},       KeyName{"credential", Key::Credential},
};

constexpr std::array kHostKeys{
    KeyName{"address", Key::Address},
    KeyName{"agent", Key::Agent},
    KeyName{"platform", Key::Platform},
};

constexpr std::array kReasonKeys{
    KeyName{"reasoncode", Key::ReasonCode},
    KeyName{"reasontype", Key::ReasonType},
    KeyName{"policytype", Key::PolicyType},
    KeyName{"policyid", Key::PolicyId},
};

template <std::size_t N> Key lookup(const std::array<KeyName, N>& table, std::string_view lower) {
    // Length and first letter rule out nearly every entry without a call to memcmp (a key is
    // looked up for every member of every event).
    for (const auto& k : table) {
        if (k.name.size() == lower.size() && k.name[0] == lower[0] &&
            std::memcmp(k.name.data(), lower.data(), lower.size()) == 0)
            return k.key;
    }
    return Key::Unknown;
}

bool endsWithNoCase(std::string_view s, std::string_view suffix) {
    if (s.size() < suffix.size())
        return false;
    for (std::size_t i = 0; i < suffix.size(); ++i) {
        char c = s[s.size() - suffix.size() + i];
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c + 32);
        if (c != suffix[i])
            return false;
    }
    return true;
}

bool looksLikeJsonText(std::string_view raw) {
    for (const char c : raw) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        return c == '{' || c == '[';
    }
    return false;
}

} // namespace

// The scanner's handler. One per extract() call; all state lives here.
class ExtractHandler {
public:
    ExtractHandler(EventExtractor& owner, std::string_view text, std::vector<Event>& out)
        : m_owner(owner)
        , m_text(text)
        , m_out(out) {}

    // The scanner's count of whitespace skipped between tokens (Scanner::whitespaceSkipped).
    void watchWhitespace(const std::size_t* counter) { m_whitespace = counter; }

    bool beginObject(std::size_t offset) {
        if (m_frames.empty()) {
            pushCandidate(offset, -1);
            return true;
        }
        const Frame top = m_frames.back();
        switch (top.kind) {
        case FrameKind::Candidate:
            switch (m_key) {
            case Key::Initiator:
                push(FrameKind::Resource, Role::Initiator, top.cand);
                break;
            case Key::Target:
                push(FrameKind::Resource, Role::Target, top.cand);
                break;
            case Key::Observer:
                push(FrameKind::Resource, Role::Observer, top.cand);
                break;
            case Key::Reason:
                push(FrameKind::Reason, Role::Initiator, top.cand);
                break;
            case Key::Unknown:
            case Key::WrapperString:
            case Key::EnvelopeTime:
                pushCandidate(offset, top.cand);
                break;
            default:
                push(FrameKind::Skip, Role::Initiator, top.cand);
                break;
            }
            break;
        case FrameKind::CandidateArray:
            pushCandidate(offset, top.cand);
            break;
        case FrameKind::Resource:
            if (m_key == Key::Host)
                push(FrameKind::Host, top.role, top.cand);
            else if (m_key == Key::Credential)
                push(FrameKind::Credential, top.role, top.cand);
            else
                push(FrameKind::Skip, top.role, top.cand);
            break;
        case FrameKind::Attachments:
            ++m_cands[top.cand].ev.attachmentCount;
            push(FrameKind::Skip, top.role, top.cand);
            break;
        default:
            push(FrameKind::Skip, top.role, top.cand);
            break;
        }
        return true;
    }

    bool endObject(std::size_t end) {
        const Frame f = m_frames.back();
        m_frames.pop_back();
        if (f.kind == FrameKind::Candidate)
            closeCandidate(end);
        return true;
    }

    bool beginArray(std::size_t) {
        if (m_frames.empty()) {
            push(FrameKind::CandidateArray, Role::Initiator, -1);
            return true;
        }
        const Frame top = m_frames.back();
        FrameKind kind = FrameKind::Skip;
        if (top.kind == FrameKind::Candidate) {
            if (m_key == Key::Tags)
                kind = FrameKind::Tags;
            else if (m_key == Key::Attachments)
                kind = FrameKind::Attachments;
            else if (m_key == Key::Unknown || m_key == Key::WrapperString)
                kind = FrameKind::CandidateArray;
        } else if (top.kind == FrameKind::CandidateArray) {
            kind = FrameKind::CandidateArray;
        }
        push(kind, top.role, top.cand);
        return true;
    }

    bool endArray(std::size_t) {
        m_frames.pop_back();
        return true;
    }

    bool key(std::string_view raw, bool escaped) {
        const Frame& top = m_frames.back();
        m_key = Key::Unknown;
        if (top.kind == FrameKind::Skip || top.kind == FrameKind::CandidateArray)
            return true;
        std::string_view k = raw;
        if (escaped) {
            m_keyBuf.clear();
            if (!json::unescape(raw, m_keyBuf))
                return true;
            k = m_keyBuf;
        }
        char buf[48];
        const std::string_view lower = lowerKey(k, buf);
        if (lower.empty())
            return true;
        switch (top.kind) {
        case FrameKind::Candidate:
            m_key = lookup(kEventKeys, lower);
            if (m_key == Key::Unknown && lower.find('.') != std::string_view::npos) {
                m_key = Key::Dotted;
                m_dotted.assign(lower);
            }
            break;
        case FrameKind::Resource:
            m_key = lookup(kResourceKeys, lower);
            break;
        case FrameKind::Host:
            m_key = lookup(kHostKeys, lower);
            break;
        case FrameKind::Credential:
            m_key = (lower == "type") ? Key::Type : Key::Unknown;
            break;
        case FrameKind::Reason:
            m_key = lookup(kReasonKeys, lower);
            break;
        default:
            break;
        }
        return true;
    }

    bool string(std::string_view raw, bool escaped) { return scalar(raw, escaped, true); }
    bool number(std::string_view text) { return scalar(text, false, false); }
    bool boolean(bool v) { return scalar(v ? "true" : "false", false, false); }
    bool null() { return scalar({}, false, false); }

    std::string envelopeTime;
    int emitted = 0;

private:
    void push(FrameKind kind, Role role, int cand) { m_frames.push_back({kind, role, cand}); }

    void pushCandidate(std::size_t offset, int parent) {
        const int depth = static_cast<int>(m_candDepth);
        if (depth >= kMaxCandidateDepth) {
            push(FrameKind::Skip, Role::Initiator, parent);
            return;
        }
        if (m_cands.size() <= m_candDepth)
            m_cands.emplace_back();
        Candidate& c = m_cands[m_candDepth];
        c = Candidate{};
        c.start = offset;
        c.whitespaceAtStart = m_whitespace ? *m_whitespace : 0;
        c.parent = parent;
        push(FrameKind::Candidate, Role::Initiator, depth);
        ++m_candDepth;
    }

    void closeCandidate(std::size_t end) {
        --m_candDepth;
        Candidate& c = m_cands[m_candDepth];
        const bool shaped = c.eventTypeUri ||
                            (c.hasTime && (c.hasAction || c.hasOutcome || c.hasInitiator ||
                                           c.hasTarget || c.hasObserver)) ||
                            (int(c.hasAction) + int(c.hasOutcome) + int(c.hasInitiator) +
                             int(c.hasTarget) + int(c.hasObserver)) >= 3;
        bool emittedHere = false;
        if (shaped && !c.descendantEmitted) {
            const std::string_view slice = m_text.substr(c.start, end - c.start);
            if (c.ev.action.empty() && !c.eventName.empty())
                c.ev.action = c.eventName; // Open Liberty names its action eventName
            // No whitespace skipped inside the object: the slice is already its compact form.
            const bool compact = m_whitespace && *m_whitespace == c.whitespaceAtStart;
            c.ev.digest = compact ? hash64(slice.data(), slice.size()) : jsonDigest(slice);
            if (m_owner.m_keepJson)
                c.ev.json.assign(slice);
            m_out.push_back(std::move(c.ev));
            ++emitted;
            emittedHere = true;
        }
        if ((emittedHere || c.descendantEmitted) && c.parent >= 0)
            m_cands[c.parent].descendantEmitted = true;
    }

    static void assign(std::string& dst, std::string_view raw, bool escaped) {
        dst.clear();
        if (escaped)
            json::unescape(raw, dst);
        else
            dst.assign(raw);
    }

    Resource& resource(Candidate& c, Role role) {
        switch (role) {
        case Role::Initiator:
            c.hasInitiator = true;
            return c.ev.initiator;
        case Role::Target:
            c.hasTarget = true;
            return c.ev.target;
        case Role::Observer:
            c.hasObserver = true;
            return c.ev.observer;
        }
        return c.ev.initiator;
    }

    bool scalar(std::string_view raw, bool escaped, bool isString) {
        if (m_frames.empty())
            return true; // a bare top-level scalar: nothing to find in it
        const Frame& top = m_frames.back();
        switch (top.kind) {
        case FrameKind::Candidate:
            candidateScalar(m_cands[top.cand], raw, escaped, isString);
            break;
        case FrameKind::CandidateArray:
            if (isString && looksLikeJsonText(raw))
                decodeNested(raw, escaped, top.cand);
            break;
        case FrameKind::Resource: {
            Resource& r = resource(m_cands[top.cand], top.role);
            switch (m_key) {
            case Key::Id:
                assign(r.id, raw, escaped);
                break;
            case Key::Name:
                assign(r.name, raw, escaped);
                break;
            case Key::TypeUri:
                assign(r.typeUri, raw, escaped);
                break;
            case Key::Domain:
                assign(r.domain, raw, escaped);
                break;
            case Key::DomainId:
                if (r.domain.empty())
                    assign(r.domain, raw, escaped);
                break;
            case Key::Host:
                assign(r.hostAddress, raw, escaped);
                break;
            case Key::Credential:
                assign(r.credentialType, raw, escaped);
                break;
            default:
                break;
            }
            break;
        }
        case FrameKind::Host: {
            Resource& r = resource(m_cands[top.cand], top.role);
            if (m_key == Key::Address)
                assign(r.hostAddress, raw, escaped);
            else if (m_key == Key::Agent)
                assign(r.hostAgent, raw, escaped);
            else if (m_key == Key::Platform)
                assign(r.hostPlatform, raw, escaped);
            break;
        }
        case FrameKind::Credential:
            if (m_key == Key::Type)
                assign(resource(m_cands[top.cand], top.role).credentialType, raw, escaped);
            break;
        case FrameKind::Reason:
            reasonScalar(m_cands[top.cand].ev, m_key, raw, escaped);
            break;
        case FrameKind::Tags:
            if (isString) {
                std::string tag;
                assign(tag, raw, escaped);
                m_cands[top.cand].ev.tags.push_back(std::move(tag));
            }
            break;
        default:
            break;
        }
        return true;
    }

    static void reasonScalar(Event& ev, Key key, std::string_view raw, bool escaped) {
        switch (key) {
        case Key::ReasonCode:
            assign(ev.reasonCode, raw, escaped);
            break;
        case Key::ReasonType:
            assign(ev.reasonType, raw, escaped);
            break;
        case Key::PolicyType:
            assign(ev.policyType, raw, escaped);
            break;
        case Key::PolicyId:
            assign(ev.policyId, raw, escaped);
            break;
        default:
            break;
        }
    }

    void candidateScalar(Candidate& c, std::string_view raw, bool escaped, bool isString) {
        Event& ev = c.ev;
        switch (m_key) {
        case Key::Id:
            assign(ev.id, raw, escaped);
            break;
        case Key::TypeUri:
            assign(ev.typeUri, raw, escaped);
            c.eventTypeUri = endsWithNoCase(ev.typeUri, "/audit/1.0/event");
            break;
        case Key::EventType:
            assign(ev.eventType, raw, escaped);
            break;
        case Key::EventTime:
            assign(ev.eventTimeRaw, raw, escaped);
            c.hasTime = !raw.empty();
            break;
        case Key::Action:
            assign(ev.action, raw, escaped);
            c.hasAction = !raw.empty();
            break;
        case Key::Outcome:
            assign(ev.outcomeRaw, raw, escaped);
            c.hasOutcome = !raw.empty();
            break;
        case Key::Severity:
            assign(ev.severity, raw, escaped);
            break;
        case Key::RequestPath:
            assign(ev.requestPath, raw, escaped);
            break;
        case Key::EventName:
            assign(c.eventName, raw, escaped);
            break;
        case Key::InitiatorId:
            assign(resource(c, Role::Initiator).id, raw, escaped);
            break;
        case Key::TargetId:
            assign(resource(c, Role::Target).id, raw, escaped);
            break;
        case Key::ObserverId:
            assign(resource(c, Role::Observer).id, raw, escaped);
            break;
        case Key::EnvelopeTime:
            if (envelopeTime.empty() && isString)
                assign(envelopeTime, raw, escaped);
            break;
        case Key::WrapperString:
        case Key::Unknown:
            if (isString && m_key == Key::WrapperString && looksLikeJsonText(raw))
                decodeNested(raw, escaped, static_cast<int>(&c - m_cands.data()));
            break;
        case Key::Dotted:
            dottedScalar(c, raw, escaped);
            break;
        default:
            break;
        }
    }

    // Flattened keys: "initiator.id", "initiator.host.address", "reason.reasonCode", ...
    void dottedScalar(Candidate& c, std::string_view raw, bool escaped) {
        const std::string_view k = m_dotted;
        const std::size_t dot = k.find('.');
        const std::string_view head = k.substr(0, dot);
        std::string_view rest = k.substr(dot + 1);
        if (head == "reason") {
            reasonScalar(c.ev, lookup(kReasonKeys, rest), raw, escaped);
            return;
        }
        Role role;
        if (head == "initiator")
            role = Role::Initiator;
        else if (head == "target")
            role = Role::Target;
        else if (head == "observer")
            role = Role::Observer;
        else
            return;
        Resource& r = resource(c, role);
        std::string* dst = nullptr;
        if (rest.substr(0, 5) == "host.") {
            const Key hk = lookup(kHostKeys, rest.substr(5));
            dst = hk == Key::Address    ? &r.hostAddress
                  : hk == Key::Agent    ? &r.hostAgent
                  : hk == Key::Platform ? &r.hostPlatform
                                        : nullptr;
        } else if (rest == "credential.type") {
            dst = &r.credentialType;
        } else {
            switch (lookup(kResourceKeys, rest)) {
            case Key::Id:
                dst = &r.id;
                break;
            case Key::Name:
                dst = &r.name;
                break;
            case Key::TypeUri:
                dst = &r.typeUri;
                break;
            case Key::Domain:
            case Key::DomainId:
                dst = &r.domain;
                break;
            default:
                break;
            }
        }
        if (dst)
            assign(*dst, raw, escaped);
    }

    // A JSON document inside a JSON string (LogDNA `line`, oslo `oslo.message`): decode and search
    // it with the same rules. Its events keep the decoded text as their JSON.
    void decodeNested(std::string_view raw, bool escaped, int owner) {
        if (m_owner.m_stringNesting >= kMaxStringNesting)
            return;
        std::string decoded;
        if (escaped) {
            if (!json::unescape(raw, decoded))
                return;
        } else {
            decoded.assign(raw);
        }
        ++m_owner.m_stringNesting;
        const ExtractResult r = m_owner.extract(decoded, 0, m_out);
        --m_owner.m_stringNesting;
        if (r.eventsFound > 0) {
            emitted += r.eventsFound;
            if (owner >= 0)
                m_cands[owner].descendantEmitted = true;
        }
        if (envelopeTime.empty())
            envelopeTime = r.envelopeTime;
    }

    EventExtractor& m_owner;
    std::string_view m_text;
    std::vector<Event>& m_out;
    const std::size_t* m_whitespace = nullptr;
    std::vector<Frame> m_frames;
    std::vector<Candidate> m_cands;
    std::size_t m_candDepth = 0;
    Key m_key = Key::Unknown;
    std::string m_keyBuf;
    std::string m_dotted;
};

EventExtractor::EventExtractor() = default;
EventExtractor::~EventExtractor() = default;

ExtractResult EventExtractor::extract(std::string_view text, std::size_t from,
                                      std::vector<Event>& out) {
    ExtractResult result;
    ExtractHandler handler(*this, text, out);
    json::Scanner<ExtractHandler> scanner(text, handler);
    handler.watchWhitespace(&scanner.whitespaceSkipped());
    std::size_t pos = from;
    for (;;) {
        while (pos < text.size() && json::detail::isWs(text[pos]))
            ++pos;
        if (pos >= text.size())
            break;
        const char c = text[pos];
        if (c != '{' && c != '[') {
            result.scan = {json::ScanError::Syntax, pos, "unexpected text after the JSON"};
            break;
        }
        result.scan = scanner.scanValue(pos);
        if (result.scan.error != json::ScanError::None)
            break;
        pos = result.scan.offset;
    }
    result.eventsFound = handler.emitted;
    result.envelopeTime = std::move(handler.envelopeTime);
    return result;
}

} // namespace cadf
