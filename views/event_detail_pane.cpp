#include "views/event_detail_pane.h"

#include "models/cadf/timestamp.h"
#include "models/itemmodels/event_attributes_model.h"
#include "models/store/store_types.h"
#include "views/json_highlighter.h"
#include "views/plain_tooltips.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QEvent>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

namespace {

QPlainTextEdit* makeText(QWidget* parent, const QString& placeholder) {
    // QPlainTextEdit never interprets markup: event text shows exactly as received.
    auto* edit = new QPlainTextEdit(parent);
    edit->setReadOnly(true);
    edit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    edit->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setPlaceholderText(placeholder);
    return edit;
}

} // namespace

EventDetailPane::EventDetailPane(QWidget* parent)
    : QWidget(parent) {
    m_header = new QLabel(this);
    m_header->setTextFormat(Qt::PlainText);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_header->setWordWrap(true);

    m_attributes = new EventAttributesModel(this);
    m_tree = new QTreeView(this);
    showPlainToolTips(m_tree);
    m_tree->setModel(m_attributes);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setTextElideMode(Qt::ElideMiddle);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setColumnWidth(
        0, fontMetrics().horizontalAdvance(QStringLiteral("eventTime as received")) + 48);
    connect(m_tree, &QTreeView::customContextMenuRequested, this, &EventDetailPane::showTreeMenu);

    m_json = makeText(this, tr("Select an event to see it as JSON."));
    m_json->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_highlighter = new JsonHighlighter(m_json->document());
    m_record = makeText(this, tr("Select an event to see its raw record."));

    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_tree, tr("&Fields"));
    m_tabs->addTab(m_json, tr("&JSON"));
    m_tabs->addTab(m_record, tr("&Raw"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(2);
    layout->addWidget(m_header);
    layout->addWidget(m_tabs, 1);
    updateHighlighter();
    clear();
}

void EventDetailPane::setEvent(const cadf::store::StoredEvent& event) {
    m_event = std::make_shared<const cadf::store::StoredEvent>(event);
    m_eventId = event.id;
    int offset = 0;
    if (m_localTime)
        offset = QDateTime::fromMSecsSinceEpoch(event.event.timeUs / 1000).offsetFromUtc();
    const QString time = QString::fromStdString(cadf::formatIso(event.event.timeUs, offset, 6));
    const QString source = QFileInfo(QString::fromStdString(event.sourceName)).fileName();
    QString where =
        tr("%1, line %2").arg(source.isEmpty() ? tr("unknown source") : source).arg(event.lineNo);
    if (event.part > 0)
        where += tr(", event %1 in the record").arg(event.part + 1);
    m_header->setText(tr("%1  \u00b7  %2").arg(time, where));
    m_header->setToolTip(QString());
    m_attributes->setEvent(event, m_localTime);
    m_tree->expandToDepth(0);
    m_json->setPlainText(m_attributes->prettyJson());
    m_record->setPlainText(QString::fromStdString(event.record));
}

void EventDetailPane::setLocalTime(bool local) {
    if (local == m_localTime)
        return;
    m_localTime = local;
    if (m_event)
        setEvent(*m_event);
}

void EventDetailPane::setLoading() {
    m_header->setText(tr("Loading\u2026"));
}

void EventDetailPane::setUnavailable() {
    m_eventId = 0;
    m_event.reset();
    m_header->setText(tr("This event could not be read from the store."));
    m_attributes->clear();
    m_json->clear();
    m_record->clear();
}

void EventDetailPane::clear() {
    m_eventId = 0;
    m_event.reset();
    m_header->setText(tr("No event selected"));
    m_attributes->clear();
    m_json->clear();
    m_record->clear();
}

QString EventDetailPane::headerText() const {
    return m_header->text();
}

QString EventDetailPane::recordText() const {
    return m_record->toPlainText();
}

QString EventDetailPane::jsonText() const {
    return m_json->toPlainText();
}

void EventDetailPane::filterOn(const QModelIndex& index, bool exclude) {
    const QModelIndex row = index.siblingAtColumn(0);
    const QString value = row.data(EventAttributesModel::FilterValueRole).toString();
    if (value.isEmpty())
        return;
    // No field for this attribute (an unknown key): search the text of the events for it.
    Q_EMIT filterRequested(row.data(EventAttributesModel::FilterFieldRole).toString(), value,
                           exclude);
}

void EventDetailPane::addAsColumn(const QModelIndex& index) {
    const int column = index.siblingAtColumn(0).data(EventAttributesModel::TableColumnRole).toInt();
    if (column >= 0)
        Q_EMIT addColumnRequested(column);
}

void EventDetailPane::copyValue(const QModelIndex& index) {
    QApplication::clipboard()->setText(index.siblingAtColumn(1).data().toString());
}

void EventDetailPane::copyEventAsJson() {
    QApplication::clipboard()->setText(m_attributes->prettyJson());
}

void EventDetailPane::showTreeMenu(const QPoint& pos) {
    const QModelIndex index = m_tree->indexAt(pos);
    QMenu menu(this);
    if (index.isValid()) {
        const QModelIndex row = index.siblingAtColumn(0);
        const bool filterable =
            !row.data(EventAttributesModel::FilterValueRole).toString().isEmpty();
        menu.addAction(tr("&Filter on This Value"), this, [this, row] { filterOn(row, false); })
            ->setEnabled(filterable);
        menu.addAction(tr("&Exclude This Value"), this, [this, row] { filterOn(row, true); })
            ->setEnabled(filterable);
        menu.addAction(tr("&Add as Column"), this, [this, row] { addAsColumn(row); })
            ->setEnabled(row.data(EventAttributesModel::TableColumnRole).toInt() >= 0);
        menu.addSeparator();
        menu.addAction(tr("&Copy Value"), this, [this, row] { copyValue(row); });
    }
    menu.addAction(tr("Copy Event as &JSON"), this, &EventDetailPane::copyEventAsJson)
        ->setEnabled(m_eventId != 0);
    menu.exec(m_tree->viewport()->mapToGlobal(pos));
}

void EventDetailPane::updateHighlighter() {
    m_highlighter->setDark(palette().color(QPalette::Base).lightness() < 128);
}

void EventDetailPane::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange)
        updateHighlighter();
    QWidget::changeEvent(event);
}
