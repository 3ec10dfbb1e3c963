#include "app/dashboard_pages.h"

#include "models/inventory/catalogue.h"
#include "views/dashboard/overview_dashboard.h"
#include "views/dashboard/service_dashboard_view.h"
#include "views/filter_bar.h"

#include <QAction>
#include <QDockWidget>
#include <QKeySequence>
#include <QMainWindow>
#include <QMenu>

DashboardPages::DashboardPages(const QString& storePath, QMainWindow* window)
    : QObject(window) {
    const cadf::inventory::Catalogue& catalogue = cadf::inventory::Catalogue::builtIn();
    m_overviewDock = new QDockWidget(tr("Overview"), window);
    m_overviewDock->setObjectName(QStringLiteral("overviewDock")); // saveState() key
    m_overview = new OverviewDashboard(storePath, catalogue, m_overviewDock);
    m_overviewDock->setWidget(m_overview);
    m_serviceDock = new QDockWidget(tr("Service Dashboard"), window);
    m_serviceDock->setObjectName(QStringLiteral("serviceDashboardDock"));
    m_service = new ServiceDashboardView(storePath, catalogue, m_serviceDock);
    m_serviceDock->setWidget(m_service);
    window->addDockWidget(Qt::RightDockWidgetArea, m_overviewDock);
    window->tabifyDockWidget(m_overviewDock, m_serviceDock);
    m_overviewDock->hide();
    m_serviceDock->hide();
    m_overviewDock->toggleViewAction()->setShortcut(
        QKeySequence(tr("Ctrl+Shift+O", "View|Overview")));
    m_overviewDock->toggleViewAction()->setStatusTip(
        tr("Charts of the filtered events: outcomes over time, services, reason codes, "
           "initiators, actions"));
    m_serviceDock->toggleViewAction()->setStatusTip(
        tr("One service's dashboard (click a service tile in the Overview)"));

    for (DashboardPage* page :
         {static_cast<DashboardPage*>(m_overview), static_cast<DashboardPage*>(m_service)}) {
        connect(page, &DashboardPage::filterClauseRequested, this, [this](const QString& clause) {
            if (m_bar)
                m_bar->addTerm(clause);
            Q_EMIT eventsRequested();
        });
        connect(page, &DashboardPage::serviceDashboardRequested, this,
                &DashboardPages::openService);
        connect(page, &DashboardPage::profileRequested, this, &DashboardPages::profileRequested);
    }
}

DashboardPages::~DashboardPages() = default;

void DashboardPages::attachFilterBar(FilterBar* bar, QAction* localTime) {
    m_bar = bar;
    const auto follow = [this](const QString& text) {
        // Hidden pages keep the query and compute when shown (DashboardPage::reload).
        m_overview->setQuery(text, std::nullopt, std::nullopt);
        if (!m_service->service().isEmpty())
            m_service->setQuery(text, std::nullopt, std::nullopt);
    };
    connect(bar, &FilterBar::filterApplied, this,
            [follow](const QString& text, const cadf::store::SqlFilter&) { follow(text); });
    follow(bar->appliedText());
    if (localTime) {
        const auto zone = [this](bool local) {
            m_overview->setLocalTime(local);
            m_service->setLocalTime(local);
        };
        connect(localTime, &QAction::toggled, this, zone);
        zone(localTime->isChecked());
    }
}

void DashboardPages::addViewActions(QMenu* menu) {
    menu->addSeparator();
    menu->addAction(m_overviewDock->toggleViewAction());
    menu->addAction(m_serviceDock->toggleViewAction());
}

void DashboardPages::storeChanged() {
    m_overview->refresh();
    if (!m_service->service().isEmpty())
        m_service->refresh();
}

void DashboardPages::openService(const QString& service) {
    // The service first: a query without one would report an unknown service.
    m_service->setService(service);
    m_service->setQuery(m_bar ? m_bar->appliedText() : m_overview->filterText(), std::nullopt,
                        std::nullopt);
    m_serviceDock->show();
    m_serviceDock->raise();
}
