#include "views/event_table_view.h"

#include "models/itemmodels/event_table_model.h"
#include "views/column_chooser.h"
#include "views/event_row_delegate.h"
#include "views/plain_tooltips.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QEvent>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>
#include <QTextDocument>

EventTableView::EventTableView(QWidget* parent)
    : QTableView(parent) {
    showPlainToolTips(this);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight);
    setShowGrid(false);
    setAlternatingRowColors(true);
    setCornerButtonEnabled(false);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_delegate = new EventRowDelegate(this);
    setItemDelegate(m_delegate);

    QHeaderView* rows = verticalHeader();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setVisible(false);

    QHeaderView* columns = horizontalHeader();
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setStretchLastSection(true);
    columns->setHighlightSections(false);
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    columns->setSectionsMovable(true);
    columns->setSortIndicatorShown(true);
    columns->setSortIndicator(EventTableModel::TimeColumn, Qt::AscendingOrder);
    columns->setSectionsClickable(true);
    columns->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(columns, &QHeaderView::customContextMenuRequested, this,
            &EventTableView::showHeaderMenu);
    // Not QTableView's sortingEnabled: that sorts on every model reset. The model sorts in SQL
    // when the indicator moves to a sortable column; other columns put the indicator back.
    connect(columns, &QHeaderView::sortIndicatorChanged, this,
            &EventTableView::onSortIndicatorChanged);
    updateRowHeight();
}

void EventTableView::setModel(QAbstractItemModel* model) {
    QTableView::setModel(model);
    resetColumns();
}

void EventTableView::onSortIndicatorChanged(int column, Qt::SortOrder order) {
    auto* events = qobject_cast<EventTableModel*>(model());
    if (!events)
        return;
    if (!EventTableModel::isSortable(column)) {
        const QSignalBlocker blocker(horizontalHeader());
        horizontalHeader()->setSortIndicator(m_sortColumn, m_sortOrder);
        return;
    }
    m_sortColumn = column;
    m_sortOrder = order;
    events->sort(column, order);
}

void EventTableView::updateRowHeight() {
    const int height = fontMetrics().height() + 8;
    verticalHeader()->setMinimumSectionSize(height);
    verticalHeader()->setDefaultSectionSize(height);
}

void EventTableView::resetColumns() {
    if (!model())
        return;
    QHeaderView* header = horizontalHeader();
    const QList<int> shown = EventTableModel::defaultVisibleColumns();
    for (int column = 0; column < model()->columnCount(); ++column)
        header->setSectionHidden(column, !shown.contains(column));
    for (int visual = 0; visual < shown.size(); ++visual)
        header->moveSection(header->visualIndex(shown[visual]), visual);
    applyDefaultColumnWidths();
}

void EventTableView::showColumn(int column) {
    if (!model() || column < 0 || column >= model()->columnCount())
        return;
    QTableView::showColumn(column);
    scrollTo(currentIndex().isValid() ? model()->index(currentIndex().row(), column)
                                      : model()->index(rowAt(0) < 0 ? 0 : rowAt(0), column));
}

