#include "views/dashboard/split_chart.h"

#include "views/dashboard/chart_colours.h"
#include "views/dashboard/chart_text.h"

#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QPainter>
#include <QPieSeries>
#include <QPieSlice>

#include <algorithm>

namespace {

// The donut's hole, as a share of its outer size.
constexpr double kHoleSize = 0.46;
constexpr double kPieSize = 0.95;

} // namespace

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

QString SplitChart::legendText(const Slice& slice) const {
    const double share = m_total > 0 ? 100.0 * double(slice.value) / double(m_total) : 0.0;
    return QStringLiteral("%1  %2 \u00b7 %3")
        .arg(slice.label, charttext::count(slice.value), charttext::percent(share));
}

// A QPieSeries donut with the legend on its right (label, count, percent), built again for
// each layout: the colours follow the palette and the legend's width the chart's.
void SplitChart::buildChart() {
    const QFont small = smallFont();
    m_scene.reset(palette(), small);
    m_pie = nullptr;
    if (m_total <= 0)
        return;
    QChart* chart = m_scene.chart();
    chart->legend()->setAlignment(Qt::AlignRight);
    chart->legend()->setVisible(true);

    m_pie = new QPieSeries();
    m_pie->setHoleSize(kHoleSize);
    m_pie->setPieSize(kPieSize);
    const QPen border(palette().color(QPalette::Base), 1);
    for (const Slice& s : m_slices) {
        // Qt Charts writes legend labels as rich text ("< 0.1 %" would vanish): escaped.
        auto* slice = m_pie->append(legendText(s).toHtmlEscaped(), qreal(s.value));
        slice->setColor(s.colour(palette()));
        slice->setPen(border);
        slice->setLabelVisible(false);
    }
    chart->addSeries(m_pie);
    // Entries without events stay listed (the split's categories are fixed), dimmed.
    const QList<QLegendMarker*> markers = chart->legend()->markers(m_pie);
    for (std::size_t i = 0; i < m_slices.size() && i < std::size_t(markers.size()); ++i) {
        if (m_slices[i].value <= 0)
            markers[qsizetype(i)]->setLabelBrush(chartcolours::dimText(palette()));
    }
}

void SplitChart::layoutChart(const QRectF& plot, QList<ChartMark>& marks) {
    buildChart();
    m_scene.layout(plot);
    if (m_pie) {
        // The donut on the left with the legend beside it, the rest blank (Qt Charts centres
        // the pie in whatever the legend leaves): a right margin narrows the chart to the
        // donut and the legend's entries as first laid out.
        QRectF entries;
        for (const QRectF& entry : m_scene.legendEntries())
            entries |= entry;
        const double side = std::max(20.0, std::min(plot.height(), plot.width() * 0.42));
        // Slack for the legend's own margins, or Qt Charts elides the entries.
        const double used = side + std::min(entries.width() + 40, 300.0) + 16;
        m_scene.chart()->setMargins(QMargins(0, 0, int(std::max(0.0, plot.width() - used)), 0));
        m_scene.layout(plot);
    }
    m_hole = QRectF();
    if (!m_pie)
        return;
    // Where PieChartItem puts the donut: centred in the plot area, sized by the shorter side.
    const QRectF area = m_scene.plotArea();
    const QPointF centre(area.left() + area.width() * m_pie->horizontalPosition(),
                         area.top() + area.height() * m_pie->verticalPosition());
    const double radius = std::min(area.width(), area.height()) / 2;
    const double outer = radius * m_pie->pieSize();
    const double inner = radius * m_pie->holeSize();
    const QRectF pie(centre - QPointF(outer, outer), centre + QPointF(outer, outer));
    m_hole = QRectF(centre - QPointF(inner, inner), centre + QPointF(inner, inner));
    QPainterPath hole;
    hole.addEllipse(m_hole);

    const QList<QRectF> legend = m_scene.legendEntries();
    const QList<QPieSlice*> pieSlices = m_pie->slices();
    for (std::size_t i = 0; i < m_slices.size() && i < std::size_t(pieSlices.size()); ++i) {
        const Slice& slice = m_slices[i];
        const QPieSlice* pieSlice = pieSlices[qsizetype(i)];
        ChartMark mark = slice.mark;
        mark.tooltip =
            tr("%1: %2 of %3 %4 (%5)")
                .arg(slice.label, charttext::count(slice.value), charttext::count(m_total), m_unit,
                     charttext::percent(100.0 * pieSlice->percentage()));
        if (slice.value > 0) {
            // Qt Charts' angles run clockwise from 12 o'clock, QPainterPath's counter-clockwise
            // from 3 o'clock.
            QPainterPath path;
            path.moveTo(centre);
            path.arcTo(pie, 90.0 - pieSlice->startAngle(), -pieSlice->angleSpan());
            path.closeSubpath();
            ChartMark sliceMark = mark;
            sliceMark.shape = path.subtracted(hole);
            marks.append(sliceMark);
        }
        if (i < std::size_t(legend.size()) && !legend[qsizetype(i)].isEmpty()) {
            if (slice.value <= 0)
                mark.clause.clear(); // nothing to show
            mark.shape = QPainterPath();
            mark.shape.addRect(legend[qsizetype(i)]);
            marks.append(mark);
        }
    }
}

void SplitChart::paintChart(QPainter& painter, const QRectF& plot) {
    if (m_total <= 0) {
        paintEmpty(painter, plot, tr("No events match the filter"));
        return;
    }
    m_scene.render(painter);
    // The whole in the donut's hole: Qt Charts has no centre label.
    painter.setFont(smallFont());
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(m_hole, Qt::AlignCenter, charttext::shortCount(m_total));
}
