// `cadfscope dashboard`, run as the real binary on a store imported from a generated log: each
// format is written as a valid file (PNG signature and size, SVG root element, %PDF), and bad
// usage exits 2, an unusable store or unknown service 1, each with a message saying why.
#include "tests/dashboard/dashboard_truth.h"
#include "tests/support/cli_runner.h"

#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

class TestCliDashboard : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;

    QByteArray read(const QString& path) {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        const QString log = m_dir.filePath(QStringLiteral("gen.log"));
        QVERIFY(writeGeneratedLog(log.toStdString(), 3000).size() > 2000);
        m_db = m_dir.filePath(QStringLiteral("gen.cadfscope"));
        const clitest::Run run =
            clitest::cadfscope({QStringLiteral("import"), QStringLiteral("--db"), m_db, log});
        QVERIFY2(run.exitCode == 0, run.err.constData());
    }

    void writesEachFormat_data() {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("file");
        QTest::newRow("overview png") << QStringList() << QStringLiteral("ov.png");
        QTest::newRow("overview svg") << QStringList() << QStringLiteral("ov.svg");
        QTest::newRow("overview pdf") << QStringList() << QStringLiteral("ov.pdf");
        QTest::newRow("service png, filtered, sized")
            << QStringList{QStringLiteral("--service"), QStringLiteral("unclassified"),
                           QStringLiteral("--filter"),  QStringLiteral("outcome:failure"),
                           QStringLiteral("--size"),    QStringLiteral("900x700")}
            << QStringLiteral("svc.png");
    }

    void writesEachFormat() {
        QFETCH(QStringList, extra);
        QFETCH(QString, file);
        const QString out = m_dir.filePath(file);
        QStringList args{QStringLiteral("dashboard"), QStringLiteral("--db"), m_db,
                         QStringLiteral("--out"), out};
        args << extra;
        const clitest::Run run = clitest::cadfscope(args);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(run.out.contains(QFile::encodeName(out)));
        const QByteArray bytes = read(out);
        QVERIFY(bytes.size() > 1000);
        if (file.endsWith(QLatin1String(".png"))) {
            QVERIFY(bytes.startsWith("\x89PNG\r\n\x1a\n"));
            const QImage image = QImage::fromData(bytes, "PNG");
            QVERIFY(!image.isNull());
            // Drawn at twice the pixels; 900 wide when asked, 1400 by default.
            const int width = extra.contains(QStringLiteral("900x700")) ? 900 : 1400;
            QCOMPARE(image.width(), 2 * width);
            QVERIFY(image.height() >= 2 * 700);
        } else if (file.endsWith(QLatin1String(".svg"))) {
            QVERIFY(bytes.contains("<svg"));
            QVERIFY(bytes.trimmed().endsWith("</svg>"));
        } else {
            QVERIFY(bytes.startsWith("%PDF"));
            QVERIFY(bytes.contains("%%EOF"));
        }
    }

    void badUsage_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const QString out = QStringLiteral("/tmp/cadfscope-never-written.png");
        QTest::newRow("no --out") << QStringList() << 2 << QStringLiteral("--out");
        QTest::newRow("unknown format")
            << QStringList{QStringLiteral("--out"), QStringLiteral("x.gif")} << 2
            << QStringLiteral(".png, .svg or .pdf");
        QTest::newRow("bad size") << QStringList{QStringLiteral("--out"), out,
                                                 QStringLiteral("--size"), QStringLiteral("big")}
                                  << 2 << QStringLiteral("--size");
        QTest::newRow("tiny size") << QStringList{QStringLiteral("--out"), out,
                                                  QStringLiteral("--size"), QStringLiteral("10x10")}
                                   << 2 << QStringLiteral("--size");
        QTest::newRow("bad filter")
            << QStringList{QStringLiteral("--out"), out, QStringLiteral("--filter"),
                           QStringLiteral("outcme:failure")}
            << 2 << QStringLiteral("did you mean 'outcome'");
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("--colour")} << 2 << QStringLiteral("colour");
        QTest::newRow("unknown service")
            << QStringList{QStringLiteral("--out"), out, QStringLiteral("--service"),
                           QStringLiteral("Nope")}
            << 1 << QStringLiteral("services: ");
    }

    void badUsage() {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const clitest::Run run = clitest::cadfscope(
            QStringList{QStringLiteral("dashboard"), QStringLiteral("--db"), m_db} + args);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
        QVERIFY(!QFile::exists(QStringLiteral("/tmp/cadfscope-never-written.png")));
    }

    void missingStoreIsFatal() {
        const clitest::Run run =
            clitest::cadfscope({QStringLiteral("dashboard"), QStringLiteral("--db"),
                                m_dir.filePath(QStringLiteral("missing.cadfscope")),
                                QStringLiteral("--out"), m_dir.filePath(QStringLiteral("m.png"))});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("cannot open the store"), run.err.constData());
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("m.png"))));
    }
};

QTEST_GUILESS_MAIN(TestCliDashboard)
#include "tst_cli_dashboard.moc"
