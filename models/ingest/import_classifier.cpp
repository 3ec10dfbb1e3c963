#include "models/ingest/import_classifier.h"

#include "models/inventory/catalogue.h"
#include "models/inventory/classifier.h"
#include "models/store/event_batch.h"

namespace cadf::ingest {

std::function<void(store::StoredEventInput&)> makeImportClassifier() {
    // Built once per process; classify() is const and thread-safe.
    static const inventory::Classifier classifier(inventory::Catalogue::builtIn());
    return [](store::StoredEventInput& in) {
        const Event& ev = in.event;
        const std::string_view path = inventory::Classifier::extractPath(
            ev.target.id, ev.requestPath, ev.target.typeUri, ev.target.name);
        if (path.empty())
            return;
        const inventory::Classification c = classifier.classify(path, ev.action);
        if (c.classified()) {
            in.serviceId = c.serviceId;
            in.endpointId = c.rowId;
        } else {
            in.pathPattern = inventory::Classifier::unclassifiedPattern(path);
        }
    };
}

} // namespace cadf::ingest
