#pragma once

#include "views/dashboard/chart_widget.h"

#include <QColor>

#include <cstdint>
#include <functional>
#include <vector>

// A ranked list drawn as horizontal bars: a label (elided), a bar, the exact value. Optionally
// a part of each bar in a second colour (the failures among the events). Each row is a mark.
// Without values (value < 0) it is a plain clickable list, e.g. never-seen endpoints. Painted,
// not Qt Charts: a QHorizontalBarSeries' category axis elides long labels by its own rules and
// cannot size the label column to the widest label, which is what these lists are read by.
class RankedBarsChart : public ChartWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RankedBarsChart)

public:
    struct Row {
        QString label;
        std::int64_t value = 0; // the bar; < 0 = a list row without a bar
        std::int64_t part = -1; // drawn over the bar's start in the part colour; < 0 = none
        ChartMark mark;         // tooltip and drill-down (shape set by the chart)
    };

    explicit RankedBarsChart(const QString& title, QWidget* parent = nullptr);

    // `partName` names the part in the legend ("failures"); `empty` is shown without rows;
    // `footer` under the rows (e.g. "12 more not shown").
    void setRows(std::vector<Row> rows, std::function<QColor(const QPalette&)> barColour,
                 std::function<QColor(const QPalette&)> partColour, const QString& valueName,
                 const QString& partName, const QString& empty, const QString& footer = {});

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void layoutChart(const QRectF& plot, QList<ChartMark>& marks) override;
    void paintChart(QPainter& painter, const QRectF& plot) override;

private:
    double rowHeight() const;

    std::vector<Row> m_rows;
    std::function<QColor(const QPalette&)> m_barColour;
    std::function<QColor(const QPalette&)> m_partColour;
    QString m_valueName;
    QString m_partName;
    QString m_empty;
    QString m_footer;
    std::int64_t m_max = 1;
    // Layout.
    struct Placed {
        QRectF label;
        QRectF bar;
        QRectF part;
        QRectF value;
    };
    std::vector<Placed> m_placed;
    QRectF m_legend;
};
