#pragma once

#include "models/navigation/navigation_history.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

class FilterBar;
class ProfilePage;
class QAction;
class QDockWidget;
class QListWidget;
class QListWidgetItem;
class QMainWindow;
class QMenu;
class QSplitter;
class QStackedWidget;
class QWidget;

// The window's views and the way between them (docs/ui.md): the list of views on the left, the
// current view beside it, and drill-down as navigation. Every view shows the filter bar's one
// filter; each step that changes the view, the filter or the profile is recorded in a
// NavigationHistory that Back and Forward (Alt+Left / Alt+Right, the mouse's back and forward
// buttons, the toolbar, the Go menu) walk like a browser. Views ask for steps with the three
// requests every view shares: filterClauseRequested (AND into the filter, then show Events),
// serviceDashboardRequested and profileRequested.
class ViewNavigator : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ViewNavigator)

public:
    // View ids (the history's NavigationStep::view).
    static QString events() { return QStringLiteral("events"); }
    static QString overview() { return QStringLiteral("overview"); }
    static QString services() { return QStringLiteral("services"); }
    static QString initiators() { return QStringLiteral("initiators"); }
    static QString targets() { return QStringLiteral("targets"); }
    static QString outcomes() { return QStringLiteral("outcomes"); }
    static QString conversations() { return QStringLiteral("conversations"); }
    static QString profile() { return QStringLiteral("profile"); }
    // NavigationStep::profileKind of a service dashboard step (its key is the service name).
    static QString serviceKind() { return QStringLiteral("service"); }

    ViewNavigator(FilterBar* filterBar, QMainWindow* window);
    ~ViewNavigator() override;

    // The list of views and the current view, side by side: the window's central widget.
    QWidget* widget() const;
    QListWidget* viewList() const { return m_list; }
    QStackedWidget* pages() const { return m_pages; }

    // A page shown as it is (the Events workspace).
    void addPage(const QString& id, const QString& title, QWidget* page);
    // A page that shows the global filter: any widget with setQuery(text, from, to) and the three
    // request signals (drill-down pages, and the dashboards at merge). Optional setLocalTime(bool)
    // and storeChanged() are called when it has them.
    template <typename Page> void addQueryPage(const QString& id, const QString& title, Page* page);
    // A stand-in for a view another branch brings: a note in the page, its place in the list.
    void addPlaceholder(const QString& id, const QString& title, const QString& note);
    // The profile view: listed once a profile is open.
    void setProfilePage(ProfilePage* page);
    // Called with the service when a service dashboard opens (Back/Forward included).
    void setServiceDashboardHandler(std::function<void(const QString&)> handler);
    // A list entry that shows and raises a dock (Inventory, Unclassified, Senders, Rejects).
    void addDockEntry(QDockWidget* dock);
    void addListSeparator();

    // Steps. Each records a history entry (unless nothing changed).
    void showView(const QString& id);
    void openProfile(const QString& kind, const QString& key);
    void openServiceDashboard(const QString& service);
    // ANDs `clause` into the filter text, applies it and shows the Events view: one step.
    void filterOnClause(const QString& clause);
    void back();
    void forward();

    QString currentView() const { return m_view; }
    QWidget* page(const QString& id) const;
    const NavigationHistory& history() const { return m_history; }
    QAction* backAction() const { return m_back; }
    QAction* forwardAction() const { return m_forward; }
    // Back, Forward, the views (Ctrl+1...), recent steps.
    void fillGoMenu(QMenu* menu);

    void setLocalTime(bool local);
    // New events: the shown query page computes again, the others when shown next.
    void storeChanged();

Q_SIGNALS:
    void currentViewChanged(const QString& id);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Entry {
        QString id;
        QWidget* page = nullptr;
        QListWidgetItem* item = nullptr;
        std::function<void(const QString&)> setQuery;
        std::function<void(bool)> setLocalTime;
        std::function<void()> storeChanged;
    };
    Entry& addEntry(const QString& id, const QString& title, QWidget* page);
    void onFilterApplied(const QString& text);
    void switchTo(const QString& id);
    void record();
    void applyStep(const NavigationStep& step);
    void updateActions();
    QString describe(const NavigationStep& step) const;
    void rebuildHistoryMenu(QMenu* menu);

    QMainWindow* m_window = nullptr;
    FilterBar* m_filterBar = nullptr;
    QSplitter* m_splitter = nullptr;
    QListWidget* m_list = nullptr;
    QStackedWidget* m_pages = nullptr;
    ProfilePage* m_profile = nullptr;
    std::vector<Entry> m_entries;
    QHash<QListWidgetItem*, QDockWidget*> m_docks;
    std::function<void(const QString&)> m_serviceHandler;
    NavigationHistory m_history;
    QAction* m_back = nullptr;
    QAction* m_forward = nullptr;

    QString m_view;
    QString m_filterText;
    QString m_subjectKind; // profile kind, or serviceKind() on the Services view
    QString m_subjectKey;
    QString m_pendingView; // shown with the next applied filter (filterOnClause)
    bool m_restoring = false;
    bool m_localTime = false;
};

template <typename Page>
void ViewNavigator::addQueryPage(const QString& id, const QString& title, Page* page) {
    Entry& entry = addEntry(id, title, page);
    entry.setQuery = [page](const QString& text) {
        page->setQuery(text, std::nullopt, std::nullopt);
    };
    if constexpr (requires { page->setLocalTime(true); })
        entry.setLocalTime = [page](bool local) { page->setLocalTime(local); };
    if constexpr (requires { page->storeChanged(); })
        entry.storeChanged = [page] { page->storeChanged(); };
    else if constexpr (requires { page->refresh(); }) // the dashboards coalesce it themselves
        entry.storeChanged = [page] { page->refresh(); };
    // A page need not have all three requests (a service dashboard may not open another).
    if constexpr (requires { &Page::filterClauseRequested; })
        connect(page, &Page::filterClauseRequested, this, &ViewNavigator::filterOnClause);
    if constexpr (requires { &Page::serviceDashboardRequested; })
        connect(page, &Page::serviceDashboardRequested, this, &ViewNavigator::openServiceDashboard);
    if constexpr (requires { &Page::profileRequested; })
        connect(page, &Page::profileRequested, this, &ViewNavigator::openProfile);
    entry.setQuery(m_filterText);
    if (entry.setLocalTime)
        entry.setLocalTime(m_localTime);
}
