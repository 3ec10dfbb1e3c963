#pragma once

#include <string>
#include <vector>

namespace cadf::inventory {

// One endpoint row of the QRadar Suite audit inventory. The normalised fields are what the
// classifier and the UI use; the *Raw fields keep the seed's text so nothing is lost.
struct CatalogueRow {
    int id = 0; // 1-based, the seed's order; stable across conversions of the same seed
    std::string category;
    std::string service;
    int categoryId = 0;               // 1-based, order of the category headings
    int serviceId = 0;                // 1-based, order of the service tables
    std::vector<std::string> actions; // lower case, typos fixed, duplicates removed, order kept
    std::string actionsRaw;
    std::string description;
    std::vector<std::string> urls; // templates: leading slash, no verb, no trailing slash
    std::string urlsRaw;           // the URL cell as printed
    int table = 0;                 // "Table N" of the seed
};

struct ServiceInfo {
    std::string name;
    std::string category;
    int serviceId = 0;  // 1..N in seed order
    int categoryId = 0; // 1..M in seed order
};

} // namespace cadf::inventory
