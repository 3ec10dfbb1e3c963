#include "models/listen/udp_receiver.h"

#include "models/ingest/record_batcher.h"
#include "models/listen/listen_util.h"
#include "models/listen/listener_stats.h"
#include "models/store/store_writer.h"

#include <QCoreApplication>
#include <QFile>
#include <QTimer>
#include <QUdpSocket>

#include <chrono>
#include <future>

#include <sys/socket.h>
#include <sys/stat.h>

namespace cadf::ingest {

namespace {

constexpr int kMaxDatagram = 65536; // above the largest UDP payload (65,527 over IPv6)

// The kernel's drop counter for the socket with this inode: the last column of /proc/net/udp
// and /proc/net/udp6 ("sl local rem st tx:rx tr tm uid timeout inode ref pointer drops").
std::int64_t kernelDrops(std::uint64_t inode) {
    for (const char* path : {"/proc/net/udp", "/proc/net/udp6"}) {
        QFile file{QLatin1String(path)};
        if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
            continue;
        file.readLine(); // header
        while (!file.atEnd()) {
            const QList<QByteArray> cols = file.readLine().simplified().split(' ');
            if (cols.size() >= 13 && cols.at(9).toULongLong() == inode)
                return cols.last().toLongLong();
        }
    }
    return 0;
}

} // namespace

// One store source per sender address, so that `source:` tells a relay's events from another's
// (as TCP does per connection). Created on the sender's first allowed datagram.
struct UdpReceiver::SenderSource {
    std::unique_ptr<RecordBatcher> batcher;
    // The store's id arrives from the writer later (this thread must not wait for it); until
    // then the records wait in the batch, under the backlog bound. 0 = the store refused it.
    std::future<std::int64_t> pendingId;
    std::int64_t id = -1;
    RecordCounts published; // the batcher's counts at the last publish()
    // Not yet published to the sender's row of the shared counters.
    std::int64_t newMessages = 0;
    std::int64_t newRejects = 0;
};

struct UdpReceiver::Endpoint {
    ListenEndpoint endpoint;
    QUdpSocket* socket = nullptr;
    std::uint64_t inode = 0;
    std::int64_t datagrams = 0;
    std::int64_t kernelDropsAtStart = 0;
    std::int64_t kernelDropsPublished = 0;
    // Not yet published to the shared counters.
    std::int64_t newMessages = 0;
    std::int64_t newBytes = 0;
    std::int64_t newDrops = 0;
    std::int64_t newDenied = 0;
    std::map<QString, std::unique_ptr<SenderSource>> senders; // by address; "" = the overflow
    int pendingRecords = 0; // waiting in every sender's batch: the backlog bound
    // The last sender and what was computed for it.
    QHostAddress lastFrom;
    quint16 lastPort = 0;
    bool lastAllowed = false;
    QString lastSender;
    std::string lastNote;
    SenderSource* lastSource = nullptr;
};

UdpReceiver::UdpReceiver(ListenerOptions options, store::StoreWriter& writer,
                         ListenerCounters& counters,
                         std::function<void(store::StoredEventInput&)> classify)
    : m_options(std::move(options))
    , m_writer(writer)
    , m_counters(counters)
    , m_classify(std::move(classify))
    , m_datagram(kMaxDatagram) {}

UdpReceiver::~UdpReceiver() = default;

bool UdpReceiver::start(QString* error, QList<ListenEndpoint>* bound) {
    for (const ListenEndpoint& le : m_options.endpoints) {
        if (le.protocol != ListenProtocol::Udp)
            continue;
        auto e = std::make_unique<Endpoint>();
        e->endpoint = le;
        e->socket = new QUdpSocket(this);
        if (!e->socket->bind(le.address, le.port)) {
            if (error)
                *error = tr("cannot listen on %1: %2").arg(le.url(), e->socket->errorString());
            m_endpoints.clear();
            const QObjectList kids = children();
            for (QObject* child : kids)
                delete child;
            return false;
        }
        e->endpoint.port = e->socket->localPort();
        // A burst the size of the buffer is what UDP survives while this thread is busy. The
        // kernel caps SO_RCVBUF at net.core.rmem_max (208 KiB by default); a privileged process
        // may go past it with SO_RCVBUFFORCE.
        const int fd = static_cast<int>(e->socket->socketDescriptor());
        const int size = m_options.udpReceiveBuffer;
        if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) != 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
        struct stat st = {};
        if (fstat(static_cast<int>(e->socket->socketDescriptor()), &st) == 0)
            e->inode = st.st_ino;
        e->kernelDropsAtStart = kernelDrops(e->inode);
        m_endpoints.push_back(std::move(e));
    }
    for (auto& e : m_endpoints) {
        Endpoint* raw = e.get();
        connect(e->socket, &QUdpSocket::readyRead, this, [this, raw] { readFrom(*raw); });
        if (bound)
            *bound << e->endpoint;
    }
    m_timer = new QTimer(this);
    m_timer->setInterval(std::min(m_options.batchMs, 50));
    connect(m_timer, &QTimer::timeout, this, &UdpReceiver::tick);
    m_timer->start();
    return true;
}

