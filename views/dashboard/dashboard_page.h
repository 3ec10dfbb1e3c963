#pragma once

#include "models/itemmodels/dashboard_loader.h"

#include <QWidget>

#include <optional>

class ChartWidget;
class DashboardLoader;
class QGridLayout;
class QHBoxLayout;
class QLabel;
class QProgressBar;
class QScrollArea;
class QTimer;
class QToolButton;

namespace cadf::inventory {
class Catalogue;
}

// What the Overview and a service's dashboard share: the query (the global filter text and
// time range), a DashboardLoader computing off the UI thread (a newer query cancels the running
// one; meanwhile the old content stays, greyed, with a small busy bar), live refresh coalesced
// to at most two computations a second, the export of the whole page (PNG, SVG, PDF), and the
// drill-down signals every chart forwards. The widgets do not know the main window.
class DashboardPage : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardPage)

public:
    // An empty `storePath` makes a page without a loader: results come through showResult()
    // (`cadfscope dashboard` computes them synchronously). `catalogue` must outlive the page.
    DashboardPage(const QString& storePath, const cadf::inventory::Catalogue& catalogue,
                  QWidget* parent = nullptr);
    ~DashboardPage() override;

    // The global filter (filter-language text) and time range [fromUs, toUs) in UTC µs.
    // Computes again (when shown; a hidden page computes when it is shown next).
    void setQuery(const QString& filterText, std::optional<qint64> fromUs,
                  std::optional<qint64> toUs);
    QString filterText() const { return m_filterText; }
    // Times (axes, tooltips, click clauses' bucket edges) in UTC or this computer's zone.
    void setLocalTime(bool local);
    int displayOffsetSeconds() const;

    // The request the current query makes, or nullopt with `error` (invalid filter, unknown
    // service).
    // Without a request, `error` says why; `hint` is set when that is no error but a choice the
    // analyst has still to make (awaitsChoice()).
    std::optional<DashboardRequest> currentRequest(QString* error = nullptr,
                                                   bool* hint = nullptr) const;
    // Shows a computed result (from the loader, or computed by the caller).
    void showResult(const DashboardResultPtr& result);
    const DashboardResultPtr& result() const { return m_result; }
    bool isBusy() const;
    // The message in place of the charts (invalid filter, unreadable store); empty when none.
    QString errorText() const;

    // The page itself without the scroll area and tool bar: what exportTo() draws.
    QWidget* page() const { return m_page; }
    // Writes the whole dashboard, laid out at the page's current size: PNG, SVG or PDF (one
    // page) by the file's extension.
    bool exportTo(const QString& path, QString* error = nullptr);
    // The same with the page laid out `width` wide and at least `minHeight` tall (taller when
    // its charts need more; 0 = as tall as they need): `cadfscope dashboard --size WxH`. The
    // size drawn is returned in `drawn`.
    bool exportAt(const QString& path, int width, int minHeight, QSize* drawn,
                  QString* error = nullptr);
    const QList<ChartWidget*>& charts() const { return m_charts; }

public Q_SLOTS:
    // New events may have arrived: computes again within 500 ms, at most twice a second, and
    // never cancels a computation to start the same one (a slow store still gets answers).
    void refresh();
    // Computes again now.
    void reload();

Q_SIGNALS:
    void filterClauseRequested(const QString& clause);
    void serviceDashboardRequested(const QString& service);
    // kind "initiator": key is the initiator's resources.id (decimal; ProfileSubject::Initiator's
    // id); kind "target": key is the inventory row id (ProfileSubject::Endpoint's id).
    void profileRequested(const QString& kind, const QString& key);
    // A result is on screen (tests wait for it).
    void resultShown();
    void busyChanged(bool busy);

protected:
    // Subclasses set what the request is for (the service), or return false with `error`.
    virtual bool prepareRequest(DashboardRequest& request, QString* error) const = 0;
    // Whether a false prepareRequest() only waits for the analyst's choice (no service chosen
    // yet): its text is then a hint, not an error.
    virtual bool awaitsChoice() const { return false; }
    // Fills the charts from a result.
    virtual void fillCharts(const DashboardResult& result) = 0;
    // Registers a chart: its signals are forwarded and it greys while computing.
    void addChart(ChartWidget* chart, int row, int column, int rowSpan = 1, int columnSpan = 1);
    void setHeading(const QString& heading);
    // A control at the left of the page's tool bar (the service dashboard's service chooser).
    void addToolWidget(QWidget* widget);
    void setSummary(const QString& summary);
    void showError(const QString& message);
    // `message` in red, or in the page's own colours when it is a hint.
    void showMessage(const QString& message, bool hint);
    void setChartsVisible(bool visible);
    const cadf::inventory::Catalogue& catalogue() const { return m_catalogue; }
    QGridLayout* grid() const { return m_grid; }

    void showEvent(QShowEvent* event) override;
    // Escape stops a long computation; the old content stays.
    void keyPressEvent(QKeyEvent* event) override;

private:
    void setBusy(bool busy);
    void exportWithDialog(const QString& suffix);

    const cadf::inventory::Catalogue& m_catalogue;
    DashboardLoader* m_loader = nullptr;
    QString m_filterText;
    std::optional<qint64> m_fromUs;
    std::optional<qint64> m_toUs;
    bool m_local = false;
    bool m_dirty = false;          // the query changed while hidden
    bool m_refreshPending = false; // a refresh came while computing
    DashboardResultPtr m_result;
    QTimer* m_refreshTimer = nullptr;
    QScrollArea* m_scroll = nullptr;
    QWidget* m_page = nullptr;
    QGridLayout* m_grid = nullptr;
    QLabel* m_heading = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_error = nullptr;
    QProgressBar* m_busyBar = nullptr;
    QToolButton* m_export = nullptr;
    QHBoxLayout* m_toolBar = nullptr;
    QList<ChartWidget*> m_charts;
};
