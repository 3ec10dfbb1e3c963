#pragma once

#include "models/ingest/file_importer.h"
#include "models/ingest/import_classifier.h"
#include "models/store/sql_value.h"
#include "models/store/store_reader.h"
#include "models/store/store_writer.h"
#include "tools/loggen/log_generator.h"

#include <QFile>
#include <QString>

#include <atomic>
#include <memory>
#include <set>
#include <string>
#include <vector>

// A real store for the filter tests: a seeded generated CP4S log plus a few hand-written events
// with what the generator never writes (CADF ids, text reason codes, names with spaces and
// backslashes, IPv4-mapped and documentation IPv6 addresses, words only in the raw record).
namespace filtertest {

inline constexpr const char* kExtraEvents[] = {
    R"({"typeURI":"http://schemas.dmtf.org/cloud/audit/1.0/event","eventType":"activity","id":"5E7A1C2D-0001","eventTime":"2023-10-18T15:10:00Z","action":"authenticate","outcome":"denied","severity":"critical","initiator":{"id":"u-100","name":"alice smith","typeURI":"service/security/account/user","host":{"address":"::ffff:10.1.2.3","agent":"curl/8.1"},"credential":{"type":"password"}},"target":{"id":"/api/login","name":"auth","typeURI":"service/security"},"observer":{"id":"obs-1","name":"Edge"},"reason":{"reasonCode":"Unauthorized"},"attachments":[{"name":"m","content":"disk full on node-7"}]})",
    R"({"typeURI":"http://schemas.dmtf.org/cloud/audit/1.0/event","eventType":"activity","id":"5e7a1c2d-0002","eventTime":"2023-10-18T15:11:00Z","action":"read/list","outcome":"failure","severity":"warning","initiator":{"id":"bob","name":"bob","typeURI":"service/security/account/user","host":{"address":"2001:db8:abcd::5","agent":"curl/8.1"},"credential":{"type":"token"}},"target":{"id":"/api/cases/7","name":"isc-cases","typeURI":"ibm-cp-security/isc-cases"},"observer":{"id":"obs-1","name":"Edge"},"reason":{"reasonCode":404}})",
    R"({"typeURI":"http://schemas.dmtf.org/cloud/audit/1.0/event","eventType":"control","id":"evt-3","eventTime":"2023-10-18T15:12:00Z","action":"update","outcome":"pending","severity":"normal","initiator":{"id":"CORP\\carol","name":"CORP\\carol","typeURI":"service/security/account/user","credential":{"type":"token"}},"target":{"id":"/api/cases/*special*","name":"isc-cases","typeURI":"ibm-cp-security/isc-cases"},"observer":{"id":"obs-2","name":"Edge"}})",
    R"({"typeURI":"http://schemas.dmtf.org/cloud/audit/1.0/event","eventType":"activity","eventTime":"2023-10-18T15:13:00Z","action":"create","outcome":"success","severity":"normal","initiator":{"id":"dave","name":"dave","typeURI":"service/security/account/user","host":{"address":"10.99.1.1","agent":"python-requests/2.31.0"},"credential":{"type":"token"}},"target":{"id":"/api/cases","name":"isc-cases","typeURI":"ibm-cp-security/isc-cases"},"observer":{"id":"obs-2","name":"Edge"},"reason":{"reasonCode":"0401"}})",
    R"({"typeURI":"http://schemas.dmtf.org/cloud/audit/1.0/event","eventType":"monitor","id":"evt-5","eventTime":"2023-10-18T15:14:00+02:00","action":"monitor","outcome":"success","severity":"info","initiator":{"id":"probe-only-id","typeURI":"service/monitor","host":{"address":"fe80::1"}},"target":{"id":"/healthz","name":"edge","typeURI":"service"},"observer":{"id":"obs-2","name":"Edge"},"reason":{"reasonCode":200}})",
};

struct Store {
    QString path;
    std::int64_t startUs = 0;
    int generatedLines = 0;
};

// Generates `lines` log lines (seed fixed) and the extra events into `dir`, imports both with
// the real importer and classifier, and returns the store's path. Empty path on failure.
inline Store buildStore(const QString& dir, int lines) {
    Store out;
    out.generatedLines = lines;
    cadf::loggen::GeneratorOptions options;
    options.seed = 20231018;
    options.count = lines;
    options.eventsPerSecond = 0.5; // ~2 hours of events for 3600 lines: time filters bite
    options.duplicateRate = 0.02;
    options.damageRate = 0.01;
    out.startUs = options.startUtcMicros;
    const auto templates = cadf::loggen::loadUrlTemplates(CADFSCOPE_INVENTORY_JSON);
    if (templates.empty())
        return out;
    cadf::loggen::LogGenerator generator(options, templates);
    const QString generated = dir + QStringLiteral("/generated-cp4s.log");
    const QString extra = dir + QStringLiteral("/extra.jsonl");
    {
        QFile f(generated);
        if (!f.open(QIODevice::WriteOnly))
            return out;
        std::string line;
        cadf::loggen::GeneratedTruth truth;
        while (generator.next(line, truth)) {
            line += '\n';
            f.write(line.data(), qint64(line.size()));
        }
        QFile e(extra);
        if (!e.open(QIODevice::WriteOnly))
            return out;
        for (const char* event : kExtraEvents) {
            e.write(event);
            e.write("\n");
        }
    }
    const QString path = dir + QStringLiteral("/store.cadfscope");
    cadf::store::StoreError error;
    {
        auto writer = cadf::store::StoreWriter::open(path.toStdString(), &error);
        if (!writer)
            return out;
        cadf::ingest::FileImporter importer(*writer);
        importer.setClassifier(cadf::ingest::makeImportClassifier());
        std::atomic_bool cancel{false};
        const auto results =
            importer.importFiles({generated.toStdString(), extra.toStdString()}, cancel);
        for (const auto& r : results) {
            if (!r.error.empty() || r.events == 0)
                return out;
        }
        writer->flush();
    }
    out.path = path;
    return out;
}

// "Now" for relative times in the filter tests: two hours after the first generated event, so
// that -30m and -1h fall inside the data.
inline std::int64_t nowIn(const Store& store) {
    return store.startUs + 2 * 3600 * 1000000LL;
}

// buildStore() and a reader on it: an empty text, or what failed.
inline QString buildAndOpen(const QString& dir, int lines, Store& store,
                            std::unique_ptr<cadf::store::StoreReader>& reader) {
    store = buildStore(dir, lines);
    if (store.path.isEmpty())
        return QStringLiteral("the test store could not be built");
    cadf::store::StoreError error;
    reader = cadf::store::StoreReader::open(store.path.toStdString(), &error);
    return reader ? QString() : QString::fromStdString(error.message);
}

// The ids of the events `filter` selects, straight from SQL; a failing statement ends the test
// program (the filter's SQL is what is under test).
inline std::set<std::int64_t> matchingIds(cadf::store::Database& db,
                                          const cadf::store::SqlFilter& filter) {
    std::string sql = "SELECT e.id FROM events e";
    if (!filter.where.empty())
        sql += " WHERE (" + filter.where + ")";
    cadf::store::StoreError error;
    cadf::store::Statement s = db.prepare(sql, &error);
    if (!s)
        qFatal("cannot prepare %s: %s", sql.c_str(), error.message.c_str());
    cadf::store::bindParams(s, filter.params);
    std::set<std::int64_t> ids;
    cadf::store::Statement::Step step;
    while ((step = s.step()) == cadf::store::Statement::Step::Row)
        ids.insert(s.int64(0));
    if (step == cadf::store::Statement::Step::Error)
        qFatal("query failed: %s", s.error().message.c_str());
    return ids;
}

// Every event of the store, in id order.
inline std::vector<cadf::store::StoredEvent> allEvents(cadf::store::StoreReader& reader) {
    std::vector<cadf::store::StoredEvent> events;
    cadf::store::Statement ids = reader.database().prepare("SELECT id FROM events ORDER BY id");
    std::vector<std::int64_t> list;
    while (ids.step() == cadf::store::Statement::Step::Row)
        list.push_back(ids.int64(0));
    for (std::int64_t id : list) {
        if (auto e = reader.event(id))
            events.push_back(std::move(*e));
    }
    return events;
}

} // namespace filtertest
