#include "models/store/raw_block.h"

#include "models/cadf/event.h"
#include "models/store/zlib_codec.h"

#include <cstring>

namespace cadf::store {

namespace {

enum EntryFlag : std::uint64_t { SharedRecord = 1, JsonSlice = 2 };

// Extras are (tag << 1 | wire) keys: wire 0 = varint, wire 1 = length-prefixed bytes. A reader
// skips tags it does not know, so later versions can add fields without a migration.
enum ExtraTag : std::uint64_t {
    EventTimeRaw = 1,
    PolicyType = 2,
    PolicyId = 3,
    Tag = 4,
    AttachmentCount = 5,
    TargetAddress = 6,
    TargetAgent = 7,
    TargetPlatform = 8,
    ObserverAddress = 9,
    ObserverAgent = 10,
    ObserverPlatform = 11,
    SyslogFormat = 12,
    SyslogFacility = 13,
    SyslogSeverity = 14,
    SyslogTimestamp = 15,
    SyslogTimeDelta = 16, // header time minus the event's time: a few bytes instead of eight
    SyslogProcId = 17,
    SyslogMsgId = 18,
    SyslogStructuredData = 19,
    SyslogTimeValid = 20,
};

std::uint64_t zigzag(std::int64_t v) {
    return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}

std::int64_t unzigzag(std::uint64_t v) {
    return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

void putBytes(std::string& out, std::string_view bytes) {
    putVarint(out, bytes.size());
    out.append(bytes);
}

bool getBytes(std::string_view& in, std::string_view& bytes) {
    std::uint64_t size = 0;
    if (!getVarint(in, size) || size > in.size())
        return false;
    bytes = in.substr(0, static_cast<std::size_t>(size));
    in.remove_prefix(static_cast<std::size_t>(size));
    return true;
}

void putText(std::string& out, ExtraTag tag, std::string_view text) {
    if (text.empty())
        return;
    putVarint(out, (static_cast<std::uint64_t>(tag) << 1) | 1);
    putBytes(out, text);
}

void putInt(std::string& out, ExtraTag tag, std::int64_t value) {
    putVarint(out, static_cast<std::uint64_t>(tag) << 1);
    putVarint(out, zigzag(value));
}

} // namespace

void putVarint(std::string& out, std::uint64_t value) {
    char buf[10];
    int n = 0;
    while (value >= 0x80) {
        buf[n++] = static_cast<char>((value & 0x7f) | 0x80);
        value >>= 7;
    }
    buf[n++] = static_cast<char>(value);
    out.append(buf, static_cast<std::size_t>(n));
}

bool getVarint(std::string_view& in, std::uint64_t& value) {
    value = 0;
    for (int shift = 0, i = 0; i < 10 && static_cast<std::size_t>(i) < in.size(); ++i, shift += 7) {
        const auto byte = static_cast<unsigned char>(in[static_cast<std::size_t>(i)]);
        value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
        if (!(byte & 0x80)) {
            in.remove_prefix(static_cast<std::size_t>(i) + 1);
            return true;
        }
    }
    return false;
}

void encodeExtras(const cadf::Event& event, std::string& out) {
    putText(out, EventTimeRaw, event.eventTimeRaw);
    putText(out, PolicyType, event.policyType);
    putText(out, PolicyId, event.policyId);
    for (const std::string& tag : event.tags) {
        // An empty tag must survive too, so tags do not go through putText.
        putVarint(out, (static_cast<std::uint64_t>(Tag) << 1) | 1);
        putBytes(out, tag);
    }
    if (event.attachmentCount != 0)
        putInt(out, AttachmentCount, event.attachmentCount);
    putText(out, TargetAddress, event.target.hostAddress);
    putText(out, TargetAgent, event.target.hostAgent);
    putText(out, TargetPlatform, event.target.hostPlatform);
    putText(out, ObserverAddress, event.observer.hostAddress);
    putText(out, ObserverAgent, event.observer.hostAgent);
    putText(out, ObserverPlatform, event.observer.hostPlatform);
    const cadf::SyslogInfo& sys = event.syslog;
    if (sys.format != cadf::SyslogFormat::None)
        putInt(out, SyslogFormat, static_cast<int>(sys.format));
    if (sys.facility != -1)
        putInt(out, SyslogFacility, sys.facility);
    if (sys.severity != -1)
        putInt(out, SyslogSeverity, sys.severity);
    putText(out, SyslogTimestamp, sys.timestamp);
    if (sys.timeValid || sys.timeUs != 0)
        putInt(out, SyslogTimeDelta,
               static_cast<std::int64_t>(static_cast<std::uint64_t>(sys.timeUs) -
                                         static_cast<std::uint64_t>(event.timeUs)));
    if (sys.timeValid)
        putInt(out, SyslogTimeValid, 1);
    putText(out, SyslogProcId, sys.procId);
    putText(out, SyslogMsgId, sys.msgId);
    putText(out, SyslogStructuredData, sys.structuredData);
}

bool decodeExtras(std::string_view data, cadf::Event& event) {
    while (!data.empty()) {
        std::uint64_t key = 0;
        if (!getVarint(data, key))
            return false;
        const std::uint64_t tag = key >> 1;
        if (key & 1) {
            std::string_view bytes;
            if (!getBytes(data, bytes))
                return false;
            std::string text(bytes);
            switch (tag) {
            case EventTimeRaw:
                event.eventTimeRaw = std::move(text);
                break;
            case PolicyType:
                event.policyType = std::move(text);
                break;
            case PolicyId:
                event.policyId = std::move(text);
                break;
            case Tag:
                event.tags.push_back(std::move(text));
                break;
            case TargetAddress:
                event.target.hostAddress = std::move(text);
                break;
            case TargetAgent:
                event.target.hostAgent = std::move(text);
                break;
            case TargetPlatform:
                event.target.hostPlatform = std::move(text);
                break;
            case ObserverAddress:
                event.observer.hostAddress = std::move(text);
                break;
            case ObserverAgent:
                event.observer.hostAgent = std::move(text);
                break;
            case ObserverPlatform:
                event.observer.hostPlatform = std::move(text);
                break;
            case SyslogTimestamp:
                event.syslog.timestamp = std::move(text);
                break;
            case SyslogProcId:
                event.syslog.procId = std::move(text);
                break;
            case SyslogMsgId:
                event.syslog.msgId = std::move(text);
                break;
            case SyslogStructuredData:
                event.syslog.structuredData = std::move(text);
                break;
            default:
                break; // a field from a later version
            }
        } else {
            std::uint64_t raw = 0;
            if (!getVarint(data, raw))
                return false;
            const std::int64_t value = unzigzag(raw);
            switch (tag) {
            case AttachmentCount:
                event.attachmentCount = static_cast<int>(value);
                break;
            case SyslogFormat:
                event.syslog.format = static_cast<cadf::SyslogFormat>(value);
                break;
            case SyslogFacility:
                event.syslog.facility = static_cast<int>(value);
                break;
            case SyslogSeverity:
                event.syslog.severity = static_cast<int>(value);
                break;
            case SyslogTimeDelta:
                event.syslog.timeUs = static_cast<std::int64_t>(
                    static_cast<std::uint64_t>(event.timeUs) + static_cast<std::uint64_t>(value));
                break;
            case SyslogTimeValid:
                event.syslog.timeValid = value != 0;
                break;
            default:
                break;
            }
        }
    }
    return true;
}

int RawBlockBuilder::append(const cadf::Event& event, std::string_view record,
                            bool sameRecordAsPrevious) {
    const bool shared = sameRecordAsPrevious && m_count > 0;
    std::uint64_t flags = shared ? std::uint64_t{SharedRecord} : 0;

    // Most events are their record's JSON, or a slice of it: store an offset, not a copy.
    std::size_t jsonOffset = std::string_view::npos;
    const std::string_view json = event.json;
    if (!json.empty() && json.size() <= record.size()) {
        if (record.substr(record.size() - json.size()) == json)
            jsonOffset = record.size() - json.size();
        else
            jsonOffset = record.find(json);
    }
    if (jsonOffset != std::string_view::npos)
        flags |= JsonSlice;

    putVarint(m_plain, flags);
    if (!shared) {
        putVarint(m_plain, record.size());
        m_lastRecordOffset = m_plain.size();
        m_lastRecordSize = record.size();
        m_plain.append(record);
    }
    if (flags & JsonSlice) {
        putVarint(m_plain, jsonOffset);
        putVarint(m_plain, json.size());
    } else {
        putBytes(m_plain, json);
    }
    m_extras.clear();
    encodeExtras(event, m_extras);
    putBytes(m_plain, m_extras);
    return m_count++;
}

std::string_view RawBlockBuilder::lastRecord() const {
    if (m_count == 0)
        return {};
    return std::string_view(m_plain).substr(m_lastRecordOffset, m_lastRecordSize);
}

void RawBlockBuilder::rewind(const Mark& mark) {
    m_plain.resize(mark.size);
    m_count = mark.count;
    m_lastRecordOffset = mark.lastRecordOffset;
    m_lastRecordSize = mark.lastRecordSize;
}

std::string RawBlockBuilder::takePlain(std::string buffer) {
    buffer.clear();
    std::swap(buffer, m_plain);
    clear();
    return buffer;
}

void RawBlockBuilder::clear() {
    m_plain.clear();
    m_count = 0;
    m_lastRecordOffset = 0;
    m_lastRecordSize = 0;
}

void frameBlob(RawCodec codec, std::size_t plainSize, std::int64_t dictionaryId,
               std::string_view payload, std::string& out) {
    out.clear();
    putVarint(out, plainSize);
    if (codec == RawCodec::DeflateWithDictionary || codec == RawCodec::RawDeflate)
        putVarint(out, static_cast<std::uint64_t>(dictionaryId));
    out.append(payload);
}

bool parseBlob(RawCodec codec, std::string_view blob, BlobHeader& header) {
    header = {};
    // A block is at most kMaxPlainBytes plus one record of at most 1 MiB and its extras.
    if (!getVarint(blob, header.plainSize) || header.plainSize > 64u * 1024 * 1024)
        return false;
    if (codec == RawCodec::DeflateWithDictionary || codec == RawCodec::RawDeflate) {
        std::uint64_t id = 0;
        if (!getVarint(blob, id) || (id == 0 && codec == RawCodec::DeflateWithDictionary) ||
            id > std::uint64_t(INT64_MAX))
            return false;
        header.dictionaryId = static_cast<std::int64_t>(id);
    }
    header.payload = blob;
    return true;
}

bool unframeBlob(RawCodec codec, std::string_view blob, std::string& plain,
                 std::string_view dictionary) {
    BlobHeader header;
    if (!parseBlob(codec, blob, header))
        return false;
    const auto size = static_cast<std::size_t>(header.plainSize);
    switch (codec) {
    case RawCodec::Plain:
        if (header.payload.size() != size)
            return false;
        plain.assign(header.payload);
        return true;
    case RawCodec::Deflate:
        return inflateExact(header.payload, size, plain);
    case RawCodec::DeflateWithDictionary:
        return !dictionary.empty() && inflateExact(header.payload, size, plain, dictionary);
    case RawCodec::RawDeflate:
        return (header.dictionaryId == 0 || !dictionary.empty()) &&
               inflateExact(header.payload, size, plain, dictionary, DeflateFraming::Raw);
    }
    return false;
}

bool parseBlock(std::string_view plain, std::vector<RawEntry>& entries) {
    entries.clear();
    std::string_view lastRecord;
    bool haveRecord = false;
    while (!plain.empty()) {
        std::uint64_t flags = 0;
        if (!getVarint(plain, flags))
            return false;
        RawEntry entry;
        if (flags & SharedRecord) {
            if (!haveRecord)
                return false;
            entry.record = lastRecord;
        } else {
            if (!getBytes(plain, entry.record))
                return false;
            lastRecord = entry.record;
            haveRecord = true;
        }
        if (flags & JsonSlice) {
            std::uint64_t offset = 0;
            std::uint64_t size = 0;
            if (!getVarint(plain, offset) || !getVarint(plain, size) ||
                offset + size > entry.record.size())
                return false;
            entry.json = entry.record.substr(static_cast<std::size_t>(offset),
                                             static_cast<std::size_t>(size));
        } else if (!getBytes(plain, entry.json)) {
            return false;
        }
        if (!getBytes(plain, entry.extras))
            return false;
        entries.push_back(entry);
    }
    return true;
}

} // namespace cadf::store
