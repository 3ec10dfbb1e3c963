#include "models/listen/udp_receiver.h"

#include "models/ingest/record_batcher.h"
#include "models/listen/listen_util.h"
#include "models/listen/listener_stats.h"
#include "models/store/store_writer.h"

#include <QCoreApplication>
#include <QFile>
#include <QTimer>
#include <QUdpSocket>

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

struct UdpReceiver::Endpoint {
    ListenEndpoint endpoint;
    QUdpSocket* socket = nullptr;
    std::unique_ptr<RecordBatcher> batcher;
    std::uint64_t inode = 0;
    std::int64_t datagrams = 0;
    std::int64_t kernelDropsAtStart = 0;
    std::int64_t kernelDropsPublished = 0;
    // Not yet published to the shared counters.
    std::int64_t newMessages = 0;
    std::int64_t newBytes = 0;
    std::int64_t newDrops = 0;
    std::int64_t newDenied = 0;
    RecordCounts published;
    std::map<QString, std::pair<std::int64_t, std::int64_t>>
        senders; // address -> messages, rejects
    // The last sender and what was computed for it.
    QHostAddress lastFrom;
    quint16 lastPort = 0;
    bool lastAllowed = false;
    QString lastSender;
    std::string lastNote;
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
        store::SourceInfo info;
        info.kind = store::SourceKind::Udp;
        info.name = e->endpoint.url().toStdString();
        info.startedUs = nowUtcMicros();
        const std::int64_t id = m_writer.beginSource(info);
        if (id == 0) {
            if (error)
                *error = QString::fromStdString(m_writer.lastError().message);
            return false;
        }
        m_counters.addSource(id);
        e->batcher = std::make_unique<RecordBatcher>(info.startedUs);
        e->batcher->setSourceId(id);
        e->batcher->setBatchSize(m_options.batchEvents);
        if (m_classify)
            e->batcher->setClassifier(m_classify);
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

void UdpReceiver::readFrom(Endpoint& e) {
    RecordBatcher& b = *e.batcher;
    bool referenceSet = false;
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
        }
        if (!e.lastAllowed) {
            ++e.newDenied;
            continue;
        }
        ++e.newMessages;
        e.newBytes += n;
        if (b.pending() >= m_options.udpBacklogRecords) {
            trySubmit(e, true);
            if (b.pending() >= m_options.udpBacklogRecords) {
                ++e.newDrops; // the writer is far behind: bounded memory beats an unbounded queue
                continue;
            }
        }
        if (!referenceSet) {
            b.setReferenceTime(nowUtcMicros());
            referenceSet = true;
        }
        // Senders often end a datagram with a trailer that is no part of the message.
        std::string_view message(m_datagram.data(), static_cast<std::size_t>(n));
        while (!message.empty() &&
               (message.back() == '\n' || message.back() == '\r' || message.back() == '\0'))
            message.remove_suffix(1);
        const std::int64_t rejectedBefore = b.counts().rejected;
        b.add(message, ++e.datagrams, 0, message.size() > std::size_t(m_options.maxMessage),
              e.lastNote);
        auto& counts = e.senders[e.lastSender];
        ++counts.first;
        counts.second += b.counts().rejected - rejectedBefore;
        if (b.full())
            trySubmit(e, false);
    }
}

void UdpReceiver::trySubmit(Endpoint& e, bool force) {
    RecordBatcher& b = *e.batcher;
    if (b.pending() == 0 || (!force && !b.full()))
        return;
    if (m_writer.trySubmit(std::move(b.batch())))
        b.resetBatch();
}

void UdpReceiver::publish(Endpoint& e) {
    const RecordCounts& c = e.batcher->counts();
    const std::int64_t drops = kernelDrops(e.inode) - e.kernelDropsAtStart;
    m_counters.update([&](ListenerStats& s) {
        s.received += e.newMessages;
        s.bytes += e.newBytes;
        s.droppedOwn += e.newDrops;
        s.denied += e.newDenied;
        s.droppedKernel += drops - e.kernelDropsPublished;
        s.records += c.records - e.published.records;
        s.parsedEvents += c.parsedEvents - e.published.parsedEvents;
        s.rejected += c.rejected - e.published.rejected;
        for (const auto& [key, n] : c.rejectsByReason) {
            const auto it = e.published.rejectsByReason.find(key);
            s.rejectsByReason[key] +=
                n - (it == e.published.rejectsByReason.end() ? 0 : it->second);
        }
    });
    for (const auto& [address, counts] : e.senders) {
        m_counters.updateSender(QStringLiteral("udp"), address, [&](SenderStats& s) {
            s.messages += counts.first;
            s.rejected += counts.second;
            s.framing = QStringLiteral("datagram");
            s.lastMessageUs = nowUtcMicros();
        });
    }
    e.senders.clear();
    e.kernelDropsPublished = drops;
    e.newMessages = e.newBytes = e.newDrops = e.newDenied = 0;
    e.published = c;
}

void UdpReceiver::tick() {
    for (auto& e : m_endpoints) {
        trySubmit(*e, true);
        publish(*e);
    }
}

void UdpReceiver::stop() {
    if (m_timer)
        m_timer->stop();
    for (auto& e : m_endpoints) {
        readFrom(*e);
        if (e->batcher->pending() > 0)
            m_writer.submit(e->batcher->take()); // at the end, waiting beats dropping
        publish(*e);
        store::SourceSummary summary;
        summary.status = store::SourceStatus::Done;
        summary.records = e->batcher->counts().records;
        summary.message = "listener stopped";
        m_writer.finishSource(e->batcher->sourceId(), summary);
        delete e->socket;
        e->socket = nullptr;
    }
    m_endpoints.clear();
}

} // namespace cadf::ingest
