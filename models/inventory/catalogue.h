#pragma once

#include "models/inventory/catalogue_row.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cadf::inventory {

struct SeedParseResult;

// The QRadar Suite audit inventory as the app ships it (resources/inventory.json, compiled into
// the models library as the Qt resource kResourcePath). Immutable once loaded; cheap to share
// by const reference between threads.
class Catalogue {
public:
    static constexpr const char* kResourcePath = ":/inventory/inventory.json";

    Catalogue() = default; // empty: no rows, no services

    // Parses inventory.json bytes. Returns nullopt and the reason in *error when malformed.
    static std::optional<Catalogue> fromJson(std::string_view json, std::string* error = nullptr);
    // Takes a parsed seed as it is (the converter's view, without the JSON round trip).
    static Catalogue fromParsedSeed(const SeedParseResult& parsed);
    // Reads the copy compiled into the library.
    static std::optional<Catalogue> loadBuiltIn(std::string* error = nullptr);
    // The built-in copy, loaded once (thread-safe). Empty if the resource is missing or
    // malformed, which only a broken build can cause; loadBuiltIn() says why.
    static const Catalogue& builtIn();

    bool empty() const { return m_rows.empty(); }
    const std::vector<CatalogueRow>& rows() const { return m_rows; }
    const std::vector<std::string>& categories() const { return m_categories; }
    const std::vector<ServiceInfo>& services() const { return m_services; }

    // nullptr when out of range. Ids are 1-based.
    const CatalogueRow* rowById(int id) const;
    const ServiceInfo* serviceById(int id) const;
    // Name of category id (1-based); empty view when out of range.
    std::string_view categoryName(int id) const;

    // 0 when unknown. Case-insensitive (ASCII), surrounding spaces ignored.
    int serviceId(std::string_view name) const;
    int categoryId(std::string_view name) const;

private:
    std::vector<std::string> m_categories;
    std::vector<ServiceInfo> m_services;
    std::vector<CatalogueRow> m_rows;
};

} // namespace cadf::inventory
