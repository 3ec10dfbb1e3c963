// NavigationHistory as a browser's: push, back, forward, a push after back drops the steps ahead,
// equal steps are not recorded twice, the oldest steps go beyond the limit.
#include "models/navigation/navigation_history.h"

#include <QTest>

namespace {

NavigationStep step(const QString& view, const QString& filter = {}) {
    NavigationStep s;
    s.view = view;
    s.filterText = filter;
    return s;
}

} // namespace

class TestNavigationHistory : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void emptyHistory() {
        NavigationHistory history;
        QVERIFY(!history.current());
        QVERIFY(!history.canGoBack());
        QVERIFY(!history.canGoForward());
        QVERIFY(!history.back());
        QVERIFY(!history.forward());
        QVERIFY(!history.goTo(0));
        QCOMPARE(history.currentIndex(), -1);
    }

    void pushBackForward() {
        NavigationHistory history;
        QVERIFY(history.push(step("events")));
        QVERIFY(history.push(step("initiators")));
        QVERIFY(history.push(step("events", "initiator.id:alice")));
        QCOMPARE(history.current()->filterText, QStringLiteral("initiator.id:alice"));
        QVERIFY(history.canGoBack());
        QVERIFY(!history.canGoForward());

        const auto back = history.back();
        QVERIFY(back);
        QCOMPARE(back->view, QStringLiteral("initiators"));
        QCOMPARE(back->filterText, QString());
        QVERIFY(history.canGoForward());
        QCOMPARE(history.back()->view, QStringLiteral("events"));
        QVERIFY(!history.canGoBack());
        QVERIFY(!history.back()); // stays at the first step
        QCOMPARE(history.currentIndex(), 0);

        QCOMPARE(history.forward()->view, QStringLiteral("initiators"));
        QCOMPARE(history.forward()->filterText, QStringLiteral("initiator.id:alice"));
        QVERIFY(!history.forward());
        QCOMPARE(history.currentIndex(), 2);
    }

    void pushAfterBackTruncates() {
        NavigationHistory history;
        history.push(step("events"));
        history.push(step("initiators"));
        history.push(step("targets"));
        history.back();
        history.back();
        QVERIFY(history.push(step("outcomes")));
        QCOMPARE(int(history.steps().size()), 2);
        QCOMPARE(history.steps().at(0).view, QStringLiteral("events"));
        QCOMPARE(history.steps().at(1).view, QStringLiteral("outcomes"));
        QVERIFY(!history.canGoForward());
        QCOMPARE(history.back()->view, QStringLiteral("events"));
    }

    void equalStepIsNotRecordedTwice() {
        NavigationHistory history;
        QVERIFY(history.push(step("events", "outcome:failure")));
        QVERIFY(!history.push(step("events", "outcome:failure")));
        QCOMPARE(int(history.steps().size()), 1);

        // Any part that differs is a new step: filter, range, profile.
        NavigationStep ranged = step("events", "outcome:failure");
        ranged.fromUs = 10;
        QVERIFY(history.push(ranged));
        NavigationStep profile = step("profile", "outcome:failure");
        profile.profileKind = QStringLiteral("initiator");
        profile.profileKey = QStringLiteral("7");
        QVERIFY(history.push(profile));
        profile.profileKey = QStringLiteral("8");
        QVERIFY(history.push(profile));
        QCOMPARE(int(history.steps().size()), 4);
        QCOMPARE(history.back()->profileKey, QStringLiteral("7"));
        QCOMPARE(history.back()->fromUs, std::optional<qint64>(10));
    }

    void replaceCurrentKeepsPosition() {
        NavigationHistory history;
        history.replaceCurrent(step("events")); // nothing yet: a push
        QCOMPARE(int(history.steps().size()), 1);
        history.push(step("initiators"));
        history.push(step("targets"));
        history.back();
        history.replaceCurrent(step("initiators", "service:UDI"));
        QCOMPARE(int(history.steps().size()), 3);
        QVERIFY(history.canGoForward());
        QCOMPARE(history.current()->filterText, QStringLiteral("service:UDI"));
        QCOMPARE(history.forward()->view, QStringLiteral("targets"));
    }

    void oldestStepsDropBeyondTheLimit() {
        NavigationHistory history(3);
        for (int i = 0; i < 5; ++i)
            history.push(step("events", QString::number(i)));
        QCOMPARE(int(history.steps().size()), 3);
        QCOMPARE(history.steps().front().filterText, QStringLiteral("2"));
        QCOMPARE(history.currentIndex(), 2);
        QCOMPARE(history.back()->filterText, QStringLiteral("3"));
        QCOMPARE(history.back()->filterText, QStringLiteral("2"));
        QVERIFY(!history.back());
    }

    void goToAndClear() {
        NavigationHistory history;
        history.push(step("events"));
        history.push(step("initiators"));
        history.push(step("targets"));
        QCOMPARE(history.goTo(0)->view, QStringLiteral("events"));
        QVERIFY(history.canGoForward());
        QVERIFY(!history.goTo(3));
        QVERIFY(!history.goTo(-1));
        QCOMPARE(history.currentIndex(), 0);
        history.clear();
        QVERIFY(!history.current());
        QVERIFY(!history.canGoForward());
    }
};

QTEST_APPLESS_MAIN(TestNavigationHistory)
#include "tst_navigation_history.moc"