UdpReceiver::SenderSource* UdpReceiver::sourceFor(Endpoint& e, const QString& sender) {
    // A flood of spoofed addresses must not make a source each: past the bound, one shared source
    // (the rejects still name each sender in their detail).
    const bool room = e.senders.size() < std::size_t(std::max(m_options.udpSenderSources, 0));
    const QString key = room || e.senders.count(sender) != 0 ? sender : QString();
    auto it = e.senders.find(key);
    if (it != e.senders.end())
        return it->second.get();
    store::SourceInfo info;
    info.kind = store::SourceKind::Udp;
    // Stored data, not UI text: the same in every language.
    const QString name =
        e.endpoint.url() + (key.isEmpty() ? QStringLiteral(" from other senders")
                                          : QString(QLatin1String(" from ") + key));
    info.name = name.toStdString();
    info.startedUs = nowUtcMicros();
    auto source = std::make_unique<SenderSource>();
    source->pendingId = m_writer.beginSourceAsync(info);
    source->batcher = std::make_unique<RecordBatcher>(info.startedUs);
    source->batcher->setBatchSize(m_options.batchEvents);
    if (m_classify)
        source->batcher->setClassifier(m_classify);
    return e.senders.emplace(key, std::move(source)).first->second.get();
}

void UdpReceiver::readFrom(Endpoint& e) {
    const std::int64_t receivedUs = nowUtcMicros();
    while (e.socket->hasPendingDatagrams()) {
        QHostAddress from;
        quint16 port = 0;
        const qint64 n = e.socket->readDatagram(m_datagram.data(), kMaxDatagram, &from, &port);
        if (n < 0)
            break;
        // Most datagrams come from the sender before: its checks and texts are computed once.
        if (port != e.lastPort || from != e.lastFrom) {
            e.lastFrom = from;
            e.lastPort = port;
            const QHostAddress sender = plainAddress(from);
            e.lastAllowed = addressAllowed(m_options.allow, sender);
            e.lastSender = sender.toString();
            e.lastNote = " (from " + hostPort(sender, port).toStdString() + ")";
            e.lastSource = e.lastAllowed ? sourceFor(e, e.lastSender) : nullptr;
        }
        if (!e.lastAllowed) {
            ++e.newDenied;
            continue;
        }
        ++e.newMessages;
        e.newBytes += n;
        if (e.pendingRecords >= m_options.udpBacklogRecords) {
            submitAll(e, true);
            if (e.pendingRecords >= m_options.udpBacklogRecords) {
                ++e.newDrops; // the writer is far behind: bounded memory beats an unbounded queue
                continue;
            }
        }
        SenderSource& source = *e.lastSource;
        RecordBatcher& b = *source.batcher;
        b.setReferenceTime(receivedUs);
        // Senders often end a datagram with a trailer that is no part of the message.
        std::string_view message(m_datagram.data(), static_cast<std::size_t>(n));
        while (!message.empty() &&
               (message.back() == '\n' || message.back() == '\r' || message.back() == '\0'))
            message.remove_suffix(1);
        const std::int64_t rejectedBefore = b.counts().rejected;
        const int pendingBefore = b.pending();
        b.add(message, ++e.datagrams, 0, message.size() > std::size_t(m_options.maxMessage),
              e.lastNote);
        e.pendingRecords += b.pending() - pendingBefore;
        ++source.newMessages;
        source.newRejects += b.counts().rejected - rejectedBefore;
        if (b.full())
            trySubmit(e, source, false);
    }
}

