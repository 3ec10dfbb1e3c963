#pragma once

#include <memory>
#include <string>
#include <string_view>

// zlib for the store's raw records. The writer compresses ~40 blocks per second at full speed;
// keeping one z_stream alive (deflateReset) avoids zlib's 256 KiB allocation per block.
namespace cadf::store {

// A zlib stream (header and Adler-32: stores written before schema 4, and rejects), or raw
// deflate (the raw blocks since: their exact plain size and entry layout already catch damage,
// and Adler-32 over the 32 KiB dictionary and the block was 6% of the compressor's time; perf,
// bench_import).
enum class DeflateFraming { Zlib, Raw };

// zlib's own search parameters for a level, unless set (deflateTune).
struct DeflateTuning {
    int goodLength = 0, maxLazy = 0, niceLength = 0, maxChain = 0;
    bool set() const { return maxChain > 0; }
};

class Deflater {
public:
    explicit Deflater(int level, DeflateFraming framing = DeflateFraming::Zlib,
                      DeflateTuning tuning = {});
    ~Deflater();
    Deflater(const Deflater&) = delete;
    Deflater& operator=(const Deflater&) = delete;

    // Appends the stream of `in` to `out`, primed with `dictionary` when not empty. False
    // only when zlib itself fails (out of memory).
    bool compress(std::string_view in, std::string& out, std::string_view dictionary = {});

private:
    struct State;
    std::unique_ptr<State> m_state;
    DeflateTuning m_tuning;
};

// Inflates a stream whose plain size is known; false on damaged data or a size mismatch.
// `dictionary` is the one the stream was compressed with (empty when none).
bool inflateExact(std::string_view in, std::size_t plainSize, std::string& out,
                  std::string_view dictionary = {}, DeflateFraming framing = DeflateFraming::Zlib);

// One-shot zlib stream for the rare rejects.
std::string deflateOnce(std::string_view in, int level);

} // namespace cadf::store
