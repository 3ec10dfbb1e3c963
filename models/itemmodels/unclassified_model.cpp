#include "models/itemmodels/unclassified_model.h"

#include "models/cadf/timestamp.h"
#include "models/filter/filter.h"
#include "models/inventory/catalogue.h"
#include "models/inventory/coverage_report.h"

#include <QLocale>

#include <algorithm>
#include <numeric>

UnclassifiedModel::UnclassifiedModel(const cadf::inventory::Catalogue& catalogue, QObject* parent)
    : QAbstractTableModel(parent)
    , m_catalogue(catalogue) {}

int UnclassifiedModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_order.size());
}

int UnclassifiedModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString UnclassifiedModel::filterTextFor(const QString& pattern) {
    const QString unclassified =
        cadf::filter::termFor(QStringLiteral("service"), QStringLiteral("Unclassified"));
    if (pattern.isEmpty())
        return unclassified;
    // A wildcard over the target id: ids in the pattern are any text, and a scheme, host or
    // query string may surround the path.
    QString value;
    const QString id = QStringLiteral("{id}");
    for (qsizetype i = 0; i < pattern.size();) {
        if (pattern.mid(i, id.size()) == id) {
            value += u'*';
            i += id.size();
            continue;
        }
        const QChar c = pattern.at(i++);
        if (c == u'\\' || c == u'"' || c == u'*')
            value += u'\\';
        value += c;
    }
    value = u'*' + value;
    if (!value.endsWith(u'*') || value.endsWith(QStringLiteral("\\*")))
        value += u'*'; // a query string may follow; one '*' is enough after an id
    const bool quote = std::any_of(value.begin(), value.end(), [](QChar c) {
        return c.isSpace() || c == u'(' || c == u')' || c == u'"';
    });
    if (quote)
        value = u'"' + value + u'"';
    return unclassified + QStringLiteral(" target.id:") + value;
}

QVariant UnclassifiedModel::display(int row, int column) const {
    const cadf::inventory::UnclassifiedPattern& p =
        m_report->unclassified[std::size_t(m_order[std::size_t(row)])];
    const QLocale locale;
    switch (column) {
    case PatternColumn:
        return p.pattern.empty() ? tr("(no request path)") : QString::fromStdString(p.pattern);
    case EventsColumn:
        return locale.toString(qint64(p.counts.events));
    case FailuresColumn:
        return locale.toString(qint64(p.counts.failures));
    case InitiatorsColumn:
        return locale.toString(qint64(p.counts.initiators));
    case RequestsColumn:
        return locale.toString(qint64(p.distinctRequests));
    case ExamplesColumn: {
        QStringList list;
        for (const std::string& e : p.examples)
            list << QString::fromStdString(e);
        return list.join(QStringLiteral("  "));
    }
    case ClosestColumn: {
        QStringList list;
        for (const cadf::inventory::ClosestService& c : p.closest) {
            const cadf::inventory::ServiceInfo* s = m_catalogue.serviceById(c.serviceId);
            list << tr("%1 (%2 events) %3")
                        .arg(s ? QString::fromStdString(s->name) : QString(),
                             locale.toString(qint64(c.serviceEvents)),
                             QString::fromStdString(c.url));
        }
        return list.join(QStringLiteral("; "));
    }
    case FirstSeenColumn:
        return QString::fromStdString(cadf::formatIso(p.counts.firstUs, m_offsetSeconds, 0));
    case LastSeenColumn:
        return QString::fromStdString(cadf::formatIso(p.counts.lastUs, m_offsetSeconds, 0));
    default:
        return {};
    }
}

