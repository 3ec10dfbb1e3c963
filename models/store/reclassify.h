#pragma once

#include "models/store/store_error.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

// Re-runs classification over a stored store (`cadfscope reclassify`, after the catalogue
// changed). The classifier itself is handed in (models/ingest/reclassifier.h binds the
// inventory's), so the store does not depend on the inventory.
namespace cadf::store {

// What the classifier looks at: the stored texts of one distinct request.
struct ReclassifyInput {
    std::string_view targetId;
    std::string_view requestPath;
    std::string_view targetTypeUri;
    std::string_view targetName;
    std::string_view action;
};

struct ReclassifyOutput {
    int serviceId = 0;
    int endpointId = 0;
    std::string pattern; // unclassified path pattern; empty when classified or without a path
};

using ReclassifyFunction = std::function<void(const ReclassifyInput&, ReclassifyOutput&)>;

struct ReclassifyOptions {
    // Events per write transaction (with many changed requests: event ids per range of one
    // pass). Each transaction holds the store's write lock only briefly, so a window importing
    // into the same store waits milliseconds, never its busy timeout. Every event is consistent
    // at every commit (old or new classification).
    std::int64_t batchEvents = 20000;
    int busyTimeoutMs = 30000;
    const std::atomic_bool* cancel = nullptr;
    // Called after each transaction: steps done of steps (requests, or id ranges).
    std::function<void(std::int64_t done, std::int64_t total)> progress;
};

struct ReclassifySummary {
    std::int64_t events = 0;           // events looked at
    std::int64_t requests = 0;         // distinct (target, request path, action) classified
    std::int64_t changedRequests = 0;  // of those, classified differently than stored
    std::int64_t eventsChanged = 0;    // rows updated
    std::int64_t classifiedEvents = 0; // after the run
    std::int64_t unclassifiedEvents = 0;
    std::int64_t newPatterns = 0; // pattern strings added to the dictionary
    bool cancelled = false;       // stopped between batches; what was committed stays
    double seconds = 0;
};

// Opens the store at `path` for writing (it must exist), reads each distinct request once,
// classifies it with `classify`, and updates the events whose stored classification differs.
// A separate connection: run it while no StoreWriter of this process has the store open (other
// processes are fine; SQLite's lock orders the writes).
StoreError reclassifyStore(const std::string& path, const ReclassifyFunction& classify,
                           const ReclassifyOptions& options, ReclassifySummary& summary);

} // namespace cadf::store
