#include "views/drilldown_table_view.h"

#include "models/itemmodels/drilldown_table_model.h"
#include "views/plain_tooltips.h"

#include <QAction>
#include <QApplication>
#include <QBrush>
#include <QClipboard>
#include <QColor>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace {

// Sorting and the quick filter, plus the faint red of failure rows (a tint that reads on light and
// dark palettes alike; the counts say it in text too).
class DrilldownProxy : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    QVariant data(const QModelIndex& index, int role) const override {
        if (role == Qt::BackgroundRole)
            return QSortFilterProxyModel::data(index, DrilldownTableModel::FailureRole).toBool()
                       ? QVariant(QBrush(QColor(220, 50, 50, 40)))
                       : QVariant();
        return QSortFilterProxyModel::data(index, role);
    }
};

} // namespace

DrilldownTableView::DrilldownTableView(DrilldownTableModel* model, bool quickFilter,
                                       QWidget* parent)
    : QWidget(parent)
    , m_model(model) {
    m_proxy = new DrilldownProxy(this);
    m_proxy->setSourceModel(model);
    m_proxy->setSortRole(DrilldownTableModel::SortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_table = new QTableView(this);
    showPlainToolTips(m_table);
    m_table->setModel(m_proxy);
    // Rows come in the model's order (most events first) until a header is clicked.
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::DescendingOrder);
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->setVisible(false);
    // Fixed row heights: never ResizeToContents on the vertical header.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    if (quickFilter) {
        m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
        m_table->horizontalHeader()->setStretchLastSection(true);
    } else {
        // A short list (a profile's top 20): the name takes the room, the counts fit their text.
        m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
        m_table->horizontalHeader()->setStretchLastSection(false);
        connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
            if (m_stretchColumn < m_model->columnCount())
                m_table->horizontalHeader()->setSectionResizeMode(m_stretchColumn,
                                                                  QHeaderView::Stretch);
        });
    }
    m_table->horizontalHeader()->setHighlightSections(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    if (quickFilter) {
        auto* row = new QHBoxLayout;
        m_quickFilter = new QLineEdit(this);
        m_quickFilter->setPlaceholderText(tr("Find in this table"));
        m_quickFilter->setClearButtonEnabled(true);
        m_quickFilter->setToolTip(
            tr("Shows the rows whose text contains this; the global filter stays as it is"));
        m_shown = new QLabel(this);
        m_shown->setTextFormat(Qt::PlainText);
        row->addWidget(m_quickFilter, 1);
        row->addWidget(m_shown);
        layout->addLayout(row);
        connect(m_quickFilter, &QLineEdit::textChanged, this,
                [this](const QString& text) { m_proxy->setFilterFixedString(text); });
        const auto updateShown = [this] {
            const QLocale locale;
            m_shown->setText(m_proxy->rowCount() == m_model->rowCount()
                                 ? tr("%1 rows").arg(locale.toString(m_model->rowCount()))
                                 : tr("%1 of %2 rows")
                                       .arg(locale.toString(m_proxy->rowCount()),
                                            locale.toString(m_model->rowCount())));
        };
        connect(m_proxy, &QAbstractItemModel::modelReset, this, updateShown);
        connect(m_proxy, &QAbstractItemModel::rowsInserted, this, updateShown);
        connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, updateShown);
        connect(m_proxy, &QAbstractItemModel::layoutChanged, this, updateShown);
        updateShown();
    }
    layout->addWidget(m_table, 1);

    connect(m_table, &QTableView::doubleClicked, this, &DrilldownTableView::onDoubleClicked);
    connect(m_table, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        const QModelIndex index = m_table->indexAt(pos);
        if (!index.isValid())
            return;
        QMenu* menu = createContextMenu(index, this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_table->viewport()->mapToGlobal(pos));
    });
    auto* copyShortcut = new QShortcut(QKeySequence::Copy, m_table);
    copyShortcut->setContext(Qt::WidgetShortcut);
    connect(copyShortcut, &QShortcut::activated, this, [this] { copy(m_table->currentIndex()); });
}

void DrilldownTableView::setBusy(bool busy) {
    // The old rows stay readable but greyed until the new ones arrive.
    m_table->viewport()->setEnabled(!busy);
}

void DrilldownTableView::setStretchColumn(int column) {
    m_stretchColumn = column;
}

void DrilldownTableView::fitColumns() {
    QHeaderView* header = m_table->horizontalHeader();
    if (!m_quickFilter)
        return; // the short lists size themselves
    for (int c = 0; c < m_model->columnCount(); ++c) {
        // QTableView sizes from the visible rows only: cheap on any number of rows.
        m_table->resizeColumnToContents(c);
        header->resizeSection(c, std::min(header->sectionSize(c) + 12, 360));
    }
}

QMenu* DrilldownTableView::createContextMenu(const QModelIndex& proxyIndex, QWidget* parent) {
    auto* menu = new QMenu(parent);
    const QString term = proxyIndex.data(DrilldownTableModel::FilterTermRole).toString();
    const QString exclude = proxyIndex.data(DrilldownTableModel::ExcludeTermRole).toString();
    QAction* filterOn = menu->addAction(tr("&Filter on %1").arg(term));
    filterOn->setObjectName(QStringLiteral("filterOn"));
    filterOn->setEnabled(!term.isEmpty());
    connect(filterOn, &QAction::triggered, this,
            [this, term] { Q_EMIT filterClauseRequested(term); });
    QAction* excludeAction = menu->addAction(tr("&Exclude %1").arg(term));
    excludeAction->setObjectName(QStringLiteral("exclude"));
    excludeAction->setEnabled(!exclude.isEmpty());
    connect(excludeAction, &QAction::triggered, this,
            [this, exclude] { Q_EMIT filterClauseRequested(exclude); });
    if (term.isEmpty()) {
        filterOn->setText(tr("&Filter on"));
        excludeAction->setText(tr("&Exclude"));
    }
    const QString kind = proxyIndex.data(DrilldownTableModel::ProfileKindRole).toString();
    const QString key = proxyIndex.data(DrilldownTableModel::ProfileKeyRole).toString();
    if (!kind.isEmpty()) {
        QAction* profile = menu->addAction(tr("Open &Profile"));
        profile->setObjectName(QStringLiteral("openProfile"));
        connect(profile, &QAction::triggered, this,
                [this, kind, key] { Q_EMIT profileRequested(kind, key); });
    }
    menu->addSeparator();
    QAction* copyAction = menu->addAction(tr("&Copy"));
    copyAction->setObjectName(QStringLiteral("copy"));
    copyAction->setShortcut(QKeySequence::Copy);
    const QPersistentModelIndex persistent(proxyIndex);
    connect(copyAction, &QAction::triggered, this, [this, persistent] { copy(persistent); });
    return menu;
}

void DrilldownTableView::onDoubleClicked(const QModelIndex& proxyIndex) {
    const QString kind = proxyIndex.data(DrilldownTableModel::ProfileKindRole).toString();
    if (!kind.isEmpty()) {
        Q_EMIT profileRequested(kind,
                                proxyIndex.data(DrilldownTableModel::ProfileKeyRole).toString());
        return;
    }
    const QString term = proxyIndex.data(DrilldownTableModel::FilterTermRole).toString();
    if (!term.isEmpty())
        Q_EMIT filterClauseRequested(term);
}

void DrilldownTableView::copy(const QModelIndex& proxyIndex) {
    if (!proxyIndex.isValid())
        return;
    QApplication::clipboard()->setText(proxyIndex.data(Qt::DisplayRole).toString());
}