bool UdpReceiver::sourceReady(Endpoint& e, SenderSource& source, bool wait) {
    if (source.id < 0) {
        if (!wait &&
            source.pendingId.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
            return false;
        source.id = source.pendingId.get();
        if (source.id > 0) {
            m_counters.addSource(source.id);
            source.batcher->setSourceId(source.id);
        } else {
            m_counters.update([&](ListenerStats& s) {
                s.lastProblem = QString::fromStdString(m_writer.lastError().message);
            });
        }
    }
    if (source.id == 0 && source.batcher->pending() > 0) {
        // Nowhere to store them: counted as dropped, never silently gone.
        e.newDrops += source.batcher->pending();
        e.pendingRecords -= source.batcher->pending();
        source.batcher->resetBatch();
    }
    return source.id > 0;
}

void UdpReceiver::trySubmit(Endpoint& e, SenderSource& source, bool force) {
    RecordBatcher& b = *source.batcher;
    if (b.pending() == 0 || (!force && !b.full()) || !sourceReady(e, source, false))
        return;
    const int pending = b.pending();
    if (m_writer.trySubmit(std::move(b.batch()))) {
        b.resetBatch();
        e.pendingRecords -= pending;
    }
}

void UdpReceiver::submitAll(Endpoint& e, bool force) {
    for (auto& [address, source] : e.senders)
        trySubmit(e, *source, force);
}

void UdpReceiver::publish(Endpoint& e) {
    const std::int64_t drops = kernelDrops(e.inode) - e.kernelDropsAtStart;
    m_counters.update([&](ListenerStats& s) {
        s.received += e.newMessages;
        s.bytes += e.newBytes;
        s.droppedOwn += e.newDrops;
        s.denied += e.newDenied;
        s.droppedKernel += drops - e.kernelDropsPublished;
        for (auto& [address, source] : e.senders) {
            const RecordCounts& c = source->batcher->counts();
            s.records += c.records - source->published.records;
            s.parsedEvents += c.parsedEvents - source->published.parsedEvents;
            s.rejected += c.rejected - source->published.rejected;
            for (const auto& [key, n] : c.rejectsByReason) {
                const auto it = source->published.rejectsByReason.find(key);
                s.rejectsByReason[key] +=
                    n - (it == source->published.rejectsByReason.end() ? 0 : it->second);
            }
            source->published = c;
        }
    });
    for (auto& [address, source] : e.senders) {
        if (source->newMessages == 0 || address.isEmpty())
            continue;
        m_counters.updateSender(QStringLiteral("udp"), address, [&](SenderStats& s) {
            s.messages += source->newMessages;
            s.rejected += source->newRejects;
            s.framing = QStringLiteral("datagram");
            s.lastMessageUs = nowUtcMicros();
        });
        source->newMessages = source->newRejects = 0;
    }
    e.kernelDropsPublished = drops;
    e.newMessages = e.newBytes = e.newDrops = e.newDenied = 0;
}

void UdpReceiver::tick() {
    for (auto& e : m_endpoints) {
        submitAll(*e, true);
        publish(*e);
    }
}

void UdpReceiver::stop() {
    if (m_timer)
        m_timer->stop();
    for (auto& e : m_endpoints) {
        readFrom(*e);
        // At the end, waiting beats dropping.
        for (auto& [address, source] : e->senders)
            if (sourceReady(*e, *source, true) && source->batcher->pending() > 0)
                m_writer.submit(source->batcher->take());
        e->pendingRecords = 0;
        publish(*e);
        for (auto& [address, source] : e->senders) {
            if (source->id <= 0)
                continue;
            store::SourceSummary summary;
            summary.status = store::SourceStatus::Done;
            summary.records = source->batcher->counts().records;
            summary.message = "listener stopped";
            m_writer.finishSource(source->batcher->sourceId(), summary);
        }
        delete e->socket;
        e->socket = nullptr;
    }
    m_endpoints.clear();
}

} // namespace cadf::ingest
