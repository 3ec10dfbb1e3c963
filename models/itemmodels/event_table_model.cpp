#include "models/itemmodels/event_table_model.h"

#include "models/cadf/timestamp.h"

#include <QDateTime>
#include <QThread>

#include <algorithm>
#include <climits>
#include <cstdlib>

using cadf::store::EventRow;

namespace {

// Requests sent to the reader and not answered yet. Two keep it busy (one running, one waiting)
// while leaving the rest in m_queue, where the newest request (what is on screen now) goes first.
constexpr int kMaxInFlight = 2;
// Misses waiting to be sent; older ones are forgotten, and asked again if still on screen.
constexpr std::size_t kMaxQueued = 32;
// A new query's count that changes the row count by more than this resets the model.
constexpr int kResetAbove = 100000;

QString fromUtf8(const std::string& text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

bool looksLikePath(const std::string& text) {
    return !text.empty() && (text.front() == '/' || text.find("://") != std::string::npos);
}

} // namespace

QString EventTableModel::placeholderText() {
    return QStringLiteral("\u2026");
}

EventTableModel::EventTableModel(const QString& storePath, QObject* parent)
    : QAbstractTableModel(parent)
    , m_latest(std::make_shared<std::atomic<quint64>>(0)) {
    qRegisterMetaType<EventRowsPtr>();
    qRegisterMetaType<StoredEventPtr>();

    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("cadf-table-reader"));
    m_reader = new EventTableReader(storePath, m_latest, kPageSize);
    m_reader->moveToThread(m_thread);
    // The reader (and its SQLite connection) dies on its own thread, as the connection requires.
    connect(m_thread, &QThread::finished, m_reader, &QObject::deleteLater);
    connect(m_reader, &EventTableReader::countReady, this, &EventTableModel::onCountReady);
    connect(m_reader, &EventTableReader::pageReady, this, &EventTableModel::onPageReady);
    connect(m_reader, &EventTableReader::pageFailed, this, &EventTableModel::onPageFailed);
    connect(m_reader, &EventTableReader::eventReady, this, &EventTableModel::onEventReady);
    connect(m_reader, &EventTableReader::storeChanged, this, &EventTableModel::reload);
    connect(m_reader, &EventTableReader::failed, this, &EventTableModel::readError);
    m_thread->start();

    startGeneration();
}

EventTableModel::~EventTableModel() {
    // Everything still queued becomes stale (and is skipped), the running query is aborted.
    m_latest->store(~quint64(0), std::memory_order_release);
    m_reader->interrupt();
    m_thread->quit();
    m_thread->wait();
}

int EventTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : m_rowCount;
}

int EventTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

void EventTableModel::setServiceNameProvider(std::function<QString(int)> serviceName) {
    m_serviceName = std::move(serviceName);
    if (m_rowCount > 0)
        Q_EMIT dataChanged(index(0, ServiceColumn), index(m_rowCount - 1, ServiceColumn),
                           {Qt::DisplayRole, Qt::ToolTipRole});
}

void EventTableModel::setEndpointNameProvider(std::function<QString(int)> endpointName) {
    m_endpointName = std::move(endpointName);
    if (m_rowCount > 0)
        Q_EMIT dataChanged(index(0, EndpointColumn), index(m_rowCount - 1, EndpointColumn),
                           {Qt::DisplayRole, Qt::ToolTipRole});
}

QList<int> EventTableModel::defaultVisibleColumns() {
    return {TimeColumn, ServiceColumn,   EndpointColumn, ActionColumn, OutcomeColumn,
            CodeColumn, InitiatorColumn, TargetColumn,   AddressColumn};
}

void EventTableModel::setQuery(const cadf::store::SqlFilter& filter, bool newestFirst) {
    m_filter = filter;
    m_sort = cadf::store::SortColumn::Time;
    m_descending = newestFirst;
    m_queryChanged = true;
    startGeneration();
}

void EventTableModel::setFilter(const cadf::store::SqlFilter& filter) {
    m_filter = filter;
    m_queryChanged = true;
    startGeneration();
}

void EventTableModel::setSort(cadf::store::SortColumn sort, bool descending) {
    if (sort == m_sort && descending == m_descending)
        return;
    m_sort = sort;
    m_descending = descending;
    m_queryChanged = true;
    startGeneration();
}

