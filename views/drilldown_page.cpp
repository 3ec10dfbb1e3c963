#include "views/drilldown_page.h"

#include "models/dashboard/drilldown.h"
#include "models/inventory/catalogue.h"
#include "models/itemmodels/drilldown_rows.h"
#include "models/itemmodels/drilldown_table_model.h"
#include "views/drilldown_table_view.h"

#include <QHeaderView>
#include <QTableView>
#include <QVBoxLayout>

using cadf::dashboard::DashboardQuery;
using Rows = DrilldownRows::Rows;

namespace {

QString threadName(DrilldownPage::Table table) {
    switch (table) {
    case DrilldownPage::Table::Initiators:
        return QStringLiteral("cadf-initiators");
    case DrilldownPage::Table::Targets:
        return QStringLiteral("cadf-targets");
    case DrilldownPage::Table::Conversations:
        break;
    }
    return QStringLiteral("cadf-conversations");
}

} // namespace

DrilldownPage::DrilldownPage(Table table, const QString& storePath, QWidget* parent)
    : QueryPage(storePath, threadName(table), parent)
    , m_tableKind(table) {
    m_model = new DrilldownTableModel(this);
    QString title;
    QString explanation;
    switch (table) {
    case Table::Initiators:
        m_model->setColumns(DrilldownRows::initiatorColumns());
        title = tr("Initiators");
        explanation = tr("Who acted: every initiator under the filter. Double-click for its "
                         "profile.");
        break;
    case Table::Targets:
        m_model->setColumns(DrilldownRows::targetColumns());
        title = tr("Targets");
        explanation = tr("What was acted on: inventory endpoints and unclassified paths. "
                         "Double-click for its profile.");
        break;
    case Table::Conversations:
        m_model->setColumns(DrilldownRows::conversationColumns());
        title = tr("Conversations");
        explanation = tr("Initiator \u00d7 service pairs. Double-click for the initiator's "
                         "profile.");
        break;
    }
    m_view = new DrilldownTableView(m_model, true, this);
    // Most events first until the analyst picks another column.
    m_view->table()->sortByColumn(3, Qt::DescendingOrder); // Events, in all three

    QVBoxLayout* layout = pageLayout(title, explanation);
    layout->addWidget(m_view, 1);

    connect(m_view, &DrilldownTableView::filterClauseRequested, this,
            &QueryPage::filterClauseRequested);
    connect(m_view, &DrilldownTableView::profileRequested, this, &QueryPage::profileRequested);
}

void DrilldownPage::compute(const DashboardQuery& query) {
    // Rows are made on the reader thread too: a few hundred thousand initiators stay off the UI.
    switch (m_tableKind) {
    case Table::Initiators:
        loader()->request(query,
                          [](cadf::store::StoreReader& reader, const DashboardQuery& q,
                             cadf::store::StoreError& error) -> StoreJobLoader::Result {
                              std::vector<cadf::dashboard::InitiatorRow> rows;
                              if (!cadf::dashboard::computeInitiators(reader, q, rows, error))
                                  return nullptr;
                              return std::make_shared<const Rows>(
                                  DrilldownRows::initiatorRows(rows));
                          });
        break;
    case Table::Targets:
        loader()->request(
            query,
            [](cadf::store::StoreReader& reader, const DashboardQuery& q,
               cadf::store::StoreError& error) -> StoreJobLoader::Result {
                std::vector<cadf::dashboard::TargetRow> rows;
                if (!cadf::dashboard::computeTargets(reader, cadf::inventory::Catalogue::builtIn(),
                                                     q, rows, error))
                    return nullptr;
                return std::make_shared<const Rows>(DrilldownRows::targetRows(rows));
            });
        break;
    case Table::Conversations:
        loader()->request(
            query,
            [](cadf::store::StoreReader& reader, const DashboardQuery& q,
               cadf::store::StoreError& error) -> StoreJobLoader::Result {
                std::vector<cadf::dashboard::ConversationRow> rows;
                if (!cadf::dashboard::computeConversations(
                        reader, cadf::inventory::Catalogue::builtIn(), q, rows, error))
                    return nullptr;
                return std::make_shared<const Rows>(DrilldownRows::conversationRows(rows));
            });
        break;
    }
}

void DrilldownPage::showResult(const StoreJobLoader::Result& result) {
    const auto rows = std::static_pointer_cast<const Rows>(result);
    m_model->setRows(*rows);
    if (!m_fitted && !rows->empty()) {
        m_fitted = true; // later results keep the widths the analyst may have set
        m_view->fitColumns();
    }
}

void DrilldownPage::displayOffsetChanged(int offsetSeconds) {
    m_model->setDisplayOffsetSeconds(offsetSeconds);
}

void DrilldownPage::busyChanged(bool busy) {
    m_view->setBusy(busy);
}
