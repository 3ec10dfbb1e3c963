#include "models/ingest/record_reader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QCoreApplication>
#include <zlib.h>

#include "models/cadf/reject.h"

namespace cadf::ingest {

namespace {

constexpr std::size_t kChunk = 1024 * 1024;    // one read() or one inflate() burst
constexpr std::size_t kGzipInput = 256 * 1024; // compressed bytes per read()
// A record up to kMaxRecordBytes (+ CR) must fit beside one chunk after compaction, so a line
// just under the limit is still delivered whole.
constexpr std::size_t kCapacity = kMaxRecordBytes + 2 + kChunk + 64 * 1024;
// How much of the stream the shape detection looks at before deciding.
constexpr std::size_t kSniffBytes = kChunk;

std::string withArg(const char* text, const std::string& arg) {
    return QCoreApplication::translate("cadf::ingest::RecordReader", text)
        .arg(QString::fromStdString(arg))
        .toStdString();
}

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

} // namespace

struct RecordReader::GzipState {
    z_stream zs{};
    std::unique_ptr<unsigned char[]> in{new unsigned char[kGzipInput]};
    bool initialized = false;
    bool inputEof = false;
    bool memberActive = false; // inside a gzip member (so an end of input here is a truncation)

    ~GzipState() {
        if (initialized)
            inflateEnd(&zs);
    }
};

RecordReader::RecordReader(std::string path)
    : m_path(std::move(path)) {}

RecordReader::~RecordReader() {
    if (m_fd >= 0)
        ::close(m_fd);
}

const char* inputShapeName(InputShape shape) {
    switch (shape) {
    case InputShape::Lines:
        return "lines";
    case InputShape::JsonArray:
        return "json_array";
    case InputShape::ConcatenatedJson:
        return "concatenated_json";
    }
    return "lines";
}

bool RecordReader::open(std::string* error) {
    auto fail = [&](std::string message) {
        if (error)
            *error = std::move(message);
        if (m_fd >= 0) {
            ::close(m_fd);
            m_fd = -1;
        }
        return false;
    };
    m_fd = ::open(m_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (m_fd < 0) {
        const int err = errno;
        if (err == ENOENT || err == ENOTDIR)
            return fail(withArg("File not found: %1", m_path));
        if (err == EACCES || err == EPERM)
            return fail(withArg("Permission denied: %1", m_path));
        if (err == EISDIR)
            return fail(withArg("Is a directory: %1", m_path));
        return fail(withArg("Cannot open %1", m_path) + ": " + std::strerror(err));
    }
    struct stat st {};
    if (::fstat(m_fd, &st) != 0)
        return fail(withArg("Cannot open %1", m_path) + ": " + std::strerror(errno));
    if (S_ISDIR(st.st_mode))
        return fail(withArg("Is a directory: %1", m_path));
    m_fileSize = S_ISREG(st.st_mode) ? static_cast<std::int64_t>(st.st_size) : 0;
    ::posix_fadvise(m_fd, 0, 0, POSIX_FADV_SEQUENTIAL);

    m_buf.reset(new char[kCapacity]);
    // Decide plain or gzip from the first two bytes, which are read into the inflate input
    // buffer so that a pipe works as well as a file.
    m_z = std::make_unique<GzipState>();
    std::size_t head = 0;
    while (head < 2) {
        const ssize_t n = ::read(m_fd, m_z->in.get() + head, kGzipInput - head);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return fail(withArg("Cannot read %1", m_path) + ": " + std::strerror(errno));
        if (n == 0)
            break;
        head += static_cast<std::size_t>(n);
    }
    m_diskBytes = static_cast<std::int64_t>(head);
    m_gzip = head >= 2 && m_z->in[0] == 0x1f && m_z->in[1] == 0x8b;
    if (m_gzip) {
        if (inflateInit2(&m_z->zs, 15 + 32) != Z_OK)
            return fail(withArg("Cannot open %1", m_path) + ": zlib initialisation failed");
        m_z->initialized = true;
        m_z->zs.next_in = m_z->in.get();
        m_z->zs.avail_in = static_cast<uInt>(head);
    } else {
        std::memcpy(m_buf.get(), m_z->in.get(), head);
        m_fill = head;
        m_streamBytes = static_cast<std::int64_t>(head);
        m_z.reset();
        if (head == 0)
            m_eof = true;
    }

    while (m_fill < kSniffBytes && fill()) {
    }
    if (m_fill >= 3 && static_cast<unsigned char>(m_buf[0]) == 0xEF &&
        static_cast<unsigned char>(m_buf[1]) == 0xBB &&
        static_cast<unsigned char>(m_buf[2]) == 0xBF)
        m_pos = 3;
    m_scan = m_pos;
    detectShape();
    return true;
}

void RecordReader::setStreamError(std::string message) {
    if (m_streamError.empty())
        m_streamError = std::move(message);
}

void RecordReader::compact() {
    const std::size_t drop = static_cast<std::size_t>(m_pos - m_bufBase);
    if (drop == 0)
        return;
    std::memmove(m_buf.get(), m_buf.get() + drop, m_fill - drop);
    m_fill -= drop;
    m_bufBase = m_pos;
}

bool RecordReader::fill() {
    if (m_eof)
        return false;
    if (m_stop.load(std::memory_order_relaxed)) {
        m_eof = true;
        return false;
    }
    if (kCapacity - m_fill < kChunk)
        compact();
    const std::size_t room = std::min(kCapacity - m_fill, kChunk);
    std::size_t got = 0;
    if (m_gzip)
        fillGzip(m_buf.get() + m_fill, room, got);
    else
        fillPlain(m_buf.get() + m_fill, room, got);
    m_fill += got;
    m_streamBytes += static_cast<std::int64_t>(got);
    if (!m_streamError.empty()) {
        m_streamErrorOffset = m_streamBytes;
        m_eof = true;
    } else if (got == 0) {
        m_eof = true;
    }
    return got > 0;
}

bool RecordReader::fillPlain(char* dst, std::size_t room, std::size_t& got) {
    for (;;) {
        const ssize_t n = ::read(m_fd, dst, room);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            setStreamError(withArg("read error at byte %1", std::to_string(m_diskBytes)) + ": " +
                           std::strerror(errno));
            return false;
        }
        got = static_cast<std::size_t>(n);
        m_diskBytes += n;
        return true;
    }
}

bool RecordReader::fillGzip(char* dst, std::size_t room, std::size_t& got) {
    GzipState& z = *m_z;
    z.zs.next_out = reinterpret_cast<Bytef*>(dst);
    z.zs.avail_out = static_cast<uInt>(room);
    while (z.zs.avail_out == room) {
        if (z.zs.avail_in == 0 && !z.inputEof) {
            const ssize_t n = ::read(m_fd, z.in.get(), kGzipInput);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0) {
                setStreamError(withArg("read error at byte %1", std::to_string(m_diskBytes)) +
                               ": " + std::strerror(errno));
                break;
            }
            if (n == 0) {
                z.inputEof = true;
            } else {
                m_diskBytes += n;
                z.zs.next_in = z.in.get();
                z.zs.avail_in = static_cast<uInt>(n);
            }
        }
        if (!z.memberActive) {
            // Between members: gzip(1) tolerates zero padding after the last member; so do we.
            while (z.zs.avail_in > 0 && *z.zs.next_in == 0) {
                ++z.zs.next_in;
                --z.zs.avail_in;
            }
            if (z.zs.avail_in == 0) {
                if (z.inputEof)
                    break; // clean end after a complete member
                continue;
            }
            z.memberActive = true;
        }
        if (z.zs.avail_in == 0 && z.inputEof) {
            setStreamError(
                withArg("gzip data is truncated at byte %1", std::to_string(m_diskBytes)));
            break;
        }
        const int rc = inflate(&z.zs, Z_NO_FLUSH);
        if (rc == Z_STREAM_END) {
            // Multi-member file (cat a.gz b.gz, or a rotated log appended to): start the next one.
            inflateReset(&z.zs);
            z.memberActive = false;
            continue;
        }
        if (rc == Z_OK || (rc == Z_BUF_ERROR && z.zs.avail_in == 0))
            continue;
        const std::int64_t at = m_diskBytes - z.zs.avail_in;
        std::string message = withArg("gzip data is corrupt at byte %1", std::to_string(at));
        if (z.zs.msg)
            message += std::string(" (") + z.zs.msg + ")";
        setStreamError(std::move(message));
        break;
    }
    got = room - z.zs.avail_out;
    return m_streamError.empty();
}

