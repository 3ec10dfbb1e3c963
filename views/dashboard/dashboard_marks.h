#pragma once

#include "views/dashboard/chart_widget.h"
#include "views/dashboard/time_bars_chart.h"

#include <QString>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "models/dashboard/dashboard_query.h"
namespace cadf::store {
struct TimeHistogram;
}

// Labels, clauses and series the Overview and the service dashboards build alike.
namespace dashboardmarks {

// Translated outcome (cadf::Outcome index) and action group (ActionKind index) names.
QString outcomeName(int outcome);
QString actionKindName(int kind);

// "alice (alice@example.com)", or the id alone, or "(no initiator)".
QString initiatorLabel(const cadf::dashboard::InitiatorCount& initiator);
// `initiator.id:X` (its name when it has no id).
QString initiatorClause(const cadf::dashboard::InitiatorCount& initiator);
// A ranked row's mark for an initiator: a click opens its profile (key: resources.id).
ChartMark initiatorMark(const cadf::dashboard::InitiatorCount& initiator,
                        const QString& extraClause);
// "List cases" or, for events no inventory row matched, "(unclassified)".
QString endpointLabel(const cadf::dashboard::EndpointCount& endpoint);
// Rows shown per ranked list: the lists are computed longer (DashboardRequest::topN) so that
// rows merged by mergeByDescription() still fill it with whole counts.
inline constexpr std::size_t kShownRows = 10;

// Inventory rows a service lists under the same description ("Authentication." twice in SOAR)
// are one row here: endpoint:"..." cannot tell them apart, so a bar per row would count fewer
// events than its click selects. Counts are summed, `rows` says how many were merged; sorted
// by failures or events, most first, at most `keep`.
struct MergedEndpoint {
    cadf::dashboard::EndpointCount endpoint;
    int rows = 1;
};
std::vector<MergedEndpoint>
mergeByDescription(const std::vector<cadf::dashboard::EndpointCount>& endpoints, bool byFailures,
                   std::size_t keep);

// A ranked row's mark for an endpoint: a click narrows to it (and `extraClause`); the target
// profile (key: catalogue row id) is in the context menu.
ChartMark endpointMark(const MergedEndpoint& merged, const QString& extraClause, bool withService);

// The stacked series of an outcome histogram: success, unknown, pending, failure (bottom up,
// failures on top where the eye lands, as in the Events view).
std::vector<TimeBarsChart::Series> outcomeSeries(const cadf::store::TimeHistogram& histogram);

// "12,345 events · 1,234 failures (10 %) · 2023-10-18 14:00 – 2023-10-19 14:00 UTC · one bar
// = 1 h".
QString summaryText(std::int64_t events, std::int64_t failures,
                    const cadf::store::TimeHistogram& histogram, int offsetSeconds);

} // namespace dashboardmarks
