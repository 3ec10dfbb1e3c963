#include "models/itemmodels/inventory_tree_model.h"

#include "models/cadf/timestamp.h"
#include "models/filter/filter.h"
#include "models/inventory/catalogue.h"
#include "models/inventory/coverage_report.h"

#include <QLocale>

#include <algorithm>

namespace {

enum Count { Events, Failures, Initiators, First, Last };

QString joined(const std::vector<std::string>& parts, const char* separator) {
    QStringList list;
    for (const std::string& p : parts)
        list << QString::fromStdString(p);
    return list.join(QLatin1String(separator));
}

} // namespace

InventoryTreeModel::InventoryTreeModel(const cadf::inventory::Catalogue& catalogue, QObject* parent)
    : QAbstractItemModel(parent)
    , m_catalogue(catalogue) {
    build();
}

InventoryTreeModel::~InventoryTreeModel() = default;

void InventoryTreeModel::build() {
    m_nodes.clear();
    m_roots.clear();
    m_endpointNodes.assign(m_catalogue.rows().size() + 1, -1);
    m_serviceNodes.assign(m_catalogue.services().size() + 1, -1);
    std::vector<int> categoryNodes(m_catalogue.categories().size() + 1, -1);
    for (std::size_t c = 0; c < m_catalogue.categories().size(); ++c) {
        categoryNodes[c + 1] = int(m_nodes.size());
        m_roots.push_back(int(m_nodes.size()));
        m_nodes.push_back({CategoryNode, int(c) + 1, -1, 0, {}, {}, true});
    }
    for (const cadf::inventory::ServiceInfo& s : m_catalogue.services()) {
        const int parentNode = categoryNodes.at(std::size_t(s.categoryId));
        const int node = int(m_nodes.size());
        m_serviceNodes[std::size_t(s.serviceId)] = node;
        m_nodes.push_back({ServiceNode, s.serviceId, parentNode, 0, {}, {}, true});
        m_nodes[std::size_t(parentNode)].all.push_back(node);
    }
    for (const cadf::inventory::CatalogueRow& r : m_catalogue.rows()) {
        const int parentNode = m_serviceNodes.at(std::size_t(r.serviceId));
        const int node = int(m_nodes.size());
        m_endpointNodes[std::size_t(r.id)] = node;
        m_nodes.push_back({EndpointNode, r.id, parentNode, 0, {}, {}, true});
        m_nodes[std::size_t(parentNode)].all.push_back(node);
    }
    applyVisibility(computeVisibility());
}

std::vector<bool> InventoryTreeModel::computeVisibility() const {
    std::vector<bool> visible(m_nodes.size(), true);
    if (!m_neverSeenOnly)
        return visible;
    // Endpoints first (they come last in m_nodes), then their parents: a parent is shown when a
    // child is.
    for (std::size_t i = m_nodes.size(); i-- > 0;) {
        const Node& n = m_nodes[i];
        if (n.kind == EndpointNode) {
            visible[i] = counts(n, Events) == 0;
        } else {
            visible[i] = std::any_of(n.all.begin(), n.all.end(),
                                     [&visible](int c) { return visible[std::size_t(c)]; });
        }
    }
    return visible;
}

void InventoryTreeModel::applyVisibility(const std::vector<bool>& visible) {
    for (std::size_t i = 0; i < m_nodes.size(); ++i)
        m_nodes[i].visible = visible[i];
    for (Node& n : m_nodes) {
        n.children.clear();
        for (int c : n.all) {
            if (m_nodes[std::size_t(c)].visible)
                n.children.push_back(c);
        }
    }
    sortChildren();
}

