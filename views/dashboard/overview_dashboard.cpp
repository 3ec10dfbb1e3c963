#include "views/dashboard/overview_dashboard.h"

#include "models/dashboard/dashboard_clauses.h"
#include "models/inventory/catalogue.h"
#include "views/dashboard/chart_colours.h"
#include "views/dashboard/chart_text.h"
#include "views/dashboard/dashboard_marks.h"
#include "views/dashboard/heatmap_chart.h"
#include "views/dashboard/ranked_bars_chart.h"
#include "views/dashboard/service_tiles.h"
#include "views/dashboard/split_chart.h"
#include "views/dashboard/time_bars_chart.h"

#include <QGridLayout>

#include <algorithm>
#include <map>
#include <tuple>

namespace {

// Rows of the reason-code heatmap: more would not be legible; failing codes come first.
constexpr std::size_t kHeatmapRows = 16;

} // namespace

OverviewDashboard::OverviewDashboard(const QString& storePath,
                                     const cadf::inventory::Catalogue& catalogue, QWidget* parent)
    : DashboardPage(storePath, catalogue, parent) {
    setHeading(tr("Overview"));
    m_outcomes = new TimeBarsChart(tr("Events over time by outcome"));
    m_tiles = new ServiceTiles;
    m_heatmap = new HeatmapChart(tr("Reason codes by service over time"));
    m_heatmap->setSubtitle(tr("one row per service and reason code; failing codes first"));
    m_failingEndpoints = new RankedBarsChart(tr("Top failing endpoints"));
    m_failingEndpoints->setSubtitle(tr("inventory endpoints by failed events"));
    m_actions = new SplitChart(tr("Actions"));
    m_actions->setSubtitle(tr("events by create / read / update / delete / other"));
    m_initiatorsByEvents = new RankedBarsChart(tr("Top initiators by events"));
    m_initiatorsByEvents->setSubtitle(tr("click for the initiator's profile"));
    m_initiatorsByFailures = new RankedBarsChart(tr("Top initiators by failures"));
    m_initiatorsByFailures->setSubtitle(tr("click for the initiator's profile"));

    addChart(m_outcomes, 0, 0, 1, 2);
    addChart(m_tiles, 1, 0, 1, 2);
    addChart(m_heatmap, 2, 0, 1, 2);
    addChart(m_failingEndpoints, 3, 0);
    addChart(m_actions, 3, 1);
    addChart(m_initiatorsByEvents, 4, 0);
    addChart(m_initiatorsByFailures, 4, 1);
    grid()->setColumnStretch(0, 3);
    grid()->setColumnStretch(1, 2);
}

OverviewDashboard::~OverviewDashboard() = default;

bool OverviewDashboard::prepareRequest(DashboardRequest& request, QString*) const {
    request.serviceId = -1;
    return true;
}

void OverviewDashboard::fillCharts(const DashboardResult& result) {
    const cadf::dashboard::Overview& overview = result.overview;
    const int offset = result.request.alignOffsetSeconds;
    const cadf::store::TimeHistogram& histogram = overview.histogram;
    setSummary(dashboardmarks::summaryText(overview.events, overview.failures, histogram, offset));

    m_outcomes->setData(histogram.fromUs, histogram.bucketUs,
                        dashboardmarks::outcomeSeries(histogram), offset, QString());
    m_outcomes->setSubtitle(tr("click a bar for its events, a legend entry for that outcome"));
    m_tiles->setData(overview.categories, histogram.fromUs, histogram.bucketUs, offset);
    fillHeatmap(result);

    std::vector<RankedBarsChart::Row> endpoints;
    for (const dashboardmarks::MergedEndpoint& merged : dashboardmarks::mergeByDescription(
             overview.topFailingEndpoints, true, dashboardmarks::kShownRows)) {
        const cadf::dashboard::EndpointCount& e = merged.endpoint;
        RankedBarsChart::Row row;
        row.label = dashboardmarks::endpointLabel(e);
        if (e.endpointId != 0)
            row.label += QStringLiteral(" \u2014 ") + QString::fromStdString(e.service);
        row.value = e.failures;
        row.mark = dashboardmarks::endpointMark(merged, QStringLiteral("outcome:failure"), true);
        endpoints.push_back(std::move(row));
    }
    m_failingEndpoints->setRows(
        std::move(endpoints), [](const QPalette& p) { return chartcolours::outcome(p, 2); }, {},
        tr("failed events"), QString(), tr("No failures match the filter"));

    std::vector<SplitChart::Slice> slices;
    for (int kind = 0; kind < cadf::dashboard::kActionKinds; ++kind) {
        SplitChart::Slice slice;
        slice.label = dashboardmarks::actionKindName(kind);
        slice.value = overview.actions[std::size_t(kind)];
        slice.colour = [kind](const QPalette& p) { return chartcolours::action(p, kind); };
        slice.mark.clause =
            cadf::dashboard::actionKindClause(cadf::dashboard::ActionKind(kind), result.actions);
        slices.push_back(std::move(slice));
    }
    m_actions->setSlices(std::move(slices), tr("events"));
    fillInitiators(result);
    for (ChartWidget* chart : charts())
        chart->updateGeometry();
}

