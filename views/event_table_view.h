#pragma once

#include <QTableView>

class EventRowDelegate;

// The event table: a plain QTableView set up for millions of rows. Fixed row height (the
// vertical header never measures contents), no word wrap, elided cells, whole-row selection.
// Sorting goes to the model (SQL); colours come from EventRowDelegate. The header's context menu
// shows and hides columns and opens the column chooser; a cell's context menu filters on its
// value, excludes it or copies it.
class EventTableView : public QTableView {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventTableView)

public:
    explicit EventTableView(QWidget* parent = nullptr);

    void setModel(QAbstractItemModel* model) override;
    // Column widths from the font, for columns whose width was not restored from settings.
    void applyDefaultColumnWidths();
    // Default columns: the sortable ones shown in model order, the extra ones hidden.
    void resetColumns();
    // Shows a hidden column (e.g. "Add as column" in the detail pane) and scrolls to it.
    void showColumn(int column);
    // Opens the column chooser dialog (show, hide, reorder).
    void chooseColumns();

Q_SIGNALS:
    // "Filter on this value" / "Exclude this value": field of the filter language, raw value.
    void filterRequested(const QString& field, const QString& value, bool exclude);
    // Enter on a row: the analyst wants that event (the detail pane takes focus).
    void rowActivated(int row);

protected:
    void changeEvent(QEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void updateRowHeight();
    void showHeaderMenu(const QPoint& pos);
    void onSortIndicatorChanged(int column, Qt::SortOrder order);

    EventRowDelegate* m_delegate = nullptr;
    int m_sortColumn = 0;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};
