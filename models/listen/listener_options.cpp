#include "models/listen/listener_options.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace cadf::ingest {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("cadf::ingest::SyslogListener", text);
}

} // namespace

const char* listenProtocolKey(ListenProtocol protocol) {
    switch (protocol) {
    case ListenProtocol::Udp:
        return "udp";
    case ListenProtocol::Tcp:
        return "tcp";
    case ListenProtocol::Tls:
        return "tls";
    }
    return "tcp";
}

QString ListenEndpoint::url() const {
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                             ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
                             : address.toString();
    return QStringLiteral("%1://%2:%3")
        .arg(QLatin1String(listenProtocolKey(protocol)), host)
        .arg(port);
}

bool parseEndpoint(const QString& text, ListenProtocol protocol, ListenEndpoint& out,
                   QString* error) {
    QString host = QStringLiteral("127.0.0.1");
    QString portText = text.trimmed();
    const int colon = portText.lastIndexOf(QLatin1Char(':'));
    if (colon >= 0) {
        host = portText.left(colon);
        portText = portText.mid(colon + 1);
        if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
            host = host.mid(1, host.size() - 2);
        if (host.isEmpty() || host == QLatin1String("*"))
            host = QStringLiteral("0.0.0.0");
    }
    bool ok = false;
    const uint port = portText.toUInt(&ok);
    if (!ok || port > 65535) {
        if (error)
            *error = tr("'%1' has no valid port (ADDR:PORT, [IPv6]:PORT or PORT)").arg(text);
        return false;
    }
    QHostAddress address;
    if (host == QLatin1String("localhost"))
        address = QHostAddress(QHostAddress::LocalHost);
    else if (!address.setAddress(host)) {
        if (error)
            *error = tr("'%1' is not an IP address").arg(host);
        return false;
    }
    out.protocol = protocol;
    out.address = address;
    out.port = static_cast<quint16>(port);
    return true;
}

bool parseSubnet(const QString& text, Subnet& out, QString* error) {
    const QString t = text.trimmed();
    if (t.contains(QLatin1Char('/'))) {
        out = QHostAddress::parseSubnet(t);
        if (out.second >= 0 && !out.first.isNull())
            return true;
    } else {
        QHostAddress single;
        if (single.setAddress(t)) {
            out = {single, single.protocol() == QAbstractSocket::IPv6Protocol ? 128 : 32};
            return true;
        }
    }
    if (error)
        *error = tr("'%1' is not a CIDR subnet such as 10.0.0.0/8 or fd00::/8").arg(text);
    return false;
}

bool validateOptions(const ListenerOptions& options, QString* error) {
    auto fail = [&](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
    if (options.endpoints.isEmpty())
        return fail(tr("no address to listen on"));
    bool tls = false;
    for (const ListenEndpoint& e : options.endpoints)
        tls = tls || e.protocol == ListenProtocol::Tls;
    if (tls) {
        if (options.certificateFile.isEmpty() || options.privateKeyFile.isEmpty())
            return fail(tr("TLS needs a certificate and a private key (PEM files)"));
        for (const QString& f :
             {options.certificateFile, options.privateKeyFile, options.clientCaFile}) {
            if (!f.isEmpty() && !QFileInfo(f).isReadable())
                return fail(tr("cannot read %1").arg(f));
        }
    }
    if (options.maxMessage < 480)
        return fail(tr("the maximum message size must be at least 480 bytes (RFC 5424)"));
    if (options.maxConnections < 1)
        return fail(tr("the maximum number of connections must be at least 1"));
    return true;
}

} // namespace cadf::ingest
