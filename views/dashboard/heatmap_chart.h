#pragma once

#include "views/dashboard/chart_widget.h"

#include <QColor>

#include <cstdint>
#include <functional>
#include <vector>

// Counts over time per row as a heatmap: one row per (service, reason code), one column per
// time bucket, darker = more events (square-root scale so rare failures still show). Each
// non-empty cell is a mark narrowing to its row and bucket. Painted, not Qt Charts: Qt Charts
// has no heatmap series.
class HeatmapChart : public ChartWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeatmapChart)

public:
    struct Row {
        QString label;
        QString clause; // filter text of the row (service:X code:401)
        std::function<QColor(const QPalette&)> colour;
        std::vector<std::int64_t> cells; // per bucket
    };

    explicit HeatmapChart(const QString& title, QWidget* parent = nullptr);

    void setData(std::int64_t fromUs, std::int64_t bucketUs, int buckets, std::vector<Row> rows,
                 int displayOffsetSeconds, const QString& footer);

    QSize sizeHint() const override;

protected:
    void layoutChart(const QRectF& plot, QList<ChartMark>& marks) override;
    void paintChart(QPainter& painter, const QRectF& plot) override;

private:
    std::int64_t m_fromUs = 0;
    std::int64_t m_bucketUs = 0;
    int m_buckets = 0;
    std::vector<Row> m_rows;
    int m_offset = 0;
    QString m_footer;
    std::int64_t m_max = 1;
    // Layout.
    struct Cell {
        QRectF rect;
        int row = 0;
        std::int64_t value = 0;
    };
    std::vector<Cell> m_cells;
    std::vector<QRectF> m_labels; // per shown row
    QRectF m_grid;
    std::vector<std::pair<double, QString>> m_xLabels;
};
