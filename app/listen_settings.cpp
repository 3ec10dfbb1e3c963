#include "app/listen_settings.h"

#include <QSettings>

using cadf::ingest::ListenEndpoint;
using cadf::ingest::ListenProtocol;

ListenSettings::ListenSettings()
    : m_settings(std::make_unique<QSettings>()) {}

ListenSettings::ListenSettings(const QString& iniPath)
    : m_settings(std::make_unique<QSettings>(iniPath, QSettings::IniFormat)) {}

ListenSettings::~ListenSettings() = default;

bool ListenSettings::hasSaved() const {
    return m_settings->contains(QStringLiteral("listen/endpoints"));
}

cadf::ingest::ListenerOptions ListenSettings::options() const {
    cadf::ingest::ListenerOptions o;
    const QStringList saved = m_settings
                                  ->value(QStringLiteral("listen/endpoints"),
                                          QStringList{QStringLiteral("udp 127.0.0.1:5514"),
                                                      QStringLiteral("tcp 127.0.0.1:5514")})
                                  .toStringList();
    for (const QString& entry : saved) {
        const QString proto = entry.section(QLatin1Char(' '), 0, 0);
        const ListenProtocol p = proto == QLatin1String("udp")   ? ListenProtocol::Udp
                                 : proto == QLatin1String("tls") ? ListenProtocol::Tls
                                                                 : ListenProtocol::Tcp;
        ListenEndpoint e;
        if (cadf::ingest::parseEndpoint(entry.section(QLatin1Char(' '), 1), p, e, nullptr))
            o.endpoints << e;
    }
    o.certificateFile = m_settings->value(QStringLiteral("listen/certificate")).toString();
    o.privateKeyFile = m_settings->value(QStringLiteral("listen/privateKey")).toString();
    o.clientCaFile = m_settings->value(QStringLiteral("listen/clientCa")).toString();
    for (const QString& cidr : m_settings->value(QStringLiteral("listen/allow")).toStringList()) {
        cadf::ingest::Subnet subnet;
        if (cadf::ingest::parseSubnet(cidr, subnet, nullptr))
            o.allow << subnet;
    }
    o.maxMessage = m_settings->value(QStringLiteral("listen/maxMessage"), qlonglong(o.maxMessage))
                       .toLongLong();
    o.maxConnections =
        m_settings->value(QStringLiteral("listen/maxConnections"), o.maxConnections).toInt();
    o.idleTimeoutSec =
        m_settings->value(QStringLiteral("listen/idleTimeoutSec"), o.idleTimeoutSec).toInt();
    return o;
}

void ListenSettings::setOptions(const cadf::ingest::ListenerOptions& o) {
    QStringList endpoints;
    for (const ListenEndpoint& e : o.endpoints) {
        const QString url = e.url(); // "tcp://127.0.0.1:5514" -> "tcp 127.0.0.1:5514"
        endpoints << QLatin1String(cadf::ingest::listenProtocolKey(e.protocol)) + QLatin1Char(' ') +
                         url.mid(url.indexOf(QLatin1String("://")) + 3);
    }
    m_settings->setValue(QStringLiteral("listen/endpoints"), endpoints);
    m_settings->setValue(QStringLiteral("listen/certificate"), o.certificateFile);
    m_settings->setValue(QStringLiteral("listen/privateKey"), o.privateKeyFile);
    m_settings->setValue(QStringLiteral("listen/clientCa"), o.clientCaFile);
    QStringList allow;
    for (const cadf::ingest::Subnet& s : o.allow)
        allow << s.first.toString() + QLatin1Char('/') + QString::number(s.second);
    m_settings->setValue(QStringLiteral("listen/allow"), allow);
    m_settings->setValue(QStringLiteral("listen/maxMessage"), qlonglong(o.maxMessage));
    m_settings->setValue(QStringLiteral("listen/maxConnections"), o.maxConnections);
    m_settings->setValue(QStringLiteral("listen/idleTimeoutSec"), o.idleTimeoutSec);
    m_settings->sync();
}
