#pragma once

#include <QDialog>

class QHeaderView;
class QListWidget;
class QPushButton;

// "Columns…": which columns of a table show, and in what order. Works on the header itself
// (hidden sections, visual order), so whatever saves the header's state (QHeaderView::saveState
// into the settings) persists the choice; widths are kept as the user dragged them.
class ColumnChooser : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ColumnChooser)

public:
    ColumnChooser(QHeaderView* header, QWidget* parent = nullptr);

    QListWidget* list() const { return m_list; }
    // Applies the list to the header (OK does this, then closes).
    void apply();

private:
    void moveCurrent(int delta);
    void updateButtons();

    QHeaderView* m_header = nullptr;
    QListWidget* m_list = nullptr;
    QPushButton* m_up = nullptr;
    QPushButton* m_down = nullptr;
};
