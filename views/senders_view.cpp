#include "views/senders_view.h"

#include "models/listen/senders_model.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>

SendersView::SendersView(QWidget* parent)
    : QTableView(parent) {
    setObjectName(QStringLiteral("sendersView"));
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setAlternatingRowColors(true);
    setWordWrap(false);
    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    horizontalHeader()->setStretchLastSection(true);
    setSortingEnabled(true);
}

void SendersView::setModel(QAbstractItemModel* model) {
    // A handful of senders, not millions of rows: a sort proxy is fine here.
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSortRole(cadf::ingest::SendersModel::SortRole);
    proxy->setSourceModel(model);
    QTableView::setModel(proxy);
    sortByColumn(cadf::ingest::SendersModel::MessagesColumn, Qt::DescendingOrder);
}
