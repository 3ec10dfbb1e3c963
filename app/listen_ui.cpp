#include "app/listen_ui.h"

#include "app/listen_controller.h"
#include "app/listen_settings.h"
#include "app/main_window.h"
#include "app/workspace_controller.h"
#include "models/itemmodels/event_table_model.h"
#include "models/listen/senders_model.h"
#include "views/event_table_view.h"
#include "views/filter_bar.h"
#include "views/listen_dialog.h"
#include "views/new_events_bar.h"
#include "views/senders_view.h"

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>

ListenUi::ListenUi(MainWindow* window, const QString& storePath)
    : QObject(window)
    , m_window(window)
    , m_settings(std::make_unique<ListenSettings>()) {
    m_controller = new ListenController(storePath, this);
    m_senders = new cadf::ingest::SendersModel(this);

    m_sendersView = new SendersView;
    m_sendersView->setModel(m_senders);
    connect(m_sendersView, &SendersView::filterRequested, window->workspace()->filterBar(),
            &FilterBar::addTerm);
    m_dock = new QDockWidget(tr("Senders"), window);
    m_dock->setObjectName(QStringLiteral("sendersDock"));
    m_dock->setWidget(m_sendersView);
    window->addDockWidget(Qt::BottomDockWidgetArea, m_dock);
    m_dock->hide();

    //: Menu title: live capture of syslog events
    auto* capture = new QMenu(tr("&Capture"), window);
    m_start = capture->addAction(tr("&Start Listening\u2026"));
    m_start->setObjectName(QStringLiteral("startListening"));
    connect(m_start, &QAction::triggered, this, &ListenUi::showStartDialog);
    m_stop = capture->addAction(tr("S&top Listening"));
    m_stop->setObjectName(QStringLiteral("stopListening"));
    connect(m_stop, &QAction::triggered, m_controller, &ListenController::stop);
    capture->addSeparator();
    m_follow = capture->addAction(tr("&Follow New Events"));
    m_follow->setCheckable(true);
    m_follow->setChecked(true);
    connect(m_follow, &QAction::toggled, this, [this](bool on) {
        if (on)
            jumpToNewest();
    });
    capture->addAction(m_dock->toggleViewAction());
    // Before Help, where users look for it.
    QMenuBar* bar = window->menuBar();
    const QList<QAction*> menus = bar->actions();
    bar->insertMenu(menus.isEmpty() ? nullptr : menus.last(), capture);

    m_status = new QLabel(window);
    m_status->setObjectName(QStringLiteral("listenStatus"));
    m_status->hide();
    window->statusBar()->addPermanentWidget(m_status);
    m_newEvents = new NewEventsBar(window->eventView());
    connect(m_newEvents, &QPushButton::clicked, this, &ListenUi::jumpToNewest);

    connect(m_controller, &ListenController::started, this,
            [this](const QList<cadf::ingest::ListenEndpoint>& endpoints) {
                QStringList urls;
                for (const cadf::ingest::ListenEndpoint& e : endpoints)
                    urls << e.url();
                m_lastStored = 0;
                m_unseen = 0;
                m_senders->clear();
                m_status->setText(tr("Listening on %1").arg(urls.join(QStringLiteral(", "))));
                m_status->show();
                if (!m_dock->isVisible()) {
                    m_dock->show();
                    // A few senders: a quarter of the window, the events stay the main view.
                    m_window->resizeDocks({m_dock}, {m_window->height() / 4}, Qt::Vertical);
                }
                updateActions();
            });
    connect(m_controller, &ListenController::startFailed, this, [this](const QString& message) {
        updateActions();
        QMessageBox::warning(m_window, tr("Start Listening"),
                             tr("Could not start listening: %1").arg(message));
    });
    connect(m_controller, &ListenController::stopped, this,
            [this](const cadf::ingest::ListenerStats& s) {
                const QLocale locale;
                m_status->hide();
                m_window->statusBar()->showMessage(
                    tr("Stopped listening: %1 received, %2 events, %3 duplicates, %4 rejected, "
                       "%5 dropped")
                        .arg(locale.toString(qlonglong(s.received)),
                             locale.toString(qlonglong(s.events)),
                             locale.toString(qlonglong(s.duplicates)),
                             locale.toString(qlonglong(s.rejected)),
                             locale.toString(qlonglong(s.droppedOwn + s.droppedKernel))),
                    15000);
                m_window->eventModel()->refreshIfChanged();
                updateActions();
            });
    connect(m_controller, &ListenController::statsUpdated, this, &ListenUi::onStats);
    connect(m_controller, &ListenController::sendersUpdated, m_senders,
            &cadf::ingest::SendersModel::update);
    updateActions();
}

ListenUi::~ListenUi() = default;

void ListenUi::showStartDialog() {
    if (m_controller->isListening() || m_controller->isBusy())
        return;
    ListenDialog dialog(m_settings->options(), m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    cadf::ingest::ListenerOptions options;
    QString error;
    if (!dialog.options(options, &error))
        return;
    m_settings->setOptions(options);
    m_start->setEnabled(false);
    m_controller->start(options);
}

void ListenUi::onStats(const cadf::ingest::ListenerStats& s, double eventsPerSecond) {
    const QLocale locale;
    //: Status bar while listening; keep it short
    m_status->setText(tr("%1 events/s \u00b7 %2 events \u00b7 %3 rejected \u00b7 %4 dropped "
                         "\u00b7 %5 connections")
                          .arg(locale.toString(qlonglong(eventsPerSecond)),
                               locale.toString(qlonglong(s.events)),
                               locale.toString(qlonglong(s.rejected)),
                               locale.toString(qlonglong(s.droppedOwn + s.droppedKernel)),
                               locale.toString(qlonglong(s.connectionsOpen))));
    const qint64 stored = s.events;
    if (stored == m_lastStored)
        return;
    const qint64 added = stored - m_lastStored;
    m_lastStored = stored;
    // New rows are in the store: let the table look now rather than at its next poll.
    m_window->eventModel()->refreshIfChanged();
    if (m_follow->isChecked()) {
        jumpToNewest();
    } else {
        m_unseen += added;
        m_newEvents->showCount(m_unseen, m_window->eventModel()->newestFirst());
    }
}

void ListenUi::jumpToNewest() {
    m_unseen = 0;
    m_newEvents->hide();
    EventTableView* table = m_window->eventView();
    if (m_window->eventModel()->newestFirst())
        table->scrollToTop();
    else
        table->scrollToBottom();
}

void ListenUi::updateActions() {
    const bool listening = m_controller->isListening();
    const bool busy = m_controller->isBusy();
    m_start->setEnabled(!listening && !busy);
    m_stop->setEnabled(listening && !busy);
}
