#include "models/store/zlib_codec.h"

#include <zlib.h>

#include <climits>

namespace cadf::store {

struct Deflater::State {
    z_stream stream{};
    bool ready = false;
};

Deflater::Deflater(int level, DeflateFraming framing, DeflateTuning tuning)
    : m_state(std::make_unique<State>())
    , m_tuning(tuning) {
    // memLevel 9: a little more memory for ~1% better ratio on long similar lines.
    const int windowBits = framing == DeflateFraming::Raw ? -15 : 15;
    m_state->ready = deflateInit2(&m_state->stream, level, Z_DEFLATED, windowBits, 9,
                                  Z_DEFAULT_STRATEGY) == Z_OK;
}

Deflater::~Deflater() {
    if (m_state->ready)
        deflateEnd(&m_state->stream);
}

bool Deflater::compress(std::string_view in, std::string& out, std::string_view dictionary) {
    if (!m_state->ready || in.size() > UINT_MAX)
        return false;
    z_stream& zs = m_state->stream;
    if (deflateReset(&zs) != Z_OK)
        return false;
    // deflateReset goes back to the level's parameters: tune after it.
    if (m_tuning.set() && deflateTune(&zs, m_tuning.goodLength, m_tuning.maxLazy,
                                      m_tuning.niceLength, m_tuning.maxChain) != Z_OK)
        return false;
    if (!dictionary.empty() &&
        deflateSetDictionary(&zs, reinterpret_cast<const Bytef*>(dictionary.data()),
                             static_cast<uInt>(dictionary.size())) != Z_OK)
        return false;
    const std::size_t start = out.size();
    const uLong bound = deflateBound(&zs, static_cast<uLong>(in.size()));
    out.resize(start + bound);
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + start);
    zs.avail_out = static_cast<uInt>(bound);
    const int rc = deflate(&zs, Z_FINISH);
    if (rc != Z_STREAM_END) {
        out.resize(start);
        return false;
    }
    out.resize(start + zs.total_out);
    return true;
}

bool inflateExact(std::string_view in, std::size_t plainSize, std::string& out,
                  std::string_view dictionary, DeflateFraming framing) {
    const bool raw = framing == DeflateFraming::Raw;
    if (in.size() > UINT_MAX || plainSize > UINT_MAX)
        return false;
    if (plainSize == 0) {
        out.clear();
        return true;
    }
    out.resize(plainSize);
    z_stream zs{};
    if (inflateInit2(&zs, raw ? -15 : 15) != Z_OK)
        return false;
    // A raw stream does not ask for its dictionary: it is set up front.
    if (raw && !dictionary.empty() &&
        inflateSetDictionary(&zs, reinterpret_cast<const Bytef*>(dictionary.data()),
                             static_cast<uInt>(dictionary.size())) != Z_OK) {
        inflateEnd(&zs);
        out.clear();
        return false;
    }
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(plainSize);
    int rc = inflate(&zs, Z_FINISH);
    if (rc == Z_NEED_DICT && !dictionary.empty()) {
        if (inflateSetDictionary(&zs, reinterpret_cast<const Bytef*>(dictionary.data()),
                                 static_cast<uInt>(dictionary.size())) == Z_OK)
            rc = inflate(&zs, Z_FINISH);
    }
    const bool ok = rc == Z_STREAM_END && zs.total_out == plainSize;
    inflateEnd(&zs);
    if (!ok)
        out.clear();
    return ok;
}

std::string deflateOnce(std::string_view in, int level) {
    Deflater deflater(level);
    std::string out;
    deflater.compress(in, out);
    return out;
}

} // namespace cadf::store
