// cadfscope-inventory-convert SEED.txt OUT.json
//
// Turns IBM's QRadar Suite audit inventory (the seed, copied as plain text) into the catalogue
// resource the app ships (resources/inventory.json). tst_seed_parser checks that the committed
// resource is exactly what this tool writes for the committed seed.
#include "models/inventory/inventory_json.h"
#include "models/inventory/seed_parser.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: cadfscope-inventory-convert SEED.txt OUT.json\n";
        return 2;
    }
    std::ifstream in(argv[1], std::ios::binary);
    if (!in) {
        std::cerr << "cannot read " << argv[1] << "\n";
        return 1;
    }
    std::ostringstream seed;
    seed << in.rdbuf();

    const cadf::inventory::SeedParseResult parsed = cadf::inventory::parseSeed(seed.str());
    for (const std::string& warning : parsed.warnings)
        std::cerr << argv[1] << ": " << warning << "\n";
    if (parsed.rows.empty()) {
        std::cerr << "no rows found; nothing written\n";
        return 1;
    }

    const std::string json = cadf::inventory::toInventoryJson(parsed);
    // Write beside the target and rename, so a failed run never leaves half a resource.
    const std::string tmp = std::string(argv[2]) + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << json;
        out.flush();
        if (!out) {
            std::cerr << "cannot write " << tmp << "\n";
            std::remove(tmp.c_str());
            return 1;
        }
    }
    if (std::rename(tmp.c_str(), argv[2]) != 0) {
        std::cerr << "cannot replace " << argv[2] << "\n";
        std::remove(tmp.c_str());
        return 1;
    }
    std::cerr << parsed.rows.size() << " rows, " << parsed.services.size() << " services, "
              << parsed.categories.size() << " categories, " << parsed.warnings.size()
              << " warnings\n";
    return 0;
}
