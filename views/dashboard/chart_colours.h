#pragma once

#include <QColor>
#include <QPalette>

// The dashboards' colours, chosen for both the light and the dark palette: the same hues as
// the Events view's histogram (failures red, success green), lighter on a dark background so
// they keep their contrast. Colour is never the only cue: every mark has a label or tooltip.
namespace chartcolours {

bool isDark(const QPalette& palette);
// cadf::Outcome index: 0 unknown, 1 success, 2 failure, 3 pending.
QColor outcome(const QPalette& palette, int outcome);
// cadf::dashboard::ActionKind index: create, read, update, delete, other.
QColor action(const QPalette& palette, int kind);
// Reason codes by class: 2xx green, 3xx blue, 4xx orange, 5xx red, none/other grey.
QColor code(const QPalette& palette, int code);
// The plain bar colour of ranked lists.
QColor bar(const QPalette& palette);
// Secondary text (subtitles, units, axis titles): between the text and the background, darker
// than the palette's disabled text so it stays legible.
QColor dimText(const QPalette& palette);
// Grid lines and axes: between the background and the text.
QColor grid(const QPalette& palette);
// `colour` at `strength` (0..1) over the palette's base: heatmap cells.
QColor shade(const QPalette& palette, const QColor& colour, double strength);

} // namespace chartcolours
