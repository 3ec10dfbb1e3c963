#include "app/workspace_controller.h"

#include "app/app_settings.h"
#include "models/cadf/timestamp.h"
#include "models/filter/filter.h"
#include "models/itemmodels/event_table_model.h"
#include "models/itemmodels/facet_model.h"
#include "models/itemmodels/workspace_queries.h"
#include "views/event_detail_pane.h"
#include "views/event_table_view.h"
#include "views/facet_sidebar.h"
#include "views/filter_bar.h"
#include "views/time_histogram.h"

#include <QAction>
#include <QDateTime>
#include <QLineEdit>
#include <QTreeView>

namespace {

// A phrase for a value no field names: quotes and backslashes escaped as the language reads them.
QString phrase(const QString& value, bool exclude) {
    QString escaped;
    for (const QChar c : value) {
        if (c == u'\\' || c == u'"')
            escaped += u'\\';
        escaped += c;
    }
    return (exclude ? QStringLiteral("-\"") : QStringLiteral("\"")) + escaped + u'"';
}

} // namespace

WorkspaceController::WorkspaceController(const QString& storePath, EventTableModel* model,
                                         EventTableView* table, EventDetailPane* detail,
                                         AppSettings& settings, QWidget* window)
    : QObject(window)
    , m_settings(settings)
    , m_model(model)
    , m_table(table)
    , m_detail(detail) {
    m_queries = new WorkspaceQueries(storePath, this);
    m_facetModel = new FacetModel(this);
    m_filterBar = new FilterBar(window);
    m_facets = new FacetSidebar(m_facetModel, window);
    m_histogram = new TimeHistogram(window);

    m_filterBar->setHistory(settings.filterHistory());
    m_filterBar->setSavedFilters(settings.savedFilters());
    connect(m_filterBar, &FilterBar::historyChanged, this,
            [this](const QStringList& history) { m_settings.setFilterHistory(history); });
    connect(
        m_filterBar, &FilterBar::savedFiltersChanged, this,
        [this](const QList<FilterBar::SavedFilter>& saved) { m_settings.setSavedFilters(saved); });
    connect(m_filterBar, &FilterBar::filterApplied, this,
            [this](const QString& text, const cadf::store::SqlFilter& sql) {
                m_model->setFilter(sql);
                m_facetModel->markStale();
                m_queries->setFilter(sql);
                onFilterApplied(text);
            });
    connect(m_filterBar, &FilterBar::valuesWanted, m_queries, &WorkspaceQueries::requestValues);
    connect(m_queries, &WorkspaceQueries::valuesReady, m_filterBar, &FilterBar::setValues);

    connect(m_queries, &WorkspaceQueries::histogramReady, m_histogram,
            &TimeHistogram::setHistogram);
    connect(m_queries, &WorkspaceQueries::facetReady, m_facetModel, &FacetModel::setFacet);
    connect(m_queries, &WorkspaceQueries::busyChanged, this, [this](bool busy) {
        m_facets->setBusy(busy);
        m_histogram->setBusy(busy);
    });

    connect(m_facets, &FacetSidebar::filterRequested, this, &WorkspaceController::filterOn);
    connect(m_table, &EventTableView::filterRequested, this, &WorkspaceController::filterOn);
    connect(m_detail, &EventDetailPane::filterRequested, this, &WorkspaceController::filterOn);
    connect(m_detail, &EventDetailPane::addColumnRequested, m_table, &EventTableView::showColumn);
    connect(m_table, &EventTableView::rowActivated, this,
            [this] { m_detail->attributeView()->setFocus(); });
    connect(m_histogram, &TimeHistogram::rangeSelected, this,
            &WorkspaceController::selectTimeRange);
    connect(m_histogram, &TimeHistogram::zoomOutRequested, this, &WorkspaceController::zoomOut);

    m_focusFilter = new QAction(tr("&Filter\u2026"), this);
    m_focusFilter->setShortcuts({QKeySequence::Find, QKeySequence(Qt::Key_Slash)});
    m_focusFilter->setStatusTip(tr("Edit the display filter"));
    connect(m_focusFilter, &QAction::triggered, this, [this] {
        m_filterBar->lineEdit()->setFocus(Qt::ShortcutFocusReason);
        m_filterBar->lineEdit()->selectAll();
    });

    m_localTime = new QAction(tr("&Local Time"), this);
    m_localTime->setCheckable(true);
    m_localTime->setStatusTip(tr("Show times in this computer's time zone instead of UTC"));
    connect(m_localTime, &QAction::toggled, this, &WorkspaceController::setLocalTime);

    m_columns = new QAction(tr("&Columns\u2026"), this);
    m_columns->setStatusTip(tr("Choose, hide and reorder the event table's columns"));
    connect(m_columns, &QAction::triggered, m_table, &EventTableView::chooseColumns);

    m_showFacets = new QAction(tr("F&acets"), this);
    m_showFacets->setCheckable(true);
    m_showFacets->setChecked(true);
    connect(m_showFacets, &QAction::toggled, m_facets, &QWidget::setVisible);
    m_showHistogram = new QAction(tr("Time &Histogram"), this);
    m_showHistogram->setCheckable(true);
    m_showHistogram->setChecked(true);
    connect(m_showHistogram, &QAction::toggled, m_histogram, &QWidget::setVisible);

    m_filterHelp = new QAction(tr("&Filter Syntax"), this);
    m_filterHelp->setStatusTip(tr("Fields, operators and examples of the display filter"));
    connect(m_filterHelp, &QAction::triggered, m_filterBar, &FilterBar::showHelp);

    // The facets and the histogram start with the table's first count (storeChanged()): the
    // store may not exist yet, or be filling from an import started with the window.
    m_localTime->setChecked(settings.localTime());
}

