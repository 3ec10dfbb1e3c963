#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <QCryptographicHash>
#include <QFile>

#include <atomic>

// SHA-1 of an imported file, the digest the sources table records (and `sha1sum` prints). On
// CPUs with the SHA extensions (Intel Goldmont / Ice Lake and later, every AMD Zen) the blocks go
// through the SHA-NI instructions: the file digest runs beside the import on the same two cores,
// and SHA-NI takes ~0.4 us per 1.1 KB line where QCryptographicHash takes ~1.2 (bench_import).
// Elsewhere QCryptographicHash does the work.
namespace cadf::ingest {

class Sha1 {
public:
    enum class Engine { Auto, Portable };
    explicit Sha1(Engine engine = Engine::Auto);

    void add(std::string_view data);
    // Lower-case hex of the 20-byte digest; the object is spent afterwards.
    std::string hexResult();

    // Whether this CPU runs the SHA-NI path.
    static bool hardwareAvailable();

private:
    bool m_hardware = false;
    QCryptographicHash m_portable{QCryptographicHash::Sha1};
    std::array<std::uint32_t, 5> m_state{0x67452301u, 0xEFCDAB89u, 0x98BADCFEu, 0x10325476u,
                                         0xC3D2E1F0u};
    std::array<std::uint8_t, 64> m_partial{};
    std::size_t m_partialSize = 0;
    std::uint64_t m_totalBytes = 0;
};

// The SHA-1 of a file, hashed a chunk at a time by the importing thread whenever the store
// writer's queue is full: the importer would otherwise wait there while the writer commits, with
// one core idle. On its own thread, at normal priority, the hash took CPU from the import; at
// the end, whatever is left is hashed before the summary. Reads the file a second time (from the
// page cache by then), as on disk: a .gz file's digest is that of the compressed bytes.
class FileSha1 {
public:
    explicit FileSha1(const std::string& path);

    // Everything hashed, or the file could not be read (the digest is then empty).
    bool finished() const { return m_finished; }
    // Hashes the next chunk (256 KiB).
    void step();
    // Hashes what is left, unless cancelled; lower-case hex, empty when cancelled or unreadable.
    std::string result(const std::atomic_bool& cancel);

private:
    QFile m_file;
    Sha1 m_hash;
    std::string m_chunk;
    bool m_finished = false;
    bool m_failed = false;
};

} // namespace cadf::ingest
