#include "views/listen_dialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

using cadf::ingest::ListenEndpoint;
using cadf::ingest::ListenProtocol;

namespace {

int indexOf(ListenProtocol p) {
    return static_cast<int>(p);
}

bool isWildcard(const QString& address) {
    const QString a = address.trimmed();
    return a == QLatin1String("0.0.0.0") || a == QLatin1String("::") || a == QLatin1String("*") ||
           a == QLatin1String("[::]");
}

} // namespace

ListenDialog::ListenDialog(const cadf::ingest::ListenerOptions& initial, QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Start Listening"));
    auto* layout = new QVBoxLayout(this);

    auto* oneClick = new QPushButton(tr("UDP and TCP on 127.0.0.1:5514"), this);
    oneClick->setObjectName(QStringLiteral("loopbackDefault"));
    connect(oneClick, &QPushButton::clicked, this, &ListenDialog::useLoopbackDefault);
    layout->addWidget(oneClick);

    auto* protocols = new QGroupBox(tr("Protocols"), this);
    auto* grid = new QGridLayout(protocols);
    grid->addWidget(new QLabel(tr("Address"), protocols), 0, 1);
    grid->addWidget(new QLabel(tr("Port"), protocols), 0, 2);
    const QString names[3] = {tr("UDP (RFC 5426)"), tr("TCP (RFC 6587)"), tr("TLS (RFC 5425)")};
    for (int i = 0; i < 3; ++i) {
        Row& r = m_rows[i];
        r.enabled = new QCheckBox(names[i], protocols);
        r.address = new QLineEdit(protocols);
        r.address->setPlaceholderText(QStringLiteral("127.0.0.1"));
        r.address->setToolTip(
            tr("An IPv4 or IPv6 address of this computer; 0.0.0.0 or :: listens on every "
               "interface."));
        r.port = new QSpinBox(protocols);
        r.port->setRange(1, 65535);
        grid->addWidget(r.enabled, i + 1, 0);
        grid->addWidget(r.address, i + 1, 1);
        grid->addWidget(r.port, i + 1, 2);
        connect(r.enabled, &QCheckBox::toggled, this, &ListenDialog::updateState);
        connect(r.address, &QLineEdit::textChanged, this, &ListenDialog::updateState);
    }
    layout->addWidget(protocols);

    auto* tls = new QGroupBox(tr("TLS"), this);
    auto* tlsForm = new QFormLayout(tls);
    auto fileRow = [&](QLineEdit*& edit, const QString& label, const QString& tip) {
        edit = new QLineEdit(tls);
        edit->setToolTip(tip);
        auto* browse = new QToolButton(tls);
        browse->setText(tr("Browse\u2026"));
        auto* line = new QHBoxLayout;
        line->addWidget(edit, 1);
        line->addWidget(browse);
        tlsForm->addRow(label, line);
        QLineEdit* target = edit;
        connect(browse, &QToolButton::clicked, this, [this, target, label] {
            const QString file = QFileDialog::getOpenFileName(
                this, label, target->text(), tr("PEM files (*.pem *.crt *.key);;All files (*)"));
            if (!file.isEmpty())
                target->setText(file);
        });
    };
    fileRow(m_cert, tr("Certificate:"), tr("The server certificate (PEM), chain included."));
    fileRow(m_key, tr("Private key:"), tr("The server's private key (PEM, not encrypted)."));
    fileRow(m_clientCa, tr("Client CA:"),
            tr("Optional: senders must present a certificate signed by this CA (PEM)."));
    layout->addWidget(tls);

    auto* limits = new QGroupBox(tr("Limits"), this);
    auto* limitForm = new QFormLayout(limits);
    m_maxMessageKiB = new QSpinBox(limits);
    m_maxMessageKiB->setRange(1, 64 * 1024);
    m_maxMessageKiB->setSuffix(tr(" KiB"));
    limitForm->addRow(tr("Largest message:"), m_maxMessageKiB);
    m_maxConnections = new QSpinBox(limits);
    m_maxConnections->setRange(1, 100000);
    limitForm->addRow(tr("Connections at most:"), m_maxConnections);
    m_idleTimeout = new QSpinBox(limits);
    m_idleTimeout->setRange(1, 24 * 3600);
    m_idleTimeout->setSuffix(tr(" s"));
    limitForm->addRow(tr("Close idle connections after:"), m_idleTimeout);
    m_allow = new QLineEdit(limits);
    m_allow->setPlaceholderText(tr("every sender"));
    m_allow->setToolTip(tr("Subnets allowed to send, separated by commas: 10.0.0.0/8, fd00::/8"));
    limitForm->addRow(tr("Allowed senders:"), m_allow);
    layout->addWidget(limits);

    m_warning = new QLabel(this);
    m_warning->setWordWrap(true);
    m_warning->setText(tr("Listening on every interface: other computers can send to this one."));
    layout->addWidget(m_warning);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: palette(link);"));
    layout->addWidget(m_error);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    //: Button of the Start Listening dialog
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Start"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ListenDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ListenDialog::reject);
    layout->addWidget(buttons);

    setOptions(initial);
}

