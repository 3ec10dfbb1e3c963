#include "models/listen/tcp_receiver.h"

#include "models/cadf/reject.h"
#include "models/ingest/record_batcher.h"
#include "models/listen/listen_util.h"
#include "models/listen/listener_stats.h"
#include "models/store/store_writer.h"
#include "models/syslog/frame_decoder.h"

#include <QCoreApplication>
#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTimer>

#include <chrono>

namespace cadf::ingest {

namespace {

using Clock = std::chrono::steady_clock;

// Reads at most this much per socket before looking at the others, so one busy sender cannot
// starve the rest; it is also the bound on Qt's own buffer for a socket.
constexpr qint64 kReadChunk = 256 * 1024;

// Hands accepted descriptors to the receiver instead of queueing sockets, so the allow-list and
// the connection limit are checked before anything is read, and TLS sockets can be made.
class Server : public QTcpServer {
public:
    Server(std::function<void(qintptr)> onAccept, QObject* parent)
        : QTcpServer(parent)
        , m_onAccept(std::move(onAccept)) {}

protected:
    void incomingConnection(qintptr descriptor) override { m_onAccept(descriptor); }

private:
    std::function<void(qintptr)> m_onAccept;
};

QString subjectOf(const QSslCertificate& cert) {
    static const std::pair<QSslCertificate::SubjectInfo, const char*> parts[] = {
        {QSslCertificate::CommonName, "CN"},
        {QSslCertificate::OrganizationalUnitName, "OU"},
        {QSslCertificate::Organization, "O"},
        {QSslCertificate::CountryName, "C"},
    };
    QStringList out;
    for (const auto& [info, key] : parts) {
        for (const QString& value : cert.subjectInfo(info))
            out << QLatin1String(key) + QLatin1Char('=') + value;
    }
    return out.join(QLatin1Char(','));
}

} // namespace

struct TcpConnection {
    explicit TcpConnection(const syslog::FrameDecoderOptions& o)
        : decoder(o) {}

