#pragma once

#include "models/listen/listener_options.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QSpinBox;

// Capture > Start listening: which protocols on which addresses and ports, the TLS files and the
// limits. "UDP and TCP on 127.0.0.1:5514" sets the usual choice in one click. Binding every
// interface is an explicit choice: the address field says 0.0.0.0 or ::, and a warning says what
// that means. Validation happens here (addresses, ports, files); binding errors come later from
// the listener.
class ListenDialog : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ListenDialog)

public:
    explicit ListenDialog(const cadf::ingest::ListenerOptions& initial, QWidget* parent = nullptr);

    void setOptions(const cadf::ingest::ListenerOptions& options);
    // The options as entered; false with *error when they are not usable.
    bool options(cadf::ingest::ListenerOptions& out, QString* error) const;
    // Sets UDP and TCP on 127.0.0.1:5514, TLS off (the one-click default).
    void useLoopbackDefault();

    QCheckBox* protocolBox(cadf::ingest::ListenProtocol protocol) const;
    QLineEdit* addressEdit(cadf::ingest::ListenProtocol protocol) const;
    QSpinBox* portBox(cadf::ingest::ListenProtocol protocol) const;

    void accept() override;

private:
    struct Row {
        QCheckBox* enabled = nullptr;
        QLineEdit* address = nullptr;
        QSpinBox* port = nullptr;
    };
    const Row& row(cadf::ingest::ListenProtocol protocol) const;
    void updateState();

    Row m_rows[3];
    QLineEdit* m_cert = nullptr;
    QLineEdit* m_key = nullptr;
    QLineEdit* m_clientCa = nullptr;
    QLineEdit* m_allow = nullptr;
    QSpinBox* m_maxMessageKiB = nullptr;
    QSpinBox* m_maxConnections = nullptr;
    QSpinBox* m_idleTimeout = nullptr;
    QLabel* m_warning = nullptr;
    QLabel* m_error = nullptr;
};
