#pragma once

#include "models/store/store_types.h"

#include <QObject>
#include <QString>

class CoverageLoader;
class FilterBar;
class InventoryTreeModel;
class InventoryView;
class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;
class QTimer;
class UnclassifiedModel;
class UnclassifiedView;

// The Inventory and Unclassified views as docks of the main window (tabbed together, hidden
// until opened from the View menu), over one CoverageLoader: the counts are computed once for
// both, on the loader's thread, and only while a dock is shown. Keeps MainWindow's part to a
// constructor call, the menu entries and the routing of filterRequested().
class InventoryDocks : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InventoryDocks)

public:
    InventoryDocks(const QString& storePath, QMainWindow* window);
    ~InventoryDocks() override;

    // "Inventory" and "Unclassified" (checkable: they show and hide the docks).
    void addViewActions(QMenu* menu);
    // Follows the window's filter bar (the views count the events it selects; their "Filter on"
    // adds to it) and its UTC/local toggle.
    void attachFilterBar(FilterBar* bar, QAction* localTime);
    // The events the views count (the global filter), and the UTC/local display offset.
    void setFilter(const cadf::store::SqlFilter& filter);
    void setDisplayOffsetSeconds(int seconds);

    QDockWidget* inventoryDock() const { return m_inventoryDock; }
    QDockWidget* unclassifiedDock() const { return m_unclassifiedDock; }
    InventoryView* inventoryView() const { return m_inventoryView; }
    UnclassifiedView* unclassifiedView() const { return m_unclassifiedView; }
    InventoryTreeModel* inventoryModel() const { return m_inventoryModel; }
    UnclassifiedModel* unclassifiedModel() const { return m_unclassifiedModel; }
    CoverageLoader* loader() const { return m_loader; }

Q_SIGNALS:
    // Filter-language text a view asks to filter the events on.
    void filterRequested(const QString& text);
    void message(const QString& text);

private:
    bool anyShown() const;
    void onShown();

    CoverageLoader* m_loader = nullptr;
    InventoryTreeModel* m_inventoryModel = nullptr;
    UnclassifiedModel* m_unclassifiedModel = nullptr;
    InventoryView* m_inventoryView = nullptr;
    UnclassifiedView* m_unclassifiedView = nullptr;
    QDockWidget* m_inventoryDock = nullptr;
    QDockWidget* m_unclassifiedDock = nullptr;
    QTimer* m_poll = nullptr;
    bool m_loaded = false;
    bool m_sized = false;
};
