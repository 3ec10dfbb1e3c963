// The Events workspace driven through its real widgets, offscreen, over a real store file: the
// filter bar (typing, errors), the facets, the detail pane and its "Filter on this value", sorting
// by a column and the column chooser's persistence.
#include "app/app_settings.h"
#include "app/main_window.h"
#include "app/workspace_controller.h"
#include "models/cadf/timestamp.h"
#include "models/filter/filter.h"
#include "models/itemmodels/event_attributes_model.h"
#include "models/itemmodels/event_table_model.h"
#include "models/itemmodels/facet_model.h"
#include "views/column_chooser.h"
#include "views/event_detail_pane.h"
#include "views/event_table_view.h"
#include "views/facet_sidebar.h"
#include "views/filter_bar.h"
#include "views/filter_help_popup.h"
#include "views/time_histogram.h"

#include <QChartView>

#include <QFile>
#include <QHeaderView>
#include <QLineEdit>
#include <QListWidget>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextTable>
#include <QTreeView>
#include <QtTest>

namespace {

constexpr int kEvents = 200;
constexpr qint64 kBaseUs = Q_INT64_C(1697637600000000); // 2023-10-18T14:00:00Z

// Event i: a failure when i % 4 == 0 (code 500 when i % 8 == 0, else 403), otherwise a 200
// success; initiator user(i % 5); address 10.0.0.(i % 10); one second apart, in reverse order of
// i for odd i so time order and line order differ.
QByteArray auditLine(int i) {
    const bool failure = i % 4 == 0;
    const int code = failure ? (i % 8 == 0 ? 500 : 403) : 200;
    const qint64 ts = kBaseUs + qint64(i % 2 ? kEvents - i : i) * 1000000;
    return QStringLiteral(
               "<13>1 2023-10-18T14:38:44.641868+00:00 audit-logs-cp4s fluentd - - - "
               "{\"version\":\"1.0\",\"typeURI\":\"http://schemas.dmtf.org/cloud/audit/1.0/"
               "event\",\"id\":\"ev-%1\",\"outcome\":\"%2\",\"eventType\":\"ACTIVITY\","
               "\"eventTime\":\"%3\",\"action\":\"read\",\"severity\":\"NORMAL\",\"initiator\":{"
               "\"id\":\"id-user%4\",\"name\":\"user%4\",\"typeURI\":\"clientid\",\"host\":{"
               "\"agent\":\"curl/8.1\",\"address\":\"10.0.0.%5\"}},\"target\":{\"id\":\"/api/"
               "cases/%1\",\"name\":\"isc-cases\",\"typeURI\":\"ibm-cp-security/isc-cases\"},"
               "\"observer\":{\"name\":\"CommonAuditService\",\"id\":\"userActivity\"},"
               "\"reason\":{\"reasonCode\":%6},\"x-custom\":{\"nested\":[\"deep value %1\"]}}")
        .arg(i)
        .arg(failure ? QStringLiteral("failure") : QStringLiteral("success"))
        .arg(QString::fromStdString(cadf::formatIso(ts, 0, 3)))
        .arg(i % 5)
        .arg(i % 10)
        .arg(code)
        .toUtf8();
}

struct Fixture {
    QTemporaryDir dir;
    QString store() const { return dir.filePath(QStringLiteral("store.cadfscope")); }
    QString settingsPath() const { return dir.filePath(QStringLiteral("settings.ini")); }
    QString log() const {
        const QString path = dir.filePath(QStringLiteral("audit.log"));
        QFile file(path);
        if (!file.exists() && file.open(QIODevice::WriteOnly)) {
            for (int i = 0; i < kEvents; ++i)
                file.write(auditLine(i) + '\n');
        }
        return path;
    }
};

// A window over a store holding the kEvents events, with every row counted.
std::unique_ptr<MainWindow> openWindow(Fixture& fx, AppSettings& settings, bool import = true) {
    auto window = std::make_unique<MainWindow>(fx.store(), settings);
    window->setShowImportSummary(false);
    window->resize(1400, 900);
    window->show();
    if (import)
        window->importFiles({fx.log()});
    return window;
}

void applyTyped(MainWindow& window, const QString& text) {
    QLineEdit* edit = window.workspace()->filterBar()->lineEdit();
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

bool allRowsLoaded(const EventTableModel& model) {
    for (int row = 0; row < model.rowCount(); ++row) {
        if (!model.data(model.index(row, 0), EventTableModel::LoadedRole).toBool())
            return false;
    }
    return true;
}

} // namespace

class TestWorkspace : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void typingFilterChangesRows_data();
    void typingFilterChangesRows();
    void invalidFilterLeavesRows_data();
    void invalidFilterLeavesRows();
    void clickingFacetEditsFilter_data();
    void clickingFacetEditsFilter();
    void selectingRowFillsDetailPane();
    void filterOnThisValue_data();
    void filterOnThisValue();
    void sortingOrdersRows_data();
    void sortingOrdersRows();
    void columnChooserPersists();
    void histogramDragSelectsRange_data();
    void histogramDragSelectsRange();
    void filterHelpPopup();
};

