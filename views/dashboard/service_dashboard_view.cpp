#include "views/dashboard/service_dashboard_view.h"

#include "models/dashboard/dashboard_clauses.h"
#include "models/inventory/catalogue.h"
#include "views/dashboard/chart_colours.h"
#include "views/dashboard/chart_text.h"
#include "views/dashboard/dashboard_marks.h"
#include "views/dashboard/ranked_bars_chart.h"
#include "views/dashboard/split_chart.h"
#include "views/dashboard/time_bars_chart.h"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>

namespace {

// Never-seen endpoints listed before "N more": the rest are in the Inventory view.
constexpr std::size_t kNeverSeenRows = 20;

} // namespace

ServiceDashboardView::ServiceDashboardView(const QString& storePath,
                                           const cadf::inventory::Catalogue& catalogue,
                                           QWidget* parent)
    : DashboardPage(storePath, catalogue, parent) {
    setHeading(tr("Service"));
    // The Services view opened from the list of views, before any tile was clicked: the analyst
    // picks a service here (a navigation step, like a tile's click).
    auto* label = new QLabel(tr("&Service:"), this);
    m_chooser = new QComboBox(this);
    m_chooser->setObjectName(QStringLiteral("serviceChooser"));
    m_chooser->setPlaceholderText(tr("Choose a service"));
    for (const cadf::inventory::ServiceInfo& s : catalogue.services())
        m_chooser->addItem(
            QStringLiteral("%1 \u00b7 %2")
                .arg(QString::fromStdString(s.category), QString::fromStdString(s.name)),
            QString::fromStdString(s.name));
    m_chooser->addItem(tr("Unclassified"), QStringLiteral("Unclassified"));
    m_chooser->setCurrentIndex(-1);
    m_chooser->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    label->setBuddy(m_chooser);
    addToolWidget(label);
    addToolWidget(m_chooser);
    connect(m_chooser, &QComboBox::activated, this, [this](int index) {
        Q_EMIT serviceDashboardRequested(m_chooser->itemData(index).toString());
    });
    m_activity = new TimeBarsChart(tr("Activity over time by action"));
    m_outcomes = new SplitChart(tr("Outcomes"));
    m_codes = new RankedBarsChart(tr("Failures by reason code"));
    m_endpoints = new RankedBarsChart(tr("Top endpoints"));
    m_endpoints->setSubtitle(tr("by inventory description; right-click for the target profile"));
    m_initiators = new RankedBarsChart(tr("Top initiators"));
    m_initiators->setSubtitle(tr("click for the initiator's profile"));
    m_addresses = new RankedBarsChart(tr("Top source addresses"));
    m_addresses->setSubtitle(tr("initiator host addresses"));
    m_neverSeen = new RankedBarsChart(tr("Endpoints never seen"));
    m_neverSeen->setSubtitle(tr("inventory endpoints no matching event reached"));

    addChart(m_activity, 0, 0, 1, 2);
    addChart(m_outcomes, 1, 0);
    addChart(m_codes, 1, 1);
    addChart(m_endpoints, 2, 0);
    addChart(m_initiators, 2, 1);
    addChart(m_addresses, 3, 0);
    addChart(m_neverSeen, 3, 1);
    grid()->setColumnStretch(0, 1);
    grid()->setColumnStretch(1, 1);
}

ServiceDashboardView::~ServiceDashboardView() = default;

int ServiceDashboardView::serviceIdOf(const cadf::inventory::Catalogue& catalogue,
                                      const QString& name) {
    if (name.trimmed().compare(QLatin1String("Unclassified"), Qt::CaseInsensitive) == 0)
        return 0;
    const int id = catalogue.serviceId(name.toStdString());
    return id > 0 ? id : -1;
}

void ServiceDashboardView::setService(const QString& service) {
    m_service = service;
    const int id = serviceIdOf(catalogue(), service);
    m_chooser->setCurrentIndex(m_chooser->findData(
        id == 0
            ? QStringLiteral("Unclassified")
            : (id > 0 ? QString::fromStdString(catalogue().serviceById(id)->name) : QString())));
    setHeading(service);
    reload();
}

bool ServiceDashboardView::prepareRequest(DashboardRequest& request, QString* error) const {
    if (m_service.isEmpty()) {
        if (error)
            *error = tr("Choose a service above, or click a service's tile in the Overview.");
        return false;
    }
    const int id = serviceIdOf(catalogue(), m_service);
    if (id < 0) {
        if (error)
            *error = tr("Unknown service '%1'").arg(m_service);
        return false;
    }
    request.serviceId = id;
    return true;
}

void ServiceDashboardView::fillCharts(const DashboardResult& result) {
    const cadf::dashboard::ServiceDashboard& d = result.service;
    const int offset = result.request.alignOffsetSeconds;
    const QString name =
        d.serviceId == 0 ? QStringLiteral("Unclassified") : QString::fromStdString(d.name);
    setHeading(d.category.empty()
                   ? name
                   : QStringLiteral("%1 \u00b7 %2").arg(name, QString::fromStdString(d.category)));
    setSummary(dashboardmarks::summaryText(d.events, d.failures, d.histogram, offset));
    const QString serviceClause = cadf::dashboard::serviceClause(d.name);

    std::vector<TimeBarsChart::Series> series;
    for (int kind = 0; kind < cadf::dashboard::kActionKinds; ++kind) {
        TimeBarsChart::Series s;
        s.name = dashboardmarks::actionKindName(kind);
        s.clause =
            cadf::dashboard::actionKindClause(cadf::dashboard::ActionKind(kind), result.actions);
        s.colour = [kind](const QPalette& p) { return chartcolours::action(p, kind); };
        for (const cadf::dashboard::ActionCounts& bucket : d.actionsOverTime)
            s.values.push_back(bucket[std::size_t(kind)]);
        series.push_back(std::move(s));
    }
    m_activity->setData(d.histogram.fromUs, d.histogram.bucketUs, std::move(series), offset,
                        serviceClause);
    m_activity->setSubtitle(tr("create / read / update / delete / other per bar; click a bar "
                               "for its events"));

    std::vector<SplitChart::Slice> slices;
    for (const int outcome : {1, 2, 3, 0}) {
        SplitChart::Slice slice;
        slice.label = dashboardmarks::outcomeName(outcome);
        slice.value = d.outcomes[std::size_t(outcome)];
        slice.colour = [outcome](const QPalette& p) { return chartcolours::outcome(p, outcome); };
        slice.mark.clause =
            cadf::dashboard::joinClauses({serviceClause, cadf::dashboard::outcomeClause(outcome)});
        slices.push_back(std::move(slice));
    }
    m_outcomes->setSlices(std::move(slices), tr("events"));
    fillLists(result, serviceClause);
    for (ChartWidget* chart : charts())
        chart->updateGeometry();
}

