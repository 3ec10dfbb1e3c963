#pragma once

#include <QGraphicsScene>
#include <QList>
#include <QRectF>

class QAbstractAxis;
class QCategoryAxis;
class QAbstractSeries;
class QChart;
class QPainter;
class QPalette;

// A Qt Charts QChart in a scene of its own, drawn by a ChartWidget into its plot area. The
// widget keeps the one hit-test path every dashboard chart shares (marks in widget coordinates:
// hover tooltips, clicks, the context menu, tests and exports alike), so the chart is not shown
// in a QChartView that would take the mouse: the marks are placed from the chart's own
// geometry (mapToPosition, plotArea, the legend's entries) after a synchronous layout.
class ChartScene {
    Q_DISABLE_COPY_MOVE(ChartScene)

public:
    ChartScene();
    ~ChartScene();

    QChart* chart() const { return m_chart; }
    // Empties the chart (series; axes hidden) and applies the palette's colours and `font`.
    void reset(const QPalette& palette, const QFont& font);
    // The chart's category axis at `alignment`, shown and emptied of categories: the same object
    // from build to build. A removed axis's graphics items go with deleteLater(), and a chart
    // rendered before then drew the old labels beside the new ones (doubled axes on screen).
    QCategoryAxis* categoryAxis(Qt::Alignment alignment);
    // An axis coloured and set in the chart's fonts.
    void styleAxis(QAbstractAxis* axis, const QPalette& palette, const QFont& font) const;
    // Sizes the chart to `plot` (widget coordinates) and lays it out now, so that mapToWidget()
    // and legendEntries() agree with what render() draws.
    void layout(const QRectF& plot);
    // A point in the series' value space, in widget coordinates.
    QPointF mapToWidget(const QPointF& value, QAbstractSeries* series) const;
    // The plot area (inside the axes) in widget coordinates.
    QRectF plotArea() const;
    // Each legend entry's box in widget coordinates, in the order of the legend's markers;
    // empty when Qt Charts' legend items cannot be found.
    QList<QRectF> legendEntries() const;
    void render(QPainter& painter);

private:
    QGraphicsScene m_scene;
    QChart* m_chart = nullptr; // owned by the scene
    QRectF m_plot;
};
