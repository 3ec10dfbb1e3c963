#include "views/time_histogram.h"

#include "models/cadf/timestamp.h"
#include "views/chart_axis.h"

#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QRubberBand>
#include <QStackedBarSeries>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

namespace {

constexpr qint64 kDayUs = Q_INT64_C(86400000000);

struct OutcomeSet {
    int outcome; // cadf::Outcome
    const char* name;
    QColor colour;
};

// Bottom to top: the usual traffic first, failures on top where the eye lands.
const OutcomeSet kSets[] = {
    {1, QT_TRANSLATE_NOOP("TimeHistogram", "success"), QColor(90, 160, 90)},
    {0, QT_TRANSLATE_NOOP("TimeHistogram", "unknown"), QColor(140, 140, 140)},
    {3, QT_TRANSLATE_NOOP("TimeHistogram", "pending"), QColor(220, 170, 0)},
    {2, QT_TRANSLATE_NOOP("TimeHistogram", "failure"), QColor(215, 40, 40)},
};

QString durationText(qint64 us) {
    const qint64 s = us / 1000000;
    if (s % 86400 == 0)
        return TimeHistogram::tr("%1 d", "days per bar").arg(s / 86400);
    if (s % 3600 == 0)
        return TimeHistogram::tr("%1 h", "hours per bar").arg(s / 3600);
    if (s % 60 == 0)
        return TimeHistogram::tr("%1 min", "minutes per bar").arg(s / 60);
    return TimeHistogram::tr("%1 s", "seconds per bar").arg(s);
}

} // namespace

TimeHistogram::TimeHistogram(QWidget* parent)
    : QWidget(parent) {
    m_chart = new QChart();
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->setBackgroundRoundness(0);
    m_chart->setMargins(QMargins(2, 2, 2, 2));
    m_chart->legend()->setAlignment(Qt::AlignRight);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    m_chart->legend()->setFont(small);

    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing, false);
    m_view->setMinimumHeight(110);
    m_view->viewport()->installEventFilter(this);
    m_view->viewport()->setMouseTracking(true);
    m_view->setToolTip(tr("Drag across the bars to filter on that time range"));

    m_summary = new QLabel(this);
    m_summary->setTextFormat(Qt::PlainText);
    m_zoomOut = new QToolButton(this);
    m_zoomOut->setText(tr("Zoom Out", "time histogram"));
    m_zoomOut->setToolTip(tr("Back to the time range before the last selection"));
    m_zoomOut->setAutoRaise(true);
    m_zoomOut->setEnabled(false);
    connect(m_zoomOut, &QToolButton::clicked, this, &TimeHistogram::zoomOutRequested);

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(4, 0, 4, 0);
    bar->addWidget(m_summary, 1);
    bar->addWidget(m_zoomOut);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    m_band = new QRubberBand(QRubberBand::Rectangle, m_view->viewport());
    applyPalette();
    rebuild();
}

void TimeHistogram::setHistogram(const TimeHistogramPtr& histogram) {
    m_histogram = histogram;
    rebuild();
}

void TimeHistogram::setLocalTime(bool local) {
    if (local == m_local)
        return;
    m_local = local;
    rebuild();
}

void TimeHistogram::setBusy(bool busy) {
    m_view->setEnabled(!busy || !m_histogram);
    m_summary->setEnabled(!busy);
}

void TimeHistogram::setZoomOutEnabled(bool enabled) {
    m_zoomOut->setEnabled(enabled);
}

QString TimeHistogram::bucketLabel(qint64 startUs, bool withDate) const {
    int offset = 0;
    if (m_local)
        offset = QDateTime::fromMSecsSinceEpoch(startUs / 1000).offsetFromUtc();
    const QString iso = QString::fromStdString(cadf::formatIso(startUs, offset, 0));
    // "2023-10-18T14:00:00Z" -> "10-18 14:00" or "14:00:00": short enough for the axis.
    const QString date = iso.mid(5, 5);
    const QString time =
        m_histogram && m_histogram->bucketUs % 60000000 == 0 ? iso.mid(11, 5) : iso.mid(11, 8);
    if (m_histogram && m_histogram->bucketUs >= kDayUs)
        return iso.left(10);
    return withDate ? date + u' ' + time : time;
}

