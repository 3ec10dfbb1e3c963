#include "models/itemmodels/facet_model.h"

#include "models/inventory/catalogue.h"

#include <QLocale>

#include <map>

namespace {

QString fromUtf8(const std::string& text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QString groupTitle(int group) {
    switch (group) {
    case FacetModel::Outcomes:
        return FacetModel::tr("Outcomes");
    case FacetModel::CodeClasses:
        return FacetModel::tr("Code classes");
    case FacetModel::Codes:
        return FacetModel::tr("Codes");
    case FacetModel::Services:
        return FacetModel::tr("Services");
    case FacetModel::Initiators:
        return FacetModel::tr("Top initiators");
    case FacetModel::Targets:
        return FacetModel::tr("Top targets");
    case FacetModel::Addresses:
        return FacetModel::tr("Top addresses");
    default:
        return {};
    }
}

QString outcomeLabel(const std::string& key) {
    if (key == "success")
        return FacetModel::tr("success", "event outcome");
    if (key == "failure")
        return QStringLiteral("\u2717 ") + FacetModel::tr("failure", "event outcome");
    if (key == "pending")
        return FacetModel::tr("pending", "event outcome");
    return FacetModel::tr("unknown", "event outcome");
}

} // namespace

FacetModel::FacetModel(QObject* parent)
    : QAbstractItemModel(parent) {
    static const char* const fields[] = {"outcome",   "code",   "code",   "service",
                                         "initiator", "target", "address"};
    for (int group = 0; group < GroupCount; ++group) {
        auto node = std::make_unique<Node>();
        node->label = groupTitle(group);
        node->field = QString::fromLatin1(fields[group]);
        node->parent = &m_root;
        m_root.children.push_back(std::move(node));
    }
}

FacetModel::~FacetModel() = default;

FacetModel::Node* FacetModel::nodeOf(const QModelIndex& index) const {
    return index.isValid() ? static_cast<Node*>(index.internalPointer())
                           : const_cast<Node*>(&m_root);
}

QModelIndex FacetModel::indexOf(Node* node, int column) const {
    if (!node || node == &m_root)
        return {};
    const auto& siblings = node->parent->children;
    for (std::size_t row = 0; row < siblings.size(); ++row) {
        if (siblings[row].get() == node)
            return createIndex(static_cast<int>(row), column, node);
    }
    return {};
}

QModelIndex FacetModel::index(int row, int column, const QModelIndex& parent) const {
    if (column < 0 || column >= 2 || (parent.isValid() && parent.column() != 0))
        return {};
    Node* node = nodeOf(parent);
    if (row < 0 || row >= static_cast<int>(node->children.size()))
        return {};
    return createIndex(row, column, node->children[static_cast<std::size_t>(row)].get());
}

QModelIndex FacetModel::parent(const QModelIndex& child) const {
    if (!child.isValid())
        return {};
    return indexOf(nodeOf(child)->parent, 0);
}

int FacetModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return static_cast<int>(nodeOf(parent)->children.size());
}

int FacetModel::columnCount(const QModelIndex&) const {
    return 2;
}

QVariant FacetModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node* node = nodeOf(index);
    const bool heading = node->parent == &m_root;
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == 0)
            return node->label;
        // A top-N heading has no meaningful total: the sum of ten values is nobody's count.
        if (heading && (node->children.empty() || index.row() >= Initiators))
            return {};
        if (!node->exact)
            return tr("\u2248 %1", "approximate count").arg(QLocale().toString(node->count));
        return QLocale().toString(node->count);
    case Qt::ToolTipRole:
        if (index.column() == 1 && !node->exact)
            return tr("Counted in a sample of the newest matching events; exact counts follow");
        return index.column() == 0 && !node->value.isEmpty() ? node->label : QVariant();
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::Alignment(
            (index.column() == 1 ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter));
    case FilterFieldRole:
        return node->field;
    case FilterValueRole:
        return node->value;
    case CountRole:
        return node->count;
    case StaleRole:
        return node->stale;
    case ExactRole:
        return node->exact;
    case GroupRole:
        return heading;
    default:
        return {};
    }
}

QVariant FacetModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == 0 ? tr("Value") : tr("Events");
}

QModelIndex FacetModel::groupIndex(Group group) const {
    return index(group, 0);
}

QModelIndex FacetModel::find(Group group, const QString& value) const {
    const Node* heading = m_root.children[static_cast<std::size_t>(group)].get();
    for (const auto& child : heading->children) {
        if (child->value == value)
            return indexOf(child.get(), 0);
        for (const auto& grandchild : child->children) {
            if (grandchild->value == value)
                return indexOf(grandchild.get(), 0);
        }
    }
    return {};
}