void RecordReader::detectShape() {
    const char* const begin = at(m_pos);
    const char* const end = m_buf.get() + m_fill;
    const char* p = begin;
    while (p < end && isSpace(*p))
        ++p;
    m_shape = InputShape::Lines;
    if (p == end)
        return;
    if (*p == '[') {
        // `[2023-10-18 12:00:01] INFO ...` is a text log, not an array: look at what follows.
        const char* q = p + 1;
        while (q < end && isSpace(*q))
            ++q;
        if (q == end || *q == '{' || *q == '[' || *q == ']' || *q == '"')
            m_shape = InputShape::JsonArray;
        return;
    }
    if (*p != '{')
        return;
    // A `{` line: JSON lines unless the first object spans several lines (pretty-printed). A
    // damaged first JSON line must not turn a JSONL file into one giant document, so another
    // record starting in column 0 (`{` or a syslog `<`) while the object is open means lines.
    int depth = 0;
    bool inString = false;
    bool escape = false;
    bool firstLine = true;
    for (const char* q = p; q < end; ++q) {
        const char c = *q;
        if (c == '\n') {
            inString = false; // a raw LF never occurs inside a valid JSON string
            escape = false;
            firstLine = false;
            if (q + 1 < end && (q[1] == '{' || q[1] == '<'))
                return;
            continue;
        }
        if (inString) {
            if (escape)
                escape = false;
            else if (c == '\\')
                escape = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (--depth == 0) {
                if (firstLine)
                    return;
                // Pretty-printed objects end their line; anything else on it means lines.
                for (const char* r = q + 1; r < end && *r != '\n'; ++r) {
                    if (!isSpace(*r) && *r != ',')
                        return;
                }
                m_shape = InputShape::ConcatenatedJson;
                return;
            }
        }
    }
    // The window ended with the object still open: several lines and nothing against it.
    if (!firstLine)
        m_shape = InputShape::ConcatenatedJson;
}

