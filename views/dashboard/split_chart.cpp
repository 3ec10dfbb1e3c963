#include "views/dashboard/split_chart.h"

#include "views/dashboard/chart_colours.h"
#include "views/dashboard/chart_text.h"

#include <QPainter>

#include <algorithm>

SplitChart::SplitChart(const QString& title, QWidget* parent)
    : ChartWidget(title, parent) {
    setMinimumHeight(150);
}

void SplitChart::setSlices(std::vector<Slice> slices, const QString& unit) {
    m_slices = std::move(slices);
    m_unit = unit;
    m_total = 0;
    for (const Slice& s : m_slices)
        m_total += s.value;
    invalidateLayout();
}

void SplitChart::layoutChart(const QRectF& plot, QList<ChartMark>& marks) {
    m_paths.assign(m_slices.size(), QPainterPath());
    m_legendRows.assign(m_slices.size(), QRectF());
    const QFontMetricsF metrics(smallFont());
    const double rowH = metrics.height() + 4;
    const double side = std::max(20.0, std::min(plot.height(), plot.width() * 0.42));
    m_pie = QRectF(plot.left(), plot.top() + (plot.height() - side) / 2, side, side);
    const QRectF inner = m_pie.adjusted(side * 0.27, side * 0.27, -side * 0.27, -side * 0.27);
    QPainterPath hole;
    hole.addEllipse(inner);

    const double legendLeft = m_pie.right() + 12;
    const double legendTop =
        plot.top() + std::max(0.0, (plot.height() - rowH * double(m_slices.size())) / 2);
    double angle = 90; // from 12 o'clock, clockwise
    for (std::size_t i = 0; i < m_slices.size(); ++i) {
        const Slice& slice = m_slices[i];
        const double share = m_total > 0 ? double(slice.value) / double(m_total) : 0.0;
        ChartMark mark = slice.mark;
        mark.tooltip =
            tr("%1: %2 of %3 %4 (%5)")
                .arg(slice.label, charttext::count(slice.value), charttext::count(m_total), m_unit,
                     charttext::percent(100.0 * share));
        if (slice.value > 0) {
            const double sweep = -360.0 * share;
            QPainterPath path;
            path.moveTo(m_pie.center());
            path.arcTo(m_pie, angle, sweep);
            path.closeSubpath();
            m_paths[i] = path.subtracted(hole);
            angle += sweep;
            ChartMark sliceMark = mark;
            sliceMark.shape = m_paths[i];
            marks.append(sliceMark);
        }
        m_legendRows[i] = QRectF(legendLeft, legendTop + rowH * double(i),
                                 std::clamp(plot.right() - legendLeft, 10.0, 300.0), rowH);
        if (slice.value <= 0)
            mark.clause.clear(); // nothing to show
        mark.shape = QPainterPath();
        mark.shape.addRect(m_legendRows[i]);
        marks.append(mark);
    }
}

void SplitChart::paintChart(QPainter& painter, const QRectF& plot) {
    const QFont small = smallFont();
    const QFontMetricsF metrics(small);
    painter.setFont(small);
    if (m_total <= 0) {
        paintEmpty(painter, plot, tr("No events match the filter"));
        return;
    }
    painter.setPen(QPen(palette().color(QPalette::Base), 1));
    for (std::size_t i = 0; i < m_slices.size(); ++i) {
        if (m_paths[i].isEmpty())
            continue;
        painter.setBrush(m_slices[i].colour(palette()));
        painter.drawPath(m_paths[i]);
    }
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(m_pie, Qt::AlignCenter, charttext::shortCount(m_total));
    const QColor dim = chartcolours::dimText(palette());
    for (std::size_t i = 0; i < m_slices.size(); ++i) {
        const Slice& slice = m_slices[i];
        const QRectF row = m_legendRows[i];
        const double box = metrics.height() * 0.7;
        painter.fillRect(QRectF(row.left(), row.center().y() - box / 2, box, box),
                         slice.colour(palette()));
        const QString numbers =
            QStringLiteral("%1 \u00b7 %2")
                .arg(charttext::count(slice.value),
                     charttext::percent(m_total > 0 ? 100.0 * double(slice.value) / double(m_total)
                                                    : 0.0));
        const double numbersWidth = metrics.horizontalAdvance(numbers);
        const QRectF label(row.left() + box + 4, row.top(),
                           std::max(0.0, row.width() - box - 8 - numbersWidth), row.height());
        painter.setPen(slice.value > 0 ? palette().color(QPalette::WindowText) : dim);
        painter.drawText(label, Qt::AlignLeft | Qt::AlignVCenter,
                         metrics.elidedText(slice.label, Qt::ElideRight, label.width()));
        painter.drawText(row, Qt::AlignRight | Qt::AlignVCenter, numbers);
    }
}
