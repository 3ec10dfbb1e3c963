#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// Inventory URL templates turned into parts the generator fills with concrete values: ids recur
// from a bounded pool per placeholder, as a real tenant or case id does.
namespace cadf::loggen {

enum class ValueKind { Uuid, Int, SmallInt, Hex24, Word, Ipv4 };

struct Part {
    std::string literal; // used when placeholder is false
    bool placeholder = false;
    ValueKind kind = ValueKind::Word;
    std::uint64_t seed = 0;
    std::uint32_t pool = 1; // distinct values this placeholder takes: ids recur like real ones
};

// `{name}`, `\{string:name}`, `:name` segments and `<name>` become placeholders.
std::vector<Part> compileUrl(const std::string& url, std::uint64_t seed);
// Appends the value the 64-bit draw `v` stands for.
void appendPlaceholderValue(std::string& s, const Part& part, std::uint64_t v);
// The pod / app name of an inventory service: `Edge Gateway` -> `isc-app-manager`.
std::string appFor(const std::string& service);
std::string lower(std::string_view s);
std::string upper(std::string_view s);

} // namespace cadf::loggen