void RecordReader::deliver(Record& out, std::int64_t begin, std::int64_t end, std::int64_t number,
                           std::int64_t lineNo) {
    out.number = number;
    out.lineNo = lineNo;
    out.byteOffset = begin;
    const std::int64_t size = end - begin;
    if (size > static_cast<std::int64_t>(kMaxRecordBytes)) {
        out.text = std::string_view(at(begin), kMaxRejectBytes);
        out.oversize = true;
    } else {
        out.text = std::string_view(at(begin), static_cast<std::size_t>(size));
        out.oversize = false;
    }
}

void RecordReader::deliverOversize(Record& out, std::int64_t begin, std::int64_t number,
                                   std::int64_t lineNo) {
    out.number = number;
    out.lineNo = lineNo;
    out.byteOffset = begin;
    out.text = m_oversize;
    out.oversize = true;
}

bool RecordReader::next(Record& out) {
    if (m_fd < 0 || m_stop.load(std::memory_order_relaxed))
        return false;
    return m_shape == InputShape::Lines ? nextLine(out) : nextElement(out);
}

bool RecordReader::nextLine(Record& out) {
    for (;;) {
        const std::int64_t end = m_bufBase + static_cast<std::int64_t>(m_fill);
        if (m_scan < end) {
            const void* nl = std::memchr(at(m_scan), '\n', static_cast<std::size_t>(end - m_scan));
            if (nl) {
                const std::int64_t lf = m_bufBase + (static_cast<const char*>(nl) - m_buf.get());
                std::int64_t textEnd = lf;
                if (textEnd > m_pos && *at(textEnd - 1) == '\r')
                    --textEnd;
                ++m_records;
                deliver(out, m_pos, textEnd, m_records, m_records);
                m_pos = m_scan = lf + 1;
                return true;
            }
            m_scan = end;
        }
        if (end - m_pos > static_cast<std::int64_t>(kMaxRecordBytes) + 1) {
            // Keep the head, then walk to the end of the line without holding it: a 2 GB line
            // costs no more memory than a short one.
            const std::int64_t begin = m_pos;
            m_oversize.assign(at(begin), kMaxRejectBytes);
            ++m_records;
            m_pos = m_scan = end;
            for (;;) {
                if (!fill())
                    break;
                const std::int64_t e = m_bufBase + static_cast<std::int64_t>(m_fill);
                const void* nl =
                    std::memchr(at(m_scan), '\n', static_cast<std::size_t>(e - m_scan));
                if (nl) {
                    m_pos = m_scan = m_bufBase + (static_cast<const char*>(nl) - m_buf.get()) + 1;
                    break;
                }
                m_pos = m_scan = e;
            }
            if (m_stop.load(std::memory_order_relaxed))
                return false;
            deliverOversize(out, begin, m_records, m_records);
            return true;
        }
        if (!fill()) {
            if (m_stop.load(std::memory_order_relaxed) || m_pos >= end)
                return false;
            // The last line has no LF (or the stream broke inside it): it still counts.
            std::int64_t textEnd = end;
            if (*at(textEnd - 1) == '\r')
                --textEnd;
            ++m_records;
            deliver(out, m_pos, textEnd, m_records, m_records);
            m_pos = m_scan = end;
            return true;
        }
    }
}

