#include "views/dashboard/time_bars_chart.h"

#include "models/dashboard/dashboard_clauses.h"
#include "views/chart_axis.h"
#include "views/dashboard/chart_colours.h"
#include "views/dashboard/chart_text.h"

#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QLegend>
#include <QPainter>
#include <QSet>
#include <QStackedBarSeries>

#include <algorithm>
#include <cmath>

namespace {

// Of each bucket's slot, the bar's share (the rest is the gap between bars).
constexpr double kBarWidth = 0.9;

} // namespace

TimeBarsChart::TimeBarsChart(const QString& title, QWidget* parent)
    : ChartWidget(title, parent) {
    setMinimumHeight(170);
}

void TimeBarsChart::setData(std::int64_t fromUs, std::int64_t bucketUs, std::vector<Series> series,
                            int displayOffsetSeconds, const QString& baseClause) {
    m_fromUs = fromUs;
    m_bucketUs = bucketUs;
    m_series = std::move(series);
    m_buckets = 0;
    for (const Series& s : m_series)
        m_buckets = std::max(m_buckets, int(s.values.size()));
    m_offset = displayOffsetSeconds;
    m_baseClause = baseClause;
    std::int64_t peak = 0;
    for (int b = 0; b < m_buckets; ++b) {
        std::int64_t total = 0;
        for (const Series& s : m_series)
            total += b < int(s.values.size()) ? s.values[std::size_t(b)] : 0;
        peak = std::max(peak, total);
    }
    m_axisMax = roundAxisMaximum(peak);
    invalidateLayout();
}

// The chart is built again for each layout: the axis labels' spacing depends on the width, the
// colours on the palette, and a dashboard's chart has at most a few hundred bars.
void TimeBarsChart::buildChart(double plotWidth) {
    const QFont small = smallFont();
    const QFontMetricsF metrics(small);
    m_scene.reset(palette(), small);
    m_bars = nullptr;
    QChart* chart = m_scene.chart();
    chart->legend()->setAlignment(Qt::AlignTop);
    chart->legend()->setVisible(!m_series.empty());
    if (m_buckets <= 0)
        return;

    m_bars = new QStackedBarSeries();
    m_bars->setBarWidth(kBarWidth);
    for (const Series& s : m_series) {
        // Escaped: Qt Charts writes legend labels as rich text.
        auto* set = new QBarSet(s.name.toHtmlEscaped());
        const QColor colour = s.colour(palette());
        set->setColor(colour);
        set->setPen(Qt::NoPen);
        QList<qreal> values;
        values.reserve(m_buckets);
        for (int b = 0; b < m_buckets; ++b)
            values << (b < int(s.values.size()) ? qreal(s.values[std::size_t(b)]) : 0.0);
        set->append(values);
        m_bars->append(set);
    }
    chart->addSeries(m_bars);

    // Bar b sits at x = b. A QCategoryAxis labels a few bucket starts, as many as fit without
    // touching: a QBarCategoryAxis would label (and elide) every bar, and a QDateTimeAxis cannot
    // carry a bar series.
    QCategoryAxis* x = m_scene.categoryAxis(Qt::AlignBottom);
    x->setRange(-0.5, m_buckets - 0.5);
    x->setStartValue(-0.5);
    x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    x->setGridLineVisible(false);
    x->setTitleText(tr("time (%1)").arg(charttext::zone(m_offset)));
    const bool spansDays = std::int64_t(m_buckets) * m_bucketUs > Q_INT64_C(86400000000);
    const double slot = std::max(1.0, plotWidth * 0.9) / m_buckets;
    const double labelWidth =
        metrics.horizontalAdvance(charttext::axisTime(m_fromUs, m_offset, m_bucketUs, spansDays)) +
        12;
    const int every = std::max(1, int(std::ceil(labelWidth / slot)));
    QSet<QString> used; // a category axis keeps one category per label text
    for (int b = 0; b < m_buckets; b += every) {
        const std::int64_t start = m_fromUs + std::int64_t(b) * m_bucketUs;
        QString label = charttext::axisTime(start, m_offset, m_bucketUs, spansDays);
        if (used.contains(label))
            label = charttext::axisTime(start, m_offset, m_bucketUs, true);
        if (used.contains(label))
            continue;
        used.insert(label);
        x->append(label, double(b));
    }

    // Ticks at 0, half and the top, in short counts ("25k"); the exact values are in tooltips.
    QCategoryAxis* y = m_scene.categoryAxis(Qt::AlignLeft);
    y->setRange(0, double(m_axisMax));
    y->setStartValue(-1e-9); // the "0" category ends on 0, where its label sits
    y->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    for (const int i : {0, 1, 2})
        y->append(charttext::shortCount(m_axisMax * i / 2), double(m_axisMax * i / 2));
    // Short: the axis title runs along a chart that may be 100 px high.
    y->setTitleText(tr("events / %1", "per bar").arg(charttext::duration(m_bucketUs)));

    for (QAbstractAxis* axis : {static_cast<QAbstractAxis*>(x), static_cast<QAbstractAxis*>(y)})
        m_scene.styleAxis(axis, palette(), small);
    m_bars->attachAxis(x);
    m_bars->attachAxis(y);
}