void TimeHistogram::rebuild() {
    m_chart->removeAllSeries();
    for (QAbstractAxis* axis : m_chart->axes())
        m_chart->removeAxis(axis);
    m_series = new QStackedBarSeries();
    m_series->setBarWidth(0.9);
    const auto& buckets =
        m_histogram ? m_histogram->buckets : std::vector<cadf::store::HistogramBucket>();
    qint64 total = 0;
    qint64 peak = 0;
    for (const auto& bucket : buckets) {
        total += bucket.total();
        peak = qMax(peak, bucket.total());
    }
    for (const OutcomeSet& set : kSets) {
        auto* bars = new QBarSet(tr(set.name));
        bars->setColor(set.colour);
        bars->setBorderColor(set.colour);
        QList<qreal> values;
        values.reserve(qsizetype(buckets.size()));
        for (const auto& bucket : buckets)
            values.append(qreal(bucket.counts[std::size_t(set.outcome)]));
        bars->append(values);
        connect(bars, &QBarSet::hovered, this, [this](bool status, int index) {
            if (!status || !m_histogram || index < 0 || index >= int(m_histogram->buckets.size())) {
                QToolTip::hideText();
                return;
            }
            const auto& b = m_histogram->buckets[std::size_t(index)];
            const QLocale locale;
            const QString text =
                tr("%1 \u2013 %2\n%3 events: %4 success, %5 failure, %6 pending, %7 unknown")
                    .arg(bucketLabel(b.startUs, true),
                         bucketLabel(b.startUs + m_histogram->bucketUs, true),
                         locale.toString(b.total()), locale.toString(b.counts[1]),
                         locale.toString(b.counts[2]), locale.toString(b.counts[3]),
                         locale.toString(b.counts[0]));
            QToolTip::showText(QCursor::pos(), text, m_view);
        });
        m_series->append(bars);
    }
    m_chart->addSeries(m_series);

    // A value axis over the bar positions (bar i at x = i), labelled at a few bucket starts:
    // a category axis would give every bar a label and elide them all.
    const int n = int(buckets.size());
    auto* x = new QCategoryAxis();
    x->setRange(-0.5, qMax(0, n - 1) + 0.5);
    x->setStartValue(-0.5);
    x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    const int every = qMax(1, n / 6);
    for (int i = 0; i < n; i += every)
        x->append(bucketLabel(buckets[std::size_t(i)].startUs, false), double(i));
    x->setGridLineVisible(false);
    auto* y = new QValueAxis();
    y->setRange(0, double(roundAxisMaximum(peak)));
    y->setLabelFormat(QStringLiteral("%d"));
    y->setTickCount(3);
    const QColor text = palette().color(QPalette::WindowText);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    for (QAbstractAxis* axis : {static_cast<QAbstractAxis*>(x), static_cast<QAbstractAxis*>(y)}) {
        axis->setLabelsColor(text);
        axis->setLabelsFont(small);
        axis->setLinePenColor(palette().color(QPalette::Mid));
        axis->setGridLineColor(palette().color(QPalette::Midlight));
    }
    m_chart->addAxis(x, Qt::AlignBottom);
    m_chart->addAxis(y, Qt::AlignLeft);
    m_series->attachAxis(x);
    m_series->attachAxis(y);

    const QLocale locale;
    if (!m_histogram || buckets.empty())
        m_summary->setText(tr("No events in the histogram"));
    else
        m_summary->setText(tr("%1 events from %2 to %3 \u00b7 one bar = %4")
                               .arg(locale.toString(total), bucketLabel(m_histogram->fromUs, true),
                                    bucketLabel(m_histogram->toUs, true),
                                    durationText(m_histogram->bucketUs)));
}

void TimeHistogram::applyPalette() {
    m_chart->setBackgroundBrush(palette().color(QPalette::Base));
    m_chart->setPlotAreaBackgroundVisible(false);
    m_chart->legend()->setLabelColor(palette().color(QPalette::WindowText));
}

void TimeHistogram::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange) {
        applyPalette();
        rebuild();
    }
    QWidget::changeEvent(event);
}

int TimeHistogram::bucketAt(const QPoint& chartViewPos) const {
    if (!m_histogram || m_histogram->buckets.empty())
        return -1;
    const QPointF scene = m_view->mapToScene(chartViewPos);
    const QPointF value = m_chart->mapToValue(m_chart->mapFromScene(scene), m_series);
    const int last = int(m_histogram->buckets.size()) - 1;
    return qBound(0, qRound(value.x()), last);
}

std::pair<qint64, qint64> TimeHistogram::bucketRange(int first, int last) const {
    if (!m_histogram || m_histogram->buckets.empty())
        return {0, 0};
    const int n = int(m_histogram->buckets.size());
    const int lo = qBound(0, qMin(first, last), n - 1);
    const int hi = qBound(0, qMax(first, last), n - 1);
    first = lo;
    last = hi;
    const qint64 from = m_histogram->buckets[std::size_t(first)].startUs;
    return {from, m_histogram->buckets[std::size_t(last)].startUs + m_histogram->bucketUs};
}

bool TimeHistogram::eventFilter(QObject* watched, QEvent* event) {
    if (watched != m_view->viewport())
        return QWidget::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        auto* mouse = static_cast<QMouseEvent*>(event);
        if (mouse->button() != Qt::LeftButton)
            break;
        m_dragStart = bucketAt(mouse->position().toPoint());
        m_dragOriginX = mouse->position().toPoint().x();
        m_band->setGeometry(QRect(m_dragOriginX, 0, 1, m_view->viewport()->height()));
        m_band->show();
        return true;
    }
    case QEvent::MouseMove: {
        if (m_dragStart < 0)
            break;
        const int x = static_cast<QMouseEvent*>(event)->position().toPoint().x();
        m_band->setGeometry(QRect(QPoint(qMin(x, m_dragOriginX), 0),
                                  QPoint(qMax(x, m_dragOriginX), m_view->viewport()->height()))
                                .normalized());
        return true;
    }
    case QEvent::MouseButtonRelease: {
        if (m_dragStart < 0)
            break;
        m_band->hide();
        const int end = bucketAt(static_cast<QMouseEvent*>(event)->position().toPoint());
        const int start = m_dragStart;
        m_dragStart = -1;
        if (start >= 0 && end >= 0) {
            // A click selects its one bar; a drag every bar it crossed.
            const auto [from, to] = bucketRange(start, end);
            if (to > from)
                Q_EMIT rangeSelected(from, to);
        }
        return true;
    }
    default:
        break;
    }
    return QWidget::eventFilter(watched, event);
}