bool EventTableModel::isSortable(int column) {
    return column >= TimeColumn && column <= AddressColumn;
}

void EventTableModel::sort(int column, Qt::SortOrder order) {
    if (!isSortable(column))
        return;
    // Column order and SortColumn order are the same for the sortable columns.
    setSort(static_cast<cadf::store::SortColumn>(column), order == Qt::DescendingOrder);
}

QString EventTableModel::filterField(int column) {
    switch (column) {
    case ServiceColumn:
        return QStringLiteral("service");
    case ActionColumn:
        return QStringLiteral("action");
    case OutcomeColumn:
        return QStringLiteral("outcome");
    case CodeColumn:
        return QStringLiteral("code");
    case InitiatorColumn:
        return QStringLiteral("initiator");
    case TargetColumn:
        return QStringLiteral("target");
    case AddressColumn:
        return QStringLiteral("address");
    case EndpointColumn:
        return QStringLiteral("endpoint");
    case AgentColumn:
        return QStringLiteral("agent");
    case InitiatorIdColumn:
        return QStringLiteral("initiator.id");
    case TargetNameColumn:
        return QStringLiteral("target.name");
    case SourceColumn:
        return QStringLiteral("source");
    default:
        return {};
    }
}

void EventTableModel::setLocalTime(bool local) {
    if (local == m_localTime)
        return;
    m_localTime = local;
    Q_EMIT headerDataChanged(Qt::Horizontal, TimeColumn, TimeColumn);
    if (m_rowCount > 0)
        Q_EMIT dataChanged(index(0, TimeColumn), index(m_rowCount - 1, TimeColumn),
                           {Qt::DisplayRole, Qt::ToolTipRole});
}

QString EventTableModel::timeText(std::int64_t utcMicros, int fractionDigits) const {
    int offset = 0;
    if (m_localTime) {
        // The offset of that instant, not of now: a summer event keeps its summer offset.
        const qint64 ms = utcMicros >= 0 ? utcMicros / 1000 : (utcMicros - 999) / 1000;
        offset = QDateTime::fromMSecsSinceEpoch(ms).offsetFromUtc();
    }
    return QString::fromStdString(cadf::formatIso(utcMicros, offset, fractionDigits));
}

void EventTableModel::reload() {
    m_queryChanged = false;
    startGeneration();
}

void EventTableModel::startGeneration() {
    ++m_generation;
    m_latest->store(m_generation, std::memory_order_release);
    // The query running now belongs to the old generation.
    m_reader->interrupt();

    // The pages of the old generation stay on screen until their replacements arrive: a refresh
    // during an import then does not blink every row to a placeholder.
    // A new filter or sort is another list: its rows must not show the old one's events.
    m_staleCache = std::move(m_cache);
    if (m_queryChanged)
        m_staleCache.clear();
    m_cache.clear();
    m_requested.clear();
    m_queue.clear();
    m_failedPages.clear();
    m_inFlight = 0;

    const quint64 generation = m_generation;
    const cadf::store::SqlFilter filter = m_filter;
    const cadf::store::SortColumn sort = m_sort;
    const bool descending = m_descending;
    EventTableReader* reader = m_reader;
    QMetaObject::invokeMethod(
        reader,
        [reader, generation, filter, sort, descending] {
            reader->setQuery(generation, filter, sort, descending);
            // The first page before the count: on millions of events a count scans what the
            // filter matches, a page reads 256 rows. The rows show at once; the scroll bar
            // grows when the count arrives.
            reader->loadPage(generation, 0);
            reader->count(generation);
        },
        Qt::QueuedConnection);
    m_requested.insert(0);
    ++m_inFlight;
    m_countFresh = false;

    // Repaint what is visible, which asks for the new generation's pages.
    if (m_rowCount > 0)
        Q_EMIT dataChanged(index(0, 0), index(m_rowCount - 1, ColumnCount - 1));
}

void EventTableModel::refreshIfChanged() {
    EventTableReader* reader = m_reader;
    QMetaObject::invokeMethod(
        reader, [reader] { reader->pollVersion(); }, Qt::QueuedConnection);
}

