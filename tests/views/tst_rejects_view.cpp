// The Rejects view: what did not become an event is listed with its source, position and reason,
// page by page, and its bytes are shown exactly (odd bytes escaped, and as hex).
#include "app/app_settings.h"
#include "app/main_window.h"
#include "app/rejects_dock.h"
#include "models/ingest/file_importer.h"
#include "models/itemmodels/rejects_model.h"
#include "models/store/store_writer.h"
#include "views/rejects_view.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDockWidget>
#include <QFile>
#include <QMenuBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <string>

namespace {

// Line i of the damaged log: a rotating mix of reasons, each line distinguishable by its number.
std::string damagedLine(int i) {
    switch (i % 4) {
    case 0:
        return "{\"action\":\"read\",\"line\":" + std::to_string(i); // truncated JSON
    case 1:
        return "plain text line " + std::to_string(i); // no JSON
    case 2:
        return std::string("bin\x01\x02", 5) + std::to_string(i); // control bytes
    default:
        return "\xff\xfe not utf-8 " + std::to_string(i);
    }
}

// Imports `lines` damaged lines into a new store; returns the log's path.
QString importDamaged(const QString& dir, int lines) {
    const QString log = dir + QStringLiteral("/damaged.log");
    QFile file(log);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(log));
    for (int i = 0; i < lines; ++i)
        file.write(QByteArray::fromStdString(damagedLine(i) + "\n"));
    file.close();
    cadf::store::StoreError error;
    auto writer = cadf::store::StoreWriter::open(
        QString(dir + QStringLiteral("/r.cadfscope")).toStdString(), &error);
    if (!writer)
        qFatal("cannot open the store: %s", error.message.c_str());
    cadf::ingest::FileImporter importer(*writer);
    const std::atomic_bool cancel{false};
    const auto results = importer.importFiles({log.toStdString()}, cancel);
    if (results.front().rejected != lines)
        qFatal("expected %d rejects, got %lld", lines, (long long)results.front().rejected);
    return log;
}

} // namespace

class TestRejectsView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void printable_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("text");
        QTest::newRow("ascii") << QByteArray("{\"a\":1}") << QStringLiteral("{\"a\":1}");
        QTest::newRow("tab kept") << QByteArray("a\tb") << QStringLiteral("a\tb");
        QTest::newRow("controls") << QByteArray("a\x01\x1b[31mb", 8)
                                  << QStringLiteral("a\\x01\\x1b[31mb");
        QTest::newRow("NUL and CR") << QByteArray("x\0y\r", 4) << QStringLiteral("x\\x00y\\x0d");
        QTest::newRow("utf-8") << QByteArray("caf\xc3\xa9 \xe2\x9c\x97")
                               << QStringLiteral("caf\u00e9 \u2717");
        QTest::newRow("invalid utf-8")
            << QByteArray("\xff\xfe ok") << QStringLiteral("\\xff\\xfe ok");
        QTest::newRow("cut sequence") << QByteArray("\xe2\x9c") << QStringLiteral("\\xe2\\x9c");
        QTest::newRow("DEL") << QByteArray("\x7f") << QStringLiteral("\\x7f");
    }

    void printable() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, text);
        QCOMPARE(RejectsModel::printable(bytes.toStdString()), text);
    }

    void hexDump() {
        const std::string bytes = std::string("{\"x\":\x01", 6) + std::string(12, 'A');
        const QStringList lines =
            RejectsModel::hexDump(bytes).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines[0].startsWith(QStringLiteral("00000000  7b 22 78 22 3a 01 41 41  41")),
                 qPrintable(lines[0]));
        QVERIFY2(lines[0].endsWith(QStringLiteral("|{\"x\":.AAAAAAAAAA|")), qPrintable(lines[0]));
        QVERIFY2(lines[1].startsWith(QStringLiteral("00000010  41 41 ")), qPrintable(lines[1]));
        QVERIFY(lines[1].endsWith(QStringLiteral("|AA|")));
    }

    // More rejects than one page: rows come as the view asks for them, in the order read, and
    // the summary counts every reason.
    void modelPagesThroughEveryReject() {
        QTemporaryDir dir;
        const int lines = RejectsModel::kPageSize * 2 + 37;
        const QString log = importDamaged(dir.path(), lines);
        RejectsModel model(dir.filePath(QStringLiteral("r.cadfscope")));
        QAbstractItemModelTester tester(&model);
        QSignalSpy summary(&model, &RejectsModel::summaryChanged);
        model.reload();
        QVERIFY(summary.wait(10000));
        QCOMPARE(model.totalRejects(), qint64(lines));
        QCOMPARE(model.reasonCounts().size(), 4);
        qint64 sum = 0;
        for (const auto& [title, count] : model.reasonCounts())
            sum += count;
        QCOMPARE(sum, qint64(lines));
        QTRY_COMPARE(model.rowCount(), RejectsModel::kPageSize);
        while (model.canFetchMore({})) {
            model.fetchMore({});
            QTRY_VERIFY(!model.isLoading());
        }
        QTRY_COMPARE(model.rowCount(), lines);
        std::int64_t offset = 0;
        for (int row = 0; row < lines; ++row) {
            const cadf::store::RejectRow* reject = model.rejectAt(row);
            QVERIFY(reject);
            QCOMPARE(reject->lineNo, qint64(row + 1));
            QCOMPARE(reject->byteOffset, offset);
            QCOMPARE(reject->raw, damagedLine(row));
            offset += std::int64_t(damagedLine(row).size()) + 1;
        }
        QCOMPARE(model.data(model.index(0, RejectsModel::SourceColumn)).toString(), log);
        QCOMPARE(model.data(model.index(0, RejectsModel::ReasonColumn)).toString(),
                 RejectsModel::reasonTitle(cadf::RejectReason::TruncatedJson));
    }

    // In the window: View > Rejects opens the dock; selecting a row shows its bytes.
    void windowShowsRejects() {
        QTemporaryDir dir;
        importDamaged(dir.path(), 12);
        AppSettings settings(dir.filePath(QStringLiteral("app.ini")));
        MainWindow window(dir.filePath(QStringLiteral("r.cadfscope")), settings);
        window.show();
        QAction* open = window.rejectsDock()->dock()->toggleViewAction();
        bool inViewMenu = false;
        for (QAction* menu : window.menuBar()->actions())
            if (menu->menu() && menu->menu()->actions().contains(open))
                inViewMenu = true;
        QVERIFY(inViewMenu);
        open->trigger();
        QVERIFY(window.rejectsDock()->dock()->isVisible());
        RejectsView* view = window.rejectsDock()->view();
        QTRY_COMPARE(view->table()->model()->rowCount(), 12);
        QVERIFY2(view->summaryText().contains(QStringLiteral("12")),
                 qPrintable(view->summaryText()));
        view->table()->selectRow(2); // "bin\x01\x02" + "2"
        QCOMPARE(view->rawText(), QStringLiteral("bin\\x01\\x022"));
        QVERIFY(view->hexText().startsWith(QStringLiteral("00000000  62 69 6e 01 02 32")));
        view->table()->selectRow(3);
        QCOMPARE(view->rawText(), QStringLiteral("\\xff\\xfe not utf-8 3"));
    }
};

QTEST_MAIN(TestRejectsView)
#include "tst_rejects_view.moc"