    std::int64_t id = 0;
    int endpoint = 0;
    QTcpSocket* socket = nullptr;
    bool tls = false;
    bool ready = false; // TLS: after the handshake
    bool ended = false;
    QString peer;        // "127.0.0.1:40312"
    QString peerAddress; // "127.0.0.1"
    QString subject;     // TLS client certificate subject
    syslog::FrameDecoder decoder;
    syslog::FrameDecoder::Sink sink;
    std::unique_ptr<RecordBatcher> batcher;
    std::string note; // appended to reject details: which sender, which connection
    std::int64_t frames = 0;
    Clock::time_point lastActivity = Clock::now();
    // Not yet published to the shared counters.
    std::int64_t newMessages = 0;
    std::int64_t newBytes = 0;
    std::int64_t publishedRecords = 0;
    std::int64_t publishedEvents = 0;
    std::int64_t publishedRejected = 0;
    std::map<std::string, std::int64_t> publishedReasons;
};

TcpReceiver::TcpReceiver(ListenerOptions options, store::StoreWriter& writer,
                         ListenerCounters& counters,
                         std::function<void(store::StoredEventInput&)> classify)
    : m_options(std::move(options))
    , m_writer(writer)
    , m_counters(counters)
    , m_classify(std::move(classify)) {}

TcpReceiver::~TcpReceiver() = default;

bool TcpReceiver::start(QString* error, QList<ListenEndpoint>* bound) {
    bool needTls = false;
    for (const ListenEndpoint& e : m_options.endpoints)
        needTls = needTls || e.protocol == ListenProtocol::Tls;
    if (needTls && !loadTlsConfiguration(m_options, m_ssl, error))
        return false;

    for (const ListenEndpoint& e : m_options.endpoints) {
        if (e.protocol == ListenProtocol::Udp)
            continue;
        const int index = static_cast<int>(m_servers.size());
        auto* server = new Server([this, index](qintptr fd) { accept(index, fd); }, this);
        // A burst of connections (relays reconnecting, the 1,000-connection test) must not be
        // refused by the kernel before we even see it.
        server->setListenBacklogSize(1024);
        if (!server->listen(e.address, e.port)) {
            if (error)
                *error = tr("cannot listen on %1: %2").arg(e.url(), server->errorString());
            for (QTcpServer* s : m_servers)
                delete s;
            m_servers.clear();
            m_endpoints.clear();
            delete server;
            return false;
        }
        ListenEndpoint actual = e;
        actual.port = server->serverPort();
        m_servers.push_back(server);
        m_endpoints << actual;
    }
    if (bound)
        *bound << m_endpoints;
    m_flushTimer = new QTimer(this);
    m_flushTimer->setInterval(m_options.batchMs);
    connect(m_flushTimer, &QTimer::timeout, this, &TcpReceiver::flushAll);
    m_flushTimer->start();
    m_idleTimer = new QTimer(this);
    m_idleTimer->setInterval(1000);
    connect(m_idleTimer, &QTimer::timeout, this, &TcpReceiver::checkIdle);
    m_idleTimer->start();
    return true;
}

bool TcpReceiver::allowed(const QHostAddress& peer) const {
    return addressAllowed(m_options.allow, peer);
}

void TcpReceiver::accept(int endpointIndex, qintptr descriptor) {
    const ListenEndpoint& endpoint = m_endpoints[endpointIndex];
    const bool tls = endpoint.protocol == ListenProtocol::Tls;
    QTcpSocket* socket = tls ? new QSslSocket(this) : new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    const QHostAddress peerAddress = plainAddress(socket->peerAddress());
    const QString peer = hostPort(peerAddress, socket->peerPort());
    if (m_stopping || !allowed(peerAddress) ||
        static_cast<int>(m_connections.size()) >= m_options.maxConnections) {
        const bool denied = !allowed(peerAddress);
        m_counters.update([&](ListenerStats& s) {
            ++(denied ? s.denied : s.refused);
            s.lastProblem = denied
                                ? tr("connection from %1 refused: not in the allow-list").arg(peer)
                                : tr("connection from %1 refused: %2 connections open")
                                      .arg(peer)
                                      .arg(m_connections.size());
        });
        socket->abort();
        delete socket;
        return;
    }

    syslog::FrameDecoderOptions decoderOptions;
    decoderOptions.maxMessage = static_cast<std::size_t>(m_options.maxMessage);
    decoderOptions.octetCountingOnly = tls;
    auto owned = std::make_unique<TcpConnection>(decoderOptions);
    TcpConnection& c = *owned;
    c.id = m_nextId++;
    c.endpoint = endpointIndex;
    c.socket = socket;
    c.tls = tls;
    c.ready = !tls;
    c.peer = peer;
    c.peerAddress = peerAddress.toString();
    c.note = QString(QLatin1String(" (from ") + peer + QLatin1String(", connection ") +
                     QString::number(c.id) + QLatin1Char(')'))
                 .toStdString();
    c.sink = [this, &c](const syslog::Frame& f) { handleFrame(c, f); };
    socket->setReadBufferSize(kReadChunk);
    m_connections.emplace(c.id, std::move(owned));

    m_counters.update([](ListenerStats& s) {
        ++s.connectionsOpen;
        ++s.connectionsTotal;
    });
    m_counters.updateSender(QLatin1String(listenProtocolKey(endpoint.protocol)), c.peerAddress,
                            [](SenderStats& s) {
                                ++s.connections;
                                ++s.openConnections;
                            });

    connect(socket, &QTcpSocket::readyRead, this, [this, &c] { readFrom(c); });
    connect(socket, &QTcpSocket::disconnected, this, [this, &c] {
        readFrom(c);
        endConnection(c, tr("closed by the sender"));
    });
    if (tls) {
        auto* ssl = static_cast<QSslSocket*>(socket);
        ssl->setSslConfiguration(m_ssl);
        connect(ssl, &QSslSocket::encrypted, this, [this, &c] { onEncrypted(c); });
        connect(ssl, &QSslSocket::errorOccurred, this, [this, &c](QAbstractSocket::SocketError) {
            if (c.ready || c.ended)
                return; // after the handshake, errors end the connection through disconnected()
            const QString why = c.socket->errorString();
            m_counters.update([&](ListenerStats& s) {
                ++s.tlsFailures;
                s.lastProblem = tr("TLS handshake with %1 failed: %2").arg(c.peer, why);
            });
            endConnection(c, tr("TLS handshake failed: %1").arg(why));
        });
        ssl->startServerEncryption();
    }
}

void TcpReceiver::onEncrypted(TcpConnection& c) {
    auto* ssl = static_cast<QSslSocket*>(c.socket);
    c.ready = true;
    c.subject = subjectOf(ssl->peerCertificate());
    if (!c.subject.isEmpty()) {
        m_counters.updateSender(QStringLiteral("tls"), c.peerAddress,
                                [&](SenderStats& s) { s.tlsSubject = c.subject; });
    }
    readFrom(c);
}

void TcpReceiver::readFrom(TcpConnection& c) {
    if (c.ended || !c.ready)
        return;
    bool referenceSet = false;
    for (;;) {
        const qint64 avail = c.socket->bytesAvailable();
        if (avail <= 0)
            break;
        const qint64 want = std::min(avail, kReadChunk);
        char* buffer = c.decoder.writeBuffer(static_cast<std::size_t>(want));
        const qint64 n = c.socket->read(buffer, want);
        if (n <= 0)
            break;
        c.lastActivity = Clock::now();
        c.newBytes += n;
        if (!referenceSet) {
            // Created here and not at accept: idle connections cost nothing in the store.
            ensureSource(c);
            if (c.batcher)
                c.batcher->setReferenceTime(nowUtcMicros());
            referenceSet = true;
        }
        if (!c.batcher)
            return; // the writer failed; endConnection was called
        if (!c.decoder.feedWritten(static_cast<std::size_t>(n), c.sink)) {
            endConnection(c, QString::fromStdString(c.decoder.closeReason()));
            return;
        }
    }
}

void TcpReceiver::ensureSource(TcpConnection& c) {
    if (c.batcher)
        return;
    const ListenEndpoint& endpoint = m_endpoints[c.endpoint];
    store::SourceInfo info;
    info.kind = c.tls ? store::SourceKind::Tls : store::SourceKind::Tcp;
    // Stored data, not UI text: the same in every language.
    QString name = endpoint.url() + QLatin1String(" from ") + c.peer +
                   QLatin1String(" (connection ") + QString::number(c.id) + QLatin1Char(')');
    if (!c.subject.isEmpty())
        name += QLatin1String(" subject ") + c.subject;
    info.name = name.toStdString();
    info.startedUs = nowUtcMicros();
    const std::int64_t id = m_writer.beginSource(info);
    if (id == 0) {
        m_counters.update([&](ListenerStats& s) {
            s.lastProblem = QString::fromStdString(m_writer.lastError().message);
        });
        endConnection(c, tr("the store cannot be written"));
        return;
    }
    m_counters.addSource(id);
    c.batcher = std::make_unique<RecordBatcher>(info.startedUs);
    c.batcher->setSourceId(id);
    c.batcher->setBatchSize(m_options.batchEvents);
    if (m_classify)
        c.batcher->setClassifier(m_classify);
}

void TcpReceiver::handleFrame(TcpConnection& c, const syslog::Frame& f) {
    ++c.frames;
    ++c.newMessages;
    RecordBatcher& b = *c.batcher;
    using Kind = syslog::Frame::Kind;
    switch (f.kind) {
    case Kind::Message:
        b.add(f.data, c.frames, f.offset, false, c.note);
        break;
    case Kind::Garbage:
        if (f.closesStream) {
            rejectFrame(c, f, RejectReason::IncompleteFrame, c.decoder.closeReason());
            break;
        }
        // Bytes outside any frame go through the parser like a record: random bytes become a
        // binary-data reject, the tail of a message cut by a lying length an invalid-JSON one.
        b.add(f.data, c.frames, f.offset, f.declaredSize > std::int64_t(f.data.size()),
              c.note + " [unframed bytes before the next frame]");
        break;
    case Kind::Oversize:
        rejectFrame(c, f, RejectReason::LineTooLong,
                    f.closesStream
                        ? c.decoder.closeReason()
                        : "frame of " + std::to_string(f.declaredSize) +
                              " bytes is over the limit of " +
                              std::to_string(m_options.maxMessage) +
                              "; skipped, the stream was resynchronised at the next frame");
        break;
    case Kind::Incomplete:
        rejectFrame(c, f, RejectReason::IncompleteFrame,
                    "connection ended after " + std::to_string(f.data.size()) + " of " +
                        std::to_string(f.declaredSize) + " bytes of an octet-counted frame");
        break;
    }
    if (b.full())
        submitPending(c);
}

void TcpReceiver::rejectFrame(TcpConnection& c, const syslog::Frame& f, RejectReason reason,
                              std::string detail) {
    cadf::Reject r;
    r.reason = reason;
    r.detail = std::move(detail) + c.note;
    r.lineNo = c.frames;
    r.byteOffset = f.offset;
    r.raw.assign(f.data.substr(0, kMaxRejectBytes));
    c.batcher->addReject(std::move(r));
}

void TcpReceiver::submitPending(TcpConnection& c) {
    if (c.batcher && c.batcher->pending() > 0)
        m_writer.submit(c.batcher->take()); // blocks while the writer is behind: back-pressure
    publish(c);
}

void TcpReceiver::publish(TcpConnection& c) {
    if (!c.batcher && c.newMessages == 0 && c.newBytes == 0)
        return;
    const RecordCounts empty;
    const RecordCounts& counts = c.batcher ? c.batcher->counts() : empty;
    const std::int64_t messages = c.newMessages;
    const std::int64_t rejected = counts.rejected - c.publishedRejected;
    if (messages == 0 && c.newBytes == 0 && rejected == 0)
        return;
    m_counters.update([&](ListenerStats& s) {
        s.received += messages;
        s.bytes += c.newBytes;
        s.records += counts.records - c.publishedRecords;
        s.parsedEvents += counts.parsedEvents - c.publishedEvents;
        s.rejected += rejected;
        for (const auto& [key, n] : counts.rejectsByReason) {
            const auto it = c.publishedReasons.find(key);
            s.rejectsByReason[key] += n - (it == c.publishedReasons.end() ? 0 : it->second);
        }
    });
    if (messages > 0) {
        const QString framing = QLatin1String(syslog::framingKey(c.decoder.lastFraming()));
        m_counters.updateSender(QLatin1String(c.tls ? "tls" : "tcp"), c.peerAddress,
                                [&](SenderStats& s) {
                                    s.messages += messages;
                                    s.rejected += rejected;
                                    s.framing = framing;
                                    s.lastMessageUs = nowUtcMicros();
                                });
    }
    c.newMessages = 0;
    c.newBytes = 0;
    c.publishedRecords = counts.records;
    c.publishedEvents = counts.parsedEvents;
    c.publishedRejected = counts.rejected;
    c.publishedReasons = counts.rejectsByReason;
}

void TcpReceiver::flushAll() {
    for (auto& [id, c] : m_connections)
        submitPending(*c);
}

void TcpReceiver::checkIdle() {
    const auto limit = std::chrono::seconds(m_options.idleTimeoutSec);
    const auto now = Clock::now();
    std::vector<TcpConnection*> idle;
    for (auto& [id, c] : m_connections) {
        if (now - c->lastActivity > limit)
            idle.push_back(c.get());
    }
    for (TcpConnection* c : idle)
        endConnection(*c, tr("idle for %1 s; closed").arg(m_options.idleTimeoutSec));
}

void TcpReceiver::endConnection(TcpConnection& c, const QString& reason, bool stopping) {
    if (c.ended)
        return;
    c.ended = true;
    if (c.batcher) {
        // A frame cut by the end of the stream (or by the stop) still becomes a record.
        c.decoder.finish(c.sink);
        submitPending(c);
        store::SourceSummary summary;
        summary.status = stopping ? store::SourceStatus::Cancelled : store::SourceStatus::Done;
        summary.records = c.batcher->counts().records;
        summary.message = reason.toStdString();
        m_writer.finishSource(c.batcher->sourceId(), summary);
    } else {
        publish(c);
    }
    m_counters.update([](ListenerStats& s) { --s.connectionsOpen; });
    m_counters.updateSender(QLatin1String(c.tls ? "tls" : "tcp"), c.peerAddress,
                            [](SenderStats& s) { --s.openConnections; });
    QTcpSocket* socket = c.socket;
    socket->disconnect(this);
    socket->abort();
    // Not deleted here: this may run inside one of the socket's own signals.
    socket->deleteLater();
    const std::int64_t id = c.id;
    // The connection object is referenced by the lambdas of the socket just disconnected, and by
    // the caller's frame: free it once control is back in the event loop.
    QTimer::singleShot(0, this, [this, id] { m_connections.erase(id); });
}

void TcpReceiver::stop() {
    // Connections the kernel accepted but we did not see yet may already hold messages.
    for (QTcpServer* s : m_servers) {
        for (int i = 0; i < 64 && s->waitForNewConnection(0); ++i) {
        }
    }
    m_stopping = true;
    for (QTcpServer* s : m_servers)
        s->close();
    if (m_flushTimer)
        m_flushTimer->stop();
    if (m_idleTimer)
        m_idleTimer->stop();
    std::vector<TcpConnection*> open;
    for (auto& [id, c] : m_connections)
        open.push_back(c.get());
    // What the kernel already holds for a connection was received: keep it. Bounded, as a sender
    // may go on sending while we stop.
    const auto deadline = Clock::now() + std::chrono::seconds(2);
    for (TcpConnection* c : open) {
        readFrom(*c);
        while (!c->ended && c->ready && Clock::now() < deadline && c->socket->waitForReadyRead(0))
            readFrom(*c);
        endConnection(*c, tr("listener stopped"), true);
    }
    // Delete now, on this thread: the thread ends right after and runs no more events.
    m_connections.clear();
    const QObjectList kids = children();
    for (QObject* child : kids) {
        if (qobject_cast<QTcpSocket*>(child) || qobject_cast<QTcpServer*>(child))
            delete child;
    }
    m_servers.clear();
}

} // namespace cadf::ingest