void TestWorkspace::typingFilterChangesRows_data() {
    QTest::addColumn<QString>("filter");
    QTest::addColumn<int>("rows");
    QTest::newRow("outcome") << QStringLiteral("outcome:failure") << 50;
    QTest::newRow("code") << QStringLiteral("code:403") << 25;
    QTest::newRow("code class") << QStringLiteral("code:5xx") << 25;
    QTest::newRow("initiator") << QStringLiteral("initiator:user1") << 40;
    QTest::newRow("and") << QStringLiteral("outcome:success initiator:user0") << 30;
    QTest::newRow("not") << QStringLiteral("-outcome:failure") << 150;
    QTest::newRow("or") << QStringLiteral("code:500 OR initiator:user1") << 60;
    // '/' is also the focus-filter shortcut: typed into the bar it must stay a character.
    QTest::newRow("cidr") << QStringLiteral("address:10.0.0.0/30 -address:10.0.0.0") << 60;
    QTest::newRow("empty") << QString() << kEvents;
}

void TestWorkspace::typingFilterChangesRows() {
    QFETCH(QString, filter);
    QFETCH(int, rows);
    Fixture fx;
    AppSettings settings(fx.settingsPath());
    auto window = openWindow(fx, settings);
    QTRY_COMPARE(window->eventModel()->rowCount(), kEvents);
    applyTyped(*window, QStringLiteral("address:10.0.0.3"));
    QTRY_COMPARE(window->eventModel()->rowCount(), kEvents / 10);

    applyTyped(*window, filter);
    QVERIFY(window->workspace()->filterBar()->isValid());
    QTRY_COMPARE(window->eventModel()->rowCount(), rows);
    QTRY_VERIFY(window->eventModel()->countKnown());
    QCOMPARE(window->eventModel()->matchingEvents(), qint64(rows));
    if (!filter.isEmpty()) {
        QCOMPARE(window->workspace()->filterBar()->history().value(0), filter);
        QCOMPARE(settings.filterHistory().value(0), filter);
    }
}

void TestWorkspace::invalidFilterLeavesRows_data() {
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("messagePart");
    QTest::addColumn<int>("position");
    QTest::newRow("unknown field")
        << QStringLiteral("outcme:failure") << QStringLiteral("outcme") << 0;
    QTest::newRow("open parenthesis")
        << QStringLiteral("code:403 (initiator:user1") << QString() << -1;
    QTest::newRow("bad code range") << QStringLiteral("code:abc..") << QString() << -1;
}

