#include "views/inventory_view.h"

#include "models/filter/filter.h"
#include "models/inventory/catalogue.h"
#include "models/inventory/coverage_report.h"
#include "models/itemmodels/coverage_loader.h"
#include "models/itemmodels/inventory_tree_model.h"
#include "views/plain_tooltips.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QProgressBar>
#include <QSaveFile>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace {

// Writes the file on a pool thread: the UI thread never touches the disk.
QString writeCsv(const QString& path, const std::string& csv) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return file.errorString();
    file.write(csv.data(), qint64(csv.size()));
    if (!file.commit())
        return file.errorString();
    return {};
}

} // namespace

InventoryView::InventoryView(InventoryTreeModel* model, CoverageLoader* loader, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_loader(loader) {
    m_neverSeen = new QCheckBox(tr("&Never seen only"), this);
    m_neverSeen->setToolTip(
        tr("Show only the endpoints without a single event: the audit gaps of this store"));
    m_summary = new QLabel(this);
    m_summary->setTextFormat(Qt::PlainText);
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0); // busy indicator
    m_busy->setMaximumWidth(80);
    m_busy->setMaximumHeight(12);
    m_busy->setTextVisible(false);
    m_busy->setVisible(false);
    m_busy->setToolTip(tr("Counting the events of every endpoint\u2026"));
    m_export = new QToolButton(this);
    m_export->setText(tr("Export CSV\u2026"));
    m_export->setToolTip(tr("Save the endpoints shown, with their counts, as a CSV file"));
    m_export->setEnabled(false);

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(6, 4, 6, 2);
    bar->addWidget(m_neverSeen);
    bar->addSpacing(12);
    bar->addWidget(m_summary, 1);
    bar->addWidget(m_busy);
    bar->addWidget(m_export);

    m_tree = new QTreeView(this);
    showPlainToolTips(m_tree);
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSortingEnabled(true);
    m_tree->sortByColumn(-1, Qt::AscendingOrder); // catalogue order until a header is clicked
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setExpandsOnDoubleClick(false); // double-click filters; the arrow expands
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->setTextElideMode(Qt::ElideRight);
    QHeaderView* header = m_tree->header();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    header->setSortIndicatorShown(true);
    header->resizeSection(InventoryTreeModel::NameColumn, 420);
    for (int c : {InventoryTreeModel::EventsColumn, InventoryTreeModel::FailuresColumn,
                  InventoryTreeModel::InitiatorsColumn})
        header->resizeSection(c, 80);
    header->resizeSection(InventoryTreeModel::FirstSeenColumn, 160);
    header->resizeSection(InventoryTreeModel::LastSeenColumn, 160);
    header->resizeSection(InventoryTreeModel::ActionsColumn, 110);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_tree, 1);

    connect(m_neverSeen, &QCheckBox::toggled, this, [this](bool on) {
        m_model->setNeverSeenOnly(on);
        if (on)
            m_tree->expandAll(); // the gaps are the point: show them all
        updateSummary();
    });
    connect(m_tree, &QTreeView::doubleClicked, this,
            [this](const QModelIndex& index) { requestFilter(index, false); });
    connect(m_tree, &QWidget::customContextMenuRequested, this, &InventoryView::showContextMenu);
    connect(m_export, &QToolButton::clicked, this, &InventoryView::chooseExportFile);
    connect(m_loader, &CoverageLoader::busyChanged, this, &InventoryView::onBusyChanged);
    connect(m_loader, &CoverageLoader::reportChanged, this, [this](CoverageReportPtr report) {
        m_model->setReport(std::move(report));
        m_filtered = m_nextFiltered;
        if (!m_expandedOnce) {
            // Categories open, services closed: 17 services fit on a screen, 531 rows do not.
            m_expandedOnce = true;
            m_tree->expandToDepth(0);
        }
        if (m_neverSeen->isChecked())
            m_tree->expandAll();
        updateSummary();
    });
    connect(m_loader, &CoverageLoader::failed, this, [this](const QString& message) {
        m_summary->setText(tr("Counting failed: %1").arg(message));
    });
    onBusyChanged(m_loader->isBusy());
    if (m_loader->report())
        m_model->setReport(m_loader->report());
    updateSummary();
}

QString InventoryView::summaryText() const {
    return m_summary->text();
}

