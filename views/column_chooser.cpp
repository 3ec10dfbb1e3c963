#include "views/column_chooser.h"

#include <QAbstractItemModel>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

ColumnChooser::ColumnChooser(QHeaderView* header, QWidget* parent)
    : QDialog(parent)
    , m_header(header) {
    setWindowTitle(tr("Columns"));
    auto* hint =
        new QLabel(tr("Tick the columns to show; drag or use the buttons to reorder."), this);
    hint->setTextFormat(Qt::PlainText);
    hint->setWordWrap(true);

    m_list = new QListWidget(this);
    m_list->setDragDropMode(QAbstractItemView::InternalMove);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    QAbstractItemModel* model = header->model();
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        auto* item =
            new QListWidgetItem(model->headerData(logical, header->orientation()).toString());
        item->setData(Qt::UserRole, logical);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable |
                       Qt::ItemIsDragEnabled);
        item->setCheckState(header->isSectionHidden(logical) ? Qt::Unchecked : Qt::Checked);
        m_list->addItem(item);
    }

    m_up = new QPushButton(tr("Move &Up"), this);
    m_down = new QPushButton(tr("Move &Down"), this);
    connect(m_up, &QPushButton::clicked, this, [this] { moveCurrent(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveCurrent(1); });
    connect(m_list, &QListWidget::currentRowChanged, this, &ColumnChooser::updateButtons);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        apply();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* side = new QVBoxLayout;
    side->addWidget(m_up);
    side->addWidget(m_down);
    side->addStretch(1);
    auto* row = new QHBoxLayout;
    row->addWidget(m_list, 1);
    row->addLayout(side);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(hint);
    layout->addLayout(row, 1);
    layout->addWidget(buttons);
    m_list->setCurrentRow(0);
    updateButtons();
}

void ColumnChooser::moveCurrent(int delta) {
    const int row = m_list->currentRow();
    const int target = row + delta;
    if (row < 0 || target < 0 || target >= m_list->count())
        return;
    QListWidgetItem* item = m_list->takeItem(row);
    m_list->insertItem(target, item);
    m_list->setCurrentRow(target);
}

void ColumnChooser::updateButtons() {
    const int row = m_list->currentRow();
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row + 1 < m_list->count());
}

void ColumnChooser::apply() {
    bool anyShown = false;
    for (int i = 0; i < m_list->count(); ++i)
        anyShown = anyShown || m_list->item(i)->checkState() == Qt::Checked;
    for (int i = 0; i < m_list->count(); ++i) {
        const QListWidgetItem* item = m_list->item(i);
        const int logical = item->data(Qt::UserRole).toInt();
        m_header->moveSection(m_header->visualIndex(logical), i);
        // Hiding every column would leave no header to bring them back from: keep the first.
        const bool shown = item->checkState() == Qt::Checked || (!anyShown && i == 0);
        m_header->setSectionHidden(logical, !shown);
    }
}