void TestWorkspace::invalidFilterLeavesRows() {
    QFETCH(QString, filter);
    QFETCH(QString, messagePart);
    QFETCH(int, position);
    Fixture fx;
    AppSettings settings(fx.settingsPath());
    auto window = openWindow(fx, settings);
    FilterBar* bar = window->workspace()->filterBar();
    applyTyped(*window, QStringLiteral("outcome:failure"));
    QTRY_COMPARE(window->eventModel()->rowCount(), 50);
    QTRY_VERIFY(allRowsLoaded(*window->eventModel()));
    const quint64 generation = window->eventModel()->generation();
    const QColor validBase = bar->lineEdit()->palette().color(QPalette::Base);
    QVERIFY(validBase.green() > validBase.red()); // green while valid

    // Typing alone turns it red after the debounce, before Enter.
    QLineEdit* edit = bar->lineEdit();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, filter);
    QTRY_VERIFY(!bar->isValid());
    const QColor base = edit->palette().color(QPalette::Base);
    QVERIFY2(base.red() > base.green(), qPrintable(base.name()));
    QVERIFY(!bar->errorText().isEmpty());
    if (!messagePart.isEmpty())
        QVERIFY2(bar->errorText().contains(messagePart), qPrintable(bar->errorText()));
    Q_UNUSED(position);

    QTest::keyClick(edit, Qt::Key_Return);
    QVERIFY(!bar->isValid());
    QCOMPARE(bar->appliedText(), QStringLiteral("outcome:failure"));
    // Nothing was applied: same generation, same rows.
    QCOMPARE(window->eventModel()->generation(), generation);
    QCOMPARE(window->eventModel()->rowCount(), 50);
    QCOMPARE(edit->text(), filter);
}

void TestWorkspace::clickingFacetEditsFilter_data() {
    QTest::addColumn<int>("group");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("ctrl");
    QTest::addColumn<QString>("expectedText");
    QTest::addColumn<int>("rows");
    QTest::newRow("outcome") << int(FacetModel::Outcomes) << QStringLiteral("failure") << false
                             << QStringLiteral("outcome:failure") << 50;
    QTest::newRow("exclude outcome") << int(FacetModel::Outcomes) << QStringLiteral("failure")
                                     << true << QStringLiteral("-outcome:failure") << 150;
    QTest::newRow("code class") << int(FacetModel::CodeClasses) << QStringLiteral("4xx") << false
                                << QStringLiteral("code:4xx") << 25;
    QTest::newRow("code") << int(FacetModel::Codes) << QStringLiteral("500") << false
                          << QStringLiteral("code:500") << 25;
    QTest::newRow("initiator") << int(FacetModel::Initiators) << QStringLiteral("user2") << false
                               << QStringLiteral("initiator:user2") << 40;
    QTest::newRow("address excluded") << int(FacetModel::Addresses) << QStringLiteral("10.0.0.7")
                                      << true << QStringLiteral("-address:10.0.0.7") << 180;
}

void TestWorkspace::clickingFacetEditsFilter() {
    QFETCH(int, group);
    QFETCH(QString, value);
    QFETCH(bool, ctrl);
    QFETCH(QString, expectedText);
    QFETCH(int, rows);
    Fixture fx;
    AppSettings settings(fx.settingsPath());
    auto window = openWindow(fx, settings);
    QTRY_COMPARE(window->eventModel()->rowCount(), kEvents);
    FacetModel* facets = window->workspace()->facetModel();
    QModelIndex index;
    QTRY_VERIFY((index = facets->find(FacetModel::Group(group), value)).isValid());
    QVERIFY(index.data(FacetModel::CountRole).toLongLong() > 0);

    QTreeView* view = window->workspace()->facetSidebar()->view();
    view->scrollTo(index);
    const QRect rect = view->visualRect(index);
    QVERIFY(rect.isValid());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, ctrl ? Qt::ControlModifier : Qt::NoModifier,
                      rect.center());
    QCOMPARE(window->workspace()->filterBar()->text(), expectedText);
    QTRY_COMPARE(window->eventModel()->rowCount(), rows);
    // The facets count again for the new filter.
    QTRY_COMPARE(facets->groupIndex(FacetModel::Outcomes).data(FacetModel::CountRole).toLongLong(),
                 qint64(rows));
}

