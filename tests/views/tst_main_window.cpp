// The real window, controller, model and view together, offscreen: the welcome page on an empty
// store, imports (file, sample, drop) through ImportController showing rows in the QTableView,
// the summary, the detail pane, recent files, and cancelling a big import.
#include "app/app_settings.h"
#include "app/import_controller.h"
#include "app/main_window.h"
#include "models/cadf/timestamp.h"
#include "models/itemmodels/event_table_model.h"
#include "models/store/store_reader.h"
#include "views/event_detail_pane.h"
#include "views/event_table_view.h"
#include "views/import_progress_widget.h"
#include "views/import_summary_dialog.h"
#include "views/welcome_page.h"

#include <QFile>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QUrl>
#include <QtTest>

namespace {

constexpr qint64 kBaseUs = Q_INT64_C(1697637600000000); // 2023-10-18T14:00:00Z

// One QRadar Suite line as fluentd forwards it (docs/cadf.md §3), varied by index.
QByteArray auditLine(int index) {
    const std::string time = cadf::formatIso(kBaseUs + qint64(index) * 1000, 0, 3);
    const bool failure = index % 4 == 0;
    return QStringLiteral(
               "<13>1 2023-10-18T14:38:44.641868+00:00 audit-logs-cp4s fluentd - - - "
               "{\"version\":\"1.0\",\"typeURI\":\"http://schemas.dmtf.org/cloud/audit/1.0/"
               "event\",\"outcome\":\"%1\",\"eventType\":\"ACTIVITY\",\"eventTime\":\"%2\","
               "\"action\":\"READ\",\"severity\":\"NORMAL\",\"initiator\":{\"id\":\"user%3\","
               "\"name\":\"user%3\",\"typeURI\":\"clientid\",\"host\":{\"agent\":\"curl/8.1\","
               "\"address\":\"10.1.%4.%5\"},\"credential\":{\"type\":\"token\"}},\"target\":{"
               "\"id\":\"/api/cases/%6\",\"name\":\"isc-cases\",\"typeURI\":\"ibm-cp-security/"
               "isc-cases\"},\"observer\":{\"name\":\"CommonAuditService\",\"id\":"
               "\"userActivity\"},\"reason\":{\"reasonCode\":%7}}\n")
        .arg(failure ? QStringLiteral("FAILURE") : QStringLiteral("SUCCESS"),
             QString::fromStdString(time))
        .arg(index % 97)
        .arg(index / 256 % 256)
        .arg(index % 256)
        .arg(index)
        .arg(failure ? 403 : 200)
        .toUtf8();
}

QString writeLog(const QString& path, int lines, int damaged = 0) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    QByteArray chunk;
    for (int i = 0; i < lines; ++i) {
        chunk += auditLine(i);
        if (chunk.size() > (1 << 20)) {
            file.write(chunk);
            chunk.clear();
        }
    }
    for (int i = 0; i < damaged; ++i)
        chunk += "<13>1 2023-10-18T14:38:44Z host app - - - {\"outcome\":\"SUCC\n";
    file.write(chunk);
    return path;
}

struct Fixture {
    QTemporaryDir dir;
    QString store() const { return dir.filePath(QStringLiteral("store.cadfscope")); }
    QString settingsPath() const { return dir.filePath(QStringLiteral("settings.ini")); }
};

void closeSummaries(MainWindow& window) {
    for (ImportSummaryDialog* dialog : window.findChildren<ImportSummaryDialog*>())
        dialog->close();
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void welcomeThenRowsAfterImport_data();
    void welcomeThenRowsAfterImport();
    void loadSample();
    void dropFiles();
    void detailPaneShowsRawRecord();
    void reimportCountsDuplicates();
    void cancelBigImport();
};

void TestMainWindow::welcomeThenRowsAfterImport_data() {
    QTest::addColumn<int>("lines");
    QTest::addColumn<int>("damaged");
    QTest::newRow("clean") << 500 << 0;
    QTest::newRow("with damaged lines") << 300 << 7;
}