void TimeBarsChart::layoutChart(const QRectF& plot, QList<ChartMark>& marks) {
    buildChart(plot.width());
    m_scene.layout(plot);
    if (!m_bars)
        return;
    addLegendMarks(marks);
    addBucketMarks(marks);
}

void TimeBarsChart::addLegendMarks(QList<ChartMark>& marks) {
    const QList<QRectF> entries = m_scene.legendEntries();
    for (std::size_t i = 0; i < m_series.size() && i < std::size_t(entries.size()); ++i) {
        const Series& s = m_series[i];
        if (entries[qsizetype(i)].isEmpty())
            continue;
        std::int64_t total = 0;
        for (const std::int64_t v : s.values)
            total += v;
        ChartMark mark;
        mark.shape.addRect(entries[qsizetype(i)]);
        mark.tooltip = tr("%1: %2 events in all").arg(s.name, charttext::count(total));
        if (!s.clause.isEmpty())
            mark.clause = cadf::dashboard::joinClauses({m_baseClause, s.clause});
        marks.append(mark);
    }
}

void TimeBarsChart::addBucketMarks(QList<ChartMark>& marks) {
    const QRectF area = m_scene.plotArea();
    // Columns first (under the segments): a click between segments narrows to the bucket.
    QList<ChartMark> segments;
    for (int b = 0; b < m_buckets; ++b) {
        const std::int64_t start = m_fromUs + std::int64_t(b) * m_bucketUs;
        const std::int64_t end = start + m_bucketUs;
        const QString time = cadf::dashboard::timeRangeClause(start, end, m_offset);
        const QString span = charttext::span(start, end, m_offset);
        const double left = m_scene.mapToWidget(QPointF(b - kBarWidth / 2, 0), m_bars).x();
        const double right = m_scene.mapToWidget(QPointF(b + kBarWidth / 2, 0), m_bars).x();
        std::int64_t total = 0;
        QStringList parts;
        for (const Series& s : m_series) {
            const std::int64_t v = b < int(s.values.size()) ? s.values[std::size_t(b)] : 0;
            total += v;
            if (v > 0)
                parts << tr("%1: %2").arg(s.name, charttext::count(v));
        }
        ChartMark column;
        column.shape.addRect(QRectF(QPointF(left, area.top()), QPointF(right, area.bottom())));
        column.tooltip = tr("%1\n%2 events").arg(span, charttext::count(total));
        if (!parts.isEmpty())
            column.tooltip += u'\n' + parts.join(u'\n');
        column.clause = cadf::dashboard::joinClauses({m_baseClause, time});
        marks.append(column);

        std::int64_t below = 0;
        for (const Series& s : m_series) {
            const std::int64_t v = b < int(s.values.size()) ? s.values[std::size_t(b)] : 0;
            if (v <= 0)
                continue;
            double bottom = m_scene.mapToWidget(QPointF(b, double(below)), m_bars).y();
            below += v;
            const double top = m_scene.mapToWidget(QPointF(b, double(below)), m_bars).y();
            // At least a pixel to point at, so that a handful of failures among thousands can be
            // found (the column's tooltip lists every series' count too). It grows downwards,
            // over the segment below: a later mark lies on top, the segment above would hide it.
            bottom = std::max(bottom, top + 1.0);
            ChartMark mark;
            mark.shape.addRect(QRectF(QPointF(left, top), QPointF(right, bottom)));
            mark.tooltip = tr("%1\n%2: %3 of %4 events")
                               .arg(span, s.name, charttext::count(v), charttext::count(total));
            if (!s.clause.isEmpty())
                mark.clause = cadf::dashboard::joinClauses({m_baseClause, time, s.clause});
            segments.append(mark);
        }
    }
    marks.append(segments);
}

void TimeBarsChart::paintChart(QPainter& painter, const QRectF& plot) {
    if (m_buckets <= 0) {
        paintEmpty(painter, plot, tr("No events match the filter"));
        return;
    }
    m_scene.render(painter);
}
