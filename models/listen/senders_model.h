#pragma once

#include "models/listen/listener_stats.h"

#include <QAbstractTableModel>
#include <QMap>
#include <QVector>

#include <vector>

// The Senders view's rows: each sender (protocol and address) a listener has heard from, with its
// counts, framing, TLS subject and last message time. Fed with SyslogListener::senders() snapshots
// (a few per second at most); a sender is added once and then updated in place, never removed
// while the model lives, so the view keeps its selection and scroll position.
namespace cadf::ingest {

class SendersModel : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SendersModel)

public:
    enum Column {
        ProtocolColumn,
        AddressColumn,
        FramingColumn,
        MessagesColumn,
        RejectedColumn,
        ConnectionsColumn,
        LastMessageColumn,
        SubjectColumn,
        ColumnCount
    };
    // The raw value of a cell (numbers as numbers, times as UTC µs) for sorting and tests.
    static constexpr int SortRole = Qt::UserRole + 1;
    // The filter term for the row's events (every column): see senderSourceFilter.
    static constexpr int FilterTextRole = Qt::UserRole + 2;

    explicit SendersModel(QObject* parent = nullptr);

    void update(const std::vector<SenderStats>& senders);
    void clear();
    void setLocalTime(bool local);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVector<SenderStats> m_rows;
    QMap<QString, int> m_rowOf; // "tcp 1.2.3.4" -> row
    bool m_localTime = false;
};

} // namespace cadf::ingest
