#include "models/listen/listen_util.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>

namespace cadf::ingest {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("cadf::ingest::SyslogListener", text);
}

} // namespace

std::int64_t nowUtcMicros() {
    return QDateTime::currentMSecsSinceEpoch() * 1000;
}

QHostAddress plainAddress(const QHostAddress& address) {
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4 && address.protocol() == QAbstractSocket::IPv6Protocol)
        return QHostAddress(v4);
    QHostAddress out = address;
    out.setScopeId(QString());
    return out;
}

QString hostPort(const QHostAddress& address, quint16 port) {
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                             ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
                             : address.toString();
    return host + QLatin1Char(':') + QString::number(port);
}

QString senderSourceFilter(const QString& protocol, const QString& address) {
    const QHostAddress host(address);
    // UDP names the bare address; a TCP or TLS connection adds its port.
    const QString peer =
        protocol == QLatin1String("udp")
            ? address
            : (host.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + address + u']' : address) +
                  QLatin1String(":*");
    return QStringLiteral("source:\"%1://* from %2\"").arg(protocol, peer);
}

bool addressAllowed(const QList<Subnet>& allow, const QHostAddress& peer) {
    if (allow.isEmpty())
        return true;
    for (const Subnet& subnet : allow) {
        if (peer.isInSubnet(subnet))
            return true;
    }
    return false;
}

bool loadTlsConfiguration(const ListenerOptions& options, QSslConfiguration& out, QString* error) {
    auto fail = [&](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
    if (!QSslSocket::supportsSsl())
        return fail(tr("TLS is not available (no OpenSSL backend for Qt)"));
    const QList<QSslCertificate> chain =
        QSslCertificate::fromPath(options.certificateFile, QSsl::Pem);
    if (chain.isEmpty())
        return fail(tr("no PEM certificate in %1").arg(options.certificateFile));
    QFile keyFile(options.privateKeyFile);
    if (!keyFile.open(QIODevice::ReadOnly))
        return fail(tr("cannot read the private key %1").arg(options.privateKeyFile));
    const QByteArray keyPem = keyFile.readAll();
    QSslKey key;
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        key = QSslKey(keyPem, algorithm, QSsl::Pem);
        if (!key.isNull())
            break;
    }
    if (key.isNull())
        return fail(tr("no unencrypted PEM private key in %1").arg(options.privateKeyFile));
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificateChain(chain);
    config.setPrivateKey(key);
    config.setProtocol(QSsl::TlsV1_2OrLater);
    if (!options.clientCaFile.isEmpty()) {
        const QList<QSslCertificate> cas =
            QSslCertificate::fromPath(options.clientCaFile, QSsl::Pem);
        if (cas.isEmpty())
            return fail(tr("no PEM certificate in %1").arg(options.clientCaFile));
        config.setCaCertificates(cas);
        config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    } else {
        config.setPeerVerifyMode(QSslSocket::QueryPeer);
    }
    out = config;
    return true;
}

} // namespace cadf::ingest
