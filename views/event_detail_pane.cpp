#include "views/event_detail_pane.h"

#include "models/cadf/timestamp.h"
#include "models/store/store_types.h"

#include <QFileInfo>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

EventDetailPane::EventDetailPane(QWidget* parent)
    : QWidget(parent) {
    m_header = new QLabel(this);
    m_header->setTextFormat(Qt::PlainText);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_header->setWordWrap(true);

    // QPlainTextEdit never interprets markup: the record shows exactly as received.
    m_record = new QPlainTextEdit(this);
    m_record->setReadOnly(true);
    m_record->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_record->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_record->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_record->setPlaceholderText(tr("Select an event to see its raw record."));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_header);
    layout->addWidget(m_record, 1);
    clear();
}

void EventDetailPane::setEvent(const cadf::store::StoredEvent& event) {
    m_eventId = event.id;
    const QString time = QString::fromStdString(cadf::formatIso(event.event.timeUs, 0, 6));
    const QString source = QFileInfo(QString::fromStdString(event.sourceName)).fileName();
    QString where =
        tr("%1, line %2").arg(source.isEmpty() ? tr("unknown source") : source).arg(event.lineNo);
    if (event.part > 0)
        where += tr(", event %1 in the record").arg(event.part + 1);
    m_header->setText(tr("%1  \u00b7  %2").arg(time, where));
    m_header->setToolTip(QString());
    m_record->setPlainText(QString::fromStdString(event.record));
}

void EventDetailPane::setLoading() {
    m_header->setText(tr("Loading\u2026"));
    m_record->clear();
}

void EventDetailPane::setUnavailable() {
    m_eventId = 0;
    m_header->setText(tr("This event could not be read from the store."));
    m_record->clear();
}

void EventDetailPane::clear() {
    m_eventId = 0;
    m_header->setText(tr("No event selected"));
    m_record->clear();
}

QString EventDetailPane::headerText() const {
    return m_header->text();
}

QString EventDetailPane::recordText() const {
    return m_record->toPlainText();
}