void EventTableView::applyDefaultColumnWidths() {
    if (!model())
        return;
    const QFontMetrics metrics = fontMetrics();
    const int padding = 2 * metrics.horizontalAdvance(QLatin1Char('M'));
    const auto width = [&](const QString& sample) {
        return metrics.horizontalAdvance(sample) + padding;
    };
    // Samples of typical content: wide enough for the usual value, the rest is elided.
    setColumnWidth(EventTableModel::TimeColumn,
                   width(QStringLiteral("2023-10-18T14:38:40.000+02:00")));
    setColumnWidth(EventTableModel::ServiceColumn, width(QStringLiteral("Case Management Ser")));
    setColumnWidth(EventTableModel::ActionColumn, width(QStringLiteral("update/add")));
    setColumnWidth(EventTableModel::OutcomeColumn, width(QStringLiteral("\u2717 failure")));
    setColumnWidth(EventTableModel::CodeColumn, width(QStringLiteral("Code 00")));
    setColumnWidth(EventTableModel::InitiatorColumn,
                   width(QStringLiteral("SERVICE.edgegateway.control")));
    setColumnWidth(EventTableModel::TargetColumn,
                   width(QStringLiteral("/api/entitlements/v1.0/accounts/{account_id}/st")));
    setColumnWidth(EventTableModel::AddressColumn, width(QStringLiteral("255.255.255.255")));
    setColumnWidth(EventTableModel::EndpointColumn,
                   width(QStringLiteral("Get list of controllers for spe")));
    setColumnWidth(EventTableModel::AgentColumn, width(QStringLiteral("Mozilla/5.0 (X11; Linux")));
    setColumnWidth(EventTableModel::InitiatorIdColumn,
                   width(QStringLiteral("2d1e8a3c-0000-4000-8000-0000")));
    setColumnWidth(EventTableModel::TargetNameColumn, width(QStringLiteral("isc-app-manager")));
    setColumnWidth(EventTableModel::SourceColumn,
                   width(QStringLiteral("audit-2023-10-18.log:1000")));
}

void EventTableView::showHeaderMenu(const QPoint& pos) {
    if (!model())
        return;
    QMenu menu(this);
    QHeaderView* header = horizontalHeader();
    int visible = 0;
    for (int column = 0; column < model()->columnCount(); ++column)
        visible += header->isSectionHidden(column) ? 0 : 1;
    for (int visual = 0; visual < header->count(); ++visual) {
        const int column = header->logicalIndex(visual);
        QAction* action =
            menu.addAction(model()->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        // The last visible column cannot go: a table without columns has no header to undo it.
        action->setEnabled(header->isSectionHidden(column) || visible > 1);
        connect(action, &QAction::toggled, this,
                [this, column](bool on) { setColumnHidden(column, !on); });
    }
    menu.addSeparator();
    menu.addAction(tr("&Columns\u2026"), this, &EventTableView::chooseColumns);
    menu.addAction(tr("&Reset Columns"), this, &EventTableView::resetColumns);
    menu.exec(header->viewport()->mapToGlobal(pos));
}

void EventTableView::chooseColumns() {
    if (!model())
        return;
    auto* dialog = new ColumnChooser(horizontalHeader(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void EventTableView::contextMenuEvent(QContextMenuEvent* event) {
    const QModelIndex index = indexAt(event->pos());
    if (!index.isValid())
        return;
    const QString field = index.data(EventTableModel::FilterFieldRole).toString();
    const QString value = index.data(EventTableModel::FilterValueRole).toString();
    const QString text = index.data(Qt::DisplayRole).toString();
    QMenu menu(this);
    QAction* filterOn = menu.addAction(tr("&Filter on This Value"), this,
                                       [=, this] { Q_EMIT filterRequested(field, value, false); });
    QAction* exclude = menu.addAction(tr("&Exclude This Value"), this,
                                      [=, this] { Q_EMIT filterRequested(field, value, true); });
    const bool filterable = !field.isEmpty() && index.data(EventTableModel::LoadedRole).toBool();
    filterOn->setEnabled(filterable);
    exclude->setEnabled(filterable);
    menu.addSeparator();
    menu.addAction(tr("&Copy Value"), this, [text] { QApplication::clipboard()->setText(text); });
    menu.exec(event->globalPos());
}

void EventTableView::keyPressEvent(QKeyEvent* event) {
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) &&
        currentIndex().isValid()) {
        Q_EMIT rowActivated(currentIndex().row());
        event->accept();
        return;
    }
    if (event->matches(QKeySequence::Copy) && currentIndex().isValid()) {
        QApplication::clipboard()->setText(currentIndex().data(Qt::DisplayRole).toString());
        event->accept();
        return;
    }
    QTableView::keyPressEvent(event);
}

void EventTableView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::FontChange)
        updateRowHeight();
    QTableView::changeEvent(event);
}
