// Tooltips of the views whose cells come from events show the text as received: markup in an
// event (an initiator named "<b>x</b>") is not interpreted.
#include "views/plain_tooltips.h"

#include <QApplication>
#include <QHelpEvent>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>
#include <QTextDocument>
#include <QToolTip>

class TestPlainToolTips : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void markupIsShownAsText() {
        QStandardItemModel model(2, 1);
        const QString hostile = QStringLiteral("<b>admin</b> <img src=x>");
        model.setData(model.index(0, 0), QStringLiteral("cell"));
        model.setData(model.index(0, 0), hostile, Qt::ToolTipRole);
        model.setData(model.index(1, 0), QStringLiteral("no tip"));
        QTableView view;
        view.setModel(&model);
        showPlainToolTips(&view);
        view.resize(400, 200);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        const QPoint cell = view.visualRect(model.index(0, 0)).center();
        QHelpEvent help(QEvent::ToolTip, cell, view.viewport()->mapToGlobal(cell));
        QApplication::sendEvent(view.viewport(), &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QCOMPARE(QToolTip::text(), Qt::convertFromPlainText(hostile, Qt::WhiteSpaceNormal));
        QVERIFY(QToolTip::text().contains(QStringLiteral("&lt;b&gt;admin")));

        // A cell without a tooltip hides it.
        const QPoint other = view.visualRect(model.index(1, 0)).center();
        QHelpEvent none(QEvent::ToolTip, other, view.viewport()->mapToGlobal(other));
        QApplication::sendEvent(view.viewport(), &none);
        QTRY_VERIFY(!QToolTip::isVisible());
    }
};

QTEST_MAIN(TestPlainToolTips)
#include "tst_plain_tooltips.moc"
