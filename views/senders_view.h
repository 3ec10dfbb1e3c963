#pragma once

#include <QTableView>

// The Senders view: one row per sender the listener heard from (SendersModel), sortable, with
// fixed row heights. Plain view code; the model is fed by the ListenController.
class SendersView : public QTableView {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SendersView)

public:
    explicit SendersView(QWidget* parent = nullptr);
    void setModel(QAbstractItemModel* model) override;
};
