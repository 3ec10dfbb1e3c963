#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

// Byte-level checks and hashing used on every ingested record.
namespace cadf {

struct ByteCheck {
    enum class Verdict : std::uint8_t { Text, Binary, InvalidUtf8 } verdict = Verdict::Text;
    std::size_t offset = 0; // first offending byte
};

// Text means valid UTF-8 without NUL or other control bytes (tab, CR and LF aside). Control
// bytes other than NUL are "binary" too: no JSON producer writes them raw, and they would be
// rejected by the JSON grammar anyway; calling them binary gives the analyst the better reason.
ByteCheck checkRecordBytes(std::string_view bytes);

// 64-bit hash (MurmurHash64A construction), stable across runs and platforms: it is stored.
std::uint64_t hash64(const void* data, std::size_t len, std::uint64_t seed = 0x6361646673636f70ull);

// Digest of a JSON text that ignores whitespace outside strings, so the same event pretty-printed
// or compact, re-exported by another tool, is recognised as the same event.
std::uint64_t jsonDigest(std::string_view json);

} // namespace cadf
