#include "models/itemmodels/event_attributes_model.h"

#include "models/cadf/timestamp.h"
#include "models/itemmodels/event_table_model.h"
#include "models/store/store_types.h"

#include <QDateTime>
#include <QLocale>

#include <nlohmann/json.hpp>

namespace {

using Json = nlohmann::ordered_json;
using Node = EventAttributesModel::Node;

QString fromUtf8(const std::string& text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

struct FieldOfPath {
    const char* path;
    const char* field;
    int column;
};

// JSON paths the filter language has a field for, and the table column that shows them.
constexpr FieldOfPath kFields[] = {
    {"id", "id", -1},
    {"eventType", "type", -1},
    {"action", "action", EventTableModel::ActionColumn},
    {"outcome", "outcome", -1},
    {"severity", "severity", -1},
    {"reason.reasonCode", "code", EventTableModel::CodeColumn},
    {"initiator.id", "initiator.id", EventTableModel::InitiatorIdColumn},
    {"initiator.name", "initiator.name", EventTableModel::InitiatorColumn},
    {"initiator.typeURI", "initiator.type", -1},
    {"initiator.host.address", "address", EventTableModel::AddressColumn},
    {"initiator.host.agent", "agent", EventTableModel::AgentColumn},
    {"initiator.credential.type", "credential", -1},
    {"target.id", "target.id", EventTableModel::TargetColumn},
    {"target.name", "target.name", EventTableModel::TargetNameColumn},
    {"target.typeURI", "target.type", -1},
    {"observer.id", "observer", -1},
    {"observer.name", "observer", -1},
};

std::unique_ptr<Node> makeNode(QString name, QString value, QString path = {}) {
    auto node = std::make_unique<Node>();
    node->name = std::move(name);
    node->value = std::move(value);
    node->path = std::move(path);
    return node;
}

QString scalarText(const Json& value) {
    if (value.is_string())
        return fromUtf8(value.get_ref<const std::string&>());
    if (value.is_null())
        return QStringLiteral("null");
    // Numbers and booleans as the JSON spells them.
    return fromUtf8(value.dump(-1, ' ', false, Json::error_handler_t::replace));
}

void addJson(Node* parent, const QString& name, const QString& path, const Json& value) {
    std::unique_ptr<Node> node;
    if (value.is_object()) {
        node = makeNode(name, EventAttributesModel::tr("{%n key(s)}", nullptr, int(value.size())),
                        path);
        for (auto it = value.begin(); it != value.end(); ++it) {
            const QString key = fromUtf8(it.key());
            addJson(node.get(), key, path.isEmpty() ? key : path + QLatin1Char('.') + key,
                    it.value());
        }
    } else if (value.is_array()) {
        node = makeNode(name, EventAttributesModel::tr("[%n item(s)]", nullptr, int(value.size())),
                        path);
        int i = 0;
        for (const Json& item : value) {
            const QString key = QStringLiteral("[%1]").arg(i++);
            addJson(node.get(), key, path + key, item);
        }
    } else {
        node = makeNode(name, scalarText(value), path);
        node->filterable = !node->value.isEmpty() && !value.is_null();
        for (const FieldOfPath& known : kFields) {
            if (path == QLatin1String(known.path)) {
                node->field = QString::fromLatin1(known.field);
                node->tableColumn = known.column;
            }
        }
    }
    node->parent = parent;
    parent->children.push_back(std::move(node));
}

QString instantText(std::int64_t us, bool localTime) {
    int offset = 0;
    if (localTime)
        offset = QDateTime::fromMSecsSinceEpoch(us / 1000).offsetFromUtc();
    return fromUtf8(cadf::formatIso(us, offset, 6));
}

QString skewText(std::int64_t deltaUs) {
    const double seconds = double(deltaUs) / 1e6;
    return EventAttributesModel::tr("%1 s (event time minus syslog header time)")
        .arg(QLocale().toString(seconds, 'f', 3));
}

} // namespace

EventAttributesModel::EventAttributesModel(QObject* parent)
    : QAbstractItemModel(parent) {}

EventAttributesModel::~EventAttributesModel() = default;

void EventAttributesModel::clear() {
    beginResetModel();
    m_root.children.clear();
    m_pretty.clear();
    endResetModel();
}

void EventAttributesModel::setEvent(const cadf::store::StoredEvent& stored, bool localTime) {
    beginResetModel();
    m_root.children.clear();
    const cadf::Event& ev = stored.event;

    auto time = makeNode(tr("Time"), instantText(ev.timeUs, localTime));
    const auto add = [](Node* parent, std::unique_ptr<Node> child) {
        child->parent = parent;
        parent->children.push_back(std::move(child));
    };
    add(time.get(), makeNode(tr("eventTime as received"),
                             ev.eventTimeRaw.empty() ? tr("(none)") : fromUtf8(ev.eventTimeRaw),
                             QStringLiteral("eventTime")));
    add(time.get(), makeNode(tr("Parsed instant"), instantText(ev.timeUs, localTime)));
    add(time.get(),
        makeNode(tr("Time quality"), QString::fromLatin1(cadf::timeQualityName(ev.timeQuality))));
    if (ev.syslog.timeValid) {
        add(time.get(), makeNode(tr("Syslog header time"),
                                 fromUtf8(ev.syslog.timestamp) + QStringLiteral("  \u2192  ") +
                                     instantText(ev.syslog.timeUs, localTime)));
        // Only a real disagreement is worth a line: header times often lack the fraction.
        const std::int64_t delta = ev.timeUs - ev.syslog.timeUs;
        if (delta >= 1'000'000 || delta <= -1'000'000)
            add(time.get(), makeNode(tr("Skew"), skewText(delta)));
    }
    time->parent = &m_root;
    m_root.children.push_back(std::move(time));

    // The store may keep only the record when the event is all of its JSON: the JSON then starts
    // at the record's first brace (after a syslog header, if any).
    std::string_view text = ev.json;
    if (text.empty()) {
        text = stored.record;
        const std::size_t brace = text.find('{');
        text = brace == std::string_view::npos ? std::string_view() : text.substr(brace);
    }
    const Json json = Json::parse(text, nullptr, false);
    if (json.is_object()) {
        for (auto it = json.begin(); it != json.end(); ++it) {
            const QString key = fromUtf8(it.key());
            addJson(&m_root, key, key, it.value());
        }
        m_pretty = fromUtf8(json.dump(2, ' ', false, Json::error_handler_t::replace));
    } else {
        m_pretty = fromUtf8(ev.json.empty() ? stored.record : ev.json);
    }

    auto origin = makeNode(tr("Record"), fromUtf8(stored.sourceName));
    add(origin.get(), makeNode(tr("Source"), fromUtf8(stored.sourceName)));
    origin->children.back()->field = QStringLiteral("source");
    origin->children.back()->filterable = !stored.sourceName.empty();
    origin->children.back()->tableColumn = EventTableModel::SourceColumn;
    add(origin.get(), makeNode(tr("Line"), QString::number(stored.lineNo)));
    add(origin.get(), makeNode(tr("Byte offset"), QString::number(stored.byteOffset)));
    if (!ev.syslog.hostname.empty()) {
        add(origin.get(), makeNode(tr("Syslog host"), fromUtf8(ev.syslog.hostname)));
        origin->children.back()->field = QStringLiteral("host");
        origin->children.back()->filterable = true;
    }
    if (!ev.syslog.appName.empty()) {
        add(origin.get(), makeNode(tr("Syslog app"), fromUtf8(ev.syslog.appName)));
        origin->children.back()->field = QStringLiteral("app");
        origin->children.back()->filterable = true;
    }
    origin->parent = &m_root;
    m_root.children.push_back(std::move(origin));
    endResetModel();
}

EventAttributesModel::Node* EventAttributesModel::nodeOf(const QModelIndex& index) const {
    return index.isValid() ? static_cast<Node*>(index.internalPointer())
                           : const_cast<Node*>(&m_root);
}

QModelIndex EventAttributesModel::indexOf(const Node* node, int column) const {
    if (!node || node == &m_root)
        return {};
    const auto& siblings = node->parent->children;
    for (std::size_t row = 0; row < siblings.size(); ++row) {
        if (siblings[row].get() == node)
            return createIndex(static_cast<int>(row), column, siblings[row].get());
    }
    return {};
}

QModelIndex EventAttributesModel::findPath(const QString& path) const {
    std::vector<const Node*> pending{&m_root};
    while (!pending.empty()) {
        const Node* node = pending.back();
        pending.pop_back();
        if (node != &m_root && node->path == path)
            return indexOf(node, 0);
        for (const auto& child : node->children)
            pending.push_back(child.get());
    }
    return {};
}

QModelIndex EventAttributesModel::index(int row, int column, const QModelIndex& parent) const {
    if (column < 0 || column >= 2 || (parent.isValid() && parent.column() != 0))
        return {};
    Node* node = nodeOf(parent);
    if (row < 0 || row >= static_cast<int>(node->children.size()))
        return {};
    return createIndex(row, column, node->children[static_cast<std::size_t>(row)].get());
}

QModelIndex EventAttributesModel::parent(const QModelIndex& child) const {
    return child.isValid() ? indexOf(nodeOf(child)->parent, 0) : QModelIndex();
}

int EventAttributesModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return static_cast<int>(nodeOf(parent)->children.size());
}

int EventAttributesModel::columnCount(const QModelIndex&) const {
    return 2;
}

QVariant EventAttributesModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node* node = nodeOf(index);
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == 0 ? node->name : node->value;
    case Qt::ToolTipRole:
        return index.column() == 1 ? node->value : node->path;
    case PathRole:
        return node->path;
    case FilterFieldRole:
        return node->field;
    case FilterValueRole:
        return node->filterable ? node->value : QString();
    case TableColumnRole:
        return node->tableColumn;
    default:
        return {};
    }
}

QVariant EventAttributesModel::headerData(int section, Qt::Orientation orientation,
                                          int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == 0 ? tr("Attribute") : tr("Value");
}
