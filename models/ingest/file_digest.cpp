#include "models/ingest/file_digest.h"

#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>
#define CADF_HAVE_SHA_NI 1
#endif

namespace cadf::ingest {

namespace {

#ifdef CADF_HAVE_SHA_NI

// SHA-1 compression of 64-byte blocks with the SHA extensions. The 80 rounds go four at a time:
// sha1rnds4 takes the next four schedule words with E folded into the first one (sha1nexte), and
// its immediate picks the round function of rounds 0-19, 20-39, 40-59, 60-79. The schedule
// words of rounds 16..79 come from the sixteen before them (sha1msg1, xor, sha1msg2).
#define CADF_SHA_TARGET __attribute__((target("sha,ssse3,sse4.1")))

// Four rounds: `previousAbcd` (ABCD four rounds ago) yields this group's E, added to its words.
template <int Function>
CADF_SHA_TARGET inline void fourRounds(__m128i& abcd, __m128i& previousAbcd, __m128i words) {
    const __m128i input = _mm_sha1nexte_epu32(previousAbcd, words);
    previousAbcd = abcd;
    abcd = _mm_sha1rnds4_epu32(abcd, input, Function);
}

// Schedule words of group `group` (4..19) from the four groups before it, kept in w[] mod 4.
CADF_SHA_TARGET inline __m128i nextWords(__m128i* w, int group) {
    w[group & 3] = _mm_sha1msg2_epu32(
        _mm_xor_si128(_mm_sha1msg1_epu32(w[group & 3], w[(group + 1) & 3]), w[(group + 2) & 3]),
        w[(group + 3) & 3]);
    return w[group & 3];
}

CADF_SHA_TARGET void compressSha(std::uint32_t* state, const std::uint8_t* data,
                                 std::size_t blocks) {
    // Words are big-endian in the message; ABCD sits in one register with A in the top lane.
    const __m128i byteSwap = _mm_set_epi64x(0x0001020304050607LL, 0x08090a0b0c0d0e0fLL);
    __m128i abcd =
        _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(state)), 0x1B);
    __m128i e = _mm_set_epi32(static_cast<int>(state[4]), 0, 0, 0);
    for (; blocks > 0; --blocks, data += 64) {
        const __m128i savedAbcd = abcd;
        const __m128i savedE = e;
        __m128i w[4];
        for (int i = 0; i < 4; ++i)
            w[i] = _mm_shuffle_epi8(
                _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + 16 * i)), byteSwap);
        // Rounds 0-3: E is added to the first words directly.
        __m128i previousAbcd = abcd;
        abcd = _mm_sha1rnds4_epu32(abcd, _mm_add_epi32(e, w[0]), 0);
        for (int group = 1; group < 4; ++group)
            fourRounds<0>(abcd, previousAbcd, w[group]);
        fourRounds<0>(abcd, previousAbcd, nextWords(w, 4));
        for (int group = 5; group < 10; ++group)
            fourRounds<1>(abcd, previousAbcd, nextWords(w, group));
        for (int group = 10; group < 15; ++group)
            fourRounds<2>(abcd, previousAbcd, nextWords(w, group));
        for (int group = 15; group < 20; ++group)
            fourRounds<3>(abcd, previousAbcd, nextWords(w, group));
        e = _mm_sha1nexte_epu32(previousAbcd, savedE);
        abcd = _mm_add_epi32(abcd, savedAbcd);
    }
    _mm_storeu_si128(reinterpret_cast<__m128i*>(state), _mm_shuffle_epi32(abcd, 0x1B));
    state[4] = static_cast<std::uint32_t>(_mm_extract_epi32(e, 3));
}

bool cpuHasShaNi() {
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx))
        return false;
    const bool ssse3 = ecx & (1u << 9);
    const bool sse41 = ecx & (1u << 19);
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx))
        return false;
    const bool sha = ebx & (1u << 29);
    return ssse3 && sse41 && sha;
}

#else

void compressSha(std::uint32_t*, const std::uint8_t*, std::size_t) {}
bool cpuHasShaNi() {
    return false;
}

#endif

} // namespace

bool Sha1::hardwareAvailable() {
    static const bool available = cpuHasShaNi();
    return available;
}

Sha1::Sha1(Engine engine)
    : m_hardware(engine == Engine::Auto && hardwareAvailable()) {}

void Sha1::add(std::string_view data) {
    if (!m_hardware) {
        m_portable.addData(QByteArrayView(data.data(), static_cast<qsizetype>(data.size())));
        return;
    }
    m_totalBytes += data.size();
    auto bytes = reinterpret_cast<const std::uint8_t*>(data.data());
    std::size_t size = data.size();
    if (m_partialSize > 0) {
        const std::size_t take = std::min(size, m_partial.size() - m_partialSize);
        std::memcpy(m_partial.data() + m_partialSize, bytes, take);
        m_partialSize += take;
        bytes += take;
        size -= take;
        if (m_partialSize < m_partial.size())
            return;
        compressSha(m_state.data(), m_partial.data(), 1);
        m_partialSize = 0;
    }
    compressSha(m_state.data(), bytes, size / 64);
    bytes += size / 64 * 64;
    size %= 64;
    std::memcpy(m_partial.data(), bytes, size);
    m_partialSize = size;
}

std::string Sha1::hexResult() {
    if (!m_hardware)
        return m_portable.result().toHex().toStdString();
    // Padding: 0x80, zeros up to 56 mod 64, then the length in bits, big-endian.
    const std::uint64_t bits = m_totalBytes * 8;
    std::uint8_t tail[128] = {};
    std::memcpy(tail, m_partial.data(), m_partialSize);
    tail[m_partialSize] = 0x80;
    const std::size_t tailSize = m_partialSize < 56 ? 64 : 128;
    for (int i = 0; i < 8; ++i)
        tail[tailSize - 1 - i] = static_cast<std::uint8_t>(bits >> (8 * i));
    compressSha(m_state.data(), tail, tailSize / 64);
    QByteArray digest(20, '\0');
    for (int i = 0; i < 5; ++i)
        for (int b = 0; b < 4; ++b)
            digest[4 * i + b] = static_cast<char>(m_state[i] >> (24 - 8 * b));
    return digest.toHex().toStdString();
}

FileSha1::FileSha1(const std::string& path)
    : m_file(QString::fromStdString(path)) {
    m_failed = !m_file.open(QIODevice::ReadOnly);
    m_finished = m_failed;
}

void FileSha1::step() {
    if (m_finished)
        return;
    m_chunk.resize(256 * 1024);
    const qint64 got = m_file.read(m_chunk.data(), static_cast<qint64>(m_chunk.size()));
    if (got <= 0) {
        m_failed = got < 0;
        m_finished = true;
        m_file.close();
        return;
    }
    m_hash.add(std::string_view(m_chunk.data(), static_cast<std::size_t>(got)));
}

std::string FileSha1::result(const std::atomic_bool& cancel) {
    while (!m_finished && !cancel.load(std::memory_order_relaxed))
        step();
    if (!m_finished || m_failed)
        return {};
    return m_hash.hexResult();
}

} // namespace cadf::ingest
