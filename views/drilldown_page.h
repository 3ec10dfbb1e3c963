#pragma once

#include "views/query_page.h"

class DrilldownTableModel;
class DrilldownTableView;

// One of the drill-down tables of issue 6 over the global filter: Initiators (like Wireshark's
// Endpoints), Targets or Conversations. Every row under the filter, computed on the page's
// reader thread (models/dashboard), sorted and searched here.
class DrilldownPage : public QueryPage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DrilldownPage)

public:
    enum class Table { Initiators, Targets, Conversations };

    DrilldownPage(Table table, const QString& storePath, QWidget* parent = nullptr);

    Table tableKind() const { return m_tableKind; }
    DrilldownTableModel* model() const { return m_model; }
    DrilldownTableView* view() const { return m_view; }

protected:
    void compute(const cadf::dashboard::DashboardQuery& query) override;
    void showResult(const StoreJobLoader::Result& result) override;
    void displayOffsetChanged(int offsetSeconds) override;
    void busyChanged(bool busy) override;

private:
    const Table m_tableKind;
    DrilldownTableModel* m_model = nullptr;
    DrilldownTableView* m_view = nullptr;
    bool m_fitted = false;
};
