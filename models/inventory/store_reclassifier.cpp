#include "models/inventory/store_reclassifier.h"

#include "models/inventory/catalogue.h"
#include "models/inventory/classifier.h"

namespace cadf::inventory {

store::StoreError reclassifyStore(const std::string& storePath, const Catalogue& catalogue,
                                  const store::ReclassifyOptions& options,
                                  store::ReclassifySummary& summary) {
    const Classifier classifier(catalogue);
    // The same steps as the import's classifier: path picked and normalised, then matched; the
    // unclassified get their pattern.
    const auto classify = [&classifier](const store::ReclassifyInput& in,
                                        store::ReclassifyOutput& out) {
        const std::string_view path =
            Classifier::extractPath(in.targetId, in.requestPath, in.targetTypeUri, in.targetName);
        if (path.empty())
            return;
        const Classification c = classifier.classify(path, in.action);
        if (c.classified()) {
            out.serviceId = c.serviceId;
            out.endpointId = c.rowId;
        } else {
            out.pattern = Classifier::unclassifiedPattern(path);
        }
    };
    return store::reclassifyStore(storePath, classify, options, summary);
}

} // namespace cadf::inventory
