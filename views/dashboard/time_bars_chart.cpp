#include "views/dashboard/time_bars_chart.h"

#include "models/dashboard/dashboard_clauses.h"
#include "views/dashboard/chart_colours.h"
#include "views/dashboard/chart_text.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace {

// The smallest "round" value (1, 2, 5 × 10^n) at or above `value`: the top of the y axis.
std::int64_t niceCeiling(std::int64_t value) {
    if (value <= 1)
        return 1;
    std::int64_t step = 1;
    while (step * 10 < value)
        step *= 10;
    for (const std::int64_t m : {1, 2, 5, 10}) {
        if (step * m >= value)
            return step * m;
    }
    return step * 10;
}

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
    m_axisMax = niceCeiling(peak);
    invalidateLayout();
}

void TimeBarsChart::layoutChart(const QRectF& plot, QList<ChartMark>& marks) {
    m_segments.clear();
    m_legend.clear();
    m_xLabels.clear();
    const QFontMetricsF metrics(smallFont());
    const double line = metrics.height();
    m_yTitle = tr("events per %1 bar").arg(charttext::duration(m_bucketUs));
    m_xTitle = tr("time (%1)").arg(charttext::zone(m_offset));

    // Top row: the y axis' unit on the left, the legend on the right (each entry a mark).
    double x = plot.right();
    for (int i = int(m_series.size()) - 1; i >= 0; --i) {
        const Series& s = m_series[std::size_t(i)];
        const double w = metrics.horizontalAdvance(s.name);
        x -= w;
        const QPointF textAt(x, plot.top() + metrics.ascent());
        x -= line * 0.8 + 3;
        const QRectF swatch(x, plot.top() + line * 0.15, line * 0.7, line * 0.7);
        x -= 12;
        m_legend.push_back({swatch, textAt, i});
        std::int64_t total = 0;
        for (const std::int64_t v : s.values)
            total += v;
        ChartMark mark;
        mark.shape.addRect(QRectF(swatch.left(), plot.top(), textAt.x() + w - swatch.left(), line));
        mark.tooltip = tr("%1: %2 events in all").arg(s.name, charttext::count(total));
        if (!s.clause.isEmpty())
            mark.clause = cadf::dashboard::joinClauses({m_baseClause, s.clause});
        marks.append(mark);
    }

    const double yLabelWidth = metrics.horizontalAdvance(charttext::shortCount(m_axisMax)) + 6;
    m_area = QRectF(plot.left() + yLabelWidth, plot.top() + line + 4,
                    std::max(10.0, plot.width() - yLabelWidth),
                    std::max(10.0, plot.height() - 3 * line - 6));
    if (m_buckets <= 0)
        return;

    // Bucket labels: as many as fit without touching, on every k-th bucket.
    const double slot = m_area.width() / m_buckets;
    const bool spansDays = std::int64_t(m_buckets) * m_bucketUs > Q_INT64_C(86400000000);
    const double labelWidth =
        metrics.horizontalAdvance(charttext::axisTime(m_fromUs, m_offset, m_bucketUs, spansDays)) +
        10;
    const int every = std::max(1, int(std::ceil(labelWidth / slot)));
    for (int b = 0; b < m_buckets; b += every) {
        const std::int64_t start = m_fromUs + std::int64_t(b) * m_bucketUs;
        m_xLabels.emplace_back(m_area.left() + slot * (b + 0.5),
                               charttext::axisTime(start, m_offset, m_bucketUs, spansDays));
    }

    const double gap = slot > 4 ? std::min(2.0, slot * 0.15) : 0.0;
    const double scale = m_area.height() / double(m_axisMax);
    // Columns first (under the segments): a click between segments narrows to the bucket.
    QList<ChartMark> segments;
    for (int b = 0; b < m_buckets; ++b) {
        const std::int64_t start = m_fromUs + std::int64_t(b) * m_bucketUs;
        const std::int64_t end = start + m_bucketUs;
        const QString time = cadf::dashboard::timeRangeClause(start, end, m_offset);
        const QString span = charttext::span(start, end, m_offset);
        const double left = m_area.left() + slot * b + gap / 2;
        std::int64_t total = 0;
        QStringList parts;
        for (const Series& s : m_series) {
            const std::int64_t v = b < int(s.values.size()) ? s.values[std::size_t(b)] : 0;
            total += v;
            if (v > 0)
                parts << tr("%1: %2").arg(s.name, charttext::count(v));
        }
        ChartMark column;
        column.shape.addRect(QRectF(left, m_area.top(), slot - gap, m_area.height()));
        column.tooltip = tr("%1\n%2 events").arg(span, charttext::count(total));
        if (!parts.isEmpty())
            column.tooltip += u'\n' + parts.join(u'\n');
        column.clause = cadf::dashboard::joinClauses({m_baseClause, time});
        marks.append(column);

        double top = m_area.bottom();
        for (std::size_t i = 0; i < m_series.size(); ++i) {
            const Series& s = m_series[i];
            const std::int64_t v = b < int(s.values.size()) ? s.values[std::size_t(b)] : 0;
            if (v <= 0)
                continue;
            // At least one pixel: a handful of failures among thousands stays visible.
            const double h = std::max(1.0, double(v) * scale);
            const QRectF rect(left, top - h, slot - gap, h);
            top -= h;
            m_segments.push_back({rect, int(i)});
            ChartMark mark;
            mark.shape.addRect(rect);
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
    const QFont small = smallFont();
    const QFontMetricsF metrics(small);
    painter.setFont(small);
    const QColor text = palette().color(QPalette::WindowText);
    const QColor dim = chartcolours::dimText(palette());

    painter.setPen(dim);
    painter.drawText(QPointF(plot.left(), plot.top() + metrics.ascent()), m_yTitle);
    for (const LegendItem& item : m_legend) {
        const Series& s = m_series[std::size_t(item.series)];
        painter.fillRect(item.swatch, s.colour(palette()));
        painter.setPen(text);
        painter.drawText(item.textAt, s.name);
    }
    if (m_buckets <= 0) {
        paintEmpty(painter, m_area, tr("No events match the filter"));
        return;
    }

    // Grid and y ticks at 0, half and the top.
    painter.setRenderHint(QPainter::Antialiasing, false);
    for (const int i : {0, 1, 2}) {
        const double y = m_area.bottom() - m_area.height() * i / 2.0;
        painter.setPen(chartcolours::grid(palette()));
        painter.drawLine(QPointF(m_area.left(), y), QPointF(m_area.right(), y));
        painter.setPen(dim);
        const QString label = charttext::shortCount(m_axisMax * i / 2);
        painter.drawText(QRectF(plot.left(), y - metrics.height() / 2,
                                m_area.left() - plot.left() - 4, metrics.height()),
                         Qt::AlignRight | Qt::AlignVCenter, label);
    }
    for (const Segment& segment : m_segments)
        painter.fillRect(segment.rect, m_series[std::size_t(segment.series)].colour(palette()));

    painter.setPen(text);
    const double labelTop = m_area.bottom() + 2;
    for (const auto& [centre, label] : m_xLabels) {
        const double w = metrics.horizontalAdvance(label);
        const double left = std::max(plot.left(), std::min(centre - w / 2, plot.right() - w));
        painter.drawText(QPointF(left, labelTop + metrics.ascent()), label);
    }
    painter.setPen(dim);
    painter.drawText(
        QRectF(plot.left(), labelTop + metrics.height(), plot.width(), metrics.height()),
        Qt::AlignRight | Qt::AlignVCenter, m_xTitle);
}
