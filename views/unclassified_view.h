#pragma once

#include <QWidget>

class CoverageLoader;
class QLabel;
class QModelIndex;
class QProgressBar;
class QTableView;
class UnclassifiedModel;

// The Unclassified view: the request path patterns the inventory does not know, with counts,
// example URLs and the services that came closest. A double-click (or "Filter on") filters the
// events on the pattern.
class UnclassifiedView : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UnclassifiedView)

public:
    UnclassifiedView(UnclassifiedModel* model, CoverageLoader* loader, QWidget* parent = nullptr);

    QTableView* table() const { return m_table; }
    QString summaryText() const;

Q_SIGNALS:
    void filterRequested(const QString& text);

private:
    void showContextMenu(const QPoint& pos);
    void requestFilter(const QModelIndex& index, bool exclude);

    UnclassifiedModel* m_model;
    CoverageLoader* m_loader;
    QTableView* m_table = nullptr;
    QLabel* m_summary = nullptr;
    QProgressBar* m_busy = nullptr;
};
