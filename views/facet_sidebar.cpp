#include "views/facet_sidebar.h"

#include "models/itemmodels/facet_model.h"
#include "views/plain_tooltips.h"

#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QTreeView>
#include <QVBoxLayout>

namespace {

// Greys out counts of an older filter and sets group headings in bold.
class FacetDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.data(FacetModel::GroupRole).toBool())
            option->font.setBold(true);
        if (index.data(FacetModel::StaleRole).toBool())
            option->palette.setColor(QPalette::Text,
                                     option->palette.color(QPalette::Disabled, QPalette::Text));
    }
};

} // namespace

FacetSidebar::FacetSidebar(FacetModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model) {
    m_title = new QLabel(tr("Facets"), this);
    m_title->setTextFormat(Qt::PlainText);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setToolTip(tr("Click a value to filter on it, Ctrl+click to exclude it"));

    m_view = new QTreeView(this);
    showPlainToolTips(m_view);
    m_view->setModel(model);
    m_view->setItemDelegate(new FacetDelegate(m_view));
    m_view->setUniformRowHeights(true);
    m_view->setHeaderHidden(true);
    m_view->setRootIsDecorated(true);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setToolTip(m_title->toolTip());
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    // Groups open as their first counts arrive; the analyst's collapsing is kept afterwards.
    connect(model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex& group) {
        if (group.isValid() && !group.parent().isValid())
            m_view->expand(group);
    });
    connect(m_view, &QTreeView::clicked, this, [this](const QModelIndex& index) {
        activate(index, QApplication::keyboardModifiers());
    });
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        if (QMenu* menu = createContextMenu(m_view->indexAt(pos), this)) {
            menu->exec(m_view->viewport()->mapToGlobal(pos));
            delete menu;
        }
    });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 0, 4);
    layout->setSpacing(2);
    layout->addWidget(m_title);
    layout->addWidget(m_view, 1);
}

void FacetSidebar::activate(const QModelIndex& index, Qt::KeyboardModifiers modifiers) {
    const QModelIndex row = index.siblingAtColumn(0);
    const QString field = row.data(FacetModel::FilterFieldRole).toString();
    const QString value = row.data(FacetModel::FilterValueRole).toString();
    if (field.isEmpty() || value.isEmpty())
        return; // a heading, or a value the language cannot name
    Q_EMIT filterRequested(field, value, modifiers.testFlag(Qt::ControlModifier));
}

QMenu* FacetSidebar::createContextMenu(const QModelIndex& index, QWidget* parent) {
    const QModelIndex row = index.siblingAtColumn(0);
    const QString field = row.data(FacetModel::FilterFieldRole).toString();
    const QString value = row.data(FacetModel::FilterValueRole).toString();
    if (field.isEmpty() || value.isEmpty())
        return nullptr;
    auto* menu = new QMenu(parent);
    menu->addAction(tr("&Filter On"), this,
                    [this, field, value] { Q_EMIT filterRequested(field, value, false); });
    menu->addAction(tr("&Exclude"), this,
                    [this, field, value] { Q_EMIT filterRequested(field, value, true); });
    if (field == QLatin1String("service")) {
        menu->addSeparator();
        QAction* open = menu->addAction(tr("Open Service &Dashboard"), this,
                                        [this, value] { Q_EMIT serviceDashboardRequested(value); });
        open->setObjectName(QStringLiteral("openServiceDashboard"));
    }
    return menu;
}

void FacetSidebar::setBusy(bool busy) {
    m_title->setText(busy ? tr("Facets (counting\u2026)") : tr("Facets"));
}