const ListenDialog::Row& ListenDialog::row(ListenProtocol protocol) const {
    return m_rows[indexOf(protocol)];
}

QCheckBox* ListenDialog::protocolBox(ListenProtocol protocol) const {
    return row(protocol).enabled;
}

QLineEdit* ListenDialog::addressEdit(ListenProtocol protocol) const {
    return row(protocol).address;
}

QSpinBox* ListenDialog::portBox(ListenProtocol protocol) const {
    return row(protocol).port;
}

void ListenDialog::setOptions(const cadf::ingest::ListenerOptions& o) {
    const quint16 defaultPorts[3] = {5514, 5514, 6514};
    for (int i = 0; i < 3; ++i) {
        m_rows[i].enabled->setChecked(false);
        m_rows[i].address->setText(QStringLiteral("127.0.0.1"));
        m_rows[i].port->setValue(defaultPorts[i]);
    }
    for (const ListenEndpoint& e : o.endpoints) {
        Row& r = m_rows[indexOf(e.protocol)];
        r.enabled->setChecked(true);
        r.address->setText(e.address.toString());
        if (e.port != 0)
            r.port->setValue(e.port);
    }
    m_cert->setText(o.certificateFile);
    m_key->setText(o.privateKeyFile);
    m_clientCa->setText(o.clientCaFile);
    QStringList allow;
    for (const cadf::ingest::Subnet& s : o.allow)
        allow << s.first.toString() + QLatin1Char('/') + QString::number(s.second);
    m_allow->setText(allow.join(QStringLiteral(", ")));
    m_maxMessageKiB->setValue(static_cast<int>(std::max<std::int64_t>(1, o.maxMessage / 1024)));
    m_maxConnections->setValue(o.maxConnections);
    m_idleTimeout->setValue(o.idleTimeoutSec);
    updateState();
}

void ListenDialog::useLoopbackDefault() {
    for (int i = 0; i < 3; ++i) {
        m_rows[i].enabled->setChecked(i != indexOf(ListenProtocol::Tls));
        m_rows[i].address->setText(QStringLiteral("127.0.0.1"));
    }
    m_rows[indexOf(ListenProtocol::Udp)].port->setValue(5514);
    m_rows[indexOf(ListenProtocol::Tcp)].port->setValue(5514);
    updateState();
}

bool ListenDialog::options(cadf::ingest::ListenerOptions& out, QString* error) const {
    cadf::ingest::ListenerOptions o;
    for (int i = 0; i < 3; ++i) {
        const Row& r = m_rows[i];
        if (!r.enabled->isChecked())
            continue;
        QString address = r.address->text().trimmed();
        if (address.isEmpty())
            address = QStringLiteral("127.0.0.1");
        if (address.contains(QLatin1Char(':')) && !address.startsWith(QLatin1Char('[')))
            address = QLatin1Char('[') + address + QLatin1Char(']');
        ListenEndpoint e;
        if (!cadf::ingest::parseEndpoint(address + QLatin1Char(':') +
                                             QString::number(r.port->value()),
                                         ListenProtocol(i), e, error))
            return false;
        o.endpoints << e;
    }
    o.certificateFile = m_cert->text().trimmed();
    o.privateKeyFile = m_key->text().trimmed();
    o.clientCaFile = m_clientCa->text().trimmed();
    for (const QString& part : m_allow->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        cadf::ingest::Subnet subnet;
        if (!cadf::ingest::parseSubnet(part, subnet, error))
            return false;
        o.allow << subnet;
    }
    o.maxMessage = std::int64_t(m_maxMessageKiB->value()) * 1024;
    o.maxConnections = m_maxConnections->value();
    o.idleTimeoutSec = m_idleTimeout->value();
    if (!cadf::ingest::validateOptions(o, error))
        return false;
    out = o;
    return true;
}

void ListenDialog::updateState() {
    bool wildcard = false;
    for (const Row& r : m_rows) {
        r.address->setEnabled(r.enabled->isChecked());
        r.port->setEnabled(r.enabled->isChecked());
        wildcard = wildcard || (r.enabled->isChecked() && isWildcard(r.address->text()));
    }
    const bool tls = m_rows[indexOf(ListenProtocol::Tls)].enabled->isChecked();
    m_cert->setEnabled(tls);
    m_key->setEnabled(tls);
    m_clientCa->setEnabled(tls);
    m_warning->setVisible(wildcard);
    m_error->clear();
}

void ListenDialog::accept() {
    cadf::ingest::ListenerOptions o;
    QString error;
    if (!options(o, &error)) {
        m_error->setText(error);
        return;
    }
    QDialog::accept();
}
