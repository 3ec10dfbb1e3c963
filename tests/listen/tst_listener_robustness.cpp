// The listener against broken and hostile senders: lengths over the limit, lengths that lie,
// connections cut mid-frame, random bytes, floods of tiny frames, 1,000 idle connections, the
// connection limit, the allow-list and the idle timeout. It survives, says why, and loses nothing
// that was well formed.
#include "listen_test_support.h"

#include <algorithm>

#include <QTcpSocket>
#include <QUdpSocket>

#include <random>

#include <sys/resource.h>

using namespace listentest;
using cadf::ingest::ListenProtocol;

namespace {

QList<QByteArray> readLines(const QString& path) {
    QFile file(path);
    QList<QByteArray> lines;
    if (file.open(QIODevice::ReadOnly)) {
        while (!file.atEnd())
            lines << file.readLine().chopped(1);
    }
    return lines;
}

QByteArray octet(const QByteArray& message) {
    return QByteArray::number(message.size()) + ' ' + message;
}

// Connects, writes, closes (or aborts), all with timeouts.
bool send(quint16 port, const QByteArray& bytes, bool abort = false) {
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    if (!s.waitForConnected(5000))
        return false;
    s.write(bytes);
    while (s.bytesToWrite() > 0) {
        if (!s.waitForBytesWritten(5000))
            return false;
    }
    if (abort) {
        s.abort();
        return true;
    }
    s.disconnectFromHost();
    return s.state() == QAbstractSocket::UnconnectedState || s.waitForDisconnected(5000);
}

} // namespace

