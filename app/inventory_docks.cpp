#include "app/inventory_docks.h"

#include "models/inventory/catalogue.h"
#include "models/itemmodels/coverage_loader.h"
#include "models/itemmodels/inventory_tree_model.h"
#include "models/itemmodels/unclassified_model.h"
#include "views/filter_bar.h"
#include "views/inventory_view.h"
#include "views/unclassified_view.h"

#include <QAction>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QKeySequence>
#include <QMainWindow>
#include <QMenu>
#include <QTimer>

namespace {

// While a dock is shown: how often to ask whether the store changed, and the least time between
// two counts (each is a scan of the events table).
constexpr int kPollMs = 1000;
constexpr int kMinRecountMs = 3000;

} // namespace

InventoryDocks::InventoryDocks(const QString& storePath, QMainWindow* window)
    : QObject(window) {
    const cadf::inventory::Catalogue& catalogue = cadf::inventory::Catalogue::builtIn();
    m_loader = new CoverageLoader(storePath, this);
    m_inventoryModel = new InventoryTreeModel(catalogue, this);
    m_unclassifiedModel = new UnclassifiedModel(catalogue, this);

    m_inventoryDock = new QDockWidget(tr("Inventory"), window);
    m_inventoryDock->setObjectName(QStringLiteral("inventoryDock")); // saveState() key
    m_inventoryView = new InventoryView(m_inventoryModel, m_loader, m_inventoryDock);
    m_inventoryDock->setWidget(m_inventoryView);
    m_unclassifiedDock = new QDockWidget(tr("Unclassified"), window);
    m_unclassifiedDock->setObjectName(QStringLiteral("unclassifiedDock"));
    m_unclassifiedView = new UnclassifiedView(m_unclassifiedModel, m_loader, m_unclassifiedDock);
    m_unclassifiedDock->setWidget(m_unclassifiedView);

    window->addDockWidget(Qt::BottomDockWidgetArea, m_inventoryDock);
    window->tabifyDockWidget(m_inventoryDock, m_unclassifiedDock);
    m_inventoryDock->hide();
    m_unclassifiedDock->hide();

    m_inventoryDock->toggleViewAction()->setShortcut(
        QKeySequence(tr("Ctrl+Shift+I", "View|Inventory")));
    m_inventoryDock->toggleViewAction()->setStatusTip(
        tr("The QRadar Suite audit inventory: events, failures and initiators per endpoint"));
    m_unclassifiedDock->toggleViewAction()->setShortcut(
        QKeySequence(tr("Ctrl+Shift+U", "View|Unclassified")));
    m_unclassifiedDock->toggleViewAction()->setStatusTip(
        tr("Request paths the inventory does not know, and the services that came closest"));

    for (QDockWidget* dock : {m_inventoryDock, m_unclassifiedDock}) {
        connect(dock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
            if (visible)
                onShown();
        });
        // Tabbed together: the one asked for from the menu comes to the front.
        connect(dock->toggleViewAction(), &QAction::triggered, dock, [dock](bool checked) {
            if (checked)
                dock->raise();
        });
    }
    connect(m_inventoryView, &InventoryView::filterRequested, this,
            &InventoryDocks::filterRequested);
    connect(m_unclassifiedView, &UnclassifiedView::filterRequested, this,
            &InventoryDocks::filterRequested);
    connect(m_inventoryView, &InventoryView::exportFinished, this,
            [this](const QString& path, const QString& error) {
                Q_EMIT message(
                    error.isEmpty()
                        ? tr("Inventory saved to %1").arg(QDir::toNativeSeparators(path))
                        : tr("Cannot save %1: %2").arg(QDir::toNativeSeparators(path), error));
            });

    m_poll = new QTimer(this);
    m_poll->setInterval(kPollMs);
    connect(m_poll, &QTimer::timeout, this, [this] {
        if (anyShown())
            m_loader->refreshIfChanged(kMinRecountMs);
        else
            m_poll->stop();
    });
}

InventoryDocks::~InventoryDocks() = default;

void InventoryDocks::addViewActions(QMenu* menu) {
    menu->addSeparator();
    menu->addAction(m_inventoryDock->toggleViewAction());
    menu->addAction(m_unclassifiedDock->toggleViewAction());
}

bool InventoryDocks::anyShown() const {
    return m_inventoryDock->isVisible() || m_unclassifiedDock->isVisible();
}

void InventoryDocks::onShown() {
    if (!m_sized) {
        // A dock at the bottom starts at its minimum height: give the tree room for a category
        // or two of rows, and the events keep the rest.
        m_sized = true;
        auto* window = static_cast<QMainWindow*>(parent());
        window->resizeDocks({m_inventoryDock}, {window->height() * 40 / 100}, Qt::Vertical);
    }
    if (!m_loaded) {
        m_loaded = true;
        m_loader->reload();
    } else {
        m_loader->refreshIfChanged(0);
    }
    m_poll->start();
}

void InventoryDocks::attachFilterBar(FilterBar* bar, QAction* localTime) {
    connect(this, &InventoryDocks::filterRequested, bar, &FilterBar::addTerm);
    connect(bar, &FilterBar::filterApplied, this,
            [this](const QString&, const cadf::store::SqlFilter& sql) { setFilter(sql); });
    if (!localTime)
        return;
    auto applyZone = [this](bool local) {
        setDisplayOffsetSeconds(local ? QDateTime::currentDateTime().offsetFromUtc() : 0);
    };
    connect(localTime, &QAction::toggled, this, applyZone);
    applyZone(localTime->isChecked());
}

void InventoryDocks::setFilter(const cadf::store::SqlFilter& filter) {
    // Hidden docks count nothing: the new filter is counted when one is shown.
    const bool shown = anyShown();
    m_loader->setFilter(filter, shown);
    m_inventoryView->setFiltered(!filter.where.empty());
    m_loaded = shown;
}

void InventoryDocks::setDisplayOffsetSeconds(int seconds) {
    m_inventoryModel->setDisplayOffsetSeconds(seconds);
    m_unclassifiedModel->setDisplayOffsetSeconds(seconds);
}
