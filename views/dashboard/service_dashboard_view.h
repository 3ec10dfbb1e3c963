#pragma once

#include "views/dashboard/dashboard_page.h"

class QComboBox;
class RankedBarsChart;
class SplitChart;
class TimeBarsChart;

// One service's dashboard for the current filter and time range (issue 6): activity over time
// by action, top endpoints by inventory description, top initiators, top source addresses,
// failures by reason code, the outcome split and the service's inventory endpoints no matching
// event reached. Every click clause includes the service (service:X ...).
class ServiceDashboardView : public DashboardPage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServiceDashboardView)

public:
    explicit ServiceDashboardView(const QString& storePath,
                                  const cadf::inventory::Catalogue& catalogue,
                                  QWidget* parent = nullptr);
    ~ServiceDashboardView() override;

    // The service, by its inventory name (any case) or "Unclassified"; computes again.
    void setService(const QString& service);
    QString service() const { return m_service; }
    // The catalogue id of a service name, 0 for "Unclassified", -1 when unknown.
    static int serviceIdOf(const cadf::inventory::Catalogue& catalogue, const QString& name);

    TimeBarsChart* activityChart() const { return m_activity; }
    SplitChart* outcomeSplit() const { return m_outcomes; }
    RankedBarsChart* failuresByCode() const { return m_codes; }
    RankedBarsChart* topEndpoints() const { return m_endpoints; }
    RankedBarsChart* topInitiators() const { return m_initiators; }
    RankedBarsChart* topAddresses() const { return m_addresses; }
    RankedBarsChart* neverSeen() const { return m_neverSeen; }

protected:
    bool prepareRequest(DashboardRequest& request, QString* error) const override;
    bool awaitsChoice() const override { return m_service.isEmpty(); }
    void fillCharts(const DashboardResult& result) override;

private:
    void fillLists(const DashboardResult& result, const QString& serviceClause);

    QString m_service;
    QComboBox* m_chooser = nullptr;
    TimeBarsChart* m_activity = nullptr;
    SplitChart* m_outcomes = nullptr;
    RankedBarsChart* m_codes = nullptr;
    RankedBarsChart* m_endpoints = nullptr;
    RankedBarsChart* m_initiators = nullptr;
    RankedBarsChart* m_addresses = nullptr;
    RankedBarsChart* m_neverSeen = nullptr;
};
