#include "views/dashboard/ranked_bars_chart.h"

#include "views/dashboard/chart_colours.h"
#include "views/dashboard/chart_text.h"

#include <QPainter>

RankedBarsChart::RankedBarsChart(const QString& title, QWidget* parent)
    : ChartWidget(title, parent) {}

void RankedBarsChart::setRows(std::vector<Row> rows,
                              std::function<QColor(const QPalette&)> barColour,
                              std::function<QColor(const QPalette&)> partColour,
                              const QString& valueName, const QString& partName,
                              const QString& empty, const QString& footer) {
    m_rows = std::move(rows);
    m_barColour = std::move(barColour);
    m_partColour = std::move(partColour);
    m_valueName = valueName;
    m_partName = partName;
    m_empty = empty;
    m_footer = footer;
    m_max = 1;
    for (const Row& row : m_rows)
        m_max = std::max(m_max, row.value);
    invalidateLayout();
}

double RankedBarsChart::rowHeight() const {
    return QFontMetricsF(smallFont()).height() + 5;
}

QSize RankedBarsChart::sizeHint() const {
    const double line = QFontMetricsF(smallFont()).height();
    const int rows = std::max<int>(3, int(m_rows.size()));
    const double title = QFontMetricsF(font()).height() * 2 + 16;
    return QSize(420, int(title + line * 2 + rows * rowHeight()));
}

QSize RankedBarsChart::minimumSizeHint() const {
    return QSize(220, sizeHint().height());
}

void RankedBarsChart::layoutChart(const QRectF& plot, QList<ChartMark>& marks) {
    m_placed.clear();
    const QFontMetricsF metrics(smallFont());
    const double line = metrics.height();
    const double rowH = rowHeight();
    m_legend = QRectF(plot.left(), plot.top(), plot.width(), line);
    double valueWidth = 0;
    for (const Row& row : m_rows) {
        if (row.value >= 0)
            valueWidth =
                std::max(valueWidth, metrics.horizontalAdvance(charttext::count(row.value)));
    }
    const bool bars = valueWidth > 0;
    // Labels as wide as the widest one needs, at most half the width (then elided).
    double widest = 0;
    for (const Row& row : m_rows)
        widest = std::max(widest, metrics.horizontalAdvance(row.label));
    const double labelWidth =
        bars ? std::min({plot.width() * 0.5, 380.0, widest + 12}) : plot.width();
    double y = plot.top() + line + 2;
    // A footer line is kept free when there is one or when not every row fits.
    const bool allFit = y + rowH * double(m_rows.size()) <= plot.bottom() + 1;
    const double bottom = plot.bottom() + 1 - (m_footer.isEmpty() && allFit ? 0 : line);
    for (const Row& row : m_rows) {
        if (y + rowH > bottom)
            break; // no room: the rows are ranked, so the last ones go
        Placed placed;
        placed.label = QRectF(plot.left(), y, labelWidth - 6, rowH);
        if (bars && row.value >= 0) {
            const double barLeft = plot.left() + labelWidth;
            const double barSpan = std::max(4.0, plot.width() - labelWidth - valueWidth - 8);
            const double w = std::max(1.0, barSpan * double(row.value) / double(m_max));
            placed.bar = QRectF(barLeft, y + 2, w, rowH - 4);
            if (row.part > 0)
                placed.part =
                    QRectF(barLeft, y + 2,
                           std::max(1.0, barSpan * double(row.part) / double(m_max)), rowH - 4);
            placed.value = QRectF(barLeft + w + 4, y, valueWidth + 4, rowH);
        }
        m_placed.push_back(placed);
        ChartMark mark = row.mark;
        mark.shape = QPainterPath();
        mark.shape.addRect(QRectF(plot.left(), y, plot.width(), rowH));
        marks.append(mark);
        y += rowH;
    }
}

void RankedBarsChart::paintChart(QPainter& painter, const QRectF& plot) {
    const QFont small = smallFont();
    const QFontMetricsF metrics(small);
    painter.setFont(small);
    const QColor text = palette().color(QPalette::WindowText);
    const QColor dim = chartcolours::dimText(palette());
    if (m_rows.empty()) {
        paintEmpty(painter, plot, m_empty);
        return;
    }
    // The legend line says what the bars count.
    double x = m_legend.left();
    const double box = metrics.height() * 0.7;
    const double boxTop = m_legend.top() + metrics.height() * 0.15;
    if (!m_valueName.isEmpty() && m_barColour) {
        painter.fillRect(QRectF(x, boxTop, box, box), m_barColour(palette()));
        x += box + 3;
        painter.setPen(dim);
        painter.drawText(QPointF(x, m_legend.top() + metrics.ascent()), m_valueName);
        x += metrics.horizontalAdvance(m_valueName) + 12;
    }
    if (!m_partName.isEmpty() && m_partColour) {
        painter.fillRect(QRectF(x, boxTop, box, box), m_partColour(palette()));
        x += box + 3;
        painter.setPen(dim);
        painter.drawText(QPointF(x, m_legend.top() + metrics.ascent()), m_partName);
    }
    for (std::size_t i = 0; i < m_placed.size(); ++i) {
        const Row& row = m_rows[i];
        const Placed& placed = m_placed[i];
        painter.setPen(text);
        painter.drawText(placed.label, Qt::AlignLeft | Qt::AlignVCenter,
                         metrics.elidedText(row.label, Qt::ElideMiddle, placed.label.width()));
        if (placed.bar.isValid()) {
            painter.fillRect(placed.bar, m_barColour ? m_barColour(palette()) : text);
            if (placed.part.isValid() && m_partColour)
                painter.fillRect(placed.part, m_partColour(palette()));
            painter.setPen(text);
            painter.drawText(placed.value, Qt::AlignLeft | Qt::AlignVCenter,
                             charttext::count(row.value));
        }
    }
    const std::size_t hidden = m_rows.size() - m_placed.size();
    QString footer = m_footer;
    if (hidden > 0)
        footer = tr("%n more not shown (enlarge the chart)", nullptr, int(hidden));
    if (!footer.isEmpty()) {
        painter.setPen(dim);
        painter.drawText(
            QRectF(plot.left(), plot.bottom() - metrics.height(), plot.width(), metrics.height()),
            Qt::AlignLeft | Qt::AlignVCenter, footer);
    }
}