void InventoryTreeModel::sortChildren() {
    auto order = [this](std::vector<int>& list) {
        if (m_sortColumn < 0) {
            std::sort(list.begin(), list.end()); // node order = catalogue order
            return;
        }
        std::stable_sort(list.begin(), list.end(), [this](int a, int b) {
            const QVariant va = sortValue(m_nodes[std::size_t(a)], m_sortColumn);
            const QVariant vb = sortValue(m_nodes[std::size_t(b)], m_sortColumn);
            const QPartialOrdering cmp = QVariant::compare(va, vb);
            if (cmp == QPartialOrdering::Equivalent || cmp == QPartialOrdering::Unordered)
                return a < b;
            const bool less = cmp == QPartialOrdering::Less;
            return m_sortOrder == Qt::AscendingOrder ? less : !less;
        });
    };
    m_roots.clear();
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        if (m_nodes[i].kind == CategoryNode && m_nodes[i].visible)
            m_roots.push_back(int(i));
    }
    order(m_roots);
    for (Node& n : m_nodes)
        order(n.children);
    renumber();
}

void InventoryTreeModel::renumber() {
    for (std::size_t r = 0; r < m_roots.size(); ++r)
        m_nodes[std::size_t(m_roots[r])].row = int(r);
    for (Node& n : m_nodes) {
        for (std::size_t r = 0; r < n.children.size(); ++r)
            m_nodes[std::size_t(n.children[r])].row = int(r);
    }
}

const std::vector<int>& InventoryTreeModel::childrenOf(int node) const {
    return node < 0 ? m_roots : m_nodes[std::size_t(node)].children;
}

QModelIndex InventoryTreeModel::index(int row, int column, const QModelIndex& parent) const {
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (parent.isValid() && parent.column() != 0)
        return {};
    const std::vector<int>& list = childrenOf(parent.isValid() ? int(parent.internalId()) : -1);
    if (row >= int(list.size()))
        return {};
    return createIndex(row, column, quintptr(list[std::size_t(row)]));
}

QModelIndex InventoryTreeModel::parent(const QModelIndex& child) const {
    if (!child.isValid())
        return {};
    const int p = m_nodes[std::size_t(child.internalId())].parent;
    if (p < 0)
        return {};
    return createIndex(m_nodes[std::size_t(p)].row, 0, quintptr(p));
}

int InventoryTreeModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(childrenOf(parent.isValid() ? int(parent.internalId()) : -1).size());
}

int InventoryTreeModel::columnCount(const QModelIndex&) const {
    return ColumnCount;
}

std::int64_t InventoryTreeModel::counts(const Node& node, int what) const {
    if (!m_report)
        return 0;
    auto pick = [what](const cadf::store::CoverageCounts& c) -> std::int64_t {
        switch (what) {
        case Events:
            return c.events;
        case Failures:
            return c.failures;
        case Initiators:
            return c.initiators;
        case First:
            return c.firstUs;
        default:
            return c.lastUs;
        }
    };
    switch (node.kind) {
    case EndpointNode:
        return pick(m_report->endpoints.at(std::size_t(node.id)));
    case ServiceNode:
        return pick(m_report->services.at(std::size_t(node.id)));
    case CategoryNode:
        break;
    }
    // A category: its services together. Distinct initiators do not add up, so none.
    std::int64_t sum = 0;
    std::int64_t events = 0;
    bool any = false;
    for (int s : node.all) {
        const cadf::store::CoverageCounts& c =
            m_report->services.at(std::size_t(m_nodes[std::size_t(s)].id));
        if (c.events == 0)
            continue;
        events += c.events;
        if (what == Events || what == Failures)
            sum += pick(c);
        else if (what == First)
            sum = any ? std::min(sum, c.firstUs) : c.firstUs;
        else if (what == Last)
            sum = any ? std::max(sum, c.lastUs) : c.lastUs;
        any = true;
    }
    return what == Events ? events : sum;
}

int InventoryTreeModel::shadowedBy(int rowId) const {
    if (!m_report || rowId <= 0 || std::size_t(rowId) >= m_report->shadowedBy.size())
        return 0;
    return m_report->shadowedBy[std::size_t(rowId)];
}

QString InventoryTreeModel::timeText(std::int64_t us) const {
    return QString::fromStdString(cadf::formatIso(us, m_offsetSeconds, 0));
}