void TestWorkspace::selectingRowFillsDetailPane() {
    Fixture fx;
    AppSettings settings(fx.settingsPath());
    auto window = openWindow(fx, settings);
    QTRY_COMPARE(window->eventModel()->rowCount(), kEvents);
    // Row 3 in time order is event 3 only for even events; pick by time: the 4th second is i=4.
    const QModelIndex row = window->eventModel()->index(4, 0);
    QTRY_VERIFY(row.data(EventTableModel::LoadedRole).toBool());
    window->eventView()->setCurrentIndex(row);
    EventDetailPane* pane = window->detailPane();
    QTRY_COMPARE(pane->recordText(), QString::fromUtf8(auditLine(4)));

    EventAttributesModel* attributes = pane->attributes();
    const QModelIndex name = attributes->findPath(QStringLiteral("initiator.name"));
    QVERIFY(name.isValid());
    QCOMPARE(name.siblingAtColumn(1).data().toString(), QStringLiteral("user4"));
    // Unknown and nested keys are in the tree too.
    const QModelIndex deep = attributes->findPath(QStringLiteral("x-custom.nested[0]"));
    QVERIFY(deep.isValid());
    QCOMPARE(deep.siblingAtColumn(1).data().toString(), QStringLiteral("deep value 4"));
    QVERIFY(pane->jsonText().contains(QStringLiteral("\"reasonCode\": 403")));
    QVERIFY(pane->jsonText().contains(QStringLiteral("\n  \"initiator\": {")));
    // The time group: raw text and the parsed instant.
    const QModelIndex raw = attributes->findPath(QStringLiteral("eventTime"));
    QVERIFY(raw.isValid());
    QCOMPARE(raw.siblingAtColumn(1).data().toString(),
             QString::fromStdString(cadf::formatIso(kBaseUs + 4000000, 0, 3)));
}

void TestWorkspace::filterOnThisValue_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("exclude");
    QTest::addColumn<QString>("expectedText");
    QTest::addColumn<int>("rows");
    QTest::newRow("initiator name") << QStringLiteral("initiator.name") << false
                                    << QStringLiteral("initiator.name:user4") << 40;
    QTest::newRow("exclude address") << QStringLiteral("initiator.host.address") << true
                                     << QStringLiteral("-address:10.0.0.4") << 180;
    QTest::newRow("code") << QStringLiteral("reason.reasonCode") << false
                          << QStringLiteral("code:403") << 25;
    QTest::newRow("outcome") << QStringLiteral("outcome") << false
                             << QStringLiteral("outcome:failure") << 50;
}

void TestWorkspace::filterOnThisValue() {
    QFETCH(QString, path);
    QFETCH(bool, exclude);
    QFETCH(QString, expectedText);
    QFETCH(int, rows);
    Fixture fx;
    AppSettings settings(fx.settingsPath());
    auto window = openWindow(fx, settings);
    QTRY_COMPARE(window->eventModel()->rowCount(), kEvents);
    const QModelIndex row = window->eventModel()->index(4, 0);
    QTRY_VERIFY(row.data(EventTableModel::LoadedRole).toBool());
    window->eventView()->setCurrentIndex(row);
    EventDetailPane* pane = window->detailPane();
    QTRY_COMPARE(pane->recordText(), QString::fromUtf8(auditLine(4)));

    const QModelIndex attribute = pane->attributes()->findPath(path);
    QVERIFY(attribute.isValid());
    pane->filterOn(attribute, exclude);
    QCOMPARE(window->workspace()->filterBar()->text(), expectedText);
    QTRY_COMPARE(window->eventModel()->rowCount(), rows);
}

