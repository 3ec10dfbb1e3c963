#include "models/inventory/inventory_json.h"

#include <nlohmann/json.hpp>

namespace cadf::inventory {
namespace {

constexpr const char* kSource = "IBM Security QRadar Suite audit inventory";

using OrderedJson = nlohmann::ordered_json;

bool fail(std::string* error, std::string message) {
    if (error)
        *error = std::move(message);
    return false;
}

bool readStringArray(const nlohmann::json& value, std::vector<std::string>& out) {
    if (!value.is_array())
        return false;
    for (const auto& item : value) {
        if (!item.is_string())
            return false;
        out.push_back(item.get<std::string>());
    }
    return true;
}

} // namespace

std::string toInventoryJson(const SeedParseResult& parsed) {
    OrderedJson root;
    root["source"] = kSource;
    root["categories"] = parsed.categories;
    OrderedJson services = OrderedJson::array();
    for (const ServiceInfo& service : parsed.services) {
        OrderedJson s;
        s["name"] = service.name;
        s["category"] = service.category;
        services.push_back(std::move(s));
    }
    root["services"] = std::move(services);
    OrderedJson rows = OrderedJson::array();
    for (const CatalogueRow& row : parsed.rows) {
        OrderedJson r;
        r["id"] = row.id;
        r["category"] = row.category;
        r["service"] = row.service;
        r["actions"] = row.actions;
        r["actions_raw"] = row.actionsRaw;
        r["description"] = row.description;
        r["urls"] = row.urls;
        r["urls_raw"] = row.urlsRaw;
        r["table"] = row.table;
        rows.push_back(std::move(r));
    }
    root["rows"] = std::move(rows);
    return root.dump(2) + "\n";
}

bool fromInventoryJson(std::string_view json, SeedParseResult& out, std::string* error) {
    out = SeedParseResult{};
    const nlohmann::json root = nlohmann::json::parse(json, nullptr, false);
    if (root.is_discarded() || !root.is_object())
        return fail(error, "inventory: not a JSON object");
    if (!root.contains("categories") || !readStringArray(root["categories"], out.categories))
        return fail(error, "inventory: \"categories\" is not an array of strings");

    auto categoryId = [&](const std::string& name) {
        for (size_t i = 0; i < out.categories.size(); ++i) {
            if (out.categories[i] == name)
                return int(i) + 1;
        }
        return 0;
    };

    const auto services = root.find("services");
    if (services == root.end() || !services->is_array())
        return fail(error, "inventory: \"services\" is not an array");
    for (const auto& s : *services) {
        if (!s.is_object() || !s.contains("name") || !s["name"].is_string() ||
            !s.contains("category") || !s["category"].is_string())
            return fail(error, "inventory: a service lacks \"name\" or \"category\"");
        ServiceInfo info;
        info.name = s["name"].get<std::string>();
        info.category = s["category"].get<std::string>();
        info.categoryId = categoryId(info.category);
        if (info.categoryId == 0)
            return fail(error, "inventory: service '" + info.name + "' has an unknown category");
        info.serviceId = int(out.services.size()) + 1;
        out.services.push_back(std::move(info));
    }

    const auto rows = root.find("rows");
    if (rows == root.end() || !rows->is_array())
        return fail(error, "inventory: \"rows\" is not an array");
    for (const auto& r : *rows) {
        CatalogueRow row;
        const auto str = [&](const char* key, std::string& target) {
            const auto it = r.find(key);
            if (it == r.end() || !it->is_string())
                return false;
            target = it->get<std::string>();
            return true;
        };
        const auto integer = [&](const char* key, int& target) {
            const auto it = r.find(key);
            if (it == r.end() || !it->is_number_integer())
                return false;
            target = it->get<int>();
            return true;
        };
        if (!r.is_object() || !integer("id", row.id) || !str("category", row.category) ||
            !str("service", row.service) || !r.contains("actions") ||
            !readStringArray(r["actions"], row.actions) || !str("actions_raw", row.actionsRaw) ||
            !str("description", row.description) || !r.contains("urls") ||
            !readStringArray(r["urls"], row.urls) || !str("urls_raw", row.urlsRaw) ||
            !integer("table", row.table))
            return fail(error,
                        "inventory: row " + std::to_string(out.rows.size() + 1) + " is malformed");
        if (row.id != int(out.rows.size()) + 1)
            return fail(error, "inventory: row ids are not 1..N in order at row " +
                                   std::to_string(out.rows.size() + 1));
        for (const ServiceInfo& service : out.services) {
            if (service.name == row.service) {
                row.serviceId = service.serviceId;
                row.categoryId = service.categoryId;
                if (service.category != row.category)
                    return fail(error, "inventory: row " + std::to_string(row.id) +
                                           " has another category than its service");
            }
        }
        if (row.serviceId == 0)
            return fail(error,
                        "inventory: row " + std::to_string(row.id) + " names an unknown service");
        out.rows.push_back(std::move(row));
    }
    return true;
}

} // namespace cadf::inventory