WorkspaceController::~WorkspaceController() = default;

int WorkspaceController::displayOffsetSeconds() const {
    return m_localTime->isChecked() ? QDateTime::currentDateTime().offsetFromUtc() : 0;
}

void WorkspaceController::setLocalTime(bool local) {
    if (m_localTime->isChecked() != local) {
        m_localTime->setChecked(local); // comes back here through toggled
        return;
    }
    m_settings.setLocalTime(local);
    m_model->setLocalTime(local);
    m_detail->setLocalTime(local);
    m_histogram->setLocalTime(local);
    m_filterBar->setDisplayUtcOffsetSeconds(displayOffsetSeconds());
    m_queries->setAlignOffsetSeconds(displayOffsetSeconds());
}

void WorkspaceController::filterOn(const QString& field, const QString& value, bool exclude) {
    if (value.isEmpty())
        return;
    m_filterBar->addTerm(field.isEmpty() ? phrase(value, exclude)
                                         : cadf::filter::termFor(field, value, exclude));
}

void WorkspaceController::selectTimeRange(qint64 fromUs, qint64 toUs) {
    const int offset = displayOffsetSeconds();
    const QString from = QString::fromStdString(cadf::formatIso(fromUs, offset, 0));
    const QString to = QString::fromStdString(cadf::formatIso(toUs, offset, 0));
    m_zoomStack.append(m_filterBar->appliedText());
    m_zooming = true;
    m_filterBar->addTerm(QStringLiteral("time>=%1 time<%2").arg(from, to));
    m_zooming = false;
    m_histogram->setZoomOutEnabled(true);
}

void WorkspaceController::zoomOut() {
    if (m_zoomStack.isEmpty())
        return;
    const QString previous = m_zoomStack.takeLast();
    m_zooming = true;
    m_filterBar->setTextAndApply(previous);
    m_zooming = false;
    m_histogram->setZoomOutEnabled(!m_zoomStack.isEmpty());
}

void WorkspaceController::onFilterApplied(const QString&) {
    // A filter typed by hand starts a new zoom history.
    if (!m_zooming) {
        m_zoomStack.clear();
        m_histogram->setZoomOutEnabled(false);
    }
}

void WorkspaceController::storeChanged() {
    m_queries->refresh();
}
