#include "models/itemmodels/event_table_reader.h"

#include "models/filter/filter.h"
#include "models/store/sqlite_db.h"
#include "models/store/store_reader.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <sqlite3.h>

#include <variant>

using cadf::store::Keyset;
using cadf::store::SqlValue;
using cadf::store::StoreError;
using cadf::store::StoreReader;

namespace {

// Page ends remembered per generation; beyond this many the map starts afresh (a jump then
// costs one OFFSET scan again, which is what a first visit costs anyway).
constexpr std::size_t kMaxRememberedPageEnds = 16384;

} // namespace

EventTableReader::EventTableReader(QString storePath,
                                   std::shared_ptr<const std::atomic<quint64>> latestGeneration,
                                   int pageSize)
    : m_storePath(std::move(storePath))
    , m_latest(std::move(latestGeneration))
    , m_pageSize(pageSize) {}

// Destroyed on the reader thread (deleteLater when the thread finishes), which is the thread
// the connection was opened on.
EventTableReader::~EventTableReader() {
    const std::lock_guard lock(m_readerMutex);
    m_reader.reset();
}

bool EventTableReader::stale(quint64 generation) const {
    return generation != m_latest->load(std::memory_order_acquire);
}

bool EventTableReader::ensureReader() {
    if (m_reader)
        return true;
    StoreError error;
    auto reader = StoreReader::open(m_storePath.toStdString(), &error);
    if (!reader) {
        // A store that does not exist yet is normal before the writer has created it; only a
        // file that is there and cannot be read is worth telling the user about.
        if (QFileInfo::exists(m_storePath))
            Q_EMIT failed(QString::fromStdString(error.message));
        return false;
    }
    m_lastVersion = reader->dataVersion();
    const std::lock_guard lock(m_readerMutex);
    m_reader = std::move(reader);
    return true;
}

void EventTableReader::interrupt() {
    const std::lock_guard lock(m_readerMutex);
    if (m_reader)
        m_reader->interrupt();
}

QString EventTableReader::lastErrorText() const {
    if (!m_reader)
        return QCoreApplication::translate("EventTableReader", "The store is not open.");
    return QString::fromStdString(m_reader->lastError().message);
}

void EventTableReader::setQuery(quint64 generation, const cadf::store::SqlFilter& filter,
                                cadf::store::SortColumn sort, bool descending) {
    m_generation = generation;
    m_filter = filter;
    m_resolvedKnown = false;
    m_sort = sort;
    m_descending = descending;
    m_pageEnds.clear();
}

const cadf::store::SqlFilter& EventTableReader::resolvedFilter() {
    if (m_resolvedKnown)
        return m_resolved;
    StoreError error;
    cadf::store::SqlFilter resolved =
        cadf::filter::resolveLookups(m_reader->database(), m_filter, &error);
    if (error)
        return m_filter; // interrupted: the filter as written is exact too; resolve next time
    m_resolved = std::move(resolved);
    m_resolvedKnown = true;
    return m_resolved;
}

void EventTableReader::count(quint64 generation) {
    if (stale(generation))
        return;
    if (!ensureReader()) {
        Q_EMIT countReady(generation, 0, 0, 0);
        return;
    }
    // An unfiltered count comes from the per-source counters: no table scan on every refresh.
    for (int attempt = 0; attempt < 2; ++attempt) {
        const std::int64_t total = m_reader->totalEvents();
        const std::int64_t matching =
            m_filter.where.empty() ? total : m_reader->countEvents(resolvedFilter());
        if (matching >= 0 && total >= 0) {
            std::int64_t rejects = 0;
            for (const cadf::store::ReasonCount& reason : m_reader->rejectCountsByReason())
                rejects += reason.count;
            if (m_reader->lastError())
                rejects = -1;
            Q_EMIT countReady(generation, matching, total, rejects);
            return;
        }
        if (!m_reader->wasInterrupted() || stale(generation))
            break;
    }
    if (stale(generation))
        return;
    Q_EMIT failed(lastErrorText());
    Q_EMIT countReady(generation, 0, 0, -1);
}

void EventTableReader::loadPage(quint64 generation, int page) {
    if (stale(generation) || generation != m_generation)
        return;
    if (!ensureReader()) {
        // No store yet (the window opened before its first import): an empty page, as the
        // count says zero; the store's appearance reloads everything.
        if (!QFileInfo::exists(m_storePath))
            Q_EMIT pageReady(generation, page,
                             std::make_shared<const std::vector<cadf::store::EventRow>>());
        else
            Q_EMIT pageFailed(generation, page, lastErrorText());
        return;
    }
    StoreError error;
    for (int attempt = 0; attempt < 2; ++attempt) {
        std::optional<Keyset> after;
        if (page > 0) {
            const auto known = m_pageEnds.find(page - 1);
            if (known != m_pageEnds.end()) {
                after = known->second;
            } else {
                // A jump deep into the table: one OFFSET scan instead of a chain of pages.
                after = m_reader->keysetAt(resolvedFilter(), m_sort, m_descending,
                                           static_cast<std::int64_t>(page) * m_pageSize - 1);
                error = m_reader->lastError();
                if (!error && !after) {
                    Q_EMIT pageReady(generation, page,
                                     std::make_shared<std::vector<cadf::store::EventRow>>());
                    return;
                }
            }
        }
        if (!error) {
            std::vector<cadf::store::EventRow> rows =
                m_reader->page(resolvedFilter(), m_sort, m_descending, after, m_pageSize);
            error = m_reader->lastError();
            if (!error) {
                if (!rows.empty()) {
                    if (m_pageEnds.size() >= kMaxRememberedPageEnds)
                        m_pageEnds.clear();
                    m_pageEnds[page] = cadf::store::keysetOf(rows.back());
                }
                Q_EMIT pageReady(
                    generation, page,
                    std::make_shared<const std::vector<cadf::store::EventRow>>(std::move(rows)));
                return;
            }
        }
        if (stale(generation))
            return;
        // Caught by an interrupt meant for an older generation's query: run it again.
        if ((error.sqliteCode & 0xff) != SQLITE_INTERRUPT)
            break;
        error = {};
    }
    Q_EMIT pageFailed(generation, page, QString::fromStdString(error.message));
}

void EventTableReader::loadEvent(quint64 request, qint64 id) {
    if (!ensureReader()) {
        Q_EMIT eventReady(request, id, nullptr);
        return;
    }
    std::optional<cadf::store::StoredEvent> event = m_reader->event(id);
    if (!event && m_reader->wasInterrupted())
        event = m_reader->event(id);
    Q_EMIT eventReady(request, id,
                      event ? std::make_shared<const cadf::store::StoredEvent>(std::move(*event))
                            : nullptr);
}

void EventTableReader::pollVersion() {
    if (!m_reader) {
        if (ensureReader())
            Q_EMIT storeChanged();
        return;
    }
    const std::int64_t version = m_reader->dataVersion();
    if (version >= 0 && version != m_lastVersion) {
        m_lastVersion = version;
        m_resolvedKnown = false; // new dictionary entries may match the filter
        Q_EMIT storeChanged();
    }
}
