#pragma once

#include <string>
#include <vector>

// The URL templates of the QRadar Suite audit inventory (resources/inventory.json), one per URL of
// each inventory row, as the log generator draws them.
namespace cadf::loggen {

struct UrlTemplate {
    int rowId = 0;
    std::string category;
    std::string service;
    std::vector<std::string> actions; // lower case, as the inventory lists them: "read", "create"
    std::string url;                  // with placeholders: `{tenant_id}`, `:id`, `{int:case_id}`
};

// Reads `{"rows":[{"id":1,"category":...,"service":...,"actions":[...],"urls":[...]}]}`. Returns
// an empty list and sets *error when the file is missing or malformed.
std::vector<UrlTemplate> loadUrlTemplates(const std::string& inventoryJsonPath,
                                          std::string* error = nullptr);

} // namespace cadf::loggen
