#pragma once

#include "models/listen/listener_stats.h"

#include <QObject>

class ListenController;
class ListenSettings;
class MainWindow;
class NewEventsBar;
class QAction;
class QDockWidget;
class QLabel;
class SendersView;

namespace cadf::ingest {
class SendersModel;
}

// Everything the live listener adds to the main window, kept out of MainWindow: the Capture menu
// (Start/Stop listening, Follow new events, Senders), the Senders dock, the status bar figures and
// the "N new events" bar over the table shown instead of jumping when following is off. The table
// itself is refreshed by the window's own data_version poll; while listening this nudges it at most
// four times a second, and only when the committed count moved.
class ListenUi : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ListenUi)

public:
    ListenUi(MainWindow* window, const QString& storePath);
    ~ListenUi() override;

    ListenController* controller() const { return m_controller; }
    cadf::ingest::SendersModel* sendersModel() const { return m_senders; }
    QAction* startAction() const { return m_start; }
    QAction* stopAction() const { return m_stop; }
    QAction* followAction() const { return m_follow; }
    QLabel* statusLabel() const { return m_status; }
    SendersView* sendersView() const { return m_sendersView; }
    NewEventsBar* newEventsButton() const { return m_newEvents; }
    qint64 unseenEvents() const { return m_unseen; }

    void showStartDialog();

private:
    void onStats(const cadf::ingest::ListenerStats& stats, double eventsPerSecond);
    void jumpToNewest();
    void updateActions();

    MainWindow* m_window;
    ListenController* m_controller = nullptr;
    std::unique_ptr<ListenSettings> m_settings;
    cadf::ingest::SendersModel* m_senders = nullptr;
    SendersView* m_sendersView = nullptr;
    QDockWidget* m_dock = nullptr;
    QAction* m_start = nullptr;
    QAction* m_stop = nullptr;
    QAction* m_follow = nullptr;
    QLabel* m_status = nullptr;
    NewEventsBar* m_newEvents = nullptr;
    qint64 m_lastStored = 0;
    qint64 m_unseen = 0;
};
