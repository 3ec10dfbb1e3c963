// The listener against real senders: util-linux logger (UDP, TCP with and without octet
// counting, RFC 5424, IPv6), an rsyslogd relaying a file over TCP with octet-counted framing,
// openssl s_client over TLS with client certificates, and the `cadfscope listen` command.
#include "listen_test_support.h"

#include <QDir>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>

#include <nlohmann/json.hpp>

#include <csignal>

using namespace listentest;
using cadf::ingest::ListenProtocol;

namespace {

QString binary(const char* name) {
    const QString path = QStandardPaths::findExecutable(
        QLatin1String(name), {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin"),
                              QStringLiteral("/sbin"), QStringLiteral("/bin")});
    return path;
}

// A test CA, a server certificate, a client certificate signed by the CA and a self-signed
// "rogue" client certificate, made with openssl in `dir`.
bool makeCertificates(const QString& dir) {
    const QString openssl = binary("openssl");
    auto ok = [&](const QStringList& args) {
        QByteArray out;
        const int rc = run(openssl, args, &out);
        if (rc != 0)
            qWarning("openssl %s: %s", qPrintable(args.join(QLatin1Char(' '))), out.constData());
        return rc == 0;
    };
    const auto f = [&](const char* name) -> QString {
        return dir + QLatin1Char('/') + QLatin1String(name);
    };
    const QStringList key = {QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                             QStringLiteral("-nodes")};
    return ok(QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + key +
              QStringList{"-keyout", f("ca.key"), "-out", f("ca.pem"), "-days", "2", "-subj",
                          "/CN=cadf-test-ca"}) &&
           ok(QStringList{QStringLiteral("req")} + key +
              QStringList{"-keyout", f("server.key"), "-out", f("server.csr"), "-subj",
                          "/CN=localhost"}) &&
           ok({"x509", "-req", "-in", f("server.csr"), "-CA", f("ca.pem"), "-CAkey", f("ca.key"),
               "-CAcreateserial", "-out", f("server.pem"), "-days", "2"}) &&
           ok(QStringList{QStringLiteral("req")} + key +
              QStringList{"-keyout", f("client.key"), "-out", f("client.csr"), "-subj",
                          "/O=Audit Relay/CN=cadf-test-client"}) &&
           ok({"x509", "-req", "-in", f("client.csr"), "-CA", f("ca.pem"), "-CAkey", f("ca.key"),
               "-CAcreateserial", "-out", f("client.pem"), "-days", "2"}) &&
           ok(QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + key +
              QStringList{"-keyout", f("rogue.key"), "-out", f("rogue.pem"), "-days", "2", "-subj",
                          "/CN=rogue"});
}

QByteArray octetFrames(const QString& path, int maxLines) {
    QFile file(path);
    QByteArray out;
    if (!file.open(QIODevice::ReadOnly))
        return out;
    for (int i = 0; i < maxLines && !file.atEnd(); ++i) {
        const QByteArray line = file.readLine().chopped(1);
        out += QByteArray::number(line.size()) + ' ' + line;
    }
    return out;
}

} // namespace

