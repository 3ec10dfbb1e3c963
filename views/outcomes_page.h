#pragma once

#include "views/query_page.h"

class DrilldownTableModel;
class DrilldownTableView;
class TimeHistogram;

// Outcomes (issue 6): success / failure / other over time, the reason codes of each service, and
// the initiator x endpoint pairs with the most failures (where brute force or privilege probing
// shows). One pass over the filtered events on the page's reader thread.
class OutcomesPage : public QueryPage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutcomesPage)

public:
    explicit OutcomesPage(const QString& storePath, QWidget* parent = nullptr);

    TimeHistogram* chart() const { return m_chart; }
    DrilldownTableView* codesView() const { return m_codesView; }
    DrilldownTableView* pairsView() const { return m_pairsView; }

protected:
    void compute(const cadf::dashboard::DashboardQuery& query) override;
    void showResult(const StoreJobLoader::Result& result) override;
    void displayOffsetChanged(int offsetSeconds) override;
    void busyChanged(bool busy) override;

private:
    TimeHistogram* m_chart = nullptr;
    DrilldownTableModel* m_codes = nullptr;
    DrilldownTableModel* m_pairs = nullptr;
    DrilldownTableView* m_codesView = nullptr;
    DrilldownTableView* m_pairsView = nullptr;
    int m_offsetSeconds = 0;
};
