#pragma once

#include <memory>
#include <string>
#include <string_view>

// zlib for the store's raw records. The writer compresses ~40 blocks per second at full speed;
// keeping one z_stream alive (deflateReset) avoids zlib's 256 KiB allocation per block.
namespace cadf::store {

class Deflater {
public:
    explicit Deflater(int level);
    ~Deflater();
    Deflater(const Deflater&) = delete;
    Deflater& operator=(const Deflater&) = delete;

    // Appends the zlib stream of `in` to `out`, primed with `dictionary` when not empty. False
    // only when zlib itself fails (out of memory).
    bool compress(std::string_view in, std::string& out, std::string_view dictionary = {});

private:
    struct State;
    std::unique_ptr<State> m_state;
};

// Inflates a zlib stream whose plain size is known; false on damaged data or a size mismatch.
// `dictionary` is the one the stream was compressed with (empty when none).
bool inflateExact(std::string_view in, std::size_t plainSize, std::string& out,
                  std::string_view dictionary = {});

// One-shot helpers for the rare rejects.
std::string deflateOnce(std::string_view in, int level);

} // namespace cadf::store
