#pragma once

#include "models/inventory/catalogue_row.h"

#include <string>
#include <string_view>
#include <vector>

namespace cadf::inventory {

struct SeedParseResult {
    std::vector<std::string> categories; // in heading order
    std::vector<ServiceInfo> services;   // in table order
    std::vector<CatalogueRow> rows;      // every row of every table, in seed order
    // One line per oddity met and normalised (or kept as is), "line N: ...". Never fatal: a row
    // is kept whatever its shape, so a later reader can still see it.
    std::vector<std::string> warnings;
};

// Reads the text of IBM's "QRadar Suite audit inventory" page as copied to plain text: prose,
// category headings, "Table N. Service name: X", a header line "Action Description URL", then
// one row per line "<actions> <description> <url>[, <url>...]".
SeedParseResult parseSeed(std::string_view seedText);

// The action words the seed uses, normalised: lower case, the seed's typo `udpate` read as
// `update`. Returns an empty view for a word that is not an action word.
std::string_view normaliseActionWord(std::string_view word);

} // namespace cadf::inventory