void TestMainWindow::welcomeThenRowsAfterImport() {
    QFETCH(int, lines);
    QFETCH(int, damaged);
    Fixture fx;
    AppSettings settings(fx.settingsPath());
    MainWindow window(fx.store(), settings);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY(window.isWelcomeShown());
    QVERIFY(window.welcomePage()->isVisible());

    const QString log = writeLog(fx.dir.filePath(QStringLiteral("audit.log")), lines, damaged);
    QSignalSpy finished(window.importController(), &ImportController::importFinished);
    window.importFiles({log});
    QTRY_VERIFY(window.eventView()->model()->rowCount() > 0);
    QTRY_VERIFY(!window.isWelcomeShown());
    QVERIFY(window.eventView()->isVisible());
    QTRY_COMPARE(finished.count(), 1);
    QTRY_COMPARE(window.eventView()->model()->rowCount(), lines);

    // The view painted its first rows, which loaded them.
    const QModelIndex first = window.eventView()->model()->index(0, EventTableModel::TimeColumn);
    QTRY_VERIFY(first.data(EventTableModel::LoadedRole).toBool());
    QCOMPARE(first.data().toString(), QString::fromStdString(cadf::formatIso(kBaseUs, 0, 3)));

    // The summary, in words and per reason.
    QTRY_VERIFY(window.findChild<ImportSummaryDialog*>() != nullptr);
    ImportSummaryDialog* summary = window.findChild<ImportSummaryDialog*>();
    QVERIFY(summary->headline().contains(QLocale().toString(lines)));
    QCOMPARE(summary->filesTable()->topLevelItemCount(), 1);
    QCOMPARE(summary->filesTable()->topLevelItem(0)->text(3), QLocale().toString(damaged));
    QCOMPARE(summary->reasonsTable()->topLevelItemCount(), damaged > 0 ? 1 : 0);
    closeSummaries(window);

    QTRY_VERIFY(
        window.statusText().contains(QStringLiteral("%1 events").arg(QLocale().toString(lines))));
    QVERIFY(window.statusText().contains(QStringLiteral("rejects %1").arg(damaged)));
    QCOMPARE(settings.recentFiles().value(0), QFileInfo(log).absoluteFilePath());
}

void TestMainWindow::loadSample() {
    Fixture fx;
    AppSettings settings(fx.settingsPath());
    MainWindow window(fx.store(), settings);
    window.show();
    QTRY_VERIFY(window.isWelcomeShown());

    QSignalSpy finished(window.importController(), &ImportController::importFinished);
    QTest::mouseClick(window.welcomePage()->sampleButton(), Qt::LeftButton);
    QTRY_COMPARE(finished.count(), 1);
    const auto results =
        finished.first().at(0).value<std::vector<cadf::ingest::FileImportResult>>();
    QCOMPARE(results.size(), std::size_t(1));
    QVERIFY(results[0].error.empty());
    QVERIFY(QString::fromStdString(results[0].path).endsWith(QStringLiteral("sample_audit.log")));
    // A small realistic log, with a few damaged lines among ~200.
    QVERIFY(results[0].records >= 150);
    QVERIFY(results[0].events >= 150);
    QVERIFY(results[0].rejected >= 1);
    QCOMPARE(results[0].events + results[0].duplicates + results[0].rejected, results[0].records);
    QTRY_COMPARE(qint64(window.eventModel()->rowCount()), results[0].events);
    QTRY_VERIFY(!window.isWelcomeShown());
    // Sample events are QRadar Suite requests: most land on an inventory service.
    window.eventView()->model()->index(0, 0).data();
    const QModelIndex row = window.eventModel()->index(0, EventTableModel::ServiceColumn);
    QTRY_VERIFY(row.data(EventTableModel::LoadedRole).toBool());
    int named = 0;
    for (int r = 0; r < std::min(window.eventModel()->rowCount(), EventTableModel::kPageSize); ++r)
        named += window.eventModel()
                         ->index(r, EventTableModel::ServiceColumn)
                         .data()
                         .toString()
                         .isEmpty()
                     ? 0
                     : 1;
    QVERIFY(named > 0);
    closeSummaries(window);
}