void OverviewDashboard::fillHeatmap(const DashboardResult& result) {
    const cadf::dashboard::Overview& overview = result.overview;
    const int buckets = int(overview.histogram.buckets.size());
    // (service, code) -> cells.
    std::map<std::pair<int, int>, std::vector<std::int64_t>> rows;
    for (const cadf::dashboard::HeatCell& cell : overview.reasonHeatmap) {
        std::vector<std::int64_t>& cells = rows[{cell.serviceId, cell.code}];
        cells.resize(std::size_t(buckets), 0);
        if (cell.bucket >= 0 && cell.bucket < buckets)
            cells[std::size_t(cell.bucket)] += cell.events;
    }
    struct Ranked {
        int service;
        int code;
        std::int64_t total;
    };
    std::vector<Ranked> ranked;
    for (const auto& [key, cells] : rows) {
        std::int64_t total = 0;
        for (const std::int64_t v : cells)
            total += v;
        ranked.push_back({key.first, key.second, total});
    }
    // Failing codes (4xx, 5xx) before the rest, then by events.
    std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
        const bool fa = a.code >= 400, fb = b.code >= 400;
        return std::tie(fb, b.total, a.service, a.code) < std::tie(fa, a.total, b.service, b.code);
    });
    const std::size_t hidden = ranked.size() > kHeatmapRows ? ranked.size() - kHeatmapRows : 0;
    ranked.resize(std::min(ranked.size(), kHeatmapRows));
    // Shown by service name, then code: a service's codes sit together.
    const auto name = [this](int service) {
        const std::string n = cadf::dashboard::serviceName(catalogue(), service);
        return n.empty() ? tr("Unclassified") : QString::fromStdString(n);
    };
    std::sort(ranked.begin(), ranked.end(), [&](const Ranked& a, const Ranked& b) {
        return std::make_pair(name(a.service), a.code) < std::make_pair(name(b.service), b.code);
    });
    std::vector<HeatmapChart::Row> heat;
    for (const Ranked& r : ranked) {
        HeatmapChart::Row row;
        row.label = QStringLiteral("%1 \u00b7 %2")
                        .arg(name(r.service), r.code < 0 ? tr("no code") : QString::number(r.code));
        row.clause = cadf::dashboard::joinClauses(
            {cadf::dashboard::serviceClause(cadf::dashboard::serviceName(catalogue(), r.service)),
             cadf::dashboard::codeClause(r.code)});
        const int code = r.code;
        row.colour = [code](const QPalette& p) { return chartcolours::code(p, code); };
        row.cells = rows[{r.service, r.code}];
        heat.push_back(std::move(row));
    }
    m_heatmap->setData(overview.histogram.fromUs, overview.histogram.bucketUs, buckets,
                       std::move(heat), result.request.alignOffsetSeconds,
                       hidden > 0 ? tr("%n quieter rows not shown", nullptr, int(hidden))
                                  : QString());
    m_heatmap->setMinimumHeight(m_heatmap->sizeHint().height());
}

void OverviewDashboard::fillInitiators(const DashboardResult& result) {
    const cadf::dashboard::Overview& overview = result.overview;
    std::vector<RankedBarsChart::Row> byEvents;
    for (const cadf::dashboard::InitiatorCount& i : overview.topInitiatorsByEvents) {
        if (byEvents.size() >= dashboardmarks::kShownRows)
            break;
        RankedBarsChart::Row row;
        row.label = dashboardmarks::initiatorLabel(i);
        row.value = i.events;
        row.part = i.failures;
        row.mark = dashboardmarks::initiatorMark(i, QString());
        byEvents.push_back(std::move(row));
    }
    m_initiatorsByEvents->setRows(
        std::move(byEvents), chartcolours::bar,
        [](const QPalette& p) { return chartcolours::outcome(p, 2); }, tr("events"),
        tr("of them failed"), tr("No events match the filter"));
    std::vector<RankedBarsChart::Row> byFailures;
    for (const cadf::dashboard::InitiatorCount& i : overview.topInitiatorsByFailures) {
        if (byFailures.size() >= dashboardmarks::kShownRows)
            break;
        RankedBarsChart::Row row;
        row.label = dashboardmarks::initiatorLabel(i);
        row.value = i.failures;
        row.mark = dashboardmarks::initiatorMark(i, QStringLiteral("outcome:failure"));
        byFailures.push_back(std::move(row));
    }
    m_initiatorsByFailures->setRows(
        std::move(byFailures), [](const QPalette& p) { return chartcolours::outcome(p, 2); }, {},
        tr("failed events"), QString(), tr("No failures match the filter"));
}
