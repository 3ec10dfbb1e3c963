// The listener in the window: SendersModel (model tester), the Start Listening dialog and its
// remembered settings, ListenController end to end with logger, and the main window's Capture
// menu, status figures, following and the "N new events" button.
#include "app/app_settings.h"
#include "app/import_controller.h"
#include "app/listen_controller.h"
#include "app/listen_settings.h"
#include "app/listen_ui.h"
#include "app/main_window.h"
#include "app/workspace_controller.h"
#include "listen_test_support.h"
#include "models/itemmodels/event_table_model.h"
#include "models/listen/senders_model.h"
#include "views/event_table_view.h"
#include "views/filter_bar.h"
#include "views/listen_dialog.h"
#include "views/new_events_bar.h"
#include "views/senders_view.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTcpServer>

using namespace listentest;
using cadf::ingest::ListenProtocol;
using cadf::ingest::SenderStats;

namespace {

SenderStats makeSender(const char* protocol, const char* address, qint64 messages) {
    SenderStats s;
    s.protocol = QLatin1String(protocol);
    s.address = QLatin1String(address);
    s.messages = messages;
    s.framing = QStringLiteral("lf");
    s.lastMessageUs = 1697637600LL * 1000000;
    return s;
}

QString logger() {
    return QStandardPaths::findExecutable(QStringLiteral("logger"));
}

} // namespace