QVariant UnclassifiedModel::sortValue(int row, int column) const {
    const cadf::inventory::UnclassifiedPattern& p =
        m_report->unclassified[std::size_t(m_order[std::size_t(row)])];
    switch (column) {
    case EventsColumn:
        return qint64(p.counts.events);
    case FailuresColumn:
        return qint64(p.counts.failures);
    case InitiatorsColumn:
        return qint64(p.counts.initiators);
    case RequestsColumn:
        return qint64(p.distinctRequests);
    case FirstSeenColumn:
        return qint64(p.counts.firstUs);
    case LastSeenColumn:
        return qint64(p.counts.lastUs);
    case ClosestColumn:
        return p.closest.empty() ? 0.0 : p.closest.front().score;
    default:
        return display(row, column).toString().toLower();
    }
}

QVariant UnclassifiedModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || !m_report || index.row() >= int(m_order.size()))
        return {};
    const cadf::inventory::UnclassifiedPattern& p =
        m_report->unclassified[std::size_t(m_order[std::size_t(index.row())])];
    switch (role) {
    case Qt::DisplayRole:
        return display(index.row(), index.column());
    case Qt::ToolTipRole:
        if (index.column() == ExamplesColumn || index.column() == ClosestColumn)
            return display(index.row(), index.column())
                .toString()
                .replace(QStringLiteral("; "), QStringLiteral("\n"))
                .replace(QStringLiteral("  "), QStringLiteral("\n"));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() >= EventsColumn && index.column() <= RequestsColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        return sortValue(index.row(), index.column());
    case FilterTextRole:
        return filterTextFor(QString::fromStdString(p.pattern));
    default:
        return {};
    }
}

QVariant UnclassifiedModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole && section >= EventsColumn && section <= RequestsColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PatternColumn:
        return tr("Path pattern");
    case EventsColumn:
        return tr("Events");
    case FailuresColumn:
        return tr("Failures");
    case InitiatorsColumn:
        return tr("Initiators", "distinct initiators");
    case RequestsColumn:
        return tr("Requests", "distinct stored requests");
    case ExamplesColumn:
        return tr("Examples");
    case ClosestColumn:
        return tr("Closest services");
    case FirstSeenColumn:
        return tr("First seen");
    case LastSeenColumn:
        return tr("Last seen");
    default:
        return {};
    }
}

void UnclassifiedModel::applySort() {
    std::iota(m_order.begin(), m_order.end(), 0); // report order: most events first
    if (m_sortColumn < 0)
        return;
    std::vector<QVariant> keys(m_order.size());
    for (std::size_t i = 0; i < m_order.size(); ++i)
        keys[i] = sortValue(int(i), m_sortColumn);
    std::stable_sort(m_order.begin(), m_order.end(), [&](int a, int b) {
        const QPartialOrdering cmp = QVariant::compare(keys[std::size_t(a)], keys[std::size_t(b)]);
        if (cmp == QPartialOrdering::Equivalent || cmp == QPartialOrdering::Unordered)
            return false;
        const bool less = cmp == QPartialOrdering::Less;
        return m_sortOrder == Qt::AscendingOrder ? less : !less;
    });
}

void UnclassifiedModel::sort(int column, Qt::SortOrder order) {
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<int> oldOrder = m_order;
    m_sortColumn = column;
    m_sortOrder = order;
    applySort();
    std::vector<int> rowOf(m_order.size());
    for (std::size_t r = 0; r < m_order.size(); ++r)
        rowOf[std::size_t(m_order[r])] = int(r);
    QModelIndexList after;
    for (const QModelIndex& i : before)
        after << index(rowOf[std::size_t(oldOrder[std::size_t(i.row())])], i.column());
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void UnclassifiedModel::setReport(CoverageReportPtr report) {
    beginResetModel();
    m_report = std::move(report);
    m_order.assign(m_report ? m_report->unclassified.size() : 0, 0);
    applySort();
    endResetModel();
}

void UnclassifiedModel::setDisplayOffsetSeconds(int seconds) {
    m_offsetSeconds = seconds;
    if (!m_order.empty())
        Q_EMIT dataChanged(index(0, FirstSeenColumn),
                           index(int(m_order.size()) - 1, LastSeenColumn));
}
