#pragma once

#include <QString>
#include <QWidget>

class CoverageLoader;
class InventoryTreeModel;
class QCheckBox;
class QLabel;
class QModelIndex;
class QProgressBar;
class QToolButton;
class QTreeView;

// The Inventory view: the QRadar Suite audit inventory as a category -> service -> endpoint tree
// with what the store saw of each endpoint. "Never seen only" shows the audit gaps; a double-click
// (or "Filter on") asks the window to filter the events on that node; "Export CSV" writes the
// rows shown, on a worker thread.
class InventoryView : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InventoryView)

public:
    InventoryView(InventoryTreeModel* model, CoverageLoader* loader, QWidget* parent = nullptr);

    QTreeView* tree() const { return m_tree; }
    QCheckBox* neverSeenBox() const { return m_neverSeen; }
    QString summaryText() const;
    // The next counts are of the events under a filter (the summary says so once they arrive).
    void setFiltered(bool filtered);

    // Writes the endpoint rows (only the never-seen ones when that filter is on) as CSV to
    // `path` off the UI thread; exportFinished() reports the outcome.
    void exportCsv(const QString& path);

    // The service of a service's or an endpoint's row; empty for a category.
    QString serviceOf(const QModelIndex& index) const;

Q_SIGNALS:
    // Filter-language text to add to the filter, e.g.
    // endpoint:"Get list of controllers for specific tenant", or its exclusion.
    void filterRequested(const QString& text);
    // A service's row or one of its endpoints: the service's dashboard (context menu).
    void serviceDashboardRequested(const QString& service);
    void exportFinished(const QString& path, const QString& error);

private:
    void updateSummary();
    void onBusyChanged(bool busy);
    void showContextMenu(const QPoint& pos);
    void chooseExportFile();
    void requestFilter(const QModelIndex& index, bool exclude);

    InventoryTreeModel* m_model;
    CoverageLoader* m_loader;
    QTreeView* m_tree = nullptr;
    QCheckBox* m_neverSeen = nullptr;
    QLabel* m_summary = nullptr;
    QProgressBar* m_busy = nullptr;
    QToolButton* m_export = nullptr;
    bool m_expandedOnce = false;
    bool m_filtered = false;     // the counts shown
    bool m_nextFiltered = false; // the counts asked for
};
