#pragma once

#include <QTableView>

// The Senders view: one row per sender the listener heard from (SendersModel), sortable, with
// fixed row heights. Double-click or "Filter On" asks for that sender's events; "Exclude" for
// everything else. Plain view code; the model is fed by the ListenController.
class SendersView : public QTableView {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SendersView)

public:
    explicit SendersView(QWidget* parent = nullptr);
    void setModel(QAbstractItemModel* model) override;

    // The filter term of the row's events, negated for `exclude` (empty for no row).
    QString filterFor(const QModelIndex& index, bool exclude) const;

Q_SIGNALS:
    void filterRequested(const QString& term);

private:
    void showContextMenu(const QPoint& pos);
};
