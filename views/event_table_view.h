#pragma once

#include <QTableView>

// The event table: a plain QTableView set up for millions of rows. Fixed row height (the
// vertical header never measures contents), no word wrap, elided cells, whole-row selection.
class EventTableView : public QTableView {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventTableView)

public:
    explicit EventTableView(QWidget* parent = nullptr);

    void setModel(QAbstractItemModel* model) override;
    // Column widths from the font, for columns whose width was not restored from settings.
    void applyDefaultColumnWidths();

protected:
    bool viewportEvent(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void updateRowHeight();
};
