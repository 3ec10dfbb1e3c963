#include "tools/loggen/url_templates.h"

#include <algorithm>
#include <cctype>
#include <fstream>

#include <nlohmann/json.hpp>

namespace cadf::loggen {

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// Inventory cells sometimes carry prose around the path ("Get /system/health/all"): keep the
// token that is a path.
std::string pathToken(const std::string& cell) {
    std::size_t start = 0;
    while (start < cell.size()) {
        while (start < cell.size() && std::isspace(static_cast<unsigned char>(cell[start])))
            ++start;
        std::size_t end = start;
        while (end < cell.size() && !std::isspace(static_cast<unsigned char>(cell[end])))
            ++end;
        if (end > start && cell[start] == '/')
            return cell.substr(start, end - start);
        start = end;
    }
    return {};
}

} // namespace

std::vector<UrlTemplate> loadUrlTemplates(const std::string& inventoryJsonPath,
                                          std::string* error) {
    std::vector<UrlTemplate> out;
    std::ifstream in(inventoryJsonPath, std::ios::binary);
    if (!in) {
        if (error)
            *error = "cannot open " + inventoryJsonPath;
        return out;
    }
    const nlohmann::json doc = nlohmann::json::parse(in, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("rows") ||
        !doc["rows"].is_array()) {
        if (error)
            *error = inventoryJsonPath + " is not an inventory (expected an object with rows[])";
        return out;
    }
    for (const auto& row : doc["rows"]) {
        if (!row.is_object())
            continue;
        UrlTemplate base;
        base.rowId = row.value("id", 0);
        base.category = row.value("category", std::string());
        base.service = row.value("service", std::string());
        if (auto it = row.find("actions"); it != row.end() && it->is_array()) {
            for (const auto& a : *it) {
                if (a.is_string() && !a.get<std::string>().empty())
                    base.actions.push_back(lower(a.get<std::string>()));
            }
        }
        if (base.actions.empty())
            base.actions.push_back("read");
        auto urls = row.find("urls");
        if (urls == row.end() || !urls->is_array())
            continue;
        for (const auto& u : *urls) {
            if (!u.is_string())
                continue;
            std::string path = pathToken(u.get<std::string>());
            if (path.empty())
                continue;
            UrlTemplate t = base;
            t.url = std::move(path);
            out.push_back(std::move(t));
        }
    }
    if (out.empty() && error)
        *error = inventoryJsonPath + " lists no URL";
    return out;
}

} // namespace cadf::loggen
