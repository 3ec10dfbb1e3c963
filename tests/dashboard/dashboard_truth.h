#pragma once

#include "tools/loggen/log_generator.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

// The test's own view of a generated store: one record per distinct event, taken from the
// generator's GeneratedTruth only (never from the store), with the ids the importer must have
// filed it under. Every expected count of tst_dashboard is computed from these.
struct TruthEvent {
    std::int64_t ts = 0;
    int serviceId = 0;  // 0 = unclassified
    int endpointId = 0; // catalogue row id, 0 = unclassified
    bool failed = false;
    int code = -1;
    std::string action;    // as generated (upper case)
    std::string initiator; // "id|name|type": one store resource
    std::string address;
    std::string agent;
};

// Writes `count` seeded lines (with repeats, no damage) to `logPath` and returns the distinct
// events they hold, in line order.
std::vector<TruthEvent> writeGeneratedLog(const std::string& logPath, std::int64_t count);

// The action group the dashboards must put an action in, by the test's own reading of the
// issue: CADF verbs and HTTP methods, any case, "read/list" -> read.
int expectedActionKind(const std::string& action);

// Which truth events a filter text selects, written out by hand for each filter the test uses.
using TruthPredicate = std::function<bool(const TruthEvent&)>;
