#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cadf {
struct Event;
}

// Raw records are stored in blocks of up to ~256 records, deflated together: similar syslog lines
// compress ~10x as a block against ~2x one by one. Each entry of a block also carries the event's
// attributes that have no column (eventTime text, policy, tags, syslog details...), so the
// events row stays small and a round trip still gives back every field.
//
// Plain block layout: entries back to back, each
//   varint flags (bit 0: same record as the previous entry; bit 1: json is a slice of the record)
//   [varint size, bytes]  record, unless shared
//   varint offset, varint size  (slice)   or   varint size, bytes  (json text)
//   varint size, bytes  extras (see encodeExtras)
// The stored blob is varint plain size, then (codecs 2 and 3) varint raw_dicts id (0: none in
// codec 3), then the zlib stream (codecs 1, 2), the raw deflate stream (3) or the plain bytes (0).
namespace cadf::store {

// RawDeflate (schema 4 on): raw deflate stream, primed with raw_dicts row `dictionaryId` unless 0.
enum class RawCodec : int { Plain = 0, Deflate = 1, DeflateWithDictionary = 2, RawDeflate = 3 };

inline constexpr std::size_t kDictionaryBytes = 32 * 1024; // the deflate window

struct RawEntry {
    std::string_view record;
    std::string_view json;
    std::string_view extras;
};

class RawBlockBuilder {
public:
    static constexpr int kMaxEntries = 1024;
    static constexpr std::size_t kMaxPlainBytes = 256 * 1024;

    // Appends one event's entry; `record` is its raw record, `sameRecordAsPrevious` says the
    // caller knows it is the record of the previous entry (several events of one record).
    int append(const cadf::Event& event, std::string_view record, bool sameRecordAsPrevious);

    int count() const { return m_count; }
    bool empty() const { return m_count == 0; }
    bool full() const { return m_count >= kMaxEntries || m_plain.size() >= kMaxPlainBytes; }
    const std::string& plain() const { return m_plain; }
    // The record of the last entry, for the caller's "same record" test.
    std::string_view lastRecord() const;
    void clear();

    // Where the block stands: the writer appends a chunk of entries before it knows whether
    // their rows were all stored, and goes back to the mark when some were duplicates.
    struct Mark {
        std::size_t size = 0;
        int count = 0;
        std::size_t lastRecordOffset = 0;
        std::size_t lastRecordSize = 0;
    };
    Mark mark() const { return {m_plain.size(), m_count, m_lastRecordOffset, m_lastRecordSize}; }
    void rewind(const Mark& mark);
    // Hands over the plain bytes without copying them and starts a new block in `buffer` (a
    // recycled one keeps its capacity).
    std::string takePlain(std::string buffer);

private:
    std::string m_plain;
    std::string m_extras; // scratch, kept for its capacity
    int m_count = 0;
    std::size_t m_lastRecordOffset = 0;
    std::size_t m_lastRecordSize = 0;
};

// Blob for raw_blocks.data (and rejects.raw): header + payload.
void frameBlob(RawCodec codec, std::size_t plainSize, std::int64_t dictionaryId,
               std::string_view payload, std::string& out);
struct BlobHeader {
    std::uint64_t plainSize = 0;
    std::int64_t dictionaryId = 0; // codecs 2 and 3
    std::string_view payload;
};
bool parseBlob(RawCodec codec, std::string_view blob, BlobHeader& header);
// The plain bytes of a blob; `dictionary` is the raw_dicts data for codec 2. False when damaged.
bool unframeBlob(RawCodec codec, std::string_view blob, std::string& plain,
                 std::string_view dictionary = {});
// Splits plain block bytes into entries (views into `plain`); false on damaged data.
bool parseBlock(std::string_view plain, std::vector<RawEntry>& entries);

// The attributes of an event that have no column of their own, as tagged fields. decodeExtras
// needs event.timeUs already set (the syslog header time is stored relative to it).
void encodeExtras(const cadf::Event& event, std::string& out);
bool decodeExtras(std::string_view data, cadf::Event& event);

// Varints, shared with the writer and reader.
void putVarint(std::string& out, std::uint64_t value);
bool getVarint(std::string_view& in, std::uint64_t& value);

} // namespace cadf::store