class TestListenerSenders : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(m_dir.isValid(), "temporary folder");
        m_events = generate(m_dir.filePath(QStringLiteral("events.log")), 300, 0.05);
        QCOMPARE(m_events.lines, 300);
        QVERIFY(m_events.duplicateEvents > 0);
    }

    void logger_data() {
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<int>("protocol");
        QTest::addColumn<QString>("address");
        QTest::newRow("udp") << QStringList{"--udp", "--size", "65000"} << int(ListenProtocol::Udp)
                             << "127.0.0.1";
        QTest::newRow("udp rfc5424") << QStringList{"--udp", "--rfc5424", "--size", "65000"}
                                     << int(ListenProtocol::Udp) << "127.0.0.1";
        QTest::newRow("tcp lf") << QStringList{"--tcp", "--size", "200000"}
                                << int(ListenProtocol::Tcp) << "127.0.0.1";
        QTest::newRow("tcp octet counting")
            << QStringList{"--tcp", "--octet-count", "--size", "200000"} << int(ListenProtocol::Tcp)
            << "127.0.0.1";
        QTest::newRow("tcp octet counting rfc5424")
            << QStringList{"--tcp", "--octet-count", "--rfc5424", "--size", "200000"}
            << int(ListenProtocol::Tcp) << "127.0.0.1";
        QTest::newRow("tcp ipv6") << QStringList{"--tcp", "--octet-count", "--size", "200000"}
                                  << int(ListenProtocol::Tcp) << "::1";
        QTest::newRow("udp ipv6") << QStringList{"--udp", "--size", "65000"}
                                  << int(ListenProtocol::Udp) << "::1";
    }

    void logger() {
        QFETCH(QStringList, flags);
        QFETCH(int, protocol);
        QFETCH(QString, address);
        QTemporaryDir dir;
        Harness h(dir.path());
        ingest::ListenerOptions options;
        options.endpoints << endpoint(ListenProtocol(protocol), address);
        QString error;
        QVERIFY2(h.start(options, &error), qPrintable(error));
        const quint16 port = h.port(ListenProtocol(protocol));
        QVERIFY(port != 0);
        QByteArray out;
        const QStringList args =
            flags + QStringList{"-n", address, "-P", QString::number(port), "-f", m_events.path};
        QCOMPARE(run(binary("logger"), args, &out), 0);
        // logger returns once the kernel has the data; wait until every message was framed.
        QTRY_COMPARE_WITH_TIMEOUT(h.listener->stats().received, m_events.lines, 10000);
        const StoreCounts c = h.finish();
        QCOMPARE(c.events, m_events.distinctEvents);
        QCOMPARE(c.duplicates, m_events.duplicateEvents);
        QCOMPARE(c.rejected, 0);
        QCOMPARE(h.listener->stats().events, m_events.distinctEvents);
        QCOMPARE(h.listener->stats().droppedOwn, 0);
        const auto senders = h.listener->senders();
        QCOMPARE(int(senders.size()), 1);
        QCOMPARE(senders.front().messages, m_events.lines);
        QCOMPARE(senders.front().address, QHostAddress(address).toString());
        // Every source names its sender (UDP: one per sender address; TCP: per connection),
        // so `source:` tells one relay's events from another's.
        QVERIFY(c.sources >= 1);
        for (const std::string& name : c.names)
            QVERIFY2(QString::fromStdString(name)
                         .section(QLatin1String(" from "), 1)
                         .contains(QHostAddress(address).toString()),
                     name.c_str());
    }

    // rsyslogd, started here with its own configuration, reads a file of generated events with
    // imfile and relays them with omfwd, TCP, octet-counted framing: each arrives exactly once.
    void rsyslogRelay() {
        const QString rsyslogd = binary("rsyslogd");
        QVERIFY2(!rsyslogd.isEmpty(), "rsyslogd is installed by scripts/install-deps.sh");
        QTemporaryDir dir;
        const Generated g = generate(dir.filePath(QStringLiteral("relay.log")), 2000, 0.02, 11);
        Harness h(dir.path());
        ingest::ListenerOptions options;
        options.endpoints << endpoint(ListenProtocol::Tcp);
        QString error;
        QVERIFY2(h.start(options, &error), qPrintable(error));
        const QString work = dir.filePath(QStringLiteral("rsyslog"));
        QVERIFY(QDir().mkpath(work));
        const QString config =
            QStringLiteral(
                "global(workDirectory=\"%1\" maxMessageSize=\"64k\")\n"
                "module(load=\"imfile\")\n"
                "template(name=\"raw\" type=\"string\" string=\"%rawmsg%\")\n"
                "input(type=\"imfile\" file=\"%2\" tag=\"cadf\" ruleset=\"relay\")\n"
                "ruleset(name=\"relay\") {\n"
                "  action(type=\"omfwd\" target=\"127.0.0.1\" port=\"%3\" protocol=\"tcp\"\n"
                "         tcp_framing=\"octet-counted\" template=\"raw\")\n"
                "}\n")
                .arg(work, g.path)
                .arg(h.port(ListenProtocol::Tcp));
        const QString configPath = dir.filePath(QStringLiteral("rsyslog.conf"));
        QFile file(configPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(config.toUtf8());
        file.close();
        QProcess relay;
        relay.setProcessChannelMode(QProcess::MergedChannels);
        relay.start(rsyslogd, {"-n", "-f", configPath, "-i", dir.filePath(QStringLiteral("pid"))});
        QVERIFY(relay.waitForStarted(5000));
        QTRY_COMPARE_WITH_TIMEOUT(h.listener->stats().received, g.lines, 20000);
        relay.terminate();
        QVERIFY(relay.waitForFinished(10000));
        const StoreCounts c = h.finish();
        QCOMPARE(c.events, g.distinctEvents);
        QCOMPARE(c.duplicates, g.duplicateEvents);
        QCOMPARE(c.rejected, 0);
        const auto senders = h.listener->senders();
        QCOMPARE(int(senders.size()), 1);
        QCOMPARE(senders.front().framing, QStringLiteral("octet-counting"));
    }

    void tls() {
        QTemporaryDir dir;
        QVERIFY(makeCertificates(dir.path()));
        Harness h(dir.path());
        ingest::ListenerOptions options;
        options.endpoints << endpoint(ListenProtocol::Tls);
        options.certificateFile = dir.filePath(QStringLiteral("server.pem"));
        options.privateKeyFile = dir.filePath(QStringLiteral("server.key"));
        options.clientCaFile = dir.filePath(QStringLiteral("ca.pem"));
        QString error;
        QVERIFY2(h.start(options, &error), qPrintable(error));
        const QString target = QStringLiteral("127.0.0.1:%1").arg(h.port(ListenProtocol::Tls));
        const QByteArray frames = octetFrames(m_events.path, 50);
        const QString openssl = binary("openssl");
        const auto sClient = [&](const QStringList& extra) {
            QByteArray out;
            return run(openssl,
                       QStringList{"s_client", "-connect", target, "-CAfile",
                                   dir.filePath(QStringLiteral("ca.pem")), "-quiet",
                                   "-no_ign_eof"} +
                           extra,
                       &out, frames, 15000);
        };
        QCOMPARE(sClient({"-cert", dir.filePath(QStringLiteral("client.pem")), "-key",
                          dir.filePath(QStringLiteral("client.key"))}),
                 0);
        QTRY_COMPARE_WITH_TIMEOUT(h.listener->stats().received, 50, 10000);
        // Refused: no client certificate, and one the CA did not sign.
        sClient({});
        sClient({"-cert", dir.filePath(QStringLiteral("rogue.pem")), "-key",
                 dir.filePath(QStringLiteral("rogue.key"))});
        QTRY_COMPARE_WITH_TIMEOUT(h.listener->stats().tlsFailures, 2, 10000);
        const StoreCounts c = h.finish();
        QCOMPARE(c.events + c.duplicates, 50);
        QCOMPARE(c.rejected, 0);
        QCOMPARE(c.sources, 1); // the refused clients left no source
        QVERIFY2(
            QString::fromStdString(c.names.front()).contains(QStringLiteral("CN=cadf-test-client")),
            c.names.front().c_str());
        QCOMPARE(h.listener->stats().received, 50);
    }

    // The headless command: ports from stderr, a stats line, SIGTERM, flush, JSON summary.
    void listenCommand() {
        QTemporaryDir dir;
        QProcess p;
        const QString db = dir.filePath(QStringLiteral("cli.cadfdb"));
        p.start(QStringLiteral(CADFSCOPE_BINARY_DIR "/app/cadfscope"),
                {"listen", "--db", db, "--tcp", "127.0.0.1:0", "--udp", "[::1]:0",
                 "--stats-interval", "1", "--json"});
        QVERIFY(p.waitForStarted(5000));
        QByteArray err;
        QRegularExpression tcpRe(QStringLiteral("listening on tcp://127.0.0.1:(\\d+)"));
        QRegularExpression udpRe(QStringLiteral("listening on udp://\\[::1\\]:(\\d+)"));
        QTRY_VERIFY_WITH_TIMEOUT((err += p.readAllStandardError(), err.contains("udp://")), 10000);
        const QString tcpPort = tcpRe.match(QString::fromUtf8(err)).captured(1);
        const QString udpPort = udpRe.match(QString::fromUtf8(err)).captured(1);
        QVERIFY(!tcpPort.isEmpty() && !udpPort.isEmpty());
        const QString logger = binary("logger");
        QCOMPARE(run(logger, {"--tcp", "--octet-count", "--size", "200000", "-n", "127.0.0.1", "-P",
                              tcpPort, "-f", m_events.path}),
                 0);
        QCOMPARE(run(logger, {"--udp", "-n", "::1", "-P", udpPort, "not an event"}), 0);
        QTRY_VERIFY_WITH_TIMEOUT((err += p.readAllStandardError(), err.contains(" received, ")),
                                 10000);
        p.terminate();
        QVERIFY(p.waitForFinished(15000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        const auto summary = nlohmann::json::parse(p.readAllStandardOutput().toStdString());
        QCOMPARE(summary.at("received").get<std::int64_t>(), m_events.lines + 1);
        QCOMPARE(summary.at("events").get<std::int64_t>(), m_events.distinctEvents);
        QCOMPARE(summary.at("duplicates").get<std::int64_t>(), m_events.duplicateEvents);
        QCOMPARE(summary.at("rejected").get<std::int64_t>(), 1);
        QCOMPARE(summary.at("dropped").get<std::int64_t>(), 0);
        const StoreCounts c = storeCounts(db);
        QCOMPARE(c.events, m_events.distinctEvents);
        QCOMPARE(c.rejected, 1);
    }

    void badArguments_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("port") << QStringList{"--tcp", "127.0.0.1:99999"};
        QTest::newRow("address") << QStringList{"--udp", "nowhere:514"};
        QTest::newRow("tls without files") << QStringList{"--tls", "127.0.0.1:0"};
        QTest::newRow("cidr") << QStringList{"--allow", "10.0.0.0/99"};
        QTest::newRow("max message") << QStringList{"--max-message", "12"};
    }

    void badArguments() {
        QFETCH(QStringList, args);
        QTemporaryDir dir;
        QByteArray out;
        QCOMPARE(run(QStringLiteral(CADFSCOPE_BINARY_DIR "/app/cadfscope"),
                     QStringList{"listen", "--db", dir.filePath(QStringLiteral("x.cadfdb"))} + args,
                     &out),
                 2);
        QVERIFY2(out.contains("cadfscope listen: "), out.constData());
    }

private:
    QTemporaryDir m_dir;
    Generated m_events;
};

QTEST_GUILESS_MAIN(TestListenerSenders)
#include "tst_listener_senders.moc"
