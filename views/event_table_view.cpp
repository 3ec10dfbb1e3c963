#include "views/event_table_view.h"

#include "models/itemmodels/event_table_model.h"

#include <QEvent>
#include <QHeaderView>
#include <QHelpEvent>
#include <QTextDocument>
#include <QToolTip>

EventTableView::EventTableView(QWidget* parent)
    : QTableView(parent) {
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
    // Sorting is done in SQL by the model (time order for now), never by a proxy.
    setSortingEnabled(false);

    QHeaderView* rows = verticalHeader();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setVisible(false);

    QHeaderView* columns = horizontalHeader();
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setStretchLastSection(true);
    columns->setHighlightSections(false);
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    columns->setSectionsMovable(true);
    updateRowHeight();
}

void EventTableView::setModel(QAbstractItemModel* model) {
    QTableView::setModel(model);
    applyDefaultColumnWidths();
}

void EventTableView::updateRowHeight() {
    const int height = fontMetrics().height() + 8;
    verticalHeader()->setMinimumSectionSize(height);
    verticalHeader()->setDefaultSectionSize(height);
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
    setColumnWidth(EventTableModel::TimeColumn, width(QStringLiteral("2023-10-18T14:38:40.000Z")));
    setColumnWidth(EventTableModel::ServiceColumn, width(QStringLiteral("Case Management Ser")));
    setColumnWidth(EventTableModel::ActionColumn, width(QStringLiteral("update/add")));
    setColumnWidth(EventTableModel::OutcomeColumn, width(QStringLiteral("\u2717 failure")));
    setColumnWidth(EventTableModel::CodeColumn, width(QStringLiteral("Code 00")));
    setColumnWidth(EventTableModel::InitiatorColumn,
                   width(QStringLiteral("SERVICE.edgegateway.control")));
    setColumnWidth(EventTableModel::TargetColumn,
                   width(QStringLiteral("/api/entitlements/v1.0/accounts/{account_id}/st")));
    setColumnWidth(EventTableModel::AddressColumn, width(QStringLiteral("255.255.255.255")));
}

bool EventTableView::viewportEvent(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        // QToolTip guesses whether text is rich text. Event text is untrusted, so the tooltip
        // gets it escaped (convertFromPlainText) and shows exactly the characters received.
        auto* help = static_cast<QHelpEvent*>(event);
        const QModelIndex index = indexAt(help->pos());
        const QString text = index.isValid() ? index.data(Qt::ToolTipRole).toString() : QString();
        if (text.isEmpty()) {
            QToolTip::hideText();
            event->ignore();
        } else {
            QToolTip::showText(help->globalPos(),
                               Qt::convertFromPlainText(text, Qt::WhiteSpaceNormal), viewport(),
                               visualRect(index));
        }
        return true;
    }
    return QTableView::viewportEvent(event);
}

void EventTableView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::FontChange)
        updateRowHeight();
    QTableView::changeEvent(event);
}
