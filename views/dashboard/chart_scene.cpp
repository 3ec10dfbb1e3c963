#include "views/dashboard/chart_scene.h"

#include "views/dashboard/chart_colours.h"

#include <QAbstractAxis>
#include <QCategoryAxis>
#include <QChart>
#include <QGraphicsItemGroup>
#include <QGraphicsLayout>
#include <QLegend>
#include <QLegendMarker>
#include <QPainter>
#include <QPalette>

#include <algorithm>

ChartScene::ChartScene() {
    m_chart = new QChart();
    m_scene.addItem(m_chart);
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->setBackgroundVisible(false); // the widget paints the palette's base
    m_chart->setPlotAreaBackgroundVisible(false);
    m_chart->setBackgroundRoundness(0);
    m_chart->setMargins(QMargins(0, 0, 0, 0));
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_chart->setDropShadowEnabled(false);
    m_chart->legend()->setContentsMargins(0, 0, 0, 0);
}

ChartScene::~ChartScene() = default;

void ChartScene::reset(const QPalette& palette, const QFont& font) {
    m_chart->removeAllSeries();
    for (QAbstractAxis* axis : m_chart->axes())
        axis->setVisible(false); // kept for the next build: categoryAxis()
    m_chart->legend()->setFont(font);
    m_chart->legend()->setLabelColor(palette.color(QPalette::WindowText));
    m_chart->legend()->setBackgroundVisible(false);
    m_chart->legend()->setBorderColor(Qt::transparent);
}

QCategoryAxis* ChartScene::categoryAxis(Qt::Alignment alignment) {
    for (QAbstractAxis* axis : m_chart->axes()) {
        auto* category = qobject_cast<QCategoryAxis*>(axis);
        if (!category || axis->alignment() != alignment)
            continue;
        const QStringList labels = category->categoriesLabels();
        for (const QString& label : labels)
            category->remove(label);
        category->setVisible(true);
        return category;
    }
    auto* axis = new QCategoryAxis();
    m_chart->addAxis(axis, alignment);
    return axis;
}

void ChartScene::styleAxis(QAbstractAxis* axis, const QPalette& palette, const QFont& font) const {
    axis->setLabelsFont(font);
    axis->setLabelsColor(palette.color(QPalette::WindowText));
    axis->setTitleFont(font);
    axis->setTitleBrush(chartcolours::dimText(palette));
    axis->setLinePenColor(chartcolours::grid(palette));
    axis->setGridLineColor(chartcolours::grid(palette));
}

void ChartScene::layout(const QRectF& plot) {
    m_plot = plot;
    m_chart->setGeometry(QRectF(QPointF(0, 0), plot.size()));
    m_scene.setSceneRect(QRectF(QPointF(0, 0), plot.size()));
    // Lay out now rather than on the posted LayoutRequest: marks are placed right after this.
    // The legend has a layout of its own (its entries), laid out first so that the chart's
    // layout gives it its height; without it a first build drew no legend until the next one.
    if (QGraphicsLayout* legendLayout = m_chart->legend()->layout())
        legendLayout->activate();
    m_chart->layout()->activate();
}

QPointF ChartScene::mapToWidget(const QPointF& value, QAbstractSeries* series) const {
    return m_plot.topLeft() + m_chart->mapToPosition(value, series);
}

QRectF ChartScene::plotArea() const {
    return m_chart->plotArea().translated(m_plot.topLeft());
}

QList<QRectF> ChartScene::legendEntries() const {
    // Qt Charts keeps the legend's entries (one item per marker, in the markers' order) in one
    // item group under the legend; it has no public geometry per marker.
    QList<QRectF> entries;
    const qsizetype markers = m_chart->legend()->markers().size();
    for (QGraphicsItem* child : m_chart->legend()->childItems()) {
        if (child->type() != QGraphicsItemGroup::Type || child->childItems().size() != markers)
            continue;
        for (QGraphicsItem* entry : child->childItems()) {
            entries << (entry->isVisible() ? entry->sceneBoundingRect().translated(m_plot.topLeft())
                                           : QRectF());
        }
        break;
    }
    return entries;
}

void ChartScene::render(QPainter& painter) {
    // QGraphicsScene::render() paints each item at the item's own opacity, not the painter's:
    // the widget's greyed look (a painter opacity) is handed to the chart.
    if (!qFuzzyCompare(m_chart->opacity(), painter.opacity()))
        m_chart->setOpacity(painter.opacity());
    m_scene.render(&painter, m_plot, QRectF(QPointF(0, 0), m_plot.size()));
}