void EventTableModel::requestEvent(qint64 id) {
    const quint64 request = ++m_eventRequest;
    EventTableReader* reader = m_reader;
    QMetaObject::invokeMethod(
        reader, [reader, request, id] { reader->loadEvent(request, id); }, Qt::QueuedConnection);
}

void EventTableModel::waitForReaderForTesting() {
    QMetaObject::invokeMethod(
        m_reader, [] {}, Qt::BlockingQueuedConnection);
}

void EventTableModel::onCountReady(quint64 generation, qint64 count, qint64 total, qint64 rejects) {
    if (generation != m_generation) {
        ++m_staleDropped;
        return;
    }
    const int rows = static_cast<int>(std::clamp<qint64>(count, 0, INT_MAX));
    if (m_queryChanged && std::abs(rows - m_rowCount) > kResetAbove) {
        // Millions of rows in or out for a new query: one reset is cheaper for the view than
        // moving its per-row bookkeeping, and a new list has no selection to keep.
        beginResetModel();
        m_rowCount = rows;
        endResetModel();
    } else if (rows > m_rowCount) {
        beginInsertRows(QModelIndex(), m_rowCount, rows - 1);
        m_rowCount = rows;
        endInsertRows();
    } else if (rows < m_rowCount) {
        beginRemoveRows(QModelIndex(), rows, m_rowCount - 1);
        m_rowCount = rows;
        endRemoveRows();
    }
    m_countKnown = true;
    m_countFresh = true;
    m_matching = count;
    m_total = total;
    m_rejects = rejects;
    Q_EMIT countChanged(count, total, rejects);
}

void EventTableModel::onPageReady(quint64 generation, int page, EventRowsPtr rows) {
    if (generation != m_generation) {
        ++m_staleDropped;
        return;
    }
    m_inFlight = std::max(0, m_inFlight - 1);
    m_requested.erase(page);
    const int firstPageRows = static_cast<int>(rows->size());
    m_cache.insert(page, std::move(rows));
    if (page == 0 && !m_countFresh) {
        // Until the count arrives the table holds the first page: exact when it is short.
        if (firstPageRows > m_rowCount) {
            beginInsertRows(QModelIndex(), m_rowCount, firstPageRows - 1);
            m_rowCount = firstPageRows;
            endInsertRows();
        } else if (firstPageRows < m_rowCount && firstPageRows < kPageSize && m_queryChanged) {
            // A short first page is the whole result. A full one says nothing about the count:
            // the rows stay (as placeholders) until it arrives, so millions of rows are not
            // removed and inserted again, which costs the view tens of milliseconds each way.
            // A refresh of the same query keeps its rows and scroll position in any case.
            beginRemoveRows(QModelIndex(), firstPageRows, m_rowCount - 1);
            m_rowCount = firstPageRows;
            endRemoveRows();
        }
    }
    const int first = page * kPageSize;
    if (first < m_rowCount) {
        const int last = std::min(first + kPageSize, m_rowCount) - 1;
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
    }
    dispatchRequests();
}

void EventTableModel::onPageFailed(quint64 generation, int page, const QString& message) {
    if (generation != m_generation) {
        ++m_staleDropped;
        return;
    }
    m_inFlight = std::max(0, m_inFlight - 1);
    m_requested.erase(page);
    // Not asked again before the next reload: a broken store must not spin the reader.
    m_failedPages.insert(page);
    Q_EMIT readError(message);
    dispatchRequests();
}

void EventTableModel::onEventReady(quint64 request, qint64 id, StoredEventPtr event) {
    if (request != m_eventRequest)
        return;
    Q_EMIT eventLoaded(id, std::move(event));
}

EventTableModel::CachedRow EventTableModel::rowAt(int row) const {
    const int page = row / kPageSize;
    const auto offset = static_cast<std::size_t>(row % kPageSize);
    if (const auto rows = m_cache.find(page))
        return {offset < rows->size() ? &(*rows)[offset] : nullptr, true};
    requestPage(page);
    if (const auto rows = m_staleCache.find(page)) {
        if (offset < rows->size())
            return {&(*rows)[offset], false};
    }
    return {nullptr, false};
}

