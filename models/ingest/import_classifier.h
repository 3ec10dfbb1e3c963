#pragma once

#include <functional>

namespace cadf::store {
struct StoredEventInput;
}

namespace cadf::ingest {

// The classification step of every ingest path (files and listeners): the built-in inventory's
// service and endpoint for the event's request path, or the unclassified pattern.
std::function<void(store::StoredEventInput&)> makeImportClassifier();

} // namespace cadf::ingest
