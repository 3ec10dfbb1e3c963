#pragma once

#include "views/dashboard/chart_scene.h"
#include "views/dashboard/chart_widget.h"

#include <QColor>

#include <cstdint>
#include <functional>
#include <vector>

class QStackedBarSeries;

// Events over time as stacked bars, one colour per series (outcomes, actions), drawn by Qt
// Charts (a QStackedBarSeries over a QCategoryAxis of bucket starts and a QValueAxis of events
// per bar, legend on top). Each segment is a mark narrowing to its bucket and series; the
// legend's entries narrow to the series; the column behind a bar to the bucket alone.
class TimeBarsChart : public ChartWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimeBarsChart)

public:
    struct Series {
        QString name;
        QString clause; // filter text of the series (outcome:failure); empty = not clickable
        std::function<QColor(const QPalette&)> colour;
        std::vector<std::int64_t> values; // per bucket
    };

    explicit TimeBarsChart(const QString& title, QWidget* parent = nullptr);

    // Buckets start at fromUs, bucketUs wide; series stack bottom to top in the given order.
    // `baseClause` is ANDed into every mark's clause (a service dashboard's service:X).
    void setData(std::int64_t fromUs, std::int64_t bucketUs, std::vector<Series> series,
                 int displayOffsetSeconds, const QString& baseClause);
    // The bucket's [start, end) of a mark made by this chart.
    int bucketCount() const { return m_buckets; }

    QSize sizeHint() const override { return {600, 220}; }

protected:
    void layoutChart(const QRectF& plot, QList<ChartMark>& marks) override;
    void paintChart(QPainter& painter, const QRectF& plot) override;

private:
    void buildChart(double plotWidth);
    void addLegendMarks(QList<ChartMark>& marks);
    void addBucketMarks(QList<ChartMark>& marks);

    std::int64_t m_fromUs = 0;
    std::int64_t m_bucketUs = 0;
    int m_buckets = 0;
    std::vector<Series> m_series;
    int m_offset = 0;
    QString m_baseClause;
    std::int64_t m_axisMax = 1;
    ChartScene m_scene;
    QStackedBarSeries* m_bars = nullptr; // owned by the chart
};