QVariant InventoryTreeModel::display(const Node& node, int column) const {
    const QLocale locale;
    const bool known = m_report != nullptr;
    const std::int64_t events = counts(node, Events);
    switch (column) {
    case NameColumn:
        if (node.kind == CategoryNode)
            return QString::fromStdString(std::string(m_catalogue.categoryName(node.id)));
        if (node.kind == ServiceNode)
            return QString::fromStdString(m_catalogue.serviceById(node.id)->name);
        return QString::fromStdString(m_catalogue.rowById(node.id)->description);
    case EventsColumn:
        return known ? locale.toString(qint64(events)) : QString();
    case FailuresColumn:
        return known ? locale.toString(qint64(counts(node, Failures))) : QString();
    case InitiatorsColumn:
        if (!known || node.kind == CategoryNode)
            return QString();
        return locale.toString(qint64(counts(node, Initiators)));
    case FirstSeenColumn:
        if (known && events == 0 && node.kind == EndpointNode) {
            if (const int other = shadowedBy(node.id))
                return tr("never (as row %1)",
                          "inventory: first seen; its events are counted as that row")
                    .arg(other);
        }
        if (!known || events == 0)
            return known ? tr("never", "inventory: first seen") : QString();
        return timeText(counts(node, First));
    case LastSeenColumn:
        if (!known || events == 0)
            return known ? tr("never", "inventory: last seen") : QString();
        return timeText(counts(node, Last));
    case ActionsColumn:
        if (node.kind != EndpointNode)
            return QString();
        return joined(m_catalogue.rowById(node.id)->actions, ", ");
    case UrlsColumn:
        if (node.kind != EndpointNode)
            return QString();
        return joined(m_catalogue.rowById(node.id)->urls, "  ");
    default:
        return {};
    }
}

QVariant InventoryTreeModel::sortValue(const Node& node, int column) const {
    switch (column) {
    case EventsColumn:
        return qint64(counts(node, Events));
    case FailuresColumn:
        return qint64(counts(node, Failures));
    case InitiatorsColumn:
        return node.kind == CategoryNode ? qint64(-1) : qint64(counts(node, Initiators));
    case FirstSeenColumn:
    case LastSeenColumn:
        // Never seen sorts before everything seen.
        return counts(node, Events) == 0
                   ? qint64(std::numeric_limits<qint64>::min())
                   : qint64(counts(node, column == FirstSeenColumn ? First : Last));
    default:
        return display(node, column).toString().toLower();
    }
}

QVariant InventoryTreeModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid())
        return {};
    const Node& node = m_nodes[std::size_t(index.internalId())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(node, column);
    case Qt::ToolTipRole:
        if (node.kind == EndpointNode) {
            const cadf::inventory::CatalogueRow* row = m_catalogue.rowById(node.id);
            QString tip =
                tr("Row %1: %2\nActions: %3\nURLs:\n%4")
                    .arg(QString::number(row->id), QString::fromStdString(row->description),
                         joined(row->actions, ", "), joined(row->urls, "\n"));
            if (const int other = shadowedBy(node.id)) {
                const cadf::inventory::CatalogueRow* o = m_catalogue.rowById(other);
                tip += tr("\n\nThe classifier cannot tell this row from row %1 (\u201c%2\u201d): "
                          "same URL template and action. Its events are counted there.")
                           .arg(other)
                           .arg(QString::fromStdString(o ? o->description : std::string()));
            }
            return tip;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (column >= EventsColumn && column <= InitiatorsColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case KindRole:
        return int(node.kind);
    case IdRole:
        return node.id;
    case SortRole:
        return sortValue(node, column);
    case FilterTextRole:
        return filterText(index);
    case EventsRole:
        return qint64(counts(node, Events));
    default:
        return {};
    }
}

QVariant InventoryTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole && section >= EventsColumn && section <= InitiatorsColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Category / service / endpoint");
    case EventsColumn:
        return tr("Events");
    case FailuresColumn:
        return tr("Failures");
    case InitiatorsColumn:
        return tr("Initiators", "distinct initiators");
    case FirstSeenColumn:
        return tr("First seen");
    case LastSeenColumn:
        return tr("Last seen");
    case ActionsColumn:
        return tr("Actions");
    case UrlsColumn:
        return tr("URL templates");
    default:
        return {};
    }
}

