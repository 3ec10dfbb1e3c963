#include "models/itemmodels/drilldown_table_model.h"

#include "models/cadf/timestamp.h"
#include "models/filter/filter.h"

#include <QLocale>

DrilldownTableModel::DrilldownTableModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void DrilldownTableModel::setColumns(std::vector<Column> columns) {
    beginResetModel();
    m_columns = std::move(columns);
    m_rows.clear();
    endResetModel();
}

void DrilldownTableModel::setRows(std::vector<Row> rows) {
    beginResetModel();
    m_rows = std::move(rows);
    for (Row& row : m_rows)
        row.values.resize(m_columns.size());
    endResetModel();
}

void DrilldownTableModel::setDisplayOffsetSeconds(int seconds) {
    if (seconds == m_offsetSeconds)
        return;
    m_offsetSeconds = seconds;
    for (int c = 0; c < int(m_columns.size()); ++c) {
        if (m_columns[std::size_t(c)].kind == Kind::Time && !m_rows.empty())
            Q_EMIT dataChanged(index(0, c), index(rowCount() - 1, c), {Qt::DisplayRole});
    }
}

int DrilldownTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DrilldownTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_columns.size());
}

QString DrilldownTableModel::displayText(int row, int column) const {
    if (row < 0 || row >= rowCount() || column < 0 || column >= columnCount())
        return {};
    const QVariant& value = m_rows[std::size_t(row)].values[std::size_t(column)];
    if (!value.isValid())
        return {};
    const QLocale locale;
    switch (m_columns[std::size_t(column)].kind) {
    case Kind::Text:
        return value.toString();
    case Kind::Count:
        return locale.toString(value.toLongLong());
    case Kind::Percent:
        return locale.toString(value.toDouble(), 'f', 1);
    case Kind::Time:
        return QString::fromStdString(cadf::formatIso(value.toLongLong(), m_offsetSeconds, 0));
    }
    return {};
}

QVariant DrilldownTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Row& row = m_rows[std::size_t(index.row())];
    const Column& column = m_columns[std::size_t(index.column())];
    switch (role) {
    case Qt::DisplayRole:
        return displayText(index.row(), index.column());
    case Qt::ToolTipRole:
        return column.kind == Kind::Text ? displayText(index.row(), index.column()) : QVariant();
    case Qt::TextAlignmentRole:
        return column.kind == Kind::Count || column.kind == Kind::Percent
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case FailureRole:
        return row.failure;
    case SortRole: {
        const QVariant& value = row.values[std::size_t(index.column())];
        return column.kind == Kind::Text ? QVariant(value.toString().toLower()) : value;
    }
    case FilterTermRole: {
        const std::size_t c = std::size_t(index.column());
        return c < row.terms.size() && !row.terms[c].isEmpty() ? row.terms[c] : row.rowTerm;
    }
    case ExcludeTermRole:
        if (const QString term = data(index, FilterTermRole).toString(); !term.isEmpty())
            return cadf::filter::excludedFilter(term);
        return QString();
    case ProfileKindRole:
        return row.profileKind;
    case ProfileKeyRole:
        return row.profileKey;
    default:
        return {};
    }
}

QVariant DrilldownTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return {};
    const Column& column = m_columns[std::size_t(section)];
    if (role == Qt::DisplayRole)
        return column.title;
    if (role == Qt::ToolTipRole && !column.toolTip.isEmpty())
        return column.toolTip;
    if (role == Qt::TextAlignmentRole &&
        (column.kind == Kind::Count || column.kind == Kind::Percent))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}
