#include "views/senders_view.h"

#include "models/filter/filter.h"
#include "models/listen/senders_model.h"
#include "views/plain_tooltips.h"

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QMenu>
#include <QSortFilterProxyModel>

SendersView::SendersView(QWidget* parent)
    : QTableView(parent) {
    showPlainToolTips(this);
    setObjectName(QStringLiteral("sendersView"));
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setAlternatingRowColors(true);
    setWordWrap(false);
    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    horizontalHeader()->setStretchLastSection(true);
    setSortingEnabled(true);
    setContextMenuPolicy(Qt::CustomContextMenu);
    connect(this, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex& index) {
        if (const QString term = filterFor(index, false); !term.isEmpty())
            Q_EMIT filterRequested(term);
    });
    connect(this, &QWidget::customContextMenuRequested, this, &SendersView::showContextMenu);
}

QString SendersView::filterFor(const QModelIndex& index, bool exclude) const {
    const QString term = index.data(cadf::ingest::SendersModel::FilterTextRole).toString();
    if (term.isEmpty())
        return {};
    return exclude ? cadf::filter::excludedFilter(term) : term;
}

void SendersView::showContextMenu(const QPoint& pos) {
    const QModelIndex index = indexAt(pos);
    if (!index.isValid())
        return;
    QMenu menu(this);
    menu.addAction(tr("&Filter On This Sender"), this,
                   [this, index] { Q_EMIT filterRequested(filterFor(index, false)); });
    menu.addAction(tr("&Exclude This Sender"), this,
                   [this, index] { Q_EMIT filterRequested(filterFor(index, true)); });
    menu.addSeparator();
    menu.addAction(tr("&Copy"), this, [index] {
        QApplication::clipboard()->setText(index.data(Qt::DisplayRole).toString());
    });
    menu.exec(viewport()->mapToGlobal(pos));
}

void SendersView::setModel(QAbstractItemModel* model) {
    // A handful of senders, not millions of rows: a sort proxy is fine here.
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSortRole(cadf::ingest::SendersModel::SortRole);
    proxy->setSourceModel(model);
    QTableView::setModel(proxy);
    sortByColumn(cadf::ingest::SendersModel::MessagesColumn, Qt::DescendingOrder);
}
