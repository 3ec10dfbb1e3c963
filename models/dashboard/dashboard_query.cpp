#include "models/dashboard/dashboard_query.h"

#include "models/inventory/catalogue.h"
#include "models/store/store_reader.h"

namespace cadf::dashboard {

store::SqlFilter andWhere(store::SqlFilter filter, const std::string& clause,
                          std::vector<store::SqlValue> params) {
    filter.where = filter.where.empty() ? clause : "(" + filter.where + ") AND " + clause;
    for (store::SqlValue& value : params)
        filter.params.push_back(std::move(value));
    return filter;
}

store::SqlFilter rangedFilter(const DashboardQuery& query) {
    if (!query.fromUs && !query.toUs)
        return query.filter;
    // The range before the filter: SQLite walks the time index over the first range on e.ts it
    // meets (store::scanRange says why), and the view's range is the one the analyst narrowed.
    std::string range;
    std::vector<store::SqlValue> params;
    if (query.fromUs) {
        range = "e.ts >= ?";
        params.emplace_back(*query.fromUs);
    }
    if (query.toUs) {
        range += range.empty() ? "e.ts < ?" : " AND e.ts < ?";
        params.emplace_back(*query.toUs);
    }
    store::SqlFilter filter;
    filter.where = range;
    filter.params = std::move(params);
    return query.filter.where.empty()
               ? filter
               : andWhere(std::move(filter), "(" + query.filter.where + ")", query.filter.params);
}

double failurePercent(std::int64_t events, std::int64_t failures) {
    return events > 0 ? 100.0 * double(failures) / double(events) : 0.0;
}

std::string serviceName(const inventory::Catalogue& catalogue, int serviceId) {
    const inventory::ServiceInfo* service = catalogue.serviceById(serviceId);
    return service ? service->name : std::string();
}

std::string endpointDescription(const inventory::Catalogue& catalogue, int endpointId) {
    const inventory::CatalogueRow* row = catalogue.rowById(endpointId);
    return row ? row->description : std::string();
}

void nameEndpoint(const inventory::Catalogue& catalogue, EndpointCount& endpoint) {
    endpoint.service = serviceName(catalogue, endpoint.serviceId);
    endpoint.description = endpointDescription(catalogue, endpoint.endpointId);
}

void nameInitiator(store::StoreReader& reader, InitiatorCount& initiator) {
    const cadf::Resource resource = reader.resourceValue(initiator.ref);
    initiator.id = resource.id;
    initiator.name = resource.name;
    initiator.type = resource.typeUri;
}

} // namespace cadf::dashboard