void TestWorkspace::sortingOrdersRows_data() {
    QTest::addColumn<int>("column");
    QTest::addColumn<bool>("descending");
    QTest::newRow("time newest first") << int(EventTableModel::TimeColumn) << true;
    QTest::newRow("code ascending") << int(EventTableModel::CodeColumn) << false;
    QTest::newRow("code descending") << int(EventTableModel::CodeColumn) << true;
    QTest::newRow("initiator") << int(EventTableModel::InitiatorColumn) << false;
    QTest::newRow("address descending") << int(EventTableModel::AddressColumn) << true;
    QTest::newRow("outcome") << int(EventTableModel::OutcomeColumn) << false;
    QTest::newRow("target") << int(EventTableModel::TargetColumn) << false;
}

void TestWorkspace::sortingOrdersRows() {
    QFETCH(int, column);
    QFETCH(bool, descending);
    Fixture fx;
    AppSettings settings(fx.settingsPath());
    auto window = openWindow(fx, settings);
    EventTableModel* model = window->eventModel();
    QTRY_COMPARE(model->rowCount(), kEvents);

    // A click on the header sorts ascending; a second click on the same header descending.
    QHeaderView* header = window->eventView()->horizontalHeader();
    const auto clickHeader = [&] {
        const int x = header->sectionViewportPosition(column) + header->sectionSize(column) / 2;
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    };
    if (column != EventTableModel::TimeColumn)
        clickHeader();
    if (descending)
        clickHeader();
    QCOMPARE(header->sortIndicatorSection(), column);
    QCOMPARE(header->sortIndicatorOrder(), descending ? Qt::DescendingOrder : Qt::AscendingOrder);
    QTRY_VERIFY(allRowsLoaded(*model));

    QStringList values;
    QList<qint64> times;
    QList<int> outcomes;
    for (int row = 0; row < model->rowCount(); ++row) {
        values.append(model->index(row, column).data().toString());
        outcomes.append(model->index(row, 0).data(EventTableModel::OutcomeRole).toInt());
        times.append(model->index(row, 0).data(EventTableModel::TimestampRole).toLongLong());
    }
    const auto before = [&](int a, int b) {
        // The sort key, then time as the tie-break, both in the chosen direction.
        const QString& x = values[a];
        const QString& y = values[b];
        int order = 0;
        if (column == EventTableModel::TimeColumn)
            order = 0;
        else if (column == EventTableModel::CodeColumn)
            order = x.toInt() < y.toInt() ? -1 : (x.toInt() > y.toInt() ? 1 : 0);
        else if (column == EventTableModel::OutcomeColumn)
            order = outcomes[a] - outcomes[b];
        else
            order = x.compare(y);
        if (order == 0)
            order = times[a] < times[b] ? -1 : (times[a] > times[b] ? 1 : 0);
        return descending ? order >= 0 : order <= 0;
    };
    for (int row = 1; row < values.size(); ++row)
        QVERIFY2(
            before(row - 1, row),
            qPrintable(
                QStringLiteral("row %1: %2 then %3").arg(row).arg(values[row - 1], values[row])));
    if (column == EventTableModel::OutcomeColumn) {
        // Outcome sorts by its stored number: success (1) before failure (2).
        QVERIFY(!values.first().contains(QStringLiteral("failure")));
        QVERIFY(values.last().contains(QStringLiteral("failure")));
    }
}

