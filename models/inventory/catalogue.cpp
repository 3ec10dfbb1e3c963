#include "models/inventory/catalogue.h"

#include "models/inventory/inventory_json.h"
#include "models/inventory/seed_parser.h"

#include <QFile>

namespace cadf::inventory {
namespace {

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

bool equalsNoCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char x = a[i];
        char y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = char(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = char(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

} // namespace

std::optional<Catalogue> Catalogue::fromJson(std::string_view json, std::string* error) {
    SeedParseResult parsed;
    if (!fromInventoryJson(json, parsed, error))
        return std::nullopt;
    return fromParsedSeed(parsed);
}

Catalogue Catalogue::fromParsedSeed(const SeedParseResult& parsed) {
    Catalogue catalogue;
    catalogue.m_categories = parsed.categories;
    catalogue.m_services = parsed.services;
    catalogue.m_rows = parsed.rows;
    return catalogue;
}

std::optional<Catalogue> Catalogue::loadBuiltIn(std::string* error) {
    QFile file(QString::fromLatin1(kResourcePath));
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = std::string("inventory: resource ") + kResourcePath + " not found";
        return std::nullopt;
    }
    const QByteArray bytes = file.readAll();
    return fromJson(std::string_view(bytes.constData(), size_t(bytes.size())), error);
}

const Catalogue& Catalogue::builtIn() {
    static const Catalogue instance = [] {
        std::optional<Catalogue> loaded = loadBuiltIn();
        return loaded ? std::move(*loaded) : Catalogue();
    }();
    return instance;
}

const CatalogueRow* Catalogue::rowById(int id) const {
    if (id < 1 || id > int(m_rows.size()))
        return nullptr;
    return &m_rows[size_t(id - 1)];
}

const ServiceInfo* Catalogue::serviceById(int id) const {
    if (id < 1 || id > int(m_services.size()))
        return nullptr;
    return &m_services[size_t(id - 1)];
}

std::string_view Catalogue::categoryName(int id) const {
    if (id < 1 || id > int(m_categories.size()))
        return {};
    return m_categories[size_t(id - 1)];
}

int Catalogue::serviceId(std::string_view name) const {
    name = trimmed(name);
    for (const ServiceInfo& service : m_services) {
        if (equalsNoCase(service.name, name))
            return service.serviceId;
    }
    return 0;
}

int Catalogue::categoryId(std::string_view name) const {
    name = trimmed(name);
    for (size_t i = 0; i < m_categories.size(); ++i) {
        if (equalsNoCase(m_categories[i], name))
            return int(i) + 1;
    }
    return 0;
}

} // namespace cadf::inventory