void TestMainWindow::dropFiles() {
    Fixture fx;
    AppSettings settings(fx.settingsPath());
    MainWindow window(fx.store(), settings);
    window.setShowImportSummary(false);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString a = writeLog(fx.dir.filePath(QStringLiteral("a.log")), 50);
    const QString b = writeLog(fx.dir.filePath(QStringLiteral("b.log")), 80);

    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(a), QUrl::fromLocalFile(b)});
    const QPoint centre = window.rect().center();
    QDragEnterEvent enter(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QSignalSpy finished(window.importController(), &ImportController::importFinished);
    QDropEvent drop(QPointF(centre), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &drop);
    QTRY_COMPARE(finished.count(), 1);
    const auto results =
        finished.first().at(0).value<std::vector<cadf::ingest::FileImportResult>>();
    QCOMPARE(results.size(), std::size_t(2));
    // b.log repeats a.log's 50 lines (same index, same event): they are duplicates.
    QCOMPARE(results[0].events, 50);
    QCOMPARE(results[1].events, 30);
    QCOMPARE(results[1].duplicates, 50);
    QTRY_COMPARE(window.eventModel()->rowCount(), 80);

    // Text that is not a file is refused.
    QMimeData text;
    text.setText(QStringLiteral("hello"));
    QDragEnterEvent refuse(centre, Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
    refuse.setAccepted(false);
    QCoreApplication::sendEvent(&window, &refuse);
    QVERIFY(!refuse.isAccepted());
}

void TestMainWindow::detailPaneShowsRawRecord() {
    Fixture fx;
    AppSettings settings(fx.settingsPath());
    MainWindow window(fx.store(), settings);
    window.setShowImportSummary(false);
    window.show();
    const QString log = writeLog(fx.dir.filePath(QStringLiteral("audit.log")), 20);
    window.importFiles({log});
    QTRY_COMPARE(window.eventModel()->rowCount(), 20);
    const QModelIndex third = window.eventModel()->index(2, 0);
    QTRY_VERIFY(third.data(EventTableModel::LoadedRole).toBool());

    window.eventView()->setCurrentIndex(third);
    const QString expected = QString::fromUtf8(auditLine(2)).trimmed();
    QTRY_COMPARE(window.detailPane()->recordText(), expected);
    QVERIFY(window.detailPane()->headerText().contains(QStringLiteral("audit.log")));
    QVERIFY(window.detailPane()->headerText().contains(QStringLiteral("line 3")));
}

void TestMainWindow::reimportCountsDuplicates() {
    Fixture fx;
    AppSettings settings(fx.settingsPath());
    const QString log = writeLog(fx.dir.filePath(QStringLiteral("audit.log")), 120);
    {
        MainWindow window(fx.store(), settings);
        window.setShowImportSummary(false);
        QSignalSpy finished(window.importController(), &ImportController::importFinished);
        window.importFiles({log});
        QTRY_COMPARE(finished.count(), 1);
    }
    // A second window over the same store and settings: rows at once, the recent file listed.
    MainWindow window(fx.store(), settings);
    window.show();
    QTRY_COMPARE(window.eventModel()->rowCount(), 120);
    QTRY_VERIFY(!window.isWelcomeShown());
    QCOMPARE(settings.recentFiles(), QStringList{QFileInfo(log).absoluteFilePath()});
    QSignalSpy finished(window.importController(), &ImportController::importFinished);
    window.importFiles({log});
    QTRY_COMPARE(finished.count(), 1);
    QTRY_VERIFY(window.findChild<ImportSummaryDialog*>() != nullptr);
    const auto results =
        finished.first().at(0).value<std::vector<cadf::ingest::FileImportResult>>();
    QCOMPARE(results[0].events, 0);
    QCOMPARE(results[0].duplicates, 120);
    QCOMPARE(window.eventModel()->rowCount(), 120);
    closeSummaries(window);
}

void TestMainWindow::cancelBigImport() {
    Fixture fx;
    AppSettings settings(fx.settingsPath());
    constexpr int kLines = 200000;
    const QString log = writeLog(fx.dir.filePath(QStringLiteral("big.log")), kLines);
    QVERIFY(!log.isEmpty());

    MainWindow window(fx.store(), settings);
    window.setShowImportSummary(false);
    window.show();
    QSignalSpy progress(window.importController(), &ImportController::progress);
    QSignalSpy finished(window.importController(), &ImportController::importFinished);
    window.importFiles({log});
    QTRY_VERIFY(window.progressWidget()->isVisible());
    // Cancel once events are flowing, with the button the user would press.
    QTRY_VERIFY(!progress.isEmpty() &&
                progress.last().at(0).value<cadf::ingest::ImportProgress>().events > 0);
    QTest::mouseClick(window.progressWidget()->cancelButton(), Qt::LeftButton);
    QTRY_COMPARE(finished.count(), 1);
    QTRY_VERIFY(!window.progressWidget()->isVisible());

    const auto results =
        finished.first().at(0).value<std::vector<cadf::ingest::FileImportResult>>();
    QCOMPARE(results.size(), std::size_t(1));
    const cadf::ingest::FileImportResult& result = results[0];
    QVERIFY(result.cancelled);
    QVERIFY(result.events > 0);
    QVERIFY2(result.records < kLines, "the import ran to the end: cancel came too late");
    QCOMPARE(result.events + result.duplicates + result.rejected, result.records);

    // The store holds exactly what the result says, and is sound.
    cadf::store::StoreError error;
    const auto reader = cadf::store::StoreReader::open(fx.store().toStdString(), &error);
    QVERIFY2(reader, error.message.c_str());
    QCOMPARE(reader->countEvents({}), result.events);
    cadf::store::Statement check = reader->database().prepare("PRAGMA integrity_check");
    QVERIFY(check.step() == cadf::store::Statement::Step::Row);
    QCOMPARE(check.string(0), std::string("ok"));
    QTRY_COMPARE(qint64(window.eventModel()->rowCount()), result.events);
}

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
