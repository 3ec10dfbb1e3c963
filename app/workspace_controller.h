#pragma once

#include <QObject>
#include <QStringList>

class AppSettings;
class EventDetailPane;
class EventTableModel;
class EventTableView;
class FacetModel;
class FacetSidebar;
class FilterBar;
class QAction;
class TimeHistogram;
class WorkspaceQueries;

// The Events view's wiring: one filter, many views of it. The filter bar's applied filter goes
// to the table model, the histogram and the facets; clicks in the facets, the histogram, the
// table and the detail pane edit the filter text. Also the global UTC/local toggle and the
// keyboard (Ctrl+F or / focuses the filter). Widgets are created here and placed by MainWindow.
class WorkspaceController : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkspaceController)

public:
    WorkspaceController(const QString& storePath, EventTableModel* model, EventTableView* table,
                        EventDetailPane* detail, AppSettings& settings, QWidget* window);
    ~WorkspaceController() override;

    FilterBar* filterBar() const { return m_filterBar; }
    FacetSidebar* facetSidebar() const { return m_facets; }
    FacetModel* facetModel() const { return m_facetModel; }
    TimeHistogram* histogram() const { return m_histogram; }
    WorkspaceQueries* queries() const { return m_queries; }
    QAction* focusFilterAction() const { return m_focusFilter; }
    QAction* localTimeAction() const { return m_localTime; }
    QAction* columnsAction() const { return m_columns; }
    QAction* facetsAction() const { return m_showFacets; }
    QAction* histogramAction() const { return m_showHistogram; }
    QAction* filterHelpAction() const { return m_filterHelp; }

    // Adds `field:value` (or its exclusion) to the filter and applies it. An empty field
    // searches the value as a phrase in every text field.
    void filterOn(const QString& field, const QString& value, bool exclude);
    // The filter gains [fromUs, toUs); zoomOut() goes back to the text before.
    void selectTimeRange(qint64 fromUs, qint64 toUs);
    void zoomOut();
    void setLocalTime(bool local);
    // New events arrived (the table's count changed): count the facets again.
    void storeChanged();

private:
    void onFilterApplied(const QString& text);
    int displayOffsetSeconds() const;

    AppSettings& m_settings;
    EventTableModel* m_model = nullptr;
    EventTableView* m_table = nullptr;
    EventDetailPane* m_detail = nullptr;
    WorkspaceQueries* m_queries = nullptr;
    FacetModel* m_facetModel = nullptr;
    FilterBar* m_filterBar = nullptr;
    FacetSidebar* m_facets = nullptr;
    TimeHistogram* m_histogram = nullptr;
    QAction* m_focusFilter = nullptr;
    QAction* m_localTime = nullptr;
    QAction* m_columns = nullptr;
    QAction* m_showFacets = nullptr;
    QAction* m_showHistogram = nullptr;
    QAction* m_filterHelp = nullptr;
    QStringList m_zoomStack; // filter texts before each time-range selection
    bool m_zooming = false;
};
