#include "views/dashboard/heatmap_chart.h"

#include "models/dashboard/dashboard_clauses.h"
#include "views/dashboard/chart_colours.h"
#include "views/dashboard/chart_text.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

HeatmapChart::HeatmapChart(const QString& title, QWidget* parent)
    : ChartWidget(title, parent) {}

void HeatmapChart::setData(std::int64_t fromUs, std::int64_t bucketUs, int buckets,
                           std::vector<Row> rows, int displayOffsetSeconds, const QString& footer) {
    m_fromUs = fromUs;
    m_bucketUs = bucketUs;
    m_buckets = buckets;
    m_rows = std::move(rows);
    m_offset = displayOffsetSeconds;
    m_footer = footer;
    m_max = 1;
    for (const Row& row : m_rows) {
        for (const std::int64_t v : row.cells)
            m_max = std::max(m_max, v);
    }
    invalidateLayout();
}

QSize HeatmapChart::sizeHint() const {
    const double line = QFontMetricsF(smallFont()).height();
    const int rows = std::max<int>(3, int(m_rows.size()));
    return QSize(600, int(QFontMetricsF(font()).height() * 2 + 20 + line * 3 + rows * (line + 2)));
}

void HeatmapChart::layoutChart(const QRectF& plot, QList<ChartMark>& marks) {
    m_cells.clear();
    m_labels.clear();
    m_xLabels.clear();
    const QFontMetricsF metrics(smallFont());
    const double line = metrics.height();
    double labelWidth = 0;
    for (const Row& row : m_rows)
        labelWidth = std::max(labelWidth, metrics.horizontalAdvance(row.label));
    labelWidth = std::min(labelWidth + 8, plot.width() * 0.35);
    // Bottom: the time labels and a line for the axis title and the footer.
    m_grid = QRectF(plot.left() + labelWidth, plot.top(), std::max(10.0, plot.width() - labelWidth),
                    std::max(10.0, plot.height() - 2 * line - 4));
    if (m_rows.empty() || m_buckets <= 0)
        return;
    const int shown = std::min<int>(int(m_rows.size()), std::max(1, int(m_grid.height() / line)));
    const double rowH = std::min(m_grid.height() / shown, line + 6);
    m_grid.setHeight(rowH * shown);
    const double colW = m_grid.width() / m_buckets;

    const bool spansDays = std::int64_t(m_buckets) * m_bucketUs > Q_INT64_C(86400000000);
    const double labelW =
        metrics.horizontalAdvance(charttext::axisTime(m_fromUs, m_offset, m_bucketUs, spansDays)) +
        10;
    const int every = std::max(1, int(std::ceil(labelW / colW)));
    for (int b = 0; b < m_buckets; b += every) {
        m_xLabels.emplace_back(m_grid.left() + colW * (b + 0.5),
                               charttext::axisTime(m_fromUs + std::int64_t(b) * m_bucketUs,
                                                   m_offset, m_bucketUs, spansDays));
    }

    for (int r = 0; r < shown; ++r) {
        const Row& row = m_rows[std::size_t(r)];
        const double y = m_grid.top() + rowH * r;
        m_labels.emplace_back(plot.left(), y, labelWidth - 6, rowH);
        std::int64_t total = 0;
        for (const std::int64_t v : row.cells)
            total += v;
        ChartMark rowMark;
        rowMark.shape.addRect(m_labels.back());
        rowMark.tooltip = tr("%1: %2 events").arg(row.label, charttext::count(total));
        rowMark.clause = row.clause;
        marks.append(rowMark);
        for (int b = 0; b < m_buckets && b < int(row.cells.size()); ++b) {
            const std::int64_t v = row.cells[std::size_t(b)];
            if (v <= 0)
                continue;
            const QRectF rect(m_grid.left() + colW * b, y, std::max(1.0, colW - (colW > 4 ? 1 : 0)),
                              rowH - 1);
            m_cells.push_back({rect, r, v});
            const std::int64_t start = m_fromUs + std::int64_t(b) * m_bucketUs;
            ChartMark mark;
            mark.shape.addRect(rect);
            mark.tooltip = tr("%1\n%2: %3 events")
                               .arg(charttext::span(start, start + m_bucketUs, m_offset), row.label,
                                    charttext::count(v));
            mark.clause = cadf::dashboard::joinClauses(
                {row.clause,
                 cadf::dashboard::timeRangeClause(start, start + m_bucketUs, m_offset)});
            marks.append(mark);
        }
    }
}

void HeatmapChart::paintChart(QPainter& painter, const QRectF& plot) {
    const QFont small = smallFont();
    const QFontMetricsF metrics(small);
    painter.setFont(small);
    const QColor text = palette().color(QPalette::WindowText);
    const QColor dim = chartcolours::dimText(palette());
    if (m_rows.empty() || m_buckets <= 0) {
        paintEmpty(painter, plot, tr("No events match the filter"));
        return;
    }
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setPen(text);
    for (std::size_t r = 0; r < m_labels.size(); ++r) {
        painter.drawText(m_labels[r], Qt::AlignRight | Qt::AlignVCenter,
                         metrics.elidedText(m_rows[r].label, Qt::ElideMiddle, m_labels[r].width()));
        const double y = m_labels[r].bottom();
        painter.setPen(chartcolours::grid(palette()));
        painter.drawLine(QPointF(m_grid.left(), y), QPointF(m_grid.right(), y));
        painter.setPen(text);
    }
    for (const Cell& cell : m_cells) {
        // Square root: one failure among thousands of successes is still a visible cell.
        const double strength = 0.15 + 0.85 * std::sqrt(double(cell.value) / double(m_max));
        painter.fillRect(cell.rect,
                         chartcolours::shade(
                             palette(), m_rows[std::size_t(cell.row)].colour(palette()), strength));
    }
    const double labelTop = m_grid.bottom() + 2;
    painter.setPen(text);
    for (const auto& [centre, label] : m_xLabels) {
        const double w = metrics.horizontalAdvance(label);
        const double left = std::max(plot.left(), std::min(centre - w / 2, plot.right() - w));
        painter.drawText(QPointF(left, labelTop + metrics.ascent()), label);
    }
    painter.setPen(dim);
    const QRectF last(plot.left(), labelTop + metrics.height(), plot.width(), metrics.height());
    painter.drawText(last, Qt::AlignRight | Qt::AlignVCenter,
                     tr("time (%1), %2 per column; darkest = %3 events")
                         .arg(charttext::zone(m_offset), charttext::duration(m_bucketUs),
                              charttext::count(m_max)));
    QString footer = m_footer;
    const std::size_t hidden = m_rows.size() - m_labels.size();
    if (hidden > 0)
        footer = tr("%n more rows not shown", nullptr, int(hidden));
    if (!footer.isEmpty())
        painter.drawText(last, Qt::AlignLeft | Qt::AlignVCenter, footer);
}