void ServiceDashboardView::fillLists(const DashboardResult& result, const QString& serviceClause) {
    const cadf::dashboard::ServiceDashboard& d = result.service;
    const auto failureColour = [](const QPalette& p) { return chartcolours::outcome(p, 2); };

    std::vector<RankedBarsChart::Row> codes;
    for (const cadf::dashboard::CodeCount& c : d.failuresByCode) {
        RankedBarsChart::Row row;
        row.label = c.code < 0 ? tr("no code") : QString::number(c.code);
        row.value = c.events;
        row.mark.tooltip =
            tr("reason code %1: %2 failed events (%3 of the failures)")
                .arg(row.label, charttext::count(c.events),
                     charttext::percent(cadf::dashboard::failurePercent(d.failures, c.events)));
        row.mark.clause =
            cadf::dashboard::joinClauses({serviceClause, QStringLiteral("outcome:failure"),
                                          cadf::dashboard::codeClause(c.code)});
        codes.push_back(std::move(row));
    }
    m_codes->setRows(std::move(codes), failureColour, {}, tr("failed events"), QString(),
                     tr("No failures match the filter"));

    std::vector<RankedBarsChart::Row> endpoints;
    for (const dashboardmarks::MergedEndpoint& merged :
         dashboardmarks::mergeByDescription(d.topEndpoints, false, dashboardmarks::kShownRows)) {
        const cadf::dashboard::EndpointCount& e = merged.endpoint;
        RankedBarsChart::Row row;
        row.label = dashboardmarks::endpointLabel(e);
        row.value = e.events;
        row.part = e.failures;
        row.mark = dashboardmarks::endpointMark(merged, QString(), true);
        endpoints.push_back(std::move(row));
    }
    m_endpoints->setRows(std::move(endpoints), chartcolours::bar, failureColour, tr("events"),
                         tr("of them failed"), tr("No events match the filter"));

    std::vector<RankedBarsChart::Row> initiators;
    for (const cadf::dashboard::InitiatorCount& i : d.topInitiators) {
        if (initiators.size() >= dashboardmarks::kShownRows)
            break;
        RankedBarsChart::Row row;
        row.label = dashboardmarks::initiatorLabel(i);
        row.value = i.events;
        row.part = i.failures;
        row.mark = dashboardmarks::initiatorMark(i, serviceClause);
        initiators.push_back(std::move(row));
    }
    m_initiators->setRows(std::move(initiators), chartcolours::bar, failureColour, tr("events"),
                          tr("of them failed"), tr("No events match the filter"));

    std::vector<RankedBarsChart::Row> addresses;
    for (const cadf::dashboard::ValueEvents& a : d.topAddresses) {
        if (addresses.size() >= dashboardmarks::kShownRows)
            break;
        RankedBarsChart::Row row;
        row.label = a.value.empty() ? tr("(no address)") : QString::fromStdString(a.value);
        row.value = a.events;
        row.part = a.failures;
        row.mark.tooltip =
            tr("%1\n%2 events, %3 failures (%4)")
                .arg(row.label, charttext::count(a.events), charttext::count(a.failures),
                     charttext::percent(cadf::dashboard::failurePercent(a.events, a.failures)));
        row.mark.clause =
            cadf::dashboard::joinClauses({serviceClause, cadf::dashboard::addressClause(a.value)});
        addresses.push_back(std::move(row));
    }
    m_addresses->setRows(std::move(addresses), chartcolours::bar, failureColour, tr("events"),
                         tr("of them failed"), tr("No events match the filter"));

    std::vector<RankedBarsChart::Row> never;
    for (const cadf::dashboard::NeverSeenEndpoint& e : d.neverSeen) {
        if (never.size() >= kNeverSeenRows)
            break;
        RankedBarsChart::Row row;
        row.label = QString::fromStdString(e.description);
        row.value = -1;
        QStringList urls;
        for (const std::string& url : e.urls)
            urls << QString::fromStdString(url);
        row.mark.tooltip = tr("%1\nno matching event\n%2").arg(row.label, urls.join(u'\n'));
        row.mark.profileKind = QStringLiteral("target");
        row.mark.profileKey = QString::number(e.endpointId);
        never.push_back(std::move(row));
    }
    const std::size_t more = d.neverSeen.size() - never.size();
    m_neverSeen->setRows(std::move(never), {}, {}, QString(), QString(),
                         d.serviceId == 0 ? tr("Unclassified events have no inventory endpoints")
                                          : tr("Every inventory endpoint of the service was seen"),
                         more > 0 ? tr("%n more in the Inventory view", nullptr, int(more))
                                  : QString());
}
