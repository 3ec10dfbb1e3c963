#include "dashboard_truth.h"

#include "models/inventory/catalogue.h"
#include "models/inventory/classifier.h"
#include "tools/loggen/url_templates.h"

#include <cctype>
#include <fstream>
#include <unordered_set>

namespace {

const std::vector<cadf::loggen::UrlTemplate>& urlTemplates() {
    static const std::vector<cadf::loggen::UrlTemplate> urls =
        cadf::loggen::loadUrlTemplates(CADFSCOPE_INVENTORY_JSON);
    return urls;
}

// The endpoint an event must be filed under. Templates overlap (the same URL in two rows, a
// short template behind a deployment prefix), so the row the generator drew from is not always
// the one an importer can tell: the classifier's answer for the generated URL is taken as given
// (tst_classifier covers its rules; tst_file_importer does the same).
int expectedEndpoint(const cadf::loggen::GeneratedTruth& truth) {
    static const cadf::inventory::Classifier classifier(cadf::inventory::Catalogue::builtIn());
    return classifier.classify(truth.targetId, truth.action).rowId;
}

} // namespace

std::vector<TruthEvent> writeGeneratedLog(const std::string& logPath, std::int64_t count) {
    cadf::loggen::GeneratorOptions options;
    options.seed = 606;
    options.count = count;
    options.duplicateRate = 0.02;
    cadf::loggen::LogGenerator generator(options, urlTemplates());
    const cadf::inventory::Catalogue& catalogue = cadf::inventory::Catalogue::builtIn();
    std::vector<TruthEvent> out;
    std::ofstream file(logPath, std::ios::binary);
    std::string line;
    cadf::loggen::GeneratedTruth truth;
    while (generator.next(line, truth)) {
        file << line << '\n';
        if (!truth.isEvent() || truth.duplicate)
            continue;
        TruthEvent e;
        e.ts = truth.eventTimeUs;
        e.endpointId = expectedEndpoint(truth);
        const cadf::inventory::CatalogueRow* row = catalogue.rowById(e.endpointId);
        e.serviceId = row ? row->serviceId : 0;
        e.failed = truth.outcome == "FAILURE";
        e.code = truth.reasonCode;
        e.action = truth.action;
        e.initiator = truth.initiatorId + '|' + truth.initiatorName + '|' + truth.initiatorTypeUri;
        e.address = truth.address;
        e.agent = truth.agent;
        out.push_back(std::move(e));
    }
    return out;
}

int expectedActionKind(const std::string& action) {
    std::string word;
    for (const char c : action) {
        if (c == '/')
            break;
        word.push_back(char(std::tolower(static_cast<unsigned char>(c))));
    }
    // create, read, update, delete, other: the order of cadf::dashboard::ActionKind.
    if (word == "create" || word == "post")
        return 0;
    if (word == "read" || word == "get" || word == "list" || word == "head")
        return 1;
    if (word == "update" || word == "put" || word == "patch")
        return 2;
    if (word == "delete")
        return 3;
    return 4;
}
