#include "models/itemmodels/workspace_queries.h"

#include "models/filter/filter.h"
#include "models/inventory/catalogue.h"

#include <QThread>

namespace {

int facetLimit(FacetKind kind) {
    switch (kind) {
    case FacetKind::Outcome:
    case FacetKind::Service:
        return 0; // all: few values, and the code classes and categories sum them
    case FacetKind::Code:
        return 0;
    default:
        return WorkspaceQueries::kTopValues;
    }
}

// Rows to keep per facet, in FacetKind order.
std::vector<int> facetLimits() {
    std::vector<int> limits;
    for (int kind = 0; kind < WorkspaceWorker::kFacetKinds; ++kind)
        limits.push_back(facetLimit(FacetKind(kind)));
    return limits;
}

} // namespace

WorkspaceQueries::WorkspaceQueries(const QString& storePath, QObject* parent)
    : QObject(parent)
    , m_latest(std::make_shared<std::atomic<quint64>>(0))
    , m_latestValues(std::make_shared<std::atomic<quint64>>(0)) {
    qRegisterMetaType<ValueCountsPtr>();
    qRegisterMetaType<TimeHistogramPtr>();
    qRegisterMetaType<FacetKind>();
    // Two workers, each with its own thread and connection: the facets and the histogram of a
    // filter are counted at the same time on the machine's two cores (the UI thread mostly
    // waits), so neither waits for the other.
    const auto startWorker = [&](const QString& name, QThread*& thread, WorkspaceWorker*& worker,
                                 bool countsHistogram) {
        thread = new QThread(this);
        thread->setObjectName(name);
        worker = new WorkspaceWorker(storePath, m_latest, m_latestValues);
        worker->moveToThread(thread);
        connect(thread, &QThread::finished, worker, &QObject::deleteLater);
        connect(worker, &WorkspaceWorker::histogramReady, this, &WorkspaceQueries::onHistogram);
        connect(worker, &WorkspaceWorker::facetReady, this, &WorkspaceQueries::onFacet);
        connect(worker, &WorkspaceWorker::valuesReady, this, &WorkspaceQueries::onValues);
        connect(worker, &WorkspaceWorker::failed, this,
                [this, countsHistogram](quint64 generation, const QString& message) {
                    if (generation != m_generation)
                        return;
                    finishOne();
                    if (countsHistogram)
                        startExactFacets(); // they wait for the histogram, which will not come
                    Q_EMIT failed(message);
                });
        thread->start();
    };
    startWorker(QStringLiteral("cadf-workspace"), m_thread, m_worker, false);
    startWorker(QStringLiteral("cadf-histogram"), m_histogramThread, m_histogramWorker, true);
}

WorkspaceQueries::~WorkspaceQueries() {
    m_latest->store(~quint64(0), std::memory_order_release);
    m_latestValues->store(~quint64(0), std::memory_order_release);
    m_worker->interrupt();
    m_histogramWorker->interrupt();
    m_thread->quit();
    m_histogramThread->quit();
    m_thread->wait();
    m_histogramThread->wait();
}

void WorkspaceQueries::setFilter(const cadf::store::SqlFilter& filter) {
    m_filter = filter;
    start();
}

void WorkspaceQueries::refresh() {
    m_valueCache.clear();
    start();
}

void WorkspaceQueries::setAlignOffsetSeconds(int seconds) {
    if (seconds == m_alignOffset)
        return;
    m_alignOffset = seconds;
    start();
}

void WorkspaceQueries::start() {
    ++m_generation;
    m_latest->store(m_generation, std::memory_order_release);
    // The running queries count for a filter nobody looks at any more.
    m_worker->interrupt();
    m_histogramWorker->interrupt();
    const bool wasBusy = busy();
    m_pending = 1 + WorkspaceWorker::kFacetKinds; // the histogram and each exact facet
    if (!wasBusy)
        Q_EMIT busyChanged(true);

    const quint64 generation = m_generation;
    const cadf::store::SqlFilter filter = m_filter;
    const int align = m_alignOffset;
    WorkspaceWorker* worker = m_worker;
    WorkspaceWorker* histogramWorker = m_histogramWorker;
    const std::vector<int> limits = facetLimits();
    // The histogram on its own worker; on the other, the sampled facets (a fraction of a
    // second). The exact facets follow once the histogram is in (startExactFacets).
    m_exactStarted = false;
    QMetaObject::invokeMethod(
        histogramWorker,
        [histogramWorker, generation, filter, align] {
            histogramWorker->histogram(generation, filter, kHistogramBuckets, align);
        },
        Qt::QueuedConnection);
    QMetaObject::invokeMethod(
        worker,
        [worker, generation, filter, limits] { worker->facets(generation, filter, limits); },
        Qt::QueuedConnection);
}

void WorkspaceQueries::startExactFacets() {
    // A pass over every match (seconds on a dense filter): started after the histogram, so the
    // two never share the two cores with the event table's count.
    if (m_exactStarted)
        return;
    m_exactStarted = true;
    const quint64 generation = m_generation;
    const cadf::store::SqlFilter filter = m_filter;
    WorkspaceWorker* worker = m_worker;
    const std::vector<int> limits = facetLimits();
    QMetaObject::invokeMethod(
        worker,
        [worker, generation, filter, limits] { worker->exactFacets(generation, filter, limits); },
        Qt::QueuedConnection);
}

void WorkspaceQueries::finishOne() {
    if (m_pending <= 0)
        return;
    if (--m_pending == 0)
        Q_EMIT busyChanged(false);
}

void WorkspaceQueries::onHistogram(quint64 generation, TimeHistogramPtr histogram) {
    if (generation != m_generation)
        return;
    finishOne();
    startExactFacets();
    Q_EMIT histogramReady(std::move(histogram));
}

void WorkspaceQueries::onFacet(quint64 generation, FacetKind kind, ValueCountsPtr counts,
                               bool exact) {
    if (generation != m_generation)
        return;
    if (exact)
        finishOne();
    Q_EMIT facetReady(kind, std::move(counts), exact);
}

void WorkspaceQueries::requestValues(const QString& field) {
    if (const auto cached = m_valueCache.constFind(field); cached != m_valueCache.constEnd()) {
        Q_EMIT valuesReady(field, *cached);
        return;
    }
    const std::optional<cadf::store::GroupField> group = cadf::filter::groupFieldFor(field);
    if (!group)
        return;
    const quint64 request = ++m_valuesRequest;
    m_latestValues->store(request, std::memory_order_release);
    WorkspaceWorker* worker = m_worker;
    const cadf::store::GroupField g = *group;
    QMetaObject::invokeMethod(
        worker,
        [worker, request, field, g] { worker->values(request, field, g, kCompletionValues); },
        Qt::QueuedConnection);
}

void WorkspaceQueries::onValues(quint64 request, const QString& field, const QStringList& values) {
    if (request != m_valuesRequest)
        return;
    QStringList shown = values;
    if (field == QLatin1String("service")) {
        // The store keeps service ids; the filter language speaks inventory names.
        const cadf::inventory::Catalogue& catalogue = cadf::inventory::Catalogue::builtIn();
        shown.clear();
        for (const QString& id : values) {
            if (const auto* service = catalogue.serviceById(id.toInt()))
                shown.append(QString::fromStdString(service->name));
        }
    }
    m_valueCache.insert(field, shown);
    Q_EMIT valuesReady(field, shown);
}
