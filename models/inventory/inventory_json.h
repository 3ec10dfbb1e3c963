#pragma once

#include "models/inventory/seed_parser.h"

#include <string>
#include <string_view>

namespace cadf::inventory {

// The text of resources/inventory.json for a parsed seed: pretty-printed, keys in a fixed order,
// ending in a newline, so the same seed always gives the same bytes.
std::string toInventoryJson(const SeedParseResult& parsed);

// Reads inventory.json back. Service and category ids are recomputed from the order of the
// "categories" and "services" arrays. On failure returns false and says why in *error; warnings
// stay empty (they belong to the seed, not to the resource).
bool fromInventoryJson(std::string_view json, SeedParseResult& out, std::string* error);

} // namespace cadf::inventory
