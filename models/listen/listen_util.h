#pragma once

#include "models/listen/listener_options.h"

#include <QHostAddress>
#include <QSslConfiguration>
#include <QString>

#include <cstdint>

// Small helpers the UDP and TCP receivers share.
namespace cadf::ingest {

std::int64_t nowUtcMicros();

// An IPv4 peer on a dual-stack IPv6 socket shows as ::ffff:a.b.c.d; the allow-list and the UI
// want a.b.c.d.
QHostAddress plainAddress(const QHostAddress& address);
QString hostPort(const QHostAddress& address, quint16 port); // "1.2.3.4:5", "[::1]:5"
// The filter term that selects a sender's events by the names its sources get ("udp://... from
// 1.2.3.4", "tcp://... from 1.2.3.4:40312 (connection 3)"): `source:"udp://* from 1.2.3.4"`.
QString senderSourceFilter(const QString& protocol, const QString& address);
bool addressAllowed(const QList<Subnet>& allow, const QHostAddress& peer);

// The server side of RFC 5425: our certificate chain and key, and the CA that client
// certificates must chain to (when given; otherwise a client certificate is asked for, recorded,
// and not required).
bool loadTlsConfiguration(const ListenerOptions& options, QSslConfiguration& out, QString* error);

} // namespace cadf::ingest
