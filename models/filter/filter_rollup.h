#pragma once

#include "models/store/store_types.h"

#include <memory>
#include <string>

// A parsed filter over the rollup tables (models/store/rollups.h) instead of events: the same
// matches for the same keys, written against the columns a rollup keeps. A filter that needs
// anything else (time, codes as text, free text, targets, sources...) has none, and its readers
// read events.
namespace cadf::filter {

struct Node;

// nullptr when some term needs a column no rollup keeps. `eventsWhere` is the events clause the
// result stands for (store::RollupFilter::eventsWhere).
std::shared_ptr<const store::RollupFilter> compileForRollups(const Node& root,
                                                             const std::string& eventsWhere);

} // namespace cadf::filter