void TestWorkspace::columnChooserPersists() {
    Fixture fx;
    {
        AppSettings settings(fx.settingsPath());
        auto window = openWindow(fx, settings);
        QTRY_COMPARE(window->eventModel()->rowCount(), kEvents);
        QHeaderView* header = window->eventView()->horizontalHeader();
        QVERIFY(header->isSectionHidden(EventTableModel::AgentColumn));
        ColumnChooser chooser(header);
        QListWidget* list = chooser.list();
        QCOMPARE(list->count(), int(EventTableModel::ColumnCount));
        // Hide "Action", show "Agent", move "Code" to the front.
        for (int i = 0; i < list->count(); ++i) {
            const int logical = list->item(i)->data(Qt::UserRole).toInt();
            if (logical == EventTableModel::ActionColumn)
                list->item(i)->setCheckState(Qt::Unchecked);
            if (logical == EventTableModel::AgentColumn)
                list->item(i)->setCheckState(Qt::Checked);
        }
        for (int i = 0; i < list->count(); ++i) {
            if (list->item(i)->data(Qt::UserRole).toInt() == EventTableModel::CodeColumn) {
                list->insertItem(0, list->takeItem(i));
                break;
            }
        }
        chooser.apply();
        header->resizeSection(EventTableModel::TargetColumn, 333);
        QVERIFY(header->isSectionHidden(EventTableModel::ActionColumn));
        QCOMPARE(header->visualIndex(EventTableModel::CodeColumn), 0);
        window->close(); // saves the layout
    }
    AppSettings settings(fx.settingsPath());
    auto window = openWindow(fx, settings, false);
    QHeaderView* header = window->eventView()->horizontalHeader();
    QVERIFY(header->isSectionHidden(EventTableModel::ActionColumn));
    QVERIFY(!header->isSectionHidden(EventTableModel::AgentColumn));
    QVERIFY(header->isSectionHidden(EventTableModel::SourceColumn));
    QCOMPARE(header->visualIndex(EventTableModel::CodeColumn), 0);
    QCOMPARE(header->sectionSize(EventTableModel::TargetColumn), 333);
}

void TestWorkspace::histogramDragSelectsRange_data() {
    QTest::addColumn<int>("firstBar");
    QTest::addColumn<int>("lastBar");
    QTest::addColumn<int>("rows");
    // 200 events one second apart: bars of 2 s, two events each.
    QTest::newRow("three bars") << 0 << 2 << 6;
    QTest::newRow("backwards drag") << 10 << 5 << 12;
    QTest::newRow("one bar (a click)") << 7 << 7 << 2;
}

void TestWorkspace::histogramDragSelectsRange() {
    QFETCH(int, firstBar);
    QFETCH(int, lastBar);
    QFETCH(int, rows);
    Fixture fx;
    AppSettings settings(fx.settingsPath());
    auto window = openWindow(fx, settings);
    QTRY_COMPARE(window->eventModel()->rowCount(), kEvents);
    TimeHistogram* histogram = window->workspace()->histogram();
    QTRY_VERIFY(histogram->histogram() && histogram->histogram()->buckets.size() == 100);
    QCOMPARE(histogram->histogram()->bucketUs, Q_INT64_C(2000000));

    // Points over the wanted bars, found by scanning the chart view's middle line.
    QWidget* viewport = histogram->chartView()->viewport();
    const int y = viewport->height() / 2;
    const auto xOf = [&](int bar) {
        for (int x = 0; x < viewport->width(); ++x) {
            if (histogram->bucketAt(QPoint(x, y)) == bar)
                return x + 1;
        }
        return -1;
    };
    const int from = xOf(firstBar);
    const int to = xOf(lastBar);
    QVERIFY(from >= 0 && to >= 0);
    QTest::mousePress(viewport, Qt::LeftButton, {}, QPoint(from, y));
    QTest::mouseMove(viewport, QPoint((from + to) / 2, y));
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, QPoint(to, y));
    const QString text = window->workspace()->filterBar()->text();
    QVERIFY2(text.startsWith(QStringLiteral("time>=")), qPrintable(text));
    QTRY_COMPARE(window->eventModel()->rowCount(), rows);

    // Zoom out: back to every event.
    window->workspace()->zoomOut();
    QCOMPARE(window->workspace()->filterBar()->text(), QString());
    QTRY_COMPARE(window->eventModel()->rowCount(), kEvents);
}

