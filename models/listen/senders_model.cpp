#include "models/listen/senders_model.h"

#include "models/listen/listen_util.h"

#include <QDateTime>
#include <QLocale>

namespace cadf::ingest {

SendersModel::SendersModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void SendersModel::update(const std::vector<SenderStats>& senders) {
    for (const SenderStats& s : senders) {
        const QString key = s.protocol + QLatin1Char(' ') + s.address;
        const auto it = m_rowOf.constFind(key);
        if (it == m_rowOf.constEnd()) {
            const int row = static_cast<int>(m_rows.size());
            beginInsertRows({}, row, row);
            m_rows.append(s);
            m_rowOf.insert(key, row);
            endInsertRows();
        } else {
            m_rows[*it] = s;
        }
    }
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0),
                           index(static_cast<int>(m_rows.size()) - 1, ColumnCount - 1));
}

void SendersModel::clear() {
    beginResetModel();
    m_rows.clear();
    m_rowOf.clear();
    endResetModel();
}

void SendersModel::setLocalTime(bool local) {
    m_localTime = local;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, LastMessageColumn),
                           index(static_cast<int>(m_rows.size()) - 1, LastMessageColumn));
}

int SendersModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int SendersModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SendersModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const SenderStats& s = m_rows.at(index.row());
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case MessagesColumn:
        case RejectedColumn:
        case ConnectionsColumn:
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    }
    if (role == FilterTextRole)
        return senderSourceFilter(s.protocol, s.address);
    if (role != Qt::DisplayRole && role != SortRole && role != Qt::ToolTipRole)
        return {};
    const bool raw = role == SortRole;
    const QLocale locale;
    switch (index.column()) {
    case ProtocolColumn:
        return s.protocol.toUpper();
    case AddressColumn:
        return s.address;
    case FramingColumn:
        return s.framing;
    case MessagesColumn:
        return raw ? QVariant(qlonglong(s.messages))
                   : QVariant(locale.toString(qlonglong(s.messages)));
    case RejectedColumn:
        return raw ? QVariant(qlonglong(s.rejected))
                   : QVariant(locale.toString(qlonglong(s.rejected)));
    case ConnectionsColumn:
        if (raw)
            return qlonglong(s.connections);
        if (s.protocol == QLatin1String("udp"))
            return QString();
        //: Senders view: connections open now / since the listener started
        return tr("%1 open / %2")
            .arg(s.openConnections)
            .arg(locale.toString(qlonglong(s.connections)));
    case LastMessageColumn: {
        if (raw)
            return qlonglong(s.lastMessageUs);
        if (s.lastMessageUs == 0)
            return QString();
        QDateTime t = QDateTime::fromMSecsSinceEpoch(s.lastMessageUs / 1000, Qt::UTC);
        if (m_localTime)
            t = t.toLocalTime();
        return t.toString(m_localTime ? QStringLiteral("yyyy-MM-dd HH:mm:ss")
                                      : QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
    }
    case SubjectColumn:
        return s.tlsSubject;
    default:
        return {};
    }
}

QVariant SendersModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ProtocolColumn:
        //: Senders view column: UDP, TCP or TLS
        return tr("Protocol");
    case AddressColumn:
        return tr("Sender");
    case FramingColumn:
        //: Senders view column: how messages are delimited (octet counting, LF, datagram)
        return tr("Framing");
    case MessagesColumn:
        return tr("Messages");
    case RejectedColumn:
        return tr("Rejected");
    case ConnectionsColumn:
        return tr("Connections");
    case LastMessageColumn:
        return tr("Last message");
    case SubjectColumn:
        //: Senders view column: the subject of the sender's TLS client certificate
        return tr("TLS subject");
    default:
        return {};
    }
}

} // namespace cadf::ingest
