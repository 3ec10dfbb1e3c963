// Back-pressure: while the store cannot be written (another program holds its write lock), the
// TCP side stops reading, so the sender waits and nothing is lost; the UDP side keeps a bounded
// backlog and counts what it had to drop. Once the lock is gone, everything held is stored.
#include "listen_test_support.h"

#include <QThread>
#include <QUdpSocket>

#include <sqlite3.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

using namespace listentest;
using cadf::ingest::ListenProtocol;

namespace {

// Another program's write transaction on the store: the writer waits on it (busy timeout).
class WriteLock {
public:
    explicit WriteLock(const QString& path) {
        sqlite3_open(path.toUtf8().constData(), &m_db);
        m_ok = sqlite3_exec(m_db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK;
    }
    ~WriteLock() { release(); }
    bool ok() const { return m_ok; }
    void release() {
        if (m_db) {
            sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
            sqlite3_close(m_db);
            m_db = nullptr;
        }
    }

private:
    sqlite3* m_db = nullptr;
    bool m_ok = false;
};

} // namespace

class TestListenerBackPressure : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_events = generate(m_dir.filePath(QStringLiteral("e.log")), 30000, 0, 21);
        QFile file(m_events.path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        while (!file.atEnd()) {
            const QByteArray line = file.readLine().chopped(1);
            m_stream += QByteArray::number(line.size()) + ' ' + line;
            if (m_datagrams.size() < 2000)
                m_datagrams << line;
        }
    }

    void writerBehind() {
        QTemporaryDir dir;
        Harness h(dir.path());
        ingest::ListenerOptions options;
        options.endpoints << endpoint(ListenProtocol::Tcp) << endpoint(ListenProtocol::Udp);
        options.udpBacklogRecords = 50;
        QString error;
        QVERIFY2(h.start(options, &error), qPrintable(error));
        h.writer->flush();

        WriteLock lock(h.dbPath);
        QVERIFY(lock.ok());
        // TCP: 30,000 events (~33 MB), far more than the writer's queue and the socket buffers.
        std::atomic_bool sent{false};
        std::atomic_int senderFd{-1};
        const quint16 tcpPort = h.port(ListenProtocol::Tcp);
        std::thread sender([&] {
            const int fd = socket(AF_INET, SOCK_STREAM, 0);
            senderFd = fd;
            sockaddr_in a = {};
            a.sin_family = AF_INET;
            a.sin_port = htons(tcpPort);
            a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) {
                qsizetype off = 0;
                while (off < m_stream.size()) {
                    const ssize_t n =
                        write(fd, m_stream.constData() + off, std::size_t(m_stream.size() - off));
                    if (n <= 0)
                        break;
                    off += n;
                }
            }
            sent = true;
        });
        // On a failed check the sender may still be blocked in write(): unblock it and join.
        struct Joiner {
            std::thread& t;
            std::atomic_int& fd;
            ~Joiner() {
                if (fd >= 0)
                    shutdown(fd, SHUT_RDWR);
                if (t.joinable())
                    t.join();
                if (fd >= 0)
                    close(fd);
            }
        } joiner{sender, senderFd};
        // UDP: 2,000 datagrams over ~0.4 s while nothing can be stored. The writer's queue takes
        // a few small batches, then the backlog fills and datagrams are dropped and counted.
        QUdpSocket udp;
        for (int i = 0; i < m_datagrams.size(); ++i) {
            udp.writeDatagram(m_datagrams.at(i), QHostAddress::LocalHost,
                              h.port(ListenProtocol::Udp));
            if (i % 10 == 9)
                QThread::msleep(2); // paced: the kernel buffer is not what is tested here
        }
        // The writer gives up after its 5 s busy timeout: release well before that.
        QTRY_VERIFY_WITH_TIMEOUT(h.listener->stats().droppedOwn > 0, 2000);
        // The TCP side stopped reading: the sender is still blocked, part of the stream unread.
        const qint64 receivedWhileLocked = h.listener->stats().received;
        QVERIFY(!sent.load());
        QVERIFY2(receivedWhileLocked < m_events.lines + 2000,
                 qPrintable(QString::number(receivedWhileLocked)));

        lock.release();
        QTRY_VERIFY_WITH_TIMEOUT(sent.load(), 30000);
        shutdown(senderFd, SHUT_WR); // end of stream: the listener sees the close
        QTRY_COMPARE_WITH_TIMEOUT(h.listener->stats().received, m_events.lines + m_datagrams.size(),
                                  30000);
        const ingest::ListenerStats s = h.listener->stats();
        const StoreCounts c = h.finish();
        // Every TCP event stored once; UDP: stored + dropped == sent, and the drops are counted.
        QCOMPARE(c.events + c.duplicates, m_events.lines + m_datagrams.size() - s.droppedOwn);
        QVERIFY(s.droppedOwn > 0);
        QVERIFY(s.droppedOwn < m_datagrams.size());
        QCOMPARE(c.rejected, 0);
    }

private:
    QTemporaryDir m_dir;
    Generated m_events;
    QByteArray m_stream;
    QList<QByteArray> m_datagrams;
};

QTEST_GUILESS_MAIN(TestListenerBackPressure)
#include "tst_listener_backpressure.moc"
