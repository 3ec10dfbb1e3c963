// cadfscope listen [--db PATH] [--udp ADDR:PORT]... [--tcp ADDR:PORT]... [--tls ADDR:PORT --cert F
//                  --key F [--client-ca F]] [--allow CIDR]... [--max-message BYTES] [--json]
#include "app/cli/commands.h"

#include "app/cli/cli_support.h"
#include "models/ingest/import_classifier.h"
#include "models/listen/syslog_listener.h"
#include "models/store/event_batch.h"
#include "models/store/store_writer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <nlohmann/json.hpp>

#include <atomic>
#include <csignal>
#include <cstdio>

namespace cadf::cli {

namespace {

std::atomic_bool g_stopRequested{false};

extern "C" void onStopSignal(int) {
    g_stopRequested.store(true);
}

QString tr(const char* text) {
    return QCoreApplication::translate("cli", text);
}

QString count(std::int64_t n) {
    return QString::fromStdString(groupDigits(n));
}

void printStats(const ingest::ListenerStats& s, double rate) {
    const QString line =
        tr("%1 received, %2 events, %3 duplicates, %4 rejected, %5 dropped (%6 by the kernel), "
           "%7 connections open, %8 events/s\n")
            .arg(count(s.received), count(s.events), count(s.duplicates), count(s.rejected),
                 count(s.droppedOwn + s.droppedKernel), count(s.droppedKernel),
                 count(s.connectionsOpen), count(static_cast<std::int64_t>(rate)));
    std::fputs(line.toUtf8().constData(), stderr);
    std::fflush(stderr);
}

bool addEndpoints(const QCommandLineParser& parser, const QString& option,
                  ingest::ListenProtocol protocol, ingest::ListenerOptions& options,
                  QString* error) {
    for (const QString& value : parser.values(option)) {
        ingest::ListenEndpoint endpoint;
        if (!ingest::parseEndpoint(value, protocol, endpoint, error))
            return false;
        options.endpoints << endpoint;
    }
    return true;
}

} // namespace

int listenCommand(const QStringList& args) {
    const QString command = QStringLiteral("listen");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Receives syslog over UDP, TCP and TLS (RFC 5426, 6587, 5425) into the store until "
           "SIGINT or SIGTERM. Addresses default to loopback: give 0.0.0.0:PORT or [::]:PORT to "
           "listen on every interface. Without --udp, --tcp and --tls: UDP and TCP on "
           "127.0.0.1:5514."));
    addCommonOptions(parser);
    const QString endpointValue = QStringLiteral("ADDR:PORT");
    parser.addOption(
        {QStringLiteral("udp"), tr("Listen for UDP datagrams (repeatable)."), endpointValue});
    parser.addOption(
        {QStringLiteral("tcp"), tr("Listen for TCP connections (repeatable)."), endpointValue});
    parser.addOption(
        {QStringLiteral("tls"), tr("Listen for TLS connections (repeatable)."), endpointValue});
    parser.addOption(
        {QStringLiteral("cert"), tr("TLS server certificate (PEM)."), QStringLiteral("FILE")});
    parser.addOption(
        {QStringLiteral("key"), tr("TLS private key (PEM, unencrypted)."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("client-ca"),
                      tr("Require TLS clients to present a certificate signed by this CA (PEM)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("allow"),
                      tr("Accept only senders in this subnet (repeatable), e.g. 10.0.0.0/8."),
                      QStringLiteral("CIDR")});
    parser.addOption({QStringLiteral("max-message"),
                      tr("Largest message in bytes (default 1048576); larger ones are rejected."),
                      QStringLiteral("BYTES")});
    parser.addOption({QStringLiteral("max-connections"),
                      tr("Most TCP and TLS connections at once (default 2000)."),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("idle-timeout"),
                      tr("Close connections silent for this long (default 600)."),
                      QStringLiteral("SECONDS")});
    parser.addOption({QStringLiteral("stats-interval"),
                      tr("Seconds between stats lines on stderr (default 5, 0 = none)."),
                      QStringLiteral("SECONDS")});
    parser.addOption({QStringLiteral("duration"),
                      tr("Stop by itself after this many seconds (default: until a signal)."),
                      QStringLiteral("SECONDS")});
    parser.addOption({QStringLiteral("json"), tr("Print one JSON summary object on stdout.")});
    int exitCode = 0;
    if (!parseArguments(parser, command, args, exitCode))
        return exitCode;

    ingest::ListenerOptions options;
    QString error;
    auto usage = [&](const QString& message) {
        printError(command, message);
        return static_cast<int>(BadUsage);
    };
    if (!addEndpoints(parser, QStringLiteral("udp"), ingest::ListenProtocol::Udp, options,
                      &error) ||
        !addEndpoints(parser, QStringLiteral("tcp"), ingest::ListenProtocol::Tcp, options,
                      &error) ||
        !addEndpoints(parser, QStringLiteral("tls"), ingest::ListenProtocol::Tls, options, &error))
        return usage(error);
    if (options.endpoints.isEmpty()) {
        ingest::ListenEndpoint udp;
        udp.protocol = ingest::ListenProtocol::Udp;
        ingest::ListenEndpoint tcp;
        tcp.protocol = ingest::ListenProtocol::Tcp;
        options.endpoints << udp << tcp;
    }
    options.certificateFile = parser.value(QStringLiteral("cert"));
    options.privateKeyFile = parser.value(QStringLiteral("key"));
    options.clientCaFile = parser.value(QStringLiteral("client-ca"));
    for (const QString& cidr : parser.values(QStringLiteral("allow"))) {
        ingest::Subnet subnet;
        if (!ingest::parseSubnet(cidr, subnet, &error))
            return usage(error);
        options.allow << subnet;
    }
    auto number = [&](const QString& name, std::int64_t fallback, std::int64_t& out) {
        if (!parser.isSet(name)) {
            out = fallback;
            return true;
        }
        bool ok = false;
        out = parser.value(name).toLongLong(&ok);
        if (!ok || out < 0) {
            error = tr("--%1 wants a non-negative whole number").arg(name);
            return false;
        }
        return true;
    };
    std::int64_t maxMessage = 0, maxConnections = 0, idle = 0, statsInterval = 0, duration = 0;
    if (!number(QStringLiteral("max-message"), options.maxMessage, maxMessage) ||
        !number(QStringLiteral("max-connections"), options.maxConnections, maxConnections) ||
        !number(QStringLiteral("idle-timeout"), options.idleTimeoutSec, idle) ||
        !number(QStringLiteral("stats-interval"), 5, statsInterval) ||
        !number(QStringLiteral("duration"), 0, duration))
        return usage(error);
    options.maxMessage = maxMessage;
    options.maxConnections = static_cast<int>(std::min<std::int64_t>(maxConnections, 1 << 20));
    options.idleTimeoutSec = static_cast<int>(std::min<std::int64_t>(idle, 1 << 24));
    if (!ingest::validateOptions(options, &error))
        return usage(error);
    const bool asJson = parser.isSet(QStringLiteral("json"));
    const QString dbPath = storePath(parser);

    store::StoreError storeError;
    std::unique_ptr<store::StoreWriter> writer =
        store::StoreWriter::open(dbPath.toStdString(), &storeError);
    if (!writer) {
        printError(command, tr("cannot open the store %1: %2")
                                .arg(dbPath, QString::fromStdString(storeError.message)));
        return Fatal;
    }
    ingest::SyslogListener listener(*writer);
    listener.setClassifier(ingest::makeImportClassifier());
    writer->setBatchCallback(
        [&listener](const store::BatchResult& result) { listener.noteCommitted(result); });

    g_stopRequested.store(false);
    struct sigaction action = {};
    action.sa_handler = onStopSignal;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);

    if (!listener.start(options, &error)) {
        printError(command, error);
        writer->setBatchCallback({});
        return Fatal;
    }
    // One line per endpoint, so scripts (and the tests, with port 0) learn the actual port.
    for (const ingest::ListenEndpoint& e : listener.boundEndpoints())
        std::fputs(tr("listening on %1\n").arg(e.url()).toUtf8().constData(), stderr);
    std::fflush(stderr);

    QElapsedTimer clock;
    clock.start();
    QEventLoop loop;
    // A signal handler may only set a flag; the loop looks at it ten times a second.
    QTimer poll;
    poll.setInterval(100);
    std::int64_t lastEvents = 0;
    qint64 lastStatsMs = 0;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        const qint64 ms = clock.elapsed();
        if (g_stopRequested.load() || (duration > 0 && ms >= duration * 1000)) {
            loop.quit();
            return;
        }
        if (statsInterval > 0 && ms - lastStatsMs >= statsInterval * 1000) {
            const ingest::ListenerStats s = listener.stats();
            const std::int64_t done = s.events + s.duplicates;
            printStats(s, double(done - lastEvents) * 1000.0 / double(ms - lastStatsMs));
            lastEvents = done;
            lastStatsMs = ms;
        }
    });
    poll.start();
    loop.exec();

    listener.stop();
    writer->flush();
    const double seconds = double(clock.elapsed()) / 1000.0;
    const ingest::ListenerStats s = listener.stats();
    const store::StoreError failure = writer->lastError();
    writer->setBatchCallback({});
    writer.reset();

    if (asJson) {
        nlohmann::json reasons = nlohmann::json::object();
        for (const auto& [key, n] : s.rejectsByReason)
            reasons[key] = n;
        nlohmann::json endpoints = nlohmann::json::array();
        for (const ingest::ListenEndpoint& e : listener.boundEndpoints())
            endpoints.push_back(e.url().toStdString());
        const nlohmann::json summary = {{"store", dbPath.toStdString()},
                                        {"endpoints", endpoints},
                                        {"received", s.received},
                                        {"records", s.records},
                                        {"events", s.events},
                                        {"duplicates", s.duplicates},
                                        {"rejected", s.rejected},
                                        {"rejects_by_reason", reasons},
                                        {"dropped", s.droppedOwn + s.droppedKernel},
                                        {"dropped_kernel", s.droppedKernel},
                                        {"dropped_own", s.droppedOwn},
                                        {"denied", s.denied},
                                        {"refused", s.refused},
                                        {"tls_failures", s.tlsFailures},
                                        {"connections", s.connectionsTotal},
                                        {"bytes", s.bytes},
                                        {"seconds", seconds},
                                        {"error", failure.message}};
        writeOut(summary.dump() + "\n");
    } else {
        printStats(s, seconds > 0 ? double(s.events + s.duplicates) / seconds : 0.0);
    }
    if (failure) {
        printError(command, QString::fromStdString(failure.message));
        return Fatal;
    }
    return Success;
}

} // namespace cadf::cli
