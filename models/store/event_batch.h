#pragma once

#include "models/cadf/event.h"
#include "models/cadf/reject.h"
#include "models/store/store_error.h"

#include <cstdint>
#include <string>
#include <vector>

// What the ingest pipeline and the listeners hand to the StoreWriter: one transaction's worth.
namespace cadf::store {

struct StoredEventInput {
    cadf::Event event;
    std::string record; // the raw record bytes (the whole line), stored verbatim
    std::int64_t lineNo = 0;
    std::int64_t byteOffset = 0;
    int part = 0; // ordinal of this event within its record (arrays, CADF log documents)
    int serviceId = 0;
    int endpointId = 0;
    std::string pathPattern;
};

struct EventBatch {
    std::int64_t sourceId = 0;
    std::vector<StoredEventInput> events;
    std::vector<cadf::Reject> rejects;
};

struct BatchResult {
    std::int64_t sourceId = 0;
    int inserted = 0;
    int duplicates = 0;
    int rejects = 0;
    StoreError error; // set when the batch was rolled back or refused; the counts are then 0
};

} // namespace cadf::store