void EventTableModel::requestPage(int page) const {
    if (m_requested.count(page) != 0 || m_failedPages.count(page) != 0)
        return;
    m_requested.insert(page);
    m_queue.push_back(page);
    while (m_queue.size() > kMaxQueued) {
        m_requested.erase(m_queue.front());
        m_queue.pop_front();
    }
    dispatchRequests();
}

void EventTableModel::dispatchRequests() const {
    while (m_inFlight < kMaxInFlight && !m_queue.empty()) {
        const int page = m_queue.back();
        m_queue.pop_back();
        ++m_inFlight;
        const quint64 generation = m_generation;
        EventTableReader* reader = m_reader;
        QMetaObject::invokeMethod(
            reader, [reader, generation, page] { reader->loadPage(generation, page); },
            Qt::QueuedConnection);
    }
}

QVariant EventTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int column = index.column();
    if (role == Qt::TextAlignmentRole) {
        const Qt::Alignment horizontal = column == CodeColumn ? Qt::AlignRight : Qt::AlignLeft;
        return QVariant::fromValue(Qt::Alignment(horizontal | Qt::AlignVCenter));
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role < EventIdRole)
        return {};
    if (role == FilterFieldRole)
        return filterField(column);

    const CachedRow cached = rowAt(index.row());
    if (role == LoadedRole)
        return cached.fresh && cached.row != nullptr;
    if (!cached.row)
        return role == Qt::DisplayRole && !cached.fresh ? QVariant(placeholderText()) : QVariant();
    const EventRow& row = *cached.row;
    switch (role) {
    case Qt::DisplayRole:
        return displayText(row, column);
    case Qt::ToolTipRole:
        return toolTipText(row, column);
    case CodeRole:
        return row.code;
    case FilterValueRole:
        return filterValue(row, column);
    case EventIdRole:
        return QVariant::fromValue<qint64>(row.id);
    case OutcomeRole:
        return static_cast<int>(row.outcome);
    case TimestampRole:
        return QVariant::fromValue<qint64>(row.ts);
    default:
        return {};
    }
}

QVariant EventTableModel::displayText(const EventRow& row, int column) const {
    switch (column) {
    case TimeColumn:
        return timeText(row.ts, 3);
    case ServiceColumn:
        return row.serviceId != 0 && m_serviceName ? m_serviceName(row.serviceId) : QString();
    case ActionColumn:
        return fromUtf8(row.action);
    case OutcomeColumn:
        switch (row.outcome) {
        case cadf::Outcome::Success:
            return tr("success", "event outcome");
        case cadf::Outcome::Failure:
            // Never colour alone: the mark says "failure" to anyone who cannot see the red.
            return QString(QStringLiteral("\u2717 ") + tr("failure", "event outcome"));
        case cadf::Outcome::Pending:
            return tr("pending", "event outcome");
        case cadf::Outcome::Unknown:
            break;
        }
        return tr("unknown", "event outcome");
    case CodeColumn:
        return row.code >= 0 ? QString::number(row.code) : fromUtf8(row.reason);
    case InitiatorColumn:
        return fromUtf8(row.initiatorName.empty() ? row.initiatorId : row.initiatorName);
    case TargetColumn:
        // A QRadar Suite target's id is the request URL, the useful part; its name repeats the
        // service. Elsewhere the name reads better than a UUID.
        if (looksLikePath(row.targetId) || row.targetName.empty())
            return fromUtf8(row.targetId);
        return fromUtf8(row.targetName);
    case AddressColumn:
        return fromUtf8(row.address);
    case EndpointColumn:
        return row.endpointId != 0 && m_endpointName ? m_endpointName(row.endpointId) : QString();
    case AgentColumn:
        return fromUtf8(row.agent);
    case InitiatorIdColumn:
        return fromUtf8(row.initiatorId);
    case TargetNameColumn:
        return fromUtf8(row.targetName);
    case SourceColumn: {
        const std::string& path = row.sourceName;
        const std::size_t slash = path.find_last_of('/');
        const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
        return tr("%1:%2", "source file:line").arg(fromUtf8(name)).arg(row.line);
    }
    default:
        return {};
    }
}

