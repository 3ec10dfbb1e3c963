#pragma once

#include <QObject>
#include <QString>

class FilterBar;
class OverviewDashboard;
class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;
class ServiceDashboardView;

// The Overview and the service dashboard in the window, until the view list of the window
// shell takes them as pages: two docks (tabbed, hidden until opened from the View menu) that
// follow the filter bar's applied text and the UTC/local toggle, refresh when events arrive
// (coalesced by the dashboards themselves), and put every click clause into the filter bar.
// MainWindow's part is the constructor, attachFilterBar(), addViewActions() and storeChanged().
class DashboardPages : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardPages)

public:
    DashboardPages(const QString& storePath, QMainWindow* window);
    ~DashboardPages() override;

    // The dashboards show what the bar's applied filter selects; a click clause is ANDed into
    // the bar's text (FilterBar::addTerm) and applied.
    void attachFilterBar(FilterBar* bar, QAction* localTime);
    // "Overview" and "Service Dashboard" (checkable: they show and hide the docks).
    void addViewActions(QMenu* menu);

    OverviewDashboard* overview() const { return m_overview; }
    ServiceDashboardView* serviceView() const { return m_service; }
    QDockWidget* overviewDock() const { return m_overviewDock; }
    QDockWidget* serviceDock() const { return m_serviceDock; }

public Q_SLOTS:
    // New events (an import, the live listener): the shown dashboards compute again, at most
    // twice a second; hidden ones when they are shown.
    void storeChanged();
    // Shows `service`'s dashboard (a tile's click).
    void openService(const QString& service);

Q_SIGNALS:
    // An initiator or target profile was asked for: the shell's drill-down views open it.
    void profileRequested(const QString& kind, const QString& key);
    // A click narrowed the filter: the shell shows the Events view.
    void eventsRequested();

private:
    OverviewDashboard* m_overview = nullptr;
    ServiceDashboardView* m_service = nullptr;
    QDockWidget* m_overviewDock = nullptr;
    QDockWidget* m_serviceDock = nullptr;
    FilterBar* m_bar = nullptr;
};
