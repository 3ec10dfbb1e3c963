#pragma once

#include "views/query_page.h"

#include <array>

class DrilldownTableModel;
class DrilldownTableView;
class QGroupBox;
class QLabel;
class QPushButton;
class TimeHistogram;

// A profile (issue 6), reached by double-click in a drill-down table: a view with its own title.
// Initiator: its activity over time, the services and endpoints it touched, its addresses and
// agents, its failures by code, and a button to its events. Target (an inventory endpoint or an
// unclassified path): who touched it, how (actions), with what outcome. Computed under the global
// filter on the page's reader thread (models/dashboard/profile.h).
class ProfilePage : public QueryPage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfilePage)

public:
    explicit ProfilePage(const QString& storePath, QWidget* parent = nullptr);

    // Whose profile: kind "initiator" or "target", key as in DrilldownRows. Computes when shown.
    void setSubject(const QString& kind, const QString& key);
    QString kind() const { return m_kind; }
    QString key() const { return m_key; }

    QString title() const;
    // The last profile's figures (tests compare them with SQL).
    qint64 events() const { return m_events; }
    qint64 failures() const { return m_failures; }
    // The filter term that selects the subject's events ("Show events" adds it).
    QString subjectTerm() const { return m_subjectTerm; }
    QPushButton* eventsButton() const { return m_eventsButton; }
    TimeHistogram* activity() const { return m_activity; }
    // The lists, in the order shown (initiator: services, endpoints, addresses, agents, failures
    // by code; target: initiators, actions, outcomes, failures by code, addresses, agents).
    DrilldownTableView* list(int i) const { return m_lists[std::size_t(i)]; }
    static constexpr int kLists = 6;

protected:
    void compute(const cadf::dashboard::DashboardQuery& query) override;
    void showResult(const StoreJobLoader::Result& result) override;
    void displayOffsetChanged(int offsetSeconds) override;
    void busyChanged(bool busy) override;

private:
    void layoutFor(bool initiator);

    QString m_kind;
    QString m_key;
    QString m_subjectTerm;
    qint64 m_events = -1;
    qint64 m_failures = -1;
    qint64 m_firstUs = 0;
    qint64 m_lastUs = 0;
    QLabel* m_title = nullptr;
    QLabel* m_subtitle = nullptr;
    QLabel* m_summary = nullptr;
    QPushButton* m_eventsButton = nullptr;
    TimeHistogram* m_activity = nullptr;
    std::array<QGroupBox*, kLists> m_boxes{};
    std::array<DrilldownTableModel*, kLists> m_models{};
    std::array<DrilldownTableView*, kLists> m_lists{};
    int m_offsetSeconds = 0;
};
