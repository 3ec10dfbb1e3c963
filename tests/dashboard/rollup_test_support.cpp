#include "rollup_test_support.h"

#include "models/store/sqlite_db.h"

#include <fstream>

namespace {

const std::vector<cadf::loggen::UrlTemplate>& urlTemplates() {
    static const std::vector<cadf::loggen::UrlTemplate> urls =
        cadf::loggen::loadUrlTemplates(CADFSCOPE_INVENTORY_JSON);
    return urls;
}

// Each rollup as the test reads the definition: the events grouped by hour or 3-hour block and the
// key columns, absent codes as 1000000000. Compared both ways with EXCEPT.
struct Expected {
    const char* name;
    const char* table;
    const char* grouped;
};

const Expected kRollups[] = {
    {"rollup_hour", "SELECT ts, service, endpoint, outcome, code, action, n FROM rollup_hour",
     "SELECT ts - ts % 3600000000, service, endpoint, outcome, IFNULL(code, 1000000000), action, "
     "count(*) FROM events GROUP BY 1, 2, 3, 4, 5, 6"},
    {"rollup_initiator_3h",
     "SELECT ts, initiator, service, address, agent, action, code, outcome, n, first_ts, "
     "last_ts FROM rollup_initiator_3h",
     "SELECT ts - ts % 10800000000, initiator, service, address, agent, action, "
     "IFNULL(code, 1000000000), outcome, count(*), min(ts), max(ts) FROM events "
     "GROUP BY 1, 2, 3, 4, 5, 6, 7, 8"},
    {"rollup_target_3h",
     "SELECT ts, initiator, service, endpoint, pattern, action, code, outcome, n FROM "
     "rollup_target_3h",
     "SELECT ts - ts % 10800000000, initiator, service, endpoint, pattern, action, "
     "IFNULL(code, 1000000000), outcome, count(*) FROM events GROUP BY 1, 2, 3, 4, 5, 6, 7, 8"},
};

} // namespace

std::vector<std::string> generateSpreadLog(const std::string& path, std::int64_t lines, int days,
                                           std::uint64_t seed) {
    cadf::loggen::GeneratorOptions options;
    options.seed = seed;
    options.count = lines;
    options.duplicateRate = 0.02;
    options.eventsPerSecond = double(lines) / (double(days) * 86400.0);
    cadf::loggen::LogGenerator generator(options, urlTemplates());
    std::vector<std::string> out;
    std::string line;
    cadf::loggen::GeneratedTruth truth;
    while (generator.next(line, truth))
        out.push_back(line);
    writeLines(path, out);
    return out;
}

void writeLines(const std::string& path, const std::vector<std::string>& lines) {
    std::ofstream file(path, std::ios::binary);
    for (const std::string& line : lines)
        file << line << '\n';
}

QString rollupDifferences(const std::string& storePath) {
    using cadf::store::Database;
    Database db;
    if (const auto e = db.open(storePath, Database::Mode::ReadOnly))
        return QString::fromStdString("cannot open: " + e.message);
    QString out;
    for (const Expected& r : kRollups) {
        cadf::store::StoreError error;
        const std::int64_t missing = db.queryInt(std::string("SELECT count(*) FROM (") + r.grouped +
                                                     " EXCEPT " + r.table + ")",
                                                 -1, &error);
        const std::int64_t extra = db.queryInt(std::string("SELECT count(*) FROM (") + r.table +
                                                   " EXCEPT " + r.grouped + ")",
                                               -1, &error);
        const std::int64_t rows =
            db.queryInt(std::string("SELECT count(*) FROM (") + r.table + ")", -1, &error);
        if (error)
            return QString::fromStdString(std::string(r.name) + ": " + error.message);
        if (missing != 0 || extra != 0 || rows <= 0)
            out += QStringLiteral("%1: %2 rows, %3 missing, %4 extra; ")
                       .arg(QLatin1String(r.name))
                       .arg(rows)
                       .arg(missing)
                       .arg(extra);
    }
    return out;
}