bool RecordReader::nextElement(Record& out) {
    if (!m_inElement) {
        // Skip what lies between records: whitespace, commas, the brackets of a top-level array.
        for (;;) {
            const std::int64_t end = m_bufBase + static_cast<std::int64_t>(m_fill);
            const char* p = at(m_pos);
            const char* const e = at(end);
            for (; p < e; ++p) {
                const char c = *p;
                if (c == '\n')
                    ++m_line;
                else if (c == ' ' || c == '\t' || c == '\r' || c == ',')
                    continue;
                else if (c == '[' && !m_inArray)
                    m_inArray = true;
                else if (c == ']' && m_inArray)
                    m_inArray = false;
                else
                    break;
            }
            m_pos = m_bufBase + (p - m_buf.get());
            if (p < e)
                break;
            if (!fill())
                return false;
        }
        const char c = *at(m_pos);
        m_inElement = true;
        m_elemBegin = m_pos;
        m_elemLine = m_line;
        m_kind = (c == '{' || c == '[') ? ElementKind::Container
                                        : (c == '"' ? ElementKind::String : ElementKind::Other);
        m_scan = m_pos;
        m_depth = 0;
        m_inString = false;
        m_escape = false;
        m_lineStart = false;
        m_skipping = false;
        if (m_kind == ElementKind::String) {
            m_inString = true;
            ++m_scan;
        }
    }
    for (;;) {
        std::int64_t end = 0;
        if (scanElement(end)) {
            ++m_records;
            if (m_skipping) {
                deliverOversize(out, m_elemBegin, m_records, m_elemLine);
            } else {
                while (end > m_elemBegin && isSpace(*at(end - 1)))
                    --end;
                deliver(out, m_elemBegin, end, m_records, m_elemLine);
            }
            m_pos = m_scan;
            m_inElement = false;
            return true;
        }
        if (!m_skipping && m_scan - m_elemBegin > static_cast<std::int64_t>(kMaxRecordBytes)) {
            m_oversize.assign(at(m_elemBegin), kMaxRejectBytes);
            m_skipping = true;
        }
        // While skipping, nothing before the scanner is needed any more.
        m_pos = m_skipping ? m_scan : m_elemBegin;
        if (!fill()) {
            if (m_stop.load(std::memory_order_relaxed))
                return false;
            // Cut off in the middle: the rest is one last record, which the parser rejects as
            // truncated, so nothing vanishes.
            ++m_records;
            if (m_skipping) {
                deliverOversize(out, m_elemBegin, m_records, m_elemLine);
            } else {
                std::int64_t e = m_scan;
                while (e > m_elemBegin && isSpace(*at(e - 1)))
                    --e;
                deliver(out, m_elemBegin, e, m_records, m_elemLine);
            }
            m_pos = m_scan;
            m_inElement = false;
            return true;
        }
    }
}

bool RecordReader::scanElement(std::int64_t& endOut) {
    const std::int64_t end = m_bufBase + static_cast<std::int64_t>(m_fill);
    const char* const base = m_buf.get();
    const char* p = at(m_scan);
    const char* const e = at(end);
    auto finish = [&](const char* stop, const char* resume) {
        endOut = m_bufBase + (stop - base);
        m_scan = m_bufBase + (resume - base);
        return true;
    };
    // Pretty-printed concatenated objects start in column 0 and indent what they contain, so a
    // `{` in column 0 inside an open object means the previous one was cut off: resynchronise.
    const bool resync = m_shape == InputShape::ConcatenatedJson && !m_inArray;
    for (; p < e; ++p) {
        const char c = *p;
        if (c == '\n') {
            ++m_line;
            // A raw LF cannot be inside a valid JSON string; ending the string here keeps one
            // broken quote from swallowing the rest of the file.
            m_inString = false;
            m_escape = false;
            m_lineStart = true;
            if (m_kind == ElementKind::String)
                return finish(p, p);
            continue;
        }
        if (m_inString) {
            if (m_escape)
                m_escape = false;
            else if (c == '\\')
                m_escape = true;
            else if (c == '"') {
                m_inString = false;
                if (m_kind == ElementKind::String)
                    return finish(p + 1, p + 1);
            }
            continue;
        }
        if (m_kind == ElementKind::Container) {
            if (c == '"') {
                m_inString = true;
            } else if (c == '{' || c == '[') {
                if (resync && m_lineStart && c == '{' && m_depth > 0)
                    return finish(p, p);
                ++m_depth;
            } else if (c == '}' || c == ']') {
                if (--m_depth <= 0)
                    return finish(p + 1, p + 1);
            }
            m_lineStart = false; // for containers: column 0 only
            continue;
        }
        // Other: text that is no JSON value start. It runs to the next record boundary.
        if (m_lineStart) {
            if (c == ' ' || c == '\t' || c == '\r')
                continue;
            if (c == '{' || (c == '[' && !m_inArray))
                return finish(p, p);
            m_lineStart = false;
        }
        if (m_inArray && (c == ',' || c == ']'))
            return finish(p, p);
    }
    m_scan = end;
    return false;
}

} // namespace cadf::ingest
