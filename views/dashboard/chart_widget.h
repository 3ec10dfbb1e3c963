#pragma once

#include <QList>
#include <QPainterPath>
#include <QString>
#include <QWidget>

// One clickable thing on a dashboard chart: a bar, a slice, a heatmap cell, a tile, a row.
struct ChartMark {
    QPainterPath shape;  // widget coordinates: where hover and clicks find it
    QString tooltip;     // exact values, plain text
    QString clause;      // filter text selecting the events it counts; empty = none
    QString service;     // opens this service's dashboard (tiles); empty = none
    QString profileKind; // "initiator" | "target": opens that profile; empty = none
    QString profileKey;
    // A left click opens the profile (initiators); false: it narrows the filter and the profile
    // is in the context menu (endpoints, whose failures are the usual next question).
    bool profileOnClick = true;
};

// The base of every dashboard chart: a title and a unit line, marks laid out by the subclass,
// hover tooltips with exact values, clicks turned into the dashboard signals, a context menu
// with every drill-down the mark offers plus "Export as PNG/SVG", palette-following colours and
// a greyed look while the dashboard computes. The classic charts (time bars, the donut) are Qt
// Charts drawn into the plot by a ChartScene; the heatmap, the tiles and the ranked lists are
// painted here (Qt Charts has no heatmap or tile grid, and its horizontal bars elide the long
// endpoint labels the lists exist for). Either way one hit-test and export path for bars,
// slices, cells and tiles, and the same pixels offscreen for `cadfscope dashboard`.
class ChartWidget : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartWidget)

public:
    explicit ChartWidget(const QString& title, QWidget* parent = nullptr);

    void setTitle(const QString& title);
    QString title() const { return m_title; }
    // A second line under the title: units, zone, what is left out.
    void setSubtitle(const QString& subtitle);
    QString subtitle() const { return m_subtitle; }
    // While the dashboard computes, the old content is shown faded.
    void setGreyed(bool greyed);
    bool isGreyed() const { return m_greyed; }

    // The marks for the current size and data (laid out on demand).
    const QList<ChartMark>& marks();
    // The topmost mark at a widget position, -1 when none.
    int markAt(const QPointF& pos);
    // Does what a left click on mark `index` does (for tests and keyboard use).
    void activateMark(int index);

    // Writes the chart as it is shown to `path`: PNG or SVG by the file's extension.
    bool exportTo(const QString& path, QString* error = nullptr);

Q_SIGNALS:
    void filterClauseRequested(const QString& clause);
    void serviceDashboardRequested(const QString& service);
    void profileRequested(const QString& kind, const QString& key);

protected:
    // Places the marks (and whatever the subclass keeps for painting) in `plot`, the area under
    // the title lines. Called when the size or data changed.
    virtual void layoutChart(const QRectF& plot, QList<ChartMark>& marks) = 0;
    // Paints the chart for the last layout; the base paints the title and the hover outline.
    virtual void paintChart(QPainter& painter, const QRectF& plot) = 0;
    // New data: lay out again and repaint.
    void invalidateLayout();
    // The chart's text in a smaller size: axis labels, values.
    QFont smallFont() const;
    // An empty chart says why in the middle of its plot.
    void paintEmpty(QPainter& painter, const QRectF& plot, const QString& text) const;

    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void ensureLayout();
    QRectF plotRect() const;
    void exportWithDialog(const QString& suffix);

    QString m_title;
    QString m_subtitle;
    QList<ChartMark> m_marks;
    bool m_layoutValid = false;
    bool m_greyed = false;
    int m_hovered = -1;
};

// Writes `widget` as it is laid out to `path`: PNG, SVG or PDF (one page the widget's size) by
// the file's extension. False with `error` set when the format is unknown or writing failed.
bool exportWidget(QWidget* widget, const QString& path, QString* error = nullptr);
// The formats exportWidget() knows, as file-dialog filters ("PNG image (*.png)", ...).
QString exportFilter(const QStringList& suffixes);
