#pragma once

#include "models/store/reclassify.h"

#include <string>

// `cadfscope reclassify`: the store's events classified again with a catalogue's classifier,
// exactly as the import classifies them (models/ingest/import_classifier.cpp).
namespace cadf::inventory {

class Catalogue;

store::StoreError reclassifyStore(const std::string& storePath, const Catalogue& catalogue,
                                  const store::ReclassifyOptions& options,
                                  store::ReclassifySummary& summary);

} // namespace cadf::inventory