void FacetModel::markStale() {
    for (auto& heading : m_root.children) {
        heading->stale = true;
        for (auto& child : heading->children) {
            child->stale = true;
            for (auto& grandchild : child->children)
                grandchild->stale = true;
        }
    }
    if (!m_root.children.empty())
        Q_EMIT dataChanged(index(0, 0), index(GroupCount - 1, 1));
    for (int group = 0; group < GroupCount; ++group) {
        const QModelIndex parent = groupIndex(static_cast<Group>(group));
        if (const int rows = rowCount(parent); rows > 0)
            Q_EMIT dataChanged(index(0, 0, parent), index(rows - 1, 1, parent));
    }
}

void FacetModel::replaceChildren(Group group, std::vector<std::unique_ptr<Node>> children,
                                 bool exact) {
    Node* heading = m_root.children[static_cast<std::size_t>(group)].get();
    const QModelIndex parent = groupIndex(group);
    if (!heading->children.empty()) {
        beginRemoveRows(parent, 0, static_cast<int>(heading->children.size()) - 1);
        heading->children.clear();
        endRemoveRows();
    }
    qint64 total = 0;
    for (auto& child : children) {
        child->parent = heading;
        child->exact = exact;
        for (auto& grandchild : child->children) {
            grandchild->parent = child.get();
            grandchild->exact = exact;
        }
        total += child->count;
    }
    if (!children.empty()) {
        beginInsertRows(parent, 0, static_cast<int>(children.size()) - 1);
        heading->children = std::move(children);
        endInsertRows();
    }
    heading->count = total;
    heading->stale = false;
    heading->exact = exact;
    Q_EMIT dataChanged(parent, index(group, 1));
}

void FacetModel::setFacet(FacetKind kind, const ValueCountsPtr& counts, bool exact) {
    if (!counts)
        return;
    const auto leaf = [](QString label, QString field, QString value, qint64 count) {
        auto node = std::make_unique<Node>();
        node->label = std::move(label);
        node->field = std::move(field);
        node->value = std::move(value);
        node->count = count;
        return node;
    };
    std::vector<std::unique_ptr<Node>> rows;
    switch (kind) {
    case FacetKind::Outcome:
        for (const auto& c : *counts)
            rows.push_back(
                leaf(outcomeLabel(c.value), QStringLiteral("outcome"), fromUtf8(c.value), c.count));
        replaceChildren(Outcomes, std::move(rows), exact);
        return;
    case FacetKind::Code: {
        std::map<int, qint64> classes; // 2 -> 2xx
        for (const auto& c : *counts) {
            const QString code = fromUtf8(c.value);
            const QString label = code.isEmpty() ? tr("(no code)") : code;
            if (const int n = code.toInt(); n >= 100 && n <= 599)
                classes[n / 100] += c.count;
            // A missing code cannot be written as code:"" yet: it shows, without a filter.
            rows.push_back(leaf(label, QStringLiteral("code"), code, c.count));
        }
        replaceChildren(Codes, std::move(rows), exact);
        std::vector<std::unique_ptr<Node>> classRows;
        for (const auto& [hundred, n] : classes) {
            const QString text = QStringLiteral("%1xx").arg(hundred);
            classRows.push_back(leaf(text, QStringLiteral("code"), text, n));
        }
        replaceChildren(CodeClasses, std::move(classRows), exact);
        return;
    }
    case FacetKind::Service: {
        // Grouped under their inventory category, categories by count.
        const cadf::inventory::Catalogue& catalogue = cadf::inventory::Catalogue::builtIn();
        std::map<QString, std::unique_ptr<Node>> categories;
        for (const auto& c : *counts) {
            const int id = QString::fromStdString(c.value).toInt();
            const cadf::inventory::ServiceInfo* service = catalogue.serviceById(id);
            const QString category =
                service ? fromUtf8(service->category) : tr("Unclassified", "service category");
            auto& node = categories[category];
            if (!node)
                node = leaf(category, service ? QStringLiteral("category") : QString(),
                            service ? category : QString(), 0);
            node->count += c.count;
            if (service) {
                const QString name = fromUtf8(service->name);
                node->children.push_back(leaf(name, QStringLiteral("service"), name, c.count));
            } else {
                node->children.push_back(leaf(tr("(no service)"), QString(), QString(), c.count));
            }
        }
        for (auto& [name, node] : categories)
            rows.push_back(std::move(node));
        std::stable_sort(rows.begin(), rows.end(),
                         [](const auto& a, const auto& b) { return a->count > b->count; });
        replaceChildren(Services, std::move(rows), exact);
        return;
    }
    case FacetKind::Initiator:
    case FacetKind::Target:
    case FacetKind::Address: {
        const Group group = kind == FacetKind::Initiator ? Initiators
                            : kind == FacetKind::Target  ? Targets
                                                         : Addresses;
        const QString field = kind == FacetKind::Initiator ? QStringLiteral("initiator")
                              : kind == FacetKind::Target  ? QStringLiteral("target")
                                                           : QStringLiteral("address");
        for (const auto& c : *counts) {
            const QString value = fromUtf8(c.value);
            rows.push_back(leaf(value.isEmpty() ? tr("(empty)") : value,
                                value.isEmpty() ? QString() : field, value, c.count));
        }
        replaceChildren(group, std::move(rows), exact);
        return;
    }
    }
}
