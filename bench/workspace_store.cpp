#include "bench/workspace_store.h"

#include "models/ingest/file_importer.h"
#include "models/ingest/import_classifier.h"
#include "models/store/store_writer.h"
#include "tools/loggen/log_generator.h"
#include "tools/loggen/url_templates.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

bool buildWorkspaceStore(const std::string& storePath, std::int64_t count, std::string* error) {
    constexpr std::int64_t kChunk = 1'000'000;
    const auto urls = cadf::loggen::loadUrlTemplates(CADFSCOPE_INVENTORY_JSON, error);
    if (urls.empty())
        return false;
    cadf::store::StoreError storeError;
    auto writer = cadf::store::StoreWriter::open(storePath, &storeError);
    if (!writer) {
        *error = storeError.message;
        return false;
    }
    cadf::ingest::FileImporter importer(*writer);
    importer.setClassifier(cadf::ingest::makeImportClassifier());

    // One generator for the whole store: times keep running from chunk to chunk.
    cadf::loggen::GeneratorOptions options;
    options.seed = 2026;
    options.count = count;
    cadf::loggen::LogGenerator generator(options, urls);
    const fs::path chunkPath = storePath + ".chunk.log";
    const auto started = std::chrono::steady_clock::now();
    std::int64_t written = 0;
    std::string line;
    cadf::loggen::GeneratedTruth truth;
    std::atomic_bool cancel{false};
    for (bool more = true; more;) {
        {
            std::ofstream out(chunkPath, std::ios::binary | std::ios::trunc);
            std::int64_t inChunk = 0;
            while (inChunk < kChunk && (more = generator.next(line, truth))) {
                out.write(line.data(), std::streamsize(line.size()));
                out.put('\n');
                ++inChunk;
            }
            written += inChunk;
            if (inChunk == 0)
                break;
        }
        const auto results = importer.importFiles({chunkPath.string()}, cancel);
        if (!results.front().error.empty()) {
            *error = results.front().error;
            return false;
        }
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        std::fprintf(stderr, "  built %lld of %lld events (%.0f s)\n",
                     static_cast<long long>(written), static_cast<long long>(count), seconds);
    }
    fs::remove(chunkPath);
    writer.reset(); // commit and close
    return true;
}
