#pragma once

#include <QWidget>

class DrilldownTableModel;
class QLabel;
class QLineEdit;
class QMenu;
class QSortFilterProxyModel;
class QTableView;

// A drill-down table (Initiators, Targets, Conversations, the lists of Outcomes and profiles):
// sortable, resizable columns, an optional quick text filter over every column, and on every
// cell a context menu "Filter on" / "Exclude" / "Copy". Double-click opens the row's profile when
// it has one, else filters on the cell. The rows are aggregates held in memory, so sorting and
// the quick filter run here (a proxy model), not in SQL.
class DrilldownTableView : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DrilldownTableView)

public:
    // `quickFilter` adds the text box above the table (the big tables); the short lists of a
    // profile go without.
    DrilldownTableView(DrilldownTableModel* model, bool quickFilter, QWidget* parent = nullptr);

    QTableView* table() const { return m_table; }
    QSortFilterProxyModel* proxy() const { return m_proxy; }
    QLineEdit* quickFilter() const { return m_quickFilter; }
    DrilldownTableModel* model() const { return m_model; }
    // Greys the rows while a newer result is computed.
    void setBusy(bool busy);
    // The column that takes the spare width in a short list (default 0).
    void setStretchColumn(int column);
    // Fits the columns to their contents (after a result arrives; not on every row change).
    void fitColumns();
    // The context menu for a cell of the table (view row and column), for tests and the popup.
    QMenu* createContextMenu(const QModelIndex& proxyIndex, QWidget* parent);

Q_SIGNALS:
    void filterClauseRequested(const QString& clause);
    void profileRequested(const QString& kind, const QString& key);

private:
    void onDoubleClicked(const QModelIndex& proxyIndex);
    void copy(const QModelIndex& proxyIndex);

    DrilldownTableModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTableView* m_table = nullptr;
    QLineEdit* m_quickFilter = nullptr;
    QLabel* m_shown = nullptr;
    int m_stretchColumn = 0;
};
