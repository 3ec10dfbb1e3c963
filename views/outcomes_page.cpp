#include "views/outcomes_page.h"

#include "models/cadf/timestamp.h"
#include "models/dashboard/drilldown.h"
#include "models/inventory/catalogue.h"
#include "models/itemmodels/drilldown_rows.h"
#include "models/itemmodels/drilldown_table_model.h"
#include "views/drilldown_table_view.h"
#include "views/time_histogram.h"

#include <QGroupBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using cadf::dashboard::DashboardQuery;
using Rows = DrilldownRows::Rows;

namespace {

constexpr int kTopPairs = 50;

struct OutcomesResult {
    std::shared_ptr<const cadf::store::TimeHistogram> histogram;
    DrilldownRows::Columns codeColumns;
    Rows codes;
    Rows pairs;
};

QGroupBox* boxed(const QString& title, QWidget* content, QWidget* parent) {
    auto* box = new QGroupBox(title, parent);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(content);
    return box;
}

} // namespace

OutcomesPage::OutcomesPage(const QString& storePath, QWidget* parent)
    : QueryPage(storePath, QStringLiteral("cadf-outcomes"), parent) {
    m_chart = new TimeHistogram(this);
    m_chart->setMinimumHeight(160);
    connect(m_chart, &TimeHistogram::rangeSelected, this, [this](qint64 fromUs, qint64 toUs) {
        const QString from = QString::fromStdString(cadf::formatIso(fromUs, m_offsetSeconds, 0));
        const QString to = QString::fromStdString(cadf::formatIso(toUs, m_offsetSeconds, 0));
        Q_EMIT filterClauseRequested(QStringLiteral("time>=%1 time<%2").arg(from, to));
    });
    m_codes = new DrilldownTableModel(this);
    m_codesView = new DrilldownTableView(m_codes, false, this);
    m_pairs = new DrilldownTableModel(this);
    m_pairs->setColumns(DrilldownRows::failingPairColumns());
    m_pairsView = new DrilldownTableView(m_pairs, false, this);
    m_pairsView->setStretchColumn(2); // the endpoint's description
    for (DrilldownTableView* view : {m_codesView, m_pairsView}) {
        connect(view, &DrilldownTableView::filterClauseRequested, this,
                &QueryPage::filterClauseRequested);
        connect(view, &DrilldownTableView::profileRequested, this, &QueryPage::profileRequested);
    }

    // One above the other, each the page's full width: side by side, the code columns squeezed
    // the service names and the pairs' endpoint descriptions down to a few letters.
    auto* tables = new QSplitter(Qt::Vertical, this);
    tables->addWidget(boxed(tr("Reason codes by service"), m_codesView, this));
    tables->addWidget(boxed(tr("Most failing initiator \u00d7 endpoint pairs"), m_pairsView, this));
    tables->setStretchFactor(0, 1);
    tables->setStretchFactor(1, 1);
    tables->setChildrenCollapsible(false);

    QVBoxLayout* layout = pageLayout(
        tr("Outcomes"), tr("Success, failure and other over time; reason codes by "
                           "service; the initiator \u00d7 endpoint pairs failing most."));
    layout->addWidget(m_chart, 1);
    layout->addWidget(tables, 3);
}

void OutcomesPage::compute(const DashboardQuery& query) {
    DashboardQuery q = query;
    q.topN = kTopPairs;
    q.maxBuckets = cadf::dashboard::kPageBuckets;
    loader()->request(
        q,
        [](cadf::store::StoreReader& reader, const DashboardQuery& ranged,
           cadf::store::StoreError& error) -> StoreJobLoader::Result {
            cadf::dashboard::Outcomes outcomes;
            if (!cadf::dashboard::computeOutcomes(reader, cadf::inventory::Catalogue::builtIn(),
                                                  ranged, outcomes, error))
                return nullptr;
            auto result = std::make_shared<OutcomesResult>();
            result->histogram =
                std::make_shared<const cadf::store::TimeHistogram>(outcomes.histogram);
            result->codeColumns = DrilldownRows::serviceCodeColumns(outcomes.codes);
            result->codes = DrilldownRows::serviceCodeRows(outcomes.codes);
            result->pairs = DrilldownRows::failingPairRows(outcomes.topFailing);
            return result;
        });
}

void OutcomesPage::showResult(const StoreJobLoader::Result& result) {
    const auto r = std::static_pointer_cast<const OutcomesResult>(result);
    m_chart->setHistogram(r->histogram);
    m_codes->setColumns(r->codeColumns); // the codes present are the columns
    m_codes->setRows(r->codes);
    m_pairs->setRows(r->pairs);
    m_codesView->fitColumns();
    m_pairsView->fitColumns();
}

void OutcomesPage::displayOffsetChanged(int offsetSeconds) {
    m_offsetSeconds = offsetSeconds;
    m_chart->setLocalTime(isLocalTime());
}

void OutcomesPage::busyChanged(bool busy) {
    m_chart->setBusy(busy);
    m_codesView->setBusy(busy);
    m_pairsView->setBusy(busy);
}