class TestListenUi : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_events = generate(m_dir.filePath(QStringLiteral("e.log")), 120, 0);
        QCOMPARE(m_events.distinctEvents, 120);
    }

    void sendersModel_data() {
        QTest::addColumn<int>("rounds");
        QTest::addColumn<int>("rows");
        QTest::newRow("one round") << 1 << 2;
        QTest::newRow("a sender joins") << 2 << 3;
    }

    void sendersModel() {
        QFETCH(int, rounds);
        QFETCH(int, rows);
        cadf::ingest::SendersModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.update({makeSender("tcp", "10.0.0.1", 5), makeSender("udp", "10.0.0.2", 7)});
        if (rounds > 1)
            model.update({makeSender("tcp", "10.0.0.1", 9), makeSender("tls", "10.0.0.3", 1)});
        QCOMPARE(model.rowCount(), rows);
        QCOMPARE(model.data(model.index(0, cadf::ingest::SendersModel::AddressColumn)).toString(),
                 QStringLiteral("10.0.0.1"));
        QCOMPARE(model
                     .data(model.index(0, cadf::ingest::SendersModel::MessagesColumn),
                           cadf::ingest::SendersModel::SortRole)
                     .toLongLong(),
                 rounds > 1 ? 9 : 5);
        QVERIFY(model.data(model.index(0, cadf::ingest::SendersModel::LastMessageColumn))
                    .toString()
                    .startsWith(QStringLiteral("2023-10-18 14:00:00")));
    }

    void dialog_data() {
        QTest::addColumn<QString>("tcpAddress");
        QTest::addColumn<QString>("allow");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<bool>("warning");
        QTest::newRow("loopback") << "127.0.0.1"
                                  << "" << true << false;
        QTest::newRow("every interface") << "0.0.0.0"
                                         << "10.0.0.0/8" << true << true;
        QTest::newRow("ipv6") << "::1"
                              << "" << true << false;
        QTest::newRow("bad address") << "example"
                                     << "" << false << false;
        QTest::newRow("bad subnet") << "127.0.0.1"
                                    << "10.0.0.0/40" << false << false;
    }

    void dialog() {
        QFETCH(QString, tcpAddress);
        QFETCH(QString, allow);
        QFETCH(bool, valid);
        QFETCH(bool, warning);
        cadf::ingest::ListenerOptions empty;
        ListenDialog dialog(empty);
        dialog.findChild<QPushButton*>(QStringLiteral("loopbackDefault"))->click();
        QVERIFY(dialog.protocolBox(ListenProtocol::Udp)->isChecked());
        QVERIFY(dialog.protocolBox(ListenProtocol::Tcp)->isChecked());
        QVERIFY(!dialog.protocolBox(ListenProtocol::Tls)->isChecked());
        dialog.addressEdit(ListenProtocol::Tcp)->setText(tcpAddress);
        dialog.findChildren<QLineEdit*>().last()->setText(allow); // the allow-list comes last
        cadf::ingest::ListenerOptions options;
        QString error;
        QCOMPARE(dialog.options(options, &error), valid);
        QCOMPARE(dialog.findChildren<QLabel*>()
                     .at(dialog.findChildren<QLabel*>().size() - 2)
                     ->isVisibleTo(&dialog),
                 warning);
        if (!valid) {
            QVERIFY(!error.isEmpty());
            dialog.accept();
            QVERIFY(dialog.result() != QDialog::Accepted);
            QVERIFY(!dialog.findChild<QLabel*>(QStringLiteral("error"))->text().isEmpty());
            return;
        }
        QCOMPARE(options.endpoints.size(), 2);
        QCOMPARE(options.endpoints.at(0).url(), QStringLiteral("udp://127.0.0.1:5514"));
        QCOMPARE(options.endpoints.at(1).address, QHostAddress(tcpAddress));
        QCOMPARE(options.endpoints.at(1).port, quint16(5514));
        // Remembered between runs.
        const QString ini = m_dir.filePath(QStringLiteral("listen.ini"));
        QFile::remove(ini);
        {
            ListenSettings settings(ini);
            QVERIFY(!settings.hasSaved());
            settings.setOptions(options);
        }
        ListenSettings again(ini);
        const cadf::ingest::ListenerOptions back = again.options();
        QCOMPARE(back.endpoints.size(), 2);
        QCOMPARE(back.endpoints.at(1).url(), options.endpoints.at(1).url());
        QCOMPARE(back.allow.size(), options.allow.size());
        ListenDialog reopened(back);
        QCOMPARE(reopened.addressEdit(ListenProtocol::Tcp)->text(),
                 QHostAddress(tcpAddress).toString());
    }

    void controller() {
        QTemporaryDir dir;
        ListenController controller(dir.filePath(QStringLiteral("c.cadfdb")));
        QSignalSpy started(&controller, &ListenController::started);
        QSignalSpy stopped(&controller, &ListenController::stopped);
        cadf::ingest::ListenerOptions options;
        options.endpoints << endpoint(ListenProtocol::Tcp);
        controller.start(options);
        QTRY_COMPARE(started.count(), 1);
        QVERIFY(controller.isListening());
        const quint16 port = controller.endpoints().at(0).port;
        QCOMPARE(run(logger(), {"--tcp", "--octet-count", "--size", "200000", "-n", "127.0.0.1",
                                "-P", QString::number(port), "-f", m_events.path}),
                 0);
        QTRY_COMPARE_WITH_TIMEOUT(controller.lastStats().events, m_events.lines, 10000);
        controller.stop();
        QTRY_COMPARE(stopped.count(), 1);
        QVERIFY(!controller.isListening());
        QCOMPARE(storeCounts(dir.filePath(QStringLiteral("c.cadfdb"))).events, m_events.lines);
        // A port in use: a message, not a crash.
        QTcpServer busy;
        QVERIFY(busy.listen(QHostAddress::LocalHost));
        options.endpoints[0].port = busy.serverPort();
        QSignalSpy failed(&controller, &ListenController::startFailed);
        controller.start(options);
        QTRY_COMPARE(failed.count(), 1);
        QVERIFY(failed.at(0).at(0).toString().contains(QString::number(busy.serverPort())));
    }

    void mainWindow() {
        QTemporaryDir dir;
        AppSettings settings(dir.filePath(QStringLiteral("app.ini")));
        MainWindow window(dir.filePath(QStringLiteral("w.cadfdb")), settings);
        window.show();
        auto* ui = window.findChild<ListenUi*>();
        QVERIFY(ui);
        QStringList menus;
        for (QAction* a : window.menuBar()->actions())
            menus << a->text();
        QVERIFY2(menus.contains(QStringLiteral("&Capture")), qPrintable(menus.join(',')));
        QVERIFY(ui->startAction()->isEnabled());
        QVERIFY(!ui->stopAction()->isEnabled());

        ui->followAction()->setChecked(false);
        QTRY_VERIFY(window.importController()->isStoreOpen());
        QCOMPARE(storeWriterThreads(), 1);
        cadf::ingest::ListenerOptions options;
        options.endpoints << endpoint(ListenProtocol::Tcp);
        ui->controller()->start(options);
        QTRY_VERIFY(ui->controller()->isListening());
        // Imports and live events share the window's one writer thread.
        QCOMPARE(storeWriterThreads(), 1);
        QVERIFY(ui->stopAction()->isEnabled());
        QVERIFY(ui->statusLabel()->isVisible());
        const quint16 port = ui->controller()->endpoints().at(0).port;
        QCOMPARE(run(logger(), {"--tcp", "--octet-count", "--size", "200000", "-n", "127.0.0.1",
                                "-P", QString::number(port), "-f", m_events.path}),
                 0);
        QTRY_COMPARE_WITH_TIMEOUT(window.eventModel()->totalEvents(), qint64(m_events.lines),
                                  10000);
        // Not following: the table stays where it is and says how many arrived.
        QTRY_VERIFY(ui->newEventsButton()->isVisible());
        QCOMPARE(ui->unseenEvents(), qint64(m_events.lines));
        QVERIFY(ui->newEventsButton()->text().contains(QLocale().toString(m_events.lines)));
        // It floats over the table, inside what the analyst sees, not in the status bar.
        QCOMPARE(ui->newEventsButton()->parentWidget(), window.eventView()->viewport());
        QVERIFY(window.eventView()->viewport()->rect().contains(ui->newEventsButton()->geometry()));
        QVERIFY(ui->statusLabel()->text().contains(QStringLiteral("events/s")));
        QTRY_COMPARE(ui->sendersModel()->rowCount(), 1);
        // Double-clicking the sender narrows the events to what it sent; excluding it leaves none.
        SendersView* senders = ui->sendersView();
        QTRY_VERIFY(senders->isVisible());
        const QModelIndex sender = senders->model()->index(0, 0);
        const QPoint cell = senders->visualRect(sender).center();
        // A real double-click: Qt's item views see the first click's press before the second.
        QTest::mouseClick(senders->viewport(), Qt::LeftButton, {}, cell);
        QTest::mouseDClick(senders->viewport(), Qt::LeftButton, {}, cell);
        FilterBar* bar = window.workspace()->filterBar();
        QCOMPARE(bar->appliedText(), QStringLiteral("source:\"tcp://* from 127.0.0.1:*\""));
        QTRY_COMPARE(window.eventModel()->matchingEvents(), qint64(m_events.distinctEvents));
        bar->setTextAndApply(senders->filterFor(sender, true));
        QTRY_COMPARE(window.eventModel()->matchingEvents(), qint64(0));
        bar->setTextAndApply(QString());
        ui->newEventsButton()->click();
        QVERIFY(!ui->newEventsButton()->isVisible());
        QCOMPARE(ui->unseenEvents(), 0);
        ui->stopAction()->trigger();
        QTRY_VERIFY(!ui->controller()->isListening() && !ui->controller()->isBusy());
        QVERIFY(ui->startAction()->isEnabled());
    }

private:
    // Threads of this process running a StoreWriter (named by the store, see store_writer.cpp).
    static int storeWriterThreads() {
        int count = 0;
        const QDir tasks(QStringLiteral("/proc/self/task"));
        for (const QString& task : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            QFile comm(tasks.filePath(task + QStringLiteral("/comm")));
            if (comm.open(QIODevice::ReadOnly) && comm.readAll().trimmed() == "cadf-store-writ")
                ++count;
        }
        return count;
    }

    QTemporaryDir m_dir;
    Generated m_events;
};

QTEST_MAIN(TestListenUi)
#include "tst_listen_ui.moc"
