#pragma once

#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>

#include <cstdint>

// What a syslog listener is asked to do: where to listen, with which TLS files, within which
// limits. Plain values, filled by the CLI, the capture dialog and the tests alike.
namespace cadf::ingest {

enum class ListenProtocol : std::uint8_t { Udp, Tcp, Tls };

const char* listenProtocolKey(ListenProtocol protocol); // "udp", "tcp", "tls"

struct ListenEndpoint {
    ListenProtocol protocol = ListenProtocol::Tcp;
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 5514; // 0 = any free port (tests); see SyslogListener::boundEndpoints()
    // "tcp://127.0.0.1:5514", "udp://[::1]:5514": the name of the store source.
    QString url() const;
};

// Parses "ADDR:PORT", "[V6]:PORT" or "PORT" (loopback). "*" or "0.0.0.0" and "[::]" bind every
// interface: an explicit choice. Returns false with a message for the user.
bool parseEndpoint(const QString& text, ListenProtocol protocol, ListenEndpoint& out,
                   QString* error);

using Subnet = QPair<QHostAddress, int>;
// "10.0.0.0/8", "::1/128" or a single address. False with a message when it is neither.
bool parseSubnet(const QString& text, Subnet& out, QString* error);

struct ListenerOptions {
    QList<ListenEndpoint> endpoints;
    QString certificateFile; // PEM, for TLS endpoints
    QString privateKeyFile;  // PEM, unencrypted
    QString clientCaFile;    // PEM; when set, TLS clients must present a certificate it signed
    QList<Subnet> allow;     // empty = every sender
    std::int64_t maxMessage = 1024 * 1024;
    int maxConnections = 2000;       // concurrent TCP and TLS connections, over all endpoints
    int idleTimeoutSec = 600;        // a connection that sends nothing this long is closed
    int batchEvents = 2000;          // records per batch handed to the writer
    int batchMs = 100;               // a partial batch waits at most this long
    int udpReceiveBuffer = 32 << 20; // SO_RCVBUF(FORCE) asked for: ~14k datagrams of 1 KB
    // UDP keeps receiving while the writer is behind, up to this many records held back; beyond,
    // datagrams are dropped and counted (memory stays bounded).
    int udpBacklogRecords = 50000;
    // Each UDP sender address is a store source, up to this many per endpoint; later senders
    // share one "from other senders" source (a spoofed flood must not make thousands).
    int udpSenderSources = 1024;
};

// Checks the options as far as possible without binding (files readable, ports given...).
bool validateOptions(const ListenerOptions& options, QString* error);

} // namespace cadf::ingest