QVariant EventTableModel::filterValue(const EventRow& row, int column) const {
    switch (column) {
    case OutcomeColumn:
        return QString::fromLatin1(cadf::outcomeName(row.outcome));
    case CodeColumn:
        return row.code >= 0 ? QString::number(row.code) : fromUtf8(row.reason);
    case InitiatorColumn:
        // The initiator field matches the id or the name: either is a faithful value.
        return fromUtf8(row.initiatorName.empty() ? row.initiatorId : row.initiatorName);
    case TargetColumn:
        return fromUtf8(row.targetId.empty() ? row.targetName : row.targetId);
    case SourceColumn:
        return fromUtf8(row.sourceName);
    case TimeColumn:
        return {};
    default:
        return displayText(row, column);
    }
}

QVariant EventTableModel::toolTipText(const EventRow& row, int column) const {
    const auto labelled = [](const QString& label, const std::string& value) {
        return value.empty() ? QString() : label + QStringLiteral(": ") + fromUtf8(value);
    };
    const auto lines = [](std::initializer_list<QString> parts) {
        QStringList kept;
        for (const QString& part : parts) {
            if (!part.isEmpty())
                kept.append(part);
        }
        return kept.join(QLatin1Char('\n'));
    };
    switch (column) {
    case TimeColumn: {
        QString quality;
        switch (row.tq) {
        case cadf::TimeQuality::Exact:
            break;
        case cadf::TimeQuality::InferredSeconds:
            quality = tr("Seconds read from the QRadar Suite form HH:MM.SS");
            break;
        case cadf::TimeQuality::AmbiguousZone:
            quality = tr("Zone abbreviation resolved through a table");
            break;
        case cadf::TimeQuality::NoZoneAssumedUtc:
            quality = tr("No zone in the event time: taken as UTC");
            break;
        case cadf::TimeQuality::FromSyslogHeader:
            quality = tr("Event time missing or unreadable: syslog header time");
            break;
        case cadf::TimeQuality::FromEnvelope:
            quality = tr("Event time missing or unreadable: envelope time");
            break;
        case cadf::TimeQuality::Missing:
            quality = tr("No usable time: import time");
            break;
        }
        return lines({timeText(row.ts, 6), quality});
    }
    case InitiatorColumn:
        return lines({labelled(tr("Name"), row.initiatorName), labelled(tr("Id"), row.initiatorId),
                      labelled(tr("Address"), row.address), labelled(tr("Agent"), row.agent)});
    case TargetColumn:
        return lines({labelled(tr("Name"), row.targetName), labelled(tr("Id"), row.targetId)});
    case CodeColumn:
        return lines({labelled(tr("Reason code"), row.reason)});
    case AddressColumn:
        return lines({labelled(tr("Address"), row.address), labelled(tr("Agent"), row.agent)});
    default:
        return displayText(row, column);
    }
}

QVariant EventTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(section + 1) : QVariant();
    if (role == Qt::DisplayRole) {
        switch (section) {
        case TimeColumn:
            return m_localTime ? tr("Time (local)") : tr("Time (UTC)");
        case ServiceColumn:
            return tr("Service");
        case ActionColumn:
            return tr("Action");
        case OutcomeColumn:
            return tr("Outcome");
        case CodeColumn:
            return tr("Code", "reason code column");
        case InitiatorColumn:
            return tr("Initiator");
        case TargetColumn:
            return tr("Target");
        case AddressColumn:
            return tr("Source address");
        case EndpointColumn:
            return tr("Endpoint");
        case AgentColumn:
            return tr("Agent");
        case InitiatorIdColumn:
            return tr("Initiator id");
        case TargetNameColumn:
            return tr("Target name");
        case SourceColumn:
            return tr("Source file");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case TimeColumn:
            return m_localTime ? tr("When the event happened, ISO 8601 in this computer's zone")
                               : tr("When the event happened, ISO 8601 in UTC");
        case ServiceColumn:
            return tr("QRadar Suite service of the request, from the audit inventory");
        case EndpointColumn:
            return tr("The audit inventory's description of the request's endpoint");
        case CodeColumn:
            return tr("Reason code: the HTTP status for QRadar Suite events");
        case InitiatorColumn:
            return tr("Who caused the action");
        case TargetColumn:
            return tr("What the action was done to");
        case AddressColumn:
            return tr("The initiator's host address");
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(Qt::Alignment(
            (section == CodeColumn ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter));
    return {};
}
