#include "views/dashboard/chart_colours.h"

#include <algorithm>

namespace chartcolours {

namespace {

QColor adapt(const QPalette& palette, QColor colour) {
    return isDark(palette) ? colour.lighter(135) : colour;
}

} // namespace

bool isDark(const QPalette& palette) {
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor outcome(const QPalette& palette, int outcome) {
    switch (outcome) {
    case 1:
        return adapt(palette, QColor(90, 160, 90));
    case 2:
        return adapt(palette, QColor(215, 40, 40));
    case 3:
        return adapt(palette, QColor(220, 170, 0));
    default:
        return adapt(palette, QColor(140, 140, 140));
    }
}

QColor action(const QPalette& palette, int kind) {
    static const QColor colours[] = {QColor(46, 139, 87), QColor(70, 130, 200),
                                     QColor(230, 140, 30), QColor(200, 50, 60),
                                     QColor(140, 140, 150)};
    return adapt(palette, colours[std::clamp(kind, 0, 4)]);
}

QColor code(const QPalette& palette, int code) {
    if (code >= 200 && code < 300)
        return adapt(palette, QColor(60, 150, 80));
    if (code >= 300 && code < 400)
        return adapt(palette, QColor(70, 120, 200));
    if (code >= 400 && code < 500)
        return adapt(palette, QColor(225, 120, 20));
    if (code >= 500 && code < 600)
        return adapt(palette, QColor(210, 40, 40));
    return adapt(palette, QColor(130, 130, 140));
}

QColor bar(const QPalette& palette) {
    return adapt(palette, QColor(70, 130, 200));
}

QColor grid(const QPalette& palette) {
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::WindowText);
    return QColor((base.red() * 3 + text.red()) / 4, (base.green() * 3 + text.green()) / 4,
                  (base.blue() * 3 + text.blue()) / 4);
}

QColor dimText(const QPalette& palette) {
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::WindowText);
    return QColor((base.red() * 2 + text.red() * 3) / 5, (base.green() * 2 + text.green() * 3) / 5,
                  (base.blue() * 2 + text.blue() * 3) / 5);
}

QColor shade(const QPalette& palette, const QColor& colour, double strength) {
    const double s = std::clamp(strength, 0.0, 1.0);
    const QColor base = palette.color(QPalette::Base);
    const auto mix = [s](int a, int b) { return int(a + (b - a) * s + 0.5); };
    return QColor(mix(base.red(), colour.red()), mix(base.green(), colour.green()),
                  mix(base.blue(), colour.blue()));
}

} // namespace chartcolours
