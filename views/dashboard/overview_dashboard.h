#pragma once

#include "views/dashboard/dashboard_page.h"

class HeatmapChart;
class RankedBarsChart;
class ServiceTiles;
class SplitChart;
class TimeBarsChart;

// The Overview dashboard for the current filter and time range (issue 6): events over time
// stacked by outcome; a tile per service (events, failure rate, sparkline) grouped by
// category; reason codes by service as a heatmap over time; the top failing endpoints; the top
// initiators by events and by failures; the create/read/update/delete/other split. Every mark
// is clickable (see DashboardPage for the signals); a tile opens the service's dashboard and an
// initiator its profile.
class OverviewDashboard : public DashboardPage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OverviewDashboard)

public:
    explicit OverviewDashboard(const QString& storePath,
                               const cadf::inventory::Catalogue& catalogue,
                               QWidget* parent = nullptr);
    ~OverviewDashboard() override;

    TimeBarsChart* outcomeChart() const { return m_outcomes; }
    ServiceTiles* serviceTiles() const { return m_tiles; }
    HeatmapChart* reasonHeatmap() const { return m_heatmap; }
    RankedBarsChart* failingEndpoints() const { return m_failingEndpoints; }
    RankedBarsChart* initiatorsByEvents() const { return m_initiatorsByEvents; }
    RankedBarsChart* initiatorsByFailures() const { return m_initiatorsByFailures; }
    SplitChart* actionSplit() const { return m_actions; }

protected:
    bool prepareRequest(DashboardRequest& request, QString* error) const override;
    void fillCharts(const DashboardResult& result) override;

private:
    void fillHeatmap(const DashboardResult& result);
    void fillInitiators(const DashboardResult& result);

    TimeBarsChart* m_outcomes = nullptr;
    ServiceTiles* m_tiles = nullptr;
    HeatmapChart* m_heatmap = nullptr;
    RankedBarsChart* m_failingEndpoints = nullptr;
    RankedBarsChart* m_initiatorsByEvents = nullptr;
    RankedBarsChart* m_initiatorsByFailures = nullptr;
    SplitChart* m_actions = nullptr;
};
