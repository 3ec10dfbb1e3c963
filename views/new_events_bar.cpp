#include "views/new_events_bar.h"

#include <QAbstractScrollArea>
#include <QEvent>
#include <QScrollBar>

#include <algorithm>
#include <climits>

NewEventsBar::NewEventsBar(QAbstractScrollArea* table)
    : QPushButton(table->viewport())
    , m_table(table) {
    setObjectName(QStringLiteral("newEvents"));
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Show the newest events (Follow New Events in the Capture menu keeps them "
                  "in view)"));
    // Highlight colours of the palette, so it reads in light and dark themes alike.
    setStyleSheet(QStringLiteral("QPushButton { background: palette(highlight); color: "
                                 "palette(highlighted-text); border: none; border-radius: 11px; "
                                 "padding: 3px 14px; font-weight: bold; }"));
    m_table->viewport()->installEventFilter(this);
    hide();
}

void NewEventsBar::showCount(qint64 unseen, bool newestAtTop) {
    m_atTop = newestAtTop;
    const int n = int(std::min<qint64>(unseen, INT_MAX));
    setText((newestAtTop ? QStringLiteral("\u25b2 ") : QStringLiteral("\u25bc ")) +
            tr("%Ln new event(s)", nullptr, n));
    adjustSize();
    place();
    show();
    raise();
}

bool NewEventsBar::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_table->viewport() && event->type() == QEvent::Resize && isVisible())
        place();
    return QPushButton::eventFilter(watched, event);
}

void NewEventsBar::place() {
    const QWidget* viewport = m_table->viewport();
    const int margin = 8;
    const int x = (viewport->width() - width()) / 2;
    const int y = m_atTop ? margin : viewport->height() - height() - margin;
    move(std::max(0, x), std::max(0, y));
}
