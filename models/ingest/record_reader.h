#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

// Streams the records of one input file: physical lines, or the top-level elements of a whole-file
// JSON document. Plain or gzip (detected by magic bytes), read in large blocks into a reused
// buffer so a record costs no allocation and memory stays bounded whatever the file holds.
namespace cadf::ingest {

struct Record {
    std::int64_t number = 0;     // 1-based: physical line in line mode, element ordinal otherwise
    std::int64_t lineNo = 0;     // 1-based physical line where the record starts
    std::int64_t byteOffset = 0; // offset of its first byte in the uncompressed stream
    std::string_view text;       // without the line terminator; valid until the next call
    bool oversize = false;       // over cadf::kMaxRecordBytes: text holds the first kMaxRejectBytes
};

enum class InputShape {
    Lines,           // one record per physical line (syslog, JSONL, anything else)
    JsonArray,       // `[` first: each top-level array element is a record
    ConcatenatedJson // pretty-printed objects one after the other: each object is a record
};

class RecordReader {
public:
    explicit RecordReader(std::string path);
    ~RecordReader();
    RecordReader(const RecordReader&) = delete;
    RecordReader& operator=(const RecordReader&) = delete;

    // Opens the file, detects compression and shape. On failure returns false with a one-line
    // English message (file not found, permission denied, is a directory, ...).
    bool open(std::string* error);
    // The next record; false at the end of input, after a stream error or after requestStop().
    bool next(Record& out);

    InputShape shape() const { return m_shape; }
    bool compressed() const { return m_gzip; }
    std::int64_t fileSize() const { return m_fileSize; }
    // Bytes read from disk so far (compressed when gzip): the progress measure against fileSize().
    std::int64_t bytesConsumed() const { return m_diskBytes; }
    // Uncompressed bytes produced so far.
    std::int64_t uncompressedBytes() const { return m_streamBytes; }
    // Why reading stopped early ("gzip data is truncated at byte 81234"); empty when the input was
    // read to its end. Records before the damage have been delivered.
    const std::string& streamError() const { return m_streamError; }
    // Uncompressed offset where the readable data ends when streamError() is set.
    std::int64_t streamErrorOffset() const { return m_streamErrorOffset; }
    // Thread-safe: next() returns false at its next call (or soon, inside a long skip).
    void requestStop() { m_stop.store(true, std::memory_order_relaxed); }

private:
    struct GzipState;

    bool fill(); // appends to the buffer; false when no byte could be added
    bool fillPlain(char* dst, std::size_t room, std::size_t& got);
    bool fillGzip(char* dst, std::size_t room, std::size_t& got);
    void setStreamError(std::string message);
    void compact();
    void detectShape();
    bool nextLine(Record& out);
    bool nextElement(Record& out);
    bool scanElement(std::int64_t& end); // advances the element scanner; true when it completed
    void deliver(Record& out, std::int64_t begin, std::int64_t end, std::int64_t number,
                 std::int64_t lineNo);
    void deliverOversize(Record& out, std::int64_t begin, std::int64_t number, std::int64_t lineNo);

    const char* at(std::int64_t offset) const { return m_buf.get() + (offset - m_bufBase); }

    std::string m_path;
    int m_fd = -1;
    bool m_gzip = false;
    InputShape m_shape = InputShape::Lines;
    std::int64_t m_fileSize = 0;
    std::int64_t m_diskBytes = 0;
    std::int64_t m_streamBytes = 0;
    std::string m_streamError;
    std::int64_t m_streamErrorOffset = 0;
    std::atomic<bool> m_stop{false};
    bool m_eof = false; // no more bytes will come (end of data, error or stop)

    // The window of the uncompressed stream in memory: m_buf[0] is stream offset m_bufBase and
    // m_bufBase + m_fill is where the next byte read lands. Offsets below are stream offsets.
    std::unique_ptr<char[]> m_buf;
    std::size_t m_fill = 0;
    std::int64_t m_bufBase = 0;
    std::int64_t m_pos = 0; // first byte not yet handed out

    std::unique_ptr<GzipState> m_z;
    std::string m_oversize; // the kept head of an oversize record
    std::int64_t m_records = 0;
    std::int64_t m_line = 1; // document modes: physical line of the next byte scanned

    // Document-mode scanner, resumable across buffer refills.
    enum class ElementKind { Container, String, Other };
    bool m_inArray = false;
    ElementKind m_kind = ElementKind::Other;
    bool m_inElement = false;
    std::int64_t m_elemBegin = 0;
    std::int64_t m_elemLine = 0;
    std::int64_t m_scan = 0; // next byte the element scanner looks at
    int m_depth = 0;
    bool m_inString = false;
    bool m_escape = false;
    bool m_lineStart = false; // at column 0 (containers) / only blanks since the LF (others)
    bool m_skipping = false;  // oversize: the head is saved, the rest is only scanned
};

const char* inputShapeName(InputShape shape);

} // namespace cadf::ingest
