#pragma once

// Shared by the listener tests: a store with a running listener on free ports, store counts,
// generated event files and small process helpers. Header-only, test code.
#include "models/listen/syslog_listener.h"
#include "models/store/event_batch.h"
#include "models/store/store_reader.h"
#include "models/store/store_writer.h"
#include "tools/loggen/log_generator.h"
#include "tools/loggen/url_templates.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <string>

namespace listentest {

using namespace cadf;

struct StoreCounts {
    std::int64_t events = 0;
    std::int64_t duplicates = 0;
    std::int64_t rejected = 0;
    std::int64_t records = 0;
    int sources = 0;
    std::vector<std::string> names;
};

// Sums the listener sources (UDP, TCP, TLS) of the store: the committed truth.
inline StoreCounts storeCounts(const QString& dbPath) {
    StoreCounts c;
    store::StoreError error;
    const auto reader = store::StoreReader::open(dbPath.toStdString(), &error);
    if (!reader)
        return c;
    for (const store::SourceRow& row : reader->sources()) {
        if (row.kind == store::SourceKind::File)
            continue;
        c.events += row.events;
        c.duplicates += row.duplicates;
        c.rejected += row.rejected;
        c.records += row.records;
        ++c.sources;
        c.names.push_back(row.name);
    }
    return c;
}

inline std::vector<store::RejectRow> storeRejects(const QString& dbPath) {
    store::StoreError error;
    const auto reader = store::StoreReader::open(dbPath.toStdString(), &error);
    return reader ? reader->rejects(100000, 0) : std::vector<store::RejectRow>{};
}

// A store and a listener on it, with the writer's committed counts forwarded to the listener.
class Harness {
public:
    explicit Harness(const QString& dir)
        : dbPath(dir + QStringLiteral("/store.cadfdb")) {
        store::StoreError error;
        writer = store::StoreWriter::open(dbPath.toStdString(), &error);
        if (!writer)
            return;
        listener = std::make_unique<ingest::SyslogListener>(*writer);
        writer->setBatchCallback(
            [this](const store::BatchResult& r) { listener->noteCommitted(r); });
    }
    ~Harness() {
        if (listener)
            listener->stop();
        if (writer)
            writer->setBatchCallback({});
    }
    bool start(ingest::ListenerOptions options, QString* error) {
        options.batchMs = 20; // the tests wait for what arrived; keep it short
        return writer && listener->start(options, error);
    }
    quint16 port(ingest::ListenProtocol protocol) const {
        for (const ingest::ListenEndpoint& e : listener->boundEndpoints()) {
            if (e.protocol == protocol)
                return e.port;
        }
        return 0;
    }
    // Stops the listener, waits for the commit and returns the stored counts.
    StoreCounts finish() {
        listener->stop();
        writer->flush();
        return storeCounts(dbPath);
    }

    QString dbPath;
    std::unique_ptr<store::StoreWriter> writer;
    std::unique_ptr<ingest::SyslogListener> listener;
};

inline ingest::ListenEndpoint endpoint(ingest::ListenProtocol protocol,
                                       const QString& address = QStringLiteral("127.0.0.1")) {
    ingest::ListenEndpoint e;
    e.protocol = protocol;
    e.address = QHostAddress(address);
    e.port = 0;
    return e;
}

struct Generated {
    QString path;
    std::int64_t lines = 0;
    std::int64_t distinctEvents = 0;
    std::int64_t duplicateEvents = 0;
    std::int64_t damaged = 0;
};

// Writes `count` generated QRadar Suite lines (RFC 5424) to `path`, with the truth about them.
inline Generated generate(const QString& path, std::int64_t count, double duplicateRate,
                          std::uint64_t seed = 7) {
    Generated g;
    g.path = path;
    std::string error;
    const auto urls = loggen::loadUrlTemplates(CADFSCOPE_INVENTORY_JSON, &error);
    loggen::GeneratorOptions o;
    o.seed = seed;
    o.count = count;
    o.duplicateRate = duplicateRate;
    loggen::LogGenerator gen(o, urls);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return g;
    std::string line;
    loggen::GeneratedTruth truth;
    while (gen.next(line, truth)) {
        line += '\n';
        file.write(line.data(), qint64(line.size()));
        ++g.lines;
        if (!truth.isEvent())
            ++g.damaged;
        else if (truth.duplicate)
            ++g.duplicateEvents;
        else
            ++g.distinctEvents;
    }
    return g;
}

// Runs a program to its end (with a timeout); returns its exit code, or -1 when it hung.
inline int run(const QString& program, const QStringList& args, QByteArray* output = nullptr,
               const QByteArray& input = {}, int timeoutMs = 30000) {
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForStarted(5000))
        return -2;
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(2000);
        return -1;
    }
    if (output)
        *output = p.readAll();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -3;
}

} // namespace listentest