class TestListenerRobustness : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        const Generated g = generate(m_dir.filePath(QStringLiteral("e.log")), 40, 0, 3);
        QCOMPARE(g.distinctEvents, 40);
        m_lines = readLines(g.path);
        QCOMPARE(m_lines.size(), 40);
    }

    void brokenStreams_data() {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<int>("events");   // stored events
        QTest::addColumn<int>("rejected"); // stored rejects
        QTest::addColumn<QString>("reason");
        const auto& e = m_lines;
        QTest::newRow("length above the limit")
            << octet(e[0]) + "20000 <13>" + QByteArray(19996, 'x') + octet(e[1]) << 2 << 1
            << "line_too_long";
        QTest::newRow("length shorter than the message")
            << octet(e[0]) + "100 " + e[1] + octet(e[2]) << 2 << 2 << "truncated_json";
        QTest::newRow("length longer than the message")
            << octet(e[0]) + QByteArray::number(e[1].size() + 20) + ' ' + e[1] + octet(e[2]) +
                   octet(e[3])
            << 3 << 1 << "invalid_json";
        QTest::newRow("implausible length")
            << octet(e[0]) + "9999999999 <13>xyz" << 1 << 1 << "line_too_long";
        QTest::newRow("cut inside an octet-counted frame")
            << octet(e[0]) + octet(e[1]).left(300) << 1 << 1 << "incomplete_frame";
        QTest::newRow("cut inside a line")
            << e[0] + '\n' + e[1].left(300) << 1 << 1 << "truncated_json";
        QTest::newRow("lf, crlf and nul trailers")
            << e[0] + '\n' + e[1] + "\r\n" + e[2] + '\0' + octet(e[3]) << 4 << 0 << "";
        std::mt19937 rng(42);
        QByteArray noise(5000, '\0');
        for (char& c : noise)
            c = static_cast<char>(rng() & 0xff);
        QTest::newRow("random bytes between frames")
            << octet(e[0]) + noise + octet(e[1]) + octet(e[2]) << 3 << -1 << "";
    }

    void brokenStreams() {
        QFETCH(QByteArray, stream);
        QFETCH(int, events);
        QFETCH(int, rejected);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        Harness h(dir.path());
        ingest::ListenerOptions options;
        options.endpoints << endpoint(ListenProtocol::Tcp);
        options.maxMessage = 8192;
        QString error;
        QVERIFY2(h.start(options, &error), qPrintable(error));
        const quint16 port = h.port(ListenProtocol::Tcp);
        QVERIFY(send(port, stream));
        // The listener survived: the next sender is served as usual.
        QVERIFY(send(port, octet(m_lines[10])));
        QTRY_VERIFY_WITH_TIMEOUT(h.listener->stats().connectionsTotal == 2 &&
                                     h.listener->stats().connectionsOpen == 0,
                                 10000);
        const StoreCounts c = h.finish();
        QCOMPARE(c.events, events + 1);
        if (rejected >= 0)
            QCOMPARE(c.rejected, rejected);
        else
            QVERIFY(c.rejected > 0);
        // Nothing vanished: every record the listener counted is in the store.
        QCOMPARE(c.events + c.duplicates + c.rejected, h.listener->stats().records);
        if (!reason.isEmpty()) {
            bool found = false;
            for (const store::RejectRow& r : storeRejects(h.dbPath)) {
                found = found || QLatin1String(rejectReasonKey(r.reason)) == reason;
                // Which sender, which connection.
                QVERIFY2(
                    QString::fromStdString(r.detail).contains(QStringLiteral("(from 127.0.0.1:")),
                    r.detail.c_str());
            }
            QVERIFY2(found, qPrintable(reason));
        }
    }

    void floodOfTinyFrames() {
        QTemporaryDir dir;
        Harness h(dir.path());
        ingest::ListenerOptions options;
        options.endpoints << endpoint(ListenProtocol::Tcp);
        QString error;
        QVERIFY2(h.start(options, &error), qPrintable(error));
        QByteArray flood;
        const int n = 20000;
        for (int i = 0; i < n; ++i)
            flood += "3 <1>";
        flood += octet(m_lines[5]);
        QVERIFY(send(h.port(ListenProtocol::Tcp), flood));
        QTRY_COMPARE_WITH_TIMEOUT(h.listener->stats().received, n + 1, 20000);
        const StoreCounts c = h.finish();
        QCOMPARE(c.events, 1);
        QCOMPARE(c.rejected, n);
    }

    void idleConnections() {
        // Both ends of each connection live in this process: ask for the descriptors needed.
        // Root (CI) may raise the hard limit too; others get what the hard limit allows.
        rlimit limit = {};
        getrlimit(RLIMIT_NOFILE, &limit);
        if (limit.rlim_cur < 4096) {
            rlimit wanted = {4096, std::max<rlim_t>(limit.rlim_max, 4096)};
            if (setrlimit(RLIMIT_NOFILE, &wanted) != 0) {
                wanted = {std::min<rlim_t>(limit.rlim_max, 4096), limit.rlim_max};
                setrlimit(RLIMIT_NOFILE, &wanted);
            }
            getrlimit(RLIMIT_NOFILE, &limit);
        }
        // Both ends of each connection count here: with a hard limit of 1024 (and no right to
        // raise it) about 400 fit, which still exercises the same paths.
        const int idle = static_cast<int>(std::min<rlim_t>(1000, (limit.rlim_cur - 200) / 2));
        qInfo("%d idle connections (open files limit %llu)", idle,
              static_cast<unsigned long long>(limit.rlim_cur));
        QVERIFY2(idle >= 400, "ulimit -n too low for the idle-connection test");
        QTemporaryDir dir;
        Harness h(dir.path());
        ingest::ListenerOptions options;
        options.endpoints << endpoint(ListenProtocol::Tcp);
        QString error;
        QVERIFY2(h.start(options, &error), qPrintable(error));
        const quint16 port = h.port(ListenProtocol::Tcp);
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        for (int i = 0; i < idle; ++i) {
            auto s = std::make_unique<QTcpSocket>();
            s->connectToHost(QHostAddress::LocalHost, port);
            QVERIFY(s->waitForConnected(5000));
            sockets.push_back(std::move(s));
        }
        QTRY_COMPARE_WITH_TIMEOUT(h.listener->stats().connectionsOpen, idle, 20000);
        QVERIFY(send(port, octet(m_lines[7]) + octet(m_lines[8])));
        QTRY_COMPARE_WITH_TIMEOUT(h.listener->stats().received, 2, 10000);
        sockets.clear();
        QTRY_COMPARE_WITH_TIMEOUT(h.listener->stats().connectionsOpen, 0, 20000);
        const StoreCounts c = h.finish();
        QCOMPARE(c.events, 2);
        QCOMPARE(c.sources, 1); // idle connections leave nothing in the store
        QCOMPARE(h.listener->stats().connectionsTotal, idle + 1);
    }

    void connectionLimit() {
        QTemporaryDir dir;
        Harness h(dir.path());
        ingest::ListenerOptions options;
        options.endpoints << endpoint(ListenProtocol::Tcp);
        options.maxConnections = 3;
        QString error;
        QVERIFY2(h.start(options, &error), qPrintable(error));
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        for (int i = 0; i < 4; ++i) {
            auto s = std::make_unique<QTcpSocket>();
            s->connectToHost(QHostAddress::LocalHost, h.port(ListenProtocol::Tcp));
            QVERIFY(s->waitForConnected(5000));
            sockets.push_back(std::move(s));
        }
        QTRY_COMPARE_WITH_TIMEOUT(h.listener->stats().refused, 1, 10000);
        QCOMPARE(h.listener->stats().connectionsOpen, 3);
    }

    void allowList() {
        QTemporaryDir dir;
        Harness h(dir.path());
        ingest::ListenerOptions options;
        options.endpoints << endpoint(ListenProtocol::Tcp) << endpoint(ListenProtocol::Udp);
        ingest::Subnet subnet;
        QVERIFY(ingest::parseSubnet(QStringLiteral("10.0.0.0/8"), subnet, nullptr));
        options.allow << subnet;
        QString error;
        QVERIFY2(h.start(options, &error), qPrintable(error));
        send(h.port(ListenProtocol::Tcp), octet(m_lines[0]));
        QUdpSocket udp;
        udp.writeDatagram(m_lines[1], QHostAddress::LocalHost, h.port(ListenProtocol::Udp));
        QTRY_COMPARE_WITH_TIMEOUT(h.listener->stats().denied, 2, 10000);
        const StoreCounts c = h.finish();
        QCOMPARE(c.events + c.rejected, 0);
    }

    // Each UDP sender address is one source, up to the bound; the senders after it share one, and
    // every datagram is stored either way (loopback lets a socket send from any 127.x address).
    void udpSourcePerSender() {
        QTemporaryDir dir;
        Harness h(dir.path());
        ingest::ListenerOptions options;
        options.endpoints << endpoint(ListenProtocol::Udp);
        options.udpSenderSources = 3;
        QString error;
        QVERIFY2(h.start(options, &error), qPrintable(error));
        for (int i = 0; i < 5; ++i) {
            QUdpSocket udp;
            QVERIFY2(udp.bind(QHostAddress(QStringLiteral("127.0.0.%1").arg(i + 2)), 0),
                     qPrintable(udp.errorString()));
            udp.writeDatagram(m_lines[i], QHostAddress::LocalHost, h.port(ListenProtocol::Udp));
            QTRY_COMPARE_WITH_TIMEOUT(h.listener->stats().received, i + 1, 10000);
        }
        const StoreCounts c = h.finish();
        QCOMPARE(c.events, 5);
        QCOMPARE(c.sources, 4);
        std::vector<std::string> names = c.names;
        std::sort(names.begin(), names.end());
        const QString url = QStringLiteral("udp://127.0.0.1:%1").arg(h.port(ListenProtocol::Udp));
        QCOMPARE(QString::fromStdString(names[0]), url + QLatin1String(" from 127.0.0.2"));
        QCOMPARE(QString::fromStdString(names[2]), url + QLatin1String(" from 127.0.0.4"));
        QCOMPARE(QString::fromStdString(names[3]), url + QLatin1String(" from other senders"));
    }

    void idleTimeout() {
        QTemporaryDir dir;
        Harness h(dir.path());
        ingest::ListenerOptions options;
        options.endpoints << endpoint(ListenProtocol::Tcp);
        options.idleTimeoutSec = 1;
        QString error;
        QVERIFY2(h.start(options, &error), qPrintable(error));
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, h.port(ListenProtocol::Tcp));
        QVERIFY(s.waitForConnected(5000));
        s.write(octet(m_lines[0]) + octet(m_lines[1]).left(100));
        QVERIFY(s.waitForBytesWritten(5000));
        QTRY_COMPARE_WITH_TIMEOUT(h.listener->stats().connectionsOpen, 0, 10000);
        QVERIFY(s.state() == QAbstractSocket::UnconnectedState || s.waitForDisconnected(5000));
        const StoreCounts c = h.finish();
        QCOMPARE(c.events, 1);
        QCOMPARE(c.rejected, 1);
    }

    // Stop right after the sender is done: what reached us is stored, not left in a buffer.
    void stopFlushes() {
        QTemporaryDir dir;
        Harness h(dir.path());
        ingest::ListenerOptions options;
        options.endpoints << endpoint(ListenProtocol::Tcp);
        QString error;
        QVERIFY2(h.start(options, &error), qPrintable(error));
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, h.port(ListenProtocol::Tcp));
        QVERIFY(s.waitForConnected(5000));
        QByteArray all;
        for (const QByteArray& line : m_lines)
            all += octet(line);
        s.write(all);
        while (s.bytesToWrite() > 0)
            QVERIFY(s.waitForBytesWritten(5000));
        const StoreCounts c = h.finish();
        QCOMPARE(c.events, m_lines.size());
    }

private:
    QTemporaryDir m_dir;
    QList<QByteArray> m_lines;
};

QTEST_GUILESS_MAIN(TestListenerRobustness)
#include "tst_listener_robustness.moc"
