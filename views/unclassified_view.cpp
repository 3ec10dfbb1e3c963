#include "views/unclassified_view.h"

#include "models/filter/filter.h"
#include "models/inventory/coverage_report.h"
#include "models/itemmodels/coverage_loader.h"
#include "models/itemmodels/unclassified_model.h"
#include "views/plain_tooltips.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QProgressBar>
#include <QTableView>
#include <QVBoxLayout>

UnclassifiedView::UnclassifiedView(UnclassifiedModel* model, CoverageLoader* loader,
                                   QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_loader(loader) {
    m_summary = new QLabel(this);
    m_summary->setTextFormat(Qt::PlainText);
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(80);
    m_busy->setMaximumHeight(12);
    m_busy->setTextVisible(false);
    m_busy->setVisible(false);

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(6, 4, 6, 2);
    bar->addWidget(m_summary, 1);
    bar->addWidget(m_busy);

    m_table = new QTableView(this);
    showPlainToolTips(m_table);
    m_table->setModel(m_model);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // most events first, as counted
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->verticalHeader()->setVisible(false);
    QHeaderView* header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    header->resizeSection(UnclassifiedModel::PatternColumn, 300);
    for (int c : {UnclassifiedModel::EventsColumn, UnclassifiedModel::FailuresColumn,
                  UnclassifiedModel::InitiatorsColumn, UnclassifiedModel::RequestsColumn})
        header->resizeSection(c, 75);
    header->resizeSection(UnclassifiedModel::ExamplesColumn, 320);
    header->resizeSection(UnclassifiedModel::ClosestColumn, 360);
    header->resizeSection(UnclassifiedModel::FirstSeenColumn, 160);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);

    connect(m_table, &QTableView::doubleClicked, this,
            [this](const QModelIndex& index) { requestFilter(index, false); });
    connect(m_table, &QWidget::customContextMenuRequested, this,
            &UnclassifiedView::showContextMenu);
    connect(m_loader, &CoverageLoader::busyChanged, m_busy, &QWidget::setVisible);
    auto show = [this](CoverageReportPtr report) {
        m_model->setReport(report);
        if (!report) {
            m_summary->clear();
            return;
        }
        const QLocale locale;
        const std::int64_t events = report->endpoints.empty() ? 0 : report->endpoints[0].events;
        m_summary->setText(
            report->unclassified.empty()
                ? tr("Every event matched the inventory.")
                : tr("%1 unclassified events in %2 path patterns (ids, numbers and hashes "
                     "folded into {id})")
                      .arg(locale.toString(qint64(events)),
                           locale.toString(qsizetype(report->unclassified.size()))));
    };
    connect(m_loader, &CoverageLoader::reportChanged, this, show);
    connect(m_loader, &CoverageLoader::failed, this, [this](const QString& message) {
        m_summary->setText(tr("Counting failed: %1").arg(message));
    });
    m_busy->setVisible(m_loader->isBusy());
    show(m_loader->report());
}

QString UnclassifiedView::summaryText() const {
    return m_summary->text();
}

void UnclassifiedView::requestFilter(const QModelIndex& index, bool exclude) {
    if (!index.isValid())
        return;
    const QString text = index.data(UnclassifiedModel::FilterTextRole).toString();
    if (!text.isEmpty())
        Q_EMIT filterRequested(exclude ? cadf::filter::excludedFilter(text) : text);
}

void UnclassifiedView::showContextMenu(const QPoint& pos) {
    const QModelIndex index = m_table->indexAt(pos);
    if (!index.isValid())
        return;
    QMenu menu(this);
    menu.addAction(tr("&Filter On"), this, [this, index] { requestFilter(index, false); });
    menu.addAction(tr("&Exclude"), this, [this, index] { requestFilter(index, true); });
    menu.addSeparator();
    menu.addAction(tr("&Copy"), this, [index] {
        QApplication::clipboard()->setText(index.data(Qt::DisplayRole).toString());
    });
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}
