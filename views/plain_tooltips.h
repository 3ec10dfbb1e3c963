#pragma once

#include <Qt>

class QAbstractItemView;
class QPoint;
class QRect;
class QString;
class QWidget;

// Shows an item view's tooltips (the model's Qt::ToolTipRole) as plain text. QToolTip guesses
// whether a text is rich text; event text is untrusted (an initiator named "<img src=...>"), so
// every view whose cells come from events escapes its tooltips through this one filter and
// shows exactly the characters received.
void showPlainToolTips(QAbstractItemView* view);

// Shows `text` as a tooltip exactly as received (escaped, never read as markup), over `rect`
// of `widget`: the one way event text reaches QToolTip, for item views (above) and the charts.
// Qt::WhiteSpacePre keeps runs of spaces and the lines of a multi-line text as they are.
void showPlainToolTip(const QPoint& globalPos, const QString& text, QWidget* widget,
                      const QRect& rect, Qt::WhiteSpaceMode mode = Qt::WhiteSpaceNormal);