void InventoryView::updateSummary() {
    const CoverageReportPtr report = m_model->report();
    m_export->setEnabled(report != nullptr);
    if (!report) {
        m_summary->setText(m_loader->isBusy() ? tr("Counting\u2026") : QString());
        return;
    }
    const QLocale locale;
    const int rows = report->rowsSeen + report->rowsNeverSeen;
    const std::int64_t unclassified = report->endpoints.empty() ? 0 : report->endpoints[0].events;
    // Never-seen rows the classifier cannot reach are no gap in the audit: say how many.
    const QString shadowed =
        report->rowsNeverSeenShadowed > 0
            ? tr(" (%1 only share their URL with another row)").arg(report->rowsNeverSeenShadowed)
            : QString();
    const QString summary = m_filtered ? tr("Under the filter: %1 of %2 endpoints seen \u00b7 %3 "
                                            "never seen%6 \u00b7 %4 events, %5 unclassified")
                                       : tr("%1 of %2 endpoints seen \u00b7 %3 never seen%6 "
                                            "\u00b7 %4 events, %5 unclassified");
    m_summary->setText(summary.arg(locale.toString(report->rowsSeen), locale.toString(rows),
                                   locale.toString(report->rowsNeverSeen),
                                   locale.toString(qint64(report->all.events)),
                                   locale.toString(qint64(unclassified)), shadowed));
}

void InventoryView::setFiltered(bool filtered) {
    m_nextFiltered = filtered;
}

void InventoryView::onBusyChanged(bool busy) {
    // The old counts stay usable while new ones are counted (a live import recounts every few
    // seconds: disabling the tree each time would make it flicker); the bar says it is busy.
    m_busy->setVisible(busy);
    if (!m_model->report())
        updateSummary();
}

void InventoryView::requestFilter(const QModelIndex& index, bool exclude) {
    if (!index.isValid())
        return;
    const QString text = m_model->filterText(index.siblingAtColumn(0));
    if (text.isEmpty())
        return;
    Q_EMIT filterRequested(exclude ? cadf::filter::excludedFilter(text) : text);
}

QString InventoryView::serviceOf(const QModelIndex& index) const {
    const QModelIndex row = index.siblingAtColumn(0);
    switch (row.data(InventoryTreeModel::KindRole).toInt()) {
    case InventoryTreeModel::ServiceNode:
        return row.data(Qt::DisplayRole).toString();
    case InventoryTreeModel::EndpointNode:
        return row.parent().data(Qt::DisplayRole).toString();
    default:
        return {};
    }
}

void InventoryView::showContextMenu(const QPoint& pos) {
    const QModelIndex index = m_tree->indexAt(pos);
    if (!index.isValid())
        return;
    QMenu menu(this);
    menu.addAction(tr("&Filter On"), this, [this, index] { requestFilter(index, false); });
    menu.addAction(tr("&Exclude"), this, [this, index] { requestFilter(index, true); });
    if (const QString service = serviceOf(index); !service.isEmpty()) {
        menu.addAction(tr("Open %1 &Dashboard").arg(service), this,
                       [this, service] { Q_EMIT serviceDashboardRequested(service); });
    }
    menu.addSeparator();
    menu.addAction(tr("&Copy"), this, [index] {
        QApplication::clipboard()->setText(index.data(Qt::DisplayRole).toString());
    });
    menu.addAction(tr("Copy &Row"), this, [this, index] {
        QStringList cells;
        for (int c = 0; c < m_model->columnCount(); ++c)
            cells << index.siblingAtColumn(c).data(Qt::DisplayRole).toString();
        QApplication::clipboard()->setText(cells.join(u'\t'));
    });
    menu.exec(m_tree->viewport()->mapToGlobal(pos));
}

void InventoryView::chooseExportFile() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Inventory Coverage"),
        QDir::home().filePath(m_neverSeen->isChecked() ? QStringLiteral("inventory-never-seen.csv")
                                                       : QStringLiteral("inventory-coverage.csv")),
        tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        exportCsv(path);
}

void InventoryView::exportCsv(const QString& path) {
    const CoverageReportPtr report = m_model->report();
    if (!report) {
        Q_EMIT exportFinished(path, tr("nothing counted yet"));
        return;
    }
    const bool neverSeenOnly = m_neverSeen->isChecked();
    auto* watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, path] {
        Q_EMIT exportFinished(path, watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run([path, report, neverSeenOnly] {
        return writeCsv(path, cadf::inventory::coverageCsv(cadf::inventory::Catalogue::builtIn(),
                                                           *report, neverSeenOnly));
    }));
}
