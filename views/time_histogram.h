#pragma once

#include "models/itemmodels/workspace_worker.h"

#include <QWidget>

class QBarSet;
class QChart;
class QChartView;
class QLabel;
class QRubberBand;
class QStackedBarSeries;
class QToolButton;

// The time histogram above the event table: events of the current filter per time bucket,
// stacked by outcome (Qt Charts). The bucket width adapts to the range (WorkspaceQueries picks
// it). Dragging across the bars selects a time range (rangeSelected), which the window adds to
// the filter; the zoom-out button asks to go back to the wider range.
class TimeHistogram : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimeHistogram)

public:
    explicit TimeHistogram(QWidget* parent = nullptr);

    void setHistogram(const TimeHistogramPtr& histogram);
    // Bucket labels in UTC or this computer's zone.
    void setLocalTime(bool local);
    void setBusy(bool busy);
    void setZoomOutEnabled(bool enabled);

    const TimeHistogramPtr& histogram() const { return m_histogram; }
    // The range of buckets [first, last] as [fromUs, toUs): what a drag over them selects.
    std::pair<qint64, qint64> bucketRange(int first, int last) const;
    // Bucket under a point of the chart view (clamped), -1 when there are no buckets.
    int bucketAt(const QPoint& chartViewPos) const;
    QChartView* chartView() const { return m_view; }

Q_SIGNALS:
    void rangeSelected(qint64 fromUs, qint64 toUs);
    void zoomOutRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void rebuild();
    void applyPalette();
    QString bucketLabel(qint64 startUs, bool withDate) const;

    QChart* m_chart = nullptr;
    QChartView* m_view = nullptr;
    QStackedBarSeries* m_series = nullptr;
    QLabel* m_summary = nullptr;
    QToolButton* m_zoomOut = nullptr;
    QRubberBand* m_band = nullptr;
    TimeHistogramPtr m_histogram;
    bool m_local = false;
    int m_dragStart = -1;
    int m_dragOriginX = 0;
};
