#pragma once

class QAbstractItemView;

// Shows an item view's tooltips (the model's Qt::ToolTipRole) as plain text. QToolTip guesses
// whether a text is rich text; event text is untrusted (an initiator named "<img src=...>"), so
// every view whose cells come from events escapes its tooltips through this one filter and
// shows exactly the characters received.
void showPlainToolTips(QAbstractItemView* view);
