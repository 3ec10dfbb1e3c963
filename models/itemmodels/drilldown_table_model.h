#pragma once

#include <QAbstractTableModel>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <vector>

// The rows of a drill-down table (Initiators, Targets, Conversations, the Outcomes and profile
// lists): aggregates, a few thousand rows at most, held in memory; the view sorts and filters them
// with a QSortFilterProxyModel on SortRole (unlike the event table, which sorts in SQL). Each cell
// knows the filter-language term that selects its events, so "Filter on" / "Exclude" work on any
// table; each row may name a profile (double-click opens it).
class DrilldownTableModel : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DrilldownTableModel)

public:
    enum class Kind { Text, Count, Percent, Time };
    struct Column {
        QString title;
        Kind kind = Kind::Text;
        QString toolTip;
    };
    struct Row {
        std::vector<QVariant> values; // one per column: QString, qint64, double, or UTC µs
        std::vector<QString> terms;   // per column, the filter term (empty: the row's term)
        QString rowTerm;              // the term selecting the row's events
        QString profileKind;          // "initiator" | "target" | empty
        QString profileKey;
        bool failure = false; // all failures (tinted)
    };
    enum Role {
        SortRole = Qt::UserRole + 1, // raw value: numbers sort as numbers
        FilterTermRole,              // the cell's term, e.g. initiator.id:alice
        ExcludeTermRole,             // its negation
        ProfileKindRole,
        ProfileKeyRole,
        FailureRole, // bool: a row of failures only (the view tints it; colours are its business)
    };

    explicit DrilldownTableModel(QObject* parent = nullptr);

    void setColumns(std::vector<Column> columns);
    void setRows(std::vector<Row> rows);
    // Times shown in UTC (0) or this offset east of UTC, with the zone written out.
    void setDisplayOffsetSeconds(int seconds);

    const std::vector<Row>& rows() const { return m_rows; }
    const std::vector<Column>& columns() const { return m_columns; }
    // The cell's value as shown (locale separators, ISO 8601 times).
    QString displayText(int row, int column) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::vector<Column> m_columns;
    std::vector<Row> m_rows;
    int m_offsetSeconds = 0;
};
