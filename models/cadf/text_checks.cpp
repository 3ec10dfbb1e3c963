#include "models/cadf/text_checks.h"

#include <cstring>

namespace cadf {

ByteCheck checkRecordBytes(std::string_view bytes) {
    const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t n = bytes.size();
    std::size_t i = 0;
    while (i < n) {
        // ASCII fast path, 8 bytes at a time: no high bit and no byte below 0x20.
        if (n - i >= 8) {
            std::uint64_t w;
            std::memcpy(&w, s + i, 8);
            constexpr std::uint64_t ones = 0x0101010101010101ull;
            constexpr std::uint64_t highs = 0x8080808080808080ull;
            if (((w & highs) | ((w - ones * 0x20) & ~w & highs)) == 0) {
                i += 8;
                continue;
            }
        }
        const unsigned char c = s[i];
        if (c < 0x80) {
            if (c < 0x20 && c != '\t' && c != '\r' && c != '\n')
                return {ByteCheck::Verdict::Binary, i};
            ++i;
            continue;
        }
        // Multi-byte UTF-8 sequence: reject overlongs, surrogates and values past U+10FFFF.
        std::size_t len = 0;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0)
                lo = 0xA0;
            else if (c == 0xED)
                hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F;
        } else {
            return {ByteCheck::Verdict::InvalidUtf8, i};
        }
        if (n - i < len)
            return {ByteCheck::Verdict::InvalidUtf8, i};
        if (s[i + 1] < lo || s[i + 1] > hi)
            return {ByteCheck::Verdict::InvalidUtf8, i};
        for (std::size_t k = 2; k < len; ++k) {
            if ((s[i + k] & 0xC0) != 0x80)
                return {ByteCheck::Verdict::InvalidUtf8, i};
        }
        i += len;
    }
    return {};
}

std::uint64_t hash64(const void* data, std::size_t len, std::uint64_t seed) {
    constexpr std::uint64_t m = 0xc6a4a7935bd1e995ull;
    constexpr int r = 47;
    std::uint64_t h = seed ^ (len * m);
    const auto* p = static_cast<const unsigned char*>(data);
    const unsigned char* end = p + (len & ~std::size_t(7));
    for (; p != end; p += 8) {
        std::uint64_t k;
        std::memcpy(&k, p, 8);
        k *= m;
        k ^= k >> r;
        k *= m;
        h ^= k;
        h *= m;
    }
    switch (len & 7) {
    case 7:
        h ^= std::uint64_t(p[6]) << 48;
        [[fallthrough]];
    case 6:
        h ^= std::uint64_t(p[5]) << 40;
        [[fallthrough]];
    case 5:
        h ^= std::uint64_t(p[4]) << 32;
        [[fallthrough]];
    case 4:
        h ^= std::uint64_t(p[3]) << 24;
        [[fallthrough]];
    case 3:
        h ^= std::uint64_t(p[2]) << 16;
        [[fallthrough]];
    case 2:
        h ^= std::uint64_t(p[1]) << 8;
        [[fallthrough]];
    case 1:
        h ^= std::uint64_t(p[0]);
        h *= m;
    }
    h ^= h >> r;
    h *= m;
    h ^= h >> r;
    return h;
}

std::uint64_t jsonDigest(std::string_view json) {
    // Copy the significant bytes into a reused buffer, then hash once. Compact JSON (the common
    // case) is one memcpy.
    thread_local std::string compact;
    compact.clear();
    compact.reserve(json.size());
    bool inString = false;
    std::size_t runStart = 0;
    for (std::size_t i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
            compact.append(json.data() + runStart, i - runStart);
            runStart = i + 1;
        }
    }
    if (runStart < json.size())
        compact.append(json.data() + runStart, json.size() - runStart);
    return hash64(compact.data(), compact.size());
}

} // namespace cadf
