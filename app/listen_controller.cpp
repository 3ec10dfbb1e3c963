#include "app/listen_controller.h"

#include "models/ingest/import_classifier.h"
#include "models/listen/syslog_listener.h"
#include "models/store/event_batch.h"
#include "models/store/store_writer.h"

#include <QDateTime>
#include <QFile>
#include <QThread>
#include <QTimer>

namespace {

constexpr int kPollMs = 250;

} // namespace

ListenController::ListenController(const QString& storePath, QObject* parent)
    : QObject(parent)
    , m_storePath(storePath) {
    qRegisterMetaType<cadf::ingest::ListenerStats>();
    qRegisterMetaType<std::vector<cadf::ingest::SenderStats>>();
    qRegisterMetaType<QList<cadf::ingest::ListenEndpoint>>();
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("cadf-listen-ctl"));
    m_context = new QObject;
    m_context->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread->start();
    m_pollTimer = new QTimer(this);
    m_pollTimer->setInterval(kPollMs);
    connect(m_pollTimer, &QTimer::timeout, this, &ListenController::poll);
}

ListenController::~ListenController() {
    m_pollTimer->stop();
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            if (m_listener)
                m_listener->stop();
            m_listener.reset();
            m_writer.reset(); // commits what is queued
        },
        Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

void ListenController::start(const cadf::ingest::ListenerOptions& options) {
    if (m_listening || m_busy)
        return;
    m_busy = true;
    QMetaObject::invokeMethod(m_context, [this, options] {
        QString error;
        std::shared_ptr<cadf::store::StoreWriter> shared =
            m_writerSource ? m_writerSource() : nullptr;
        if (shared && !shared->failed()) {
            m_writer = std::move(shared);
        } else if (!m_writer || m_writer->failed()) {
            cadf::store::StoreError storeError;
            m_writer = cadf::store::StoreWriter::open(QFile::encodeName(m_storePath).toStdString(),
                                                      &storeError);
            if (!m_writer)
                error = QString::fromStdString(storeError.message);
        }
        QList<cadf::ingest::ListenEndpoint> bound;
        if (m_writer) {
            m_listener = std::make_unique<cadf::ingest::SyslogListener>(*m_writer);
            m_listener->setClassifier(cadf::ingest::makeImportClassifier());
            cadf::ingest::SyslogListener* listener = m_listener.get();
            m_writer->setBatchCallback(
                [listener](const cadf::store::BatchResult& r) { listener->noteCommitted(r); });
            if (m_listener->start(options, &error)) {
                bound = m_listener->boundEndpoints();
            } else {
                m_writer->setBatchCallback({});
                m_listener.reset();
            }
        }
        QMetaObject::invokeMethod(this, [this, bound, error] {
            m_busy = false;
            if (!error.isEmpty() || bound.isEmpty()) {
                Q_EMIT startFailed(error);
                return;
            }
            m_listening = true;
            m_endpoints = bound;
            m_lastStats = {};
            m_lastPollMs = QDateTime::currentMSecsSinceEpoch();
            m_pollTimer->start();
            Q_EMIT started(bound);
        });
    });
}

void ListenController::stop() {
    if (!m_listening || m_busy)
        return;
    m_busy = true;
    m_pollTimer->stop();
    QMetaObject::invokeMethod(m_context, [this] {
        cadf::ingest::ListenerStats totals;
        std::vector<cadf::ingest::SenderStats> senders;
        if (m_listener) {
            m_listener->stop();
            m_writer->flush();
            totals = m_listener->stats();
            senders = m_listener->senders();
            m_writer->setBatchCallback({});
            m_listener.reset();
        }
        QMetaObject::invokeMethod(this, [this, totals, senders] {
            m_busy = false;
            m_listening = false;
            m_lastStats = totals;
            Q_EMIT sendersUpdated(senders);
            Q_EMIT stopped(totals);
        });
    });
}

void ListenController::poll() {
    // m_listener is only replaced while m_busy (start/stop in flight), and the timer runs only
    // between started() and stop(): reading its thread-safe counters here is safe.
    if (!m_listening || m_busy || !m_listener)
        return;
    const cadf::ingest::ListenerStats s = m_listener->stats();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const double seconds = double(now - m_lastPollMs) / 1000.0;
    const double rate =
        seconds > 0
            ? double((s.events + s.duplicates) - (m_lastStats.events + m_lastStats.duplicates)) /
                  seconds
            : 0.0;
    m_lastStats = s;
    m_lastPollMs = now;
    Q_EMIT statsUpdated(s, rate);
    Q_EMIT sendersUpdated(m_listener->senders());
}
