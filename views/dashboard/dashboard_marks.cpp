#include "views/dashboard/dashboard_marks.h"

#include "models/dashboard/dashboard_clauses.h"
#include "models/dashboard/dashboard_query.h"
#include "models/filter/filter.h"
#include "models/store/time_histogram.h"
#include "views/dashboard/chart_colours.h"
#include "views/dashboard/chart_text.h"

#include <QCoreApplication>

#include <algorithm>

namespace dashboardmarks {

namespace {

QString tr(const char* text, const char* disambiguation = nullptr, int n = -1) {
    return QCoreApplication::translate("DashboardMarks", text, disambiguation, n);
}

} // namespace

QString outcomeName(int outcome) {
    switch (outcome) {
    case 1:
        return tr("success", "outcome");
    case 2:
        return tr("failure", "outcome");
    case 3:
        return tr("pending", "outcome");
    default:
        return tr("unknown", "outcome");
    }
}

QString actionKindName(int kind) {
    switch (kind) {
    case 0:
        return tr("create", "action group");
    case 1:
        return tr("read", "action group");
    case 2:
        return tr("update", "action group");
    case 3:
        return tr("delete", "action group");
    default:
        return tr("other", "action group");
    }
}

QString initiatorLabel(const cadf::dashboard::InitiatorCount& initiator) {
    const QString id = QString::fromStdString(initiator.id);
    const QString name = QString::fromStdString(initiator.name);
    if (!name.isEmpty() && !id.isEmpty() && name != id)
        return QStringLiteral("%1 (%2)").arg(name, id);
    if (!id.isEmpty())
        return id;
    if (!name.isEmpty())
        return name;
    return tr("(no initiator)");
}

QString initiatorClause(const cadf::dashboard::InitiatorCount& initiator) {
    if (!initiator.id.empty() || initiator.name.empty())
        return cadf::filter::termFor(QStringLiteral("initiator.id"),
                                     QString::fromStdString(initiator.id));
    return cadf::filter::termFor(QStringLiteral("initiator.name"),
                                 QString::fromStdString(initiator.name));
}

ChartMark initiatorMark(const cadf::dashboard::InitiatorCount& initiator,
                        const QString& extraClause) {
    ChartMark mark;
    mark.tooltip =
        tr("%1\ntype: %2\n%3 events, %4 failures (%5)\nClick for its profile")
            .arg(initiatorLabel(initiator),
                 initiator.type.empty() ? tr("(none)") : QString::fromStdString(initiator.type),
                 charttext::count(initiator.events), charttext::count(initiator.failures),
                 charttext::percent(
                     cadf::dashboard::failurePercent(initiator.events, initiator.failures)));
    mark.clause = cadf::dashboard::joinClauses({initiatorClause(initiator), extraClause});
    mark.profileKind = QStringLiteral("initiator");
    mark.profileKey = QString::number(initiator.ref);
    return mark;
}

QString endpointLabel(const cadf::dashboard::EndpointCount& endpoint) {
    if (endpoint.endpointId == 0)
        return tr("(unclassified requests)");
    return QString::fromStdString(endpoint.description);
}

std::vector<MergedEndpoint>
mergeByDescription(const std::vector<cadf::dashboard::EndpointCount>& endpoints, bool byFailures,
                   std::size_t keep) {
    std::vector<MergedEndpoint> merged;
    for (const cadf::dashboard::EndpointCount& e : endpoints) {
        const auto same = std::find_if(merged.begin(), merged.end(), [&e](const auto& m) {
            return e.endpointId != 0 && m.endpoint.endpointId != 0 &&
                   m.endpoint.serviceId == e.serviceId && m.endpoint.description == e.description;
        });
        if (same == merged.end()) {
            merged.push_back({e, 1});
            continue;
        }
        same->endpoint.events += e.events;
        same->endpoint.failures += e.failures;
        ++same->rows;
    }
    std::stable_sort(merged.begin(), merged.end(), [byFailures](const auto& a, const auto& b) {
        return byFailures ? a.endpoint.failures > b.endpoint.failures
                          : a.endpoint.events > b.endpoint.events;
    });
    if (merged.size() > keep)
        merged.resize(keep);
    return merged;
}

ChartMark endpointMark(const MergedEndpoint& merged, const QString& extraClause, bool withService) {
    const cadf::dashboard::EndpointCount& endpoint = merged.endpoint;
    ChartMark mark;
    const QString service =
        endpoint.serviceId == 0 ? tr("Unclassified") : QString::fromStdString(endpoint.service);
    mark.tooltip = tr("%1\nservice: %2\n%3 events, %4 failures (%5)")
                       .arg(endpointLabel(endpoint), service, charttext::count(endpoint.events),
                            charttext::count(endpoint.failures),
                            charttext::percent(cadf::dashboard::failurePercent(endpoint.events,
                                                                               endpoint.failures)));
    if (merged.rows > 1)
        mark.tooltip += u'\n' + tr("%n inventory rows of the service share this description",
                                   nullptr, merged.rows);
    QStringList parts;
    if (withService || endpoint.endpointId == 0)
        parts << cadf::dashboard::serviceClause(endpoint.service);
    if (endpoint.endpointId != 0) {
        parts << cadf::dashboard::endpointClause(endpoint.description);
        mark.profileKind = QStringLiteral("target");
        mark.profileKey = QString::number(endpoint.endpointId);
        mark.profileOnClick = false;
    }
    parts << extraClause;
    mark.clause = cadf::dashboard::joinClauses(parts);
    return mark;
}

std::vector<TimeBarsChart::Series> outcomeSeries(const cadf::store::TimeHistogram& histogram) {
    std::vector<TimeBarsChart::Series> series;
    for (const int outcome : {1, 0, 3, 2}) {
        TimeBarsChart::Series s;
        s.name = outcomeName(outcome);
        s.clause = cadf::dashboard::outcomeClause(outcome);
        s.colour = [outcome](const QPalette& p) { return chartcolours::outcome(p, outcome); };
        for (const cadf::store::HistogramBucket& bucket : histogram.buckets)
            s.values.push_back(bucket.counts[std::size_t(outcome)]);
        series.push_back(std::move(s));
    }
    return series;
}

QString summaryText(std::int64_t events, std::int64_t failures,
                    const cadf::store::TimeHistogram& histogram, int offsetSeconds) {
    if (events == 0)
        return tr("No events match the filter and time range.");
    QString text = tr("%1 events \u00b7 %2 failures (%3)")
                       .arg(charttext::count(events), charttext::count(failures),
                            charttext::percent(cadf::dashboard::failurePercent(events, failures)));
    if (histogram.bucketUs > 0) {
        text += QStringLiteral(" \u00b7 ") +
                charttext::span(histogram.fromUs, histogram.toUs, offsetSeconds) +
                QStringLiteral(" \u00b7 ") +
                tr("one bar = %1").arg(charttext::duration(histogram.bucketUs));
    }
    return text;
}

} // namespace dashboardmarks
