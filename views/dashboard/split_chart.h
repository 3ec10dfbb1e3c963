#pragma once

#include "views/dashboard/chart_scene.h"
#include "views/dashboard/chart_widget.h"

#include <QColor>

#include <cstdint>
#include <functional>
#include <vector>

class QPieSeries;

// Shares of a whole as a donut with a legend (label, count, percent), drawn by Qt Charts (a
// QPieSeries with a hole): the outcome split, the create/read/update/delete/other split. Each
// slice and its legend entry are marks.
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
    void buildChart();
    QString legendText(const Slice& slice) const;

    std::vector<Slice> m_slices;
    QString m_unit;
    std::int64_t m_total = 0;
    ChartScene m_scene;
    QPieSeries* m_pie = nullptr; // owned by the chart
    QRectF m_hole;               // widget coordinates: the total is written in it
};