void InventoryTreeModel::sort(int column, Qt::SortOrder order) {
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    m_sortColumn = column;
    m_sortOrder = order;
    sortChildren();
    QModelIndexList after;
    after.reserve(before.size());
    for (const QModelIndex& i : before) {
        const int node = int(i.internalId());
        after << createIndex(m_nodes[std::size_t(node)].row, i.column(), quintptr(node));
    }
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void InventoryTreeModel::setReport(CoverageReportPtr report) {
    m_report = std::move(report);
    const std::vector<bool> visible = computeVisibility();
    bool same = true;
    for (std::size_t i = 0; i < m_nodes.size() && same; ++i)
        same = m_nodes[i].visible == visible[i];
    if (!same) {
        beginResetModel();
        applyVisibility(visible);
        endResetModel();
        return;
    }
    // Same rows: new numbers in place, so the view keeps its expansion and selection.
    auto changed = [this](const std::vector<int>& list, const QModelIndex& parent) {
        if (!list.empty())
            Q_EMIT dataChanged(index(0, 0, parent),
                               index(int(list.size()) - 1, ColumnCount - 1, parent));
    };
    changed(m_roots, {});
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        const Node& n = m_nodes[i];
        if (n.visible && !n.children.empty())
            changed(n.children, createIndex(n.row, 0, quintptr(i)));
    }
    if (m_sortColumn >= EventsColumn && m_sortColumn <= LastSeenColumn)
        sort(m_sortColumn, m_sortOrder);
}

void InventoryTreeModel::setNeverSeenOnly(bool on) {
    if (on == m_neverSeenOnly)
        return;
    beginResetModel();
    m_neverSeenOnly = on;
    applyVisibility(computeVisibility());
    endResetModel();
}

void InventoryTreeModel::setDisplayOffsetSeconds(int seconds) {
    if (seconds == m_offsetSeconds)
        return;
    m_offsetSeconds = seconds;
    setReport(m_report); // same rows, new texts
}

QString InventoryTreeModel::filterText(const QModelIndex& index) const {
    if (!index.isValid())
        return {};
    const Node& node = m_nodes[std::size_t(index.internalId())];
    switch (node.kind) {
    case CategoryNode:
        return cadf::filter::termFor(
            QStringLiteral("category"),
            QString::fromStdString(std::string(m_catalogue.categoryName(node.id))));
    case ServiceNode:
        return cadf::filter::termFor(
            QStringLiteral("service"),
            QString::fromStdString(m_catalogue.serviceById(node.id)->name));
    case EndpointNode:
        break;
    }
    const cadf::inventory::CatalogueRow* row = m_catalogue.rowById(node.id);
    const QString endpoint =
        cadf::filter::termFor(QStringLiteral("endpoint"), QString::fromStdString(row->description));
    // endpoint:"..." selects every row with that description: name the service too when another
    // row shares it ("Update a rule").
    const auto& rows = m_catalogue.rows();
    const bool shared = std::any_of(rows.begin(), rows.end(), [row](const auto& other) {
        return other.id != row->id && other.description == row->description;
    });
    if (!shared)
        return endpoint;
    return cadf::filter::termFor(QStringLiteral("service"), QString::fromStdString(row->service)) +
           QLatin1Char(' ') + endpoint;
}

QModelIndex InventoryTreeModel::endpointIndex(int rowId) const {
    if (rowId <= 0 || std::size_t(rowId) >= m_endpointNodes.size())
        return {};
    const int node = m_endpointNodes[std::size_t(rowId)];
    if (node < 0 || !m_nodes[std::size_t(node)].visible)
        return {};
    return createIndex(m_nodes[std::size_t(node)].row, 0, quintptr(node));
}

QModelIndex InventoryTreeModel::serviceIndex(int serviceId) const {
    if (serviceId <= 0 || std::size_t(serviceId) >= m_serviceNodes.size())
        return {};
    const int node = m_serviceNodes[std::size_t(serviceId)];
    if (node < 0 || !m_nodes[std::size_t(node)].visible)
        return {};
    return createIndex(m_nodes[std::size_t(node)].row, 0, quintptr(node));
}
