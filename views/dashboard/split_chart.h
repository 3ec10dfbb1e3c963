#pragma once

#include "views/dashboard/chart_widget.h"

#include <QColor>

#include <cstdint>
#include <functional>
#include <vector>

// Shares of a whole as a donut with a legend (label, count, percent): the outcome split, the
// create/read/update/delete/other split. Each slice and its legend row are marks.
class SplitChart : public ChartWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SplitChart)

public:
    struct Slice {
        QString label;
        std::int64_t value = 0;
        std::function<QColor(const QPalette&)> colour;
        ChartMark mark; // drill-down; the tooltip is written by the chart
    };

    explicit SplitChart(const QString& title, QWidget* parent = nullptr);

    void setSlices(std::vector<Slice> slices, const QString& unit);

    QSize sizeHint() const override { return {360, 200}; }

protected:
    void layoutChart(const QRectF& plot, QList<ChartMark>& marks) override;
    void paintChart(QPainter& painter, const QRectF& plot) override;

private:
    std::vector<Slice> m_slices;
    QString m_unit;
    std::int64_t m_total = 0;
    // Layout.
    QRectF m_pie;
    std::vector<QPainterPath> m_paths; // per slice (empty for zero slices)
    std::vector<QRectF> m_legendRows;  // per slice
};
