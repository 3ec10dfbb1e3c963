#pragma once

#include <QWidget>

class FacetModel;
class QLabel;
class QMenu;
class QTreeView;

// The facet sidebar of the Events view: FacetModel's groups in a tree with counts. A click on a
// value adds `field:value` to the filter, Ctrl+click adds the exclusion `-field:value`. Counts
// of an older filter stay visible, greyed, until the new ones arrive.
class FacetSidebar : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FacetSidebar)

public:
    explicit FacetSidebar(FacetModel* model, QWidget* parent = nullptr);

    QTreeView* view() const { return m_view; }
    // What a click on `index` does (the tests call it as the mouse would).
    void activate(const QModelIndex& index, Qt::KeyboardModifiers modifiers);
    void setBusy(bool busy);
    // The context menu of `index`: Filter On, Exclude, and for a service Open Service Dashboard.
    QMenu* createContextMenu(const QModelIndex& index, QWidget* parent);

Q_SIGNALS:
    void filterRequested(const QString& field, const QString& value, bool exclude);
    // A service's row: its dashboard (context menu or double-click).
    void serviceDashboardRequested(const QString& service);

private:
    FacetModel* m_model = nullptr;
    QTreeView* m_view = nullptr;
    QLabel* m_title = nullptr;
};