namespace {

// Column `column` of every table in the help text (the examples, then the fields).
QStringList tableColumn(QTextDocument* document, int column) {
    QStringList cells;
    for (QTextFrame* frame : document->rootFrame()->childFrames()) {
        if (auto* table = qobject_cast<QTextTable*>(frame)) {
            for (int row = 0; row < table->rows(); ++row) {
                const QTextTableCell cell = table->cellAt(row, column);
                QTextCursor cursor = cell.firstCursorPosition();
                cursor.setPosition(cell.lastCursorPosition().position(), QTextCursor::KeepAnchor);
                cells << cursor.selectedText();
            }
        }
    }
    return cells;
}

// Where the link `href` is drawn in the browser's viewport (the middle of its first character).
QPoint linkPosition(QTextBrowser* browser, const QString& href) {
    for (QTextBlock block = browser->document()->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (fragment.charFormat().anchorHref() != href)
                continue;
            QTextCursor cursor(browser->document());
            cursor.setPosition(fragment.position() + 1);
            return browser->cursorRect(cursor).center() - QPoint(2, 0);
        }
    }
    return {-1, -1};
}

} // namespace

void TestWorkspace::filterHelpPopup() {
    Fixture fx;
    AppSettings settings(fx.settingsPath());
    auto window = openWindow(fx, settings);
    QTRY_COMPARE(window->eventModel()->rowCount(), kEvents);
    FilterBar* bar = window->workspace()->filterBar();
    QCOMPARE(bar->helpPopup(), nullptr);

    // F1 in the bar opens it, without taking the keyboard from the bar.
    bar->lineEdit()->setFocus();
    QTest::keyClick(bar->lineEdit(), Qt::Key_F1);
    FilterHelpPopup* help = bar->helpPopup();
    QVERIFY(help);
    QTRY_VERIFY(help->isVisible());
    QVERIFY(QTest::qWaitForWindowExposed(help));
    QVERIFY(!help->isModal());

    // Every field of the filter's field table is a row, with its description.
    const QStringList names = tableColumn(help->browser()->document(), 0);
    const QStringList descriptions = tableColumn(help->browser()->document(), 1);
    for (const QString& field : cadf::filter::fieldNames()) {
        QVERIFY2(names.contains(field), qPrintable(field));
        QVERIFY2(descriptions.contains(cadf::filter::fieldDescription(field)), qPrintable(field));
    }

    // Clicking an example puts it into the bar and applies it: only the 403s are left.
    const QList<cadf::filter::FilterExample> examples = cadf::filter::examples();
    int index = -1;
    for (int i = 0; i < examples.size(); ++i) {
        if (examples[i].text == QStringLiteral("code:400..499 code!=404"))
            index = i;
    }
    QVERIFY(index >= 0);
    QVERIFY(names.contains(examples[index].text));
    const QPoint at = linkPosition(help->browser(), QStringLiteral("example:%1").arg(index));
    QVERIFY(help->browser()->viewport()->rect().contains(at));
    QTest::mouseClick(help->browser()->viewport(), Qt::LeftButton, {}, at);
    QTRY_COMPARE(bar->text(), examples[index].text);
    QTRY_COMPARE(window->eventModel()->rowCount(), 25);
    QVERIFY(help->isVisible()); // stays open for the next example

    // Escape closes it, in the popup and from the bar; Help > Filter Syntax opens it again.
    help->browser()->setFocus();
    QTest::keyClick(help->browser(), Qt::Key_Escape);
    QTRY_VERIFY(!help->isVisible());
    window->workspace()->filterHelpAction()->trigger();
    QTRY_VERIFY(help->isVisible());
    QTest::keyClick(bar->lineEdit(), Qt::Key_Escape);
    QTRY_VERIFY(!help->isVisible());
    QCOMPARE(bar->text(), examples[index].text); // that Escape only closed the help
}

QTEST_MAIN(TestWorkspace)
#include "tst_workspace.moc"
