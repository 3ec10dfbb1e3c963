#include "views/dashboard/chart_text.h"

#include "models/cadf/timestamp.h"

#include <QCoreApplication>
#include <QLocale>

namespace charttext {

namespace {

constexpr std::int64_t kDayUs = Q_INT64_C(86400000000);

QString tr(const char* text, const char* disambiguation = nullptr) {
    return QCoreApplication::translate("ChartText", text, disambiguation);
}

// "2023-10-18T14:00:00+02:00" in the display zone (formatIso appends the zone).
QString iso(std::int64_t us, int offsetSeconds) {
    return QString::fromStdString(cadf::formatIso(us, offsetSeconds, 0));
}

} // namespace

QString count(std::int64_t value) {
    return QLocale().toString(qint64(value));
}

QString shortCount(std::int64_t value) {
    const QLocale locale;
    const double v = double(value);
    if (value >= 10000000)
        return tr("%1M", "millions").arg(locale.toString(v / 1e6, 'f', 0));
    if (value >= 1000000)
        return tr("%1M", "millions").arg(locale.toString(v / 1e6, 'f', 1));
    if (value >= 10000)
        return tr("%1k", "thousands").arg(locale.toString(v / 1e3, 'f', 0));
    return locale.toString(qint64(value));
}

QString percent(double value) {
    if (value > 0 && value < 0.1)
        return tr("< %1 %", "percent").arg(QLocale().toString(0.1, 'f', 1));
    const int digits = value > 0 && value < 10 ? 1 : 0;
    return tr("%1 %", "percent").arg(QLocale().toString(value, 'f', digits));
}

QString duration(std::int64_t us) {
    const std::int64_t s = us / 1000000;
    if (s > 0 && s % 86400 == 0)
        return tr("%1 d", "days per bar").arg(s / 86400);
    if (s > 0 && s % 3600 == 0)
        return tr("%1 h", "hours per bar").arg(s / 3600);
    if (s > 0 && s % 60 == 0)
        return tr("%1 min", "minutes per bar").arg(s / 60);
    return tr("%1 s", "seconds per bar").arg(s);
}

QString zone(int offsetSeconds) {
    if (offsetSeconds == 0)
        return QStringLiteral("UTC");
    const int minutes = std::abs(offsetSeconds) / 60;
    return QStringLiteral("UTC%1%2:%3")
        .arg(offsetSeconds < 0 ? u'-' : u'+')
        .arg(minutes / 60, 2, 10, QLatin1Char('0'))
        .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

QString axisTime(std::int64_t us, int offsetSeconds, std::int64_t bucketUs, bool withDate) {
    const QString text = iso(us, offsetSeconds);
    if (bucketUs >= kDayUs)
        return text.left(10);
    const QString time = bucketUs % 60000000 == 0 ? text.mid(11, 5) : text.mid(11, 8);
    return withDate ? text.mid(5, 5) + u' ' + time : time;
}

QString fullTime(std::int64_t us, int offsetSeconds) {
    const QString text = iso(us, offsetSeconds);
    return text.left(10) + u' ' + text.mid(11, 8);
}

QString span(std::int64_t fromUs, std::int64_t toUs, int offsetSeconds) {
    const QString from = iso(fromUs, offsetSeconds);
    const QString to = iso(toUs, offsetSeconds);
    // The end's date only when it differs from the start's.
    const QString end =
        from.left(10) == to.left(10) ? to.mid(11, 8) : to.left(10) + u' ' + to.mid(11, 8);
    return QStringLiteral("%1 %2 \u2013 %3 %4")
        .arg(from.left(10), from.mid(11, 8), end, zone(offsetSeconds));
}

} // namespace charttext
