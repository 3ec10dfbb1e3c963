#include "models/listen/syslog_listener.h"

#include "models/listen/tcp_receiver.h"
#include "models/listen/udp_receiver.h"
#include "models/store/event_batch.h"
#include "models/store/store_writer.h"

#include <QCoreApplication>
#include <QThread>

namespace cadf::ingest {

namespace {

// Runs `f` on `target`'s thread and waits for it.
template <typename F> void runOn(QObject* target, F&& f) {
    QMetaObject::invokeMethod(target, std::forward<F>(f), Qt::BlockingQueuedConnection);
}

template <typename Receiver> void finish(QThread*& thread, Receiver*& receiver) {
    if (!thread)
        return;
    thread->quit();
    thread->wait();
    delete receiver; // its thread has ended and it has no children left
    delete thread;
    receiver = nullptr;
    thread = nullptr;
}

} // namespace

SyslogListener::SyslogListener(store::StoreWriter& writer)
    : m_writer(writer) {}

SyslogListener::~SyslogListener() {
    stop();
}

void SyslogListener::setClassifier(std::function<void(store::StoredEventInput&)> classify) {
    m_classify = std::move(classify);
}

bool SyslogListener::start(const ListenerOptions& options, QString* error) {
    if (m_running) {
        if (error)
            *error = QCoreApplication::translate("cadf::ingest::SyslogListener",
                                                 "the listener is already running");
        return false;
    }
    if (!validateOptions(options, error))
        return false;
    bool wantTcp = false;
    bool wantUdp = false;
    for (const ListenEndpoint& e : options.endpoints)
        (e.protocol == ListenProtocol::Udp ? wantUdp : wantTcp) = true;
    m_bound.clear();
    bool ok = true;
    QString message;
    if (wantTcp) {
        m_tcpThread = new QThread;
        m_tcpThread->setObjectName(QStringLiteral("cadf-listen-tcp"));
        m_tcp = new TcpReceiver(options, m_writer, m_counters, m_classify);
        m_tcp->moveToThread(m_tcpThread);
        m_tcpThread->start();
        runOn(m_tcp, [&] { ok = m_tcp->start(&message, &m_bound); });
    }
    if (ok && wantUdp) {
        m_udpThread = new QThread;
        m_udpThread->setObjectName(QStringLiteral("cadf-listen-udp"));
        m_udp = new UdpReceiver(options, m_writer, m_counters, m_classify);
        m_udp->moveToThread(m_udpThread);
        m_udpThread->start();
        runOn(m_udp, [&] { ok = m_udp->start(&message, &m_bound); });
    }
    m_running = true;
    if (!ok) {
        stop();
        m_bound.clear();
        if (error)
            *error = message;
        return false;
    }
    return true;
}

void SyslogListener::stop() {
    if (!m_running)
        return;
    if (m_tcp)
        runOn(m_tcp, [this] { m_tcp->stop(); });
    if (m_udp)
        runOn(m_udp, [this] { m_udp->stop(); });
    finish(m_tcpThread, m_tcp);
    finish(m_udpThread, m_udp);
    m_running = false;
}

void SyslogListener::noteCommitted(const store::BatchResult& result) {
    if (!result.error)
        m_counters.committed(result.sourceId, result.inserted, result.duplicates);
}

} // namespace cadf::ingest
