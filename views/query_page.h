#pragma once

#include "models/itemmodels/store_job_loader.h"

#include <QString>
#include <QWidget>

#include <optional>

class QLabel;
class QVBoxLayout;

// A view of the window's one filter (docs/ui.md): it is handed the global filter text and time
// range with setQuery() and computes its figures for them on its own reader thread, only while
// it is shown (a hidden page computes when it is shown next). Clicks in it come back as the
// three requests every view shares: AND a clause into the filter, open a service's dashboard,
// open a profile. Escape cancels a long computation.
class QueryPage : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueryPage)

public:
    QueryPage(const QString& storePath, const QString& threadName, QWidget* parent = nullptr);

    void setQuery(const QString& filterText, std::optional<qint64> fromUs,
                  std::optional<qint64> toUs);
    // Times in UTC or this computer's zone (labels, and times written without a zone).
    void setLocalTime(bool local);
    // New events: computes again if shown, else when shown next.
    void storeChanged();

    QString filterText() const { return m_filterText; }
    bool isLocalTime() const { return m_localTime; }
    bool isBusy() const { return m_loader->isBusy(); }
    // The last computation finished (or failed) for the current query.
    bool isCurrent() const { return !m_stale && !m_loader->isBusy(); }
    StoreJobLoader* loader() const { return m_loader; }
    QLabel* statusLabel() const { return m_status; }

Q_SIGNALS:
    void filterClauseRequested(const QString& clause);
    void serviceDashboardRequested(const QString& service);
    void profileRequested(const QString& kind, const QString& key);
    // A computation finished for the current query (tests wait on it).
    void computed();

protected:
    void showEvent(QShowEvent* event) override;
    // Starts the page's computation (m_loader->request) for `query`.
    virtual void compute(const cadf::dashboard::DashboardQuery& query) = 0;
    // A result arrived for the current query.
    virtual void showResult(const StoreJobLoader::Result& result) = 0;
    virtual void displayOffsetChanged(int offsetSeconds) { Q_UNUSED(offsetSeconds) }
    virtual void busyChanged(bool busy) { Q_UNUSED(busy) }
    int displayOffsetSeconds() const;
    void setStatus(const QString& text);
    // The page's layout with its header already in it: `title` in bold, the `explanation` in the
    // secondary text colour, the status on the right. The page adds its content below.
    QVBoxLayout* pageLayout(const QString& title, const QString& explanation);
    QString storePath() const { return m_storePath; }

private:
    void computeIfShown();

    const QString m_storePath;
    StoreJobLoader* m_loader = nullptr;
    QLabel* m_status = nullptr;
    QString m_filterText;
    std::optional<qint64> m_fromUs;
    std::optional<qint64> m_toUs;
    bool m_localTime = false;
    bool m_stale = true;
};
