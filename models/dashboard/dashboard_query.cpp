#include "models/dashboard/dashboard_query.h"

#include "models/inventory/catalogue.h"
#include "models/store/range_scan.h"
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
    // The view's range is the one the analyst narrowed: SQLite must walk the time index over it.
    return store::rangeFirst(query.filter, query.fromUs, query.toUs);
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
