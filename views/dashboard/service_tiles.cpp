#include "views/dashboard/service_tiles.h"

#include "models/dashboard/dashboard_clauses.h"
#include "models/dashboard/overview.h"
#include "views/dashboard/chart_colours.h"
#include "views/dashboard/chart_text.h"

#include <QPainter>

#include <cmath>

namespace {

constexpr double kMinTileWidth = 170;
constexpr double kGap = 6;
constexpr double kSparkHeight = 22;
// A failure rate above this tints the tile: worth a look, whatever the service.
constexpr double kAlarmPercent = 10.0;

} // namespace

ServiceTiles::ServiceTiles(QWidget* parent)
    : ChartWidget(tr("Services"), parent) {
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    setSubtitle(tr("events and failure rate per service, grouped by category; click a tile for "
                   "the service's dashboard"));
}

void ServiceTiles::setData(const std::vector<cadf::dashboard::CategoryTiles>& categories,
                           std::int64_t fromUs, std::int64_t bucketUs, int displayOffsetSeconds) {
    m_groups.clear();
    for (const cadf::dashboard::CategoryTiles& category : categories) {
        Group group;
        group.name =
            category.name.empty() ? tr("Unclassified") : QString::fromStdString(category.name);
        group.events = category.events;
        group.failures = category.failures;
        for (const cadf::dashboard::ServiceTile& service : category.services) {
            Tile tile;
            tile.name = service.name.empty() ? QStringLiteral("Unclassified")
                                             : QString::fromStdString(service.name);
            tile.events = service.events;
            tile.failures = service.failures;
            tile.sparkline = service.sparkline;
            group.tiles.push_back(std::move(tile));
        }
        m_groups.push_back(std::move(group));
    }
    m_fromUs = fromUs;
    m_bucketUs = bucketUs;
    m_offset = displayOffsetSeconds;
    invalidateLayout();
}

int ServiceTiles::columnsFor(double width) const {
    return std::max(1, int((width + kGap) / (kMinTileWidth + kGap)));
}

double ServiceTiles::tileHeight() const {
    QFont bold = font();
    bold.setBold(true);
    return QFontMetricsF(bold).height() + 2 * QFontMetricsF(smallFont()).height() + kSparkHeight +
           14;
}

double ServiceTiles::headerHeight() const {
    return QFontMetricsF(smallFont()).height() + 8;
}

double ServiceTiles::contentHeight(double width) const {
    const int columns = columnsFor(width);
    double h = 0;
    for (const Group& group : m_groups) {
        const int rows = (int(group.tiles.size()) + columns - 1) / columns;
        h += headerHeight() + rows * (tileHeight() + kGap);
    }
    return std::max(h, tileHeight());
}

int ServiceTiles::heightForWidth(int width) const {
    QFont bold = font();
    bold.setBold(true);
    // Title, subtitle and margins as ChartWidget lays them out.
    const double chrome =
        QFontMetricsF(bold).height() + QFontMetricsF(smallFont()).height() + 4 + 12;
    return int(std::ceil(chrome + contentHeight(width - 12)));
}

QRectF ServiceTiles::tileRect(const QString& service) {
    marks(); // lays out
    for (const PlacedTile& placed : m_placed) {
        if (m_groups[std::size_t(placed.group)].tiles[std::size_t(placed.tile)].name == service)
            return placed.rect;
    }
    return {};
}

void ServiceTiles::layoutChart(const QRectF& plot, QList<ChartMark>& marks) {
    m_placed.clear();
    m_headers.clear();
    const int columns = columnsFor(plot.width());
    const double tileW = (plot.width() - kGap * (columns - 1)) / columns;
    const double tileH = tileHeight();
    QList<ChartMark> sparkMarks;
    double y = plot.top();
    for (std::size_t g = 0; g < m_groups.size(); ++g) {
        const Group& group = m_groups[g];
        const QRectF header(plot.left(), y, plot.width(), headerHeight());
        m_headers.emplace_back(header, int(g));
        y += headerHeight();
        for (std::size_t t = 0; t < group.tiles.size(); ++t) {
            const Tile& tile = group.tiles[t];
            const int column = int(t) % columns;
            if (t > 0 && column == 0)
                y += tileH + kGap;
            const QRectF rect(plot.left() + column * (tileW + kGap), y, tileW, tileH);
            const QRectF spark(rect.left() + 6, rect.bottom() - kSparkHeight - 6, rect.width() - 12,
                               kSparkHeight);
            m_placed.push_back({rect, spark, int(g), int(t)});
            const std::string name = tile.name == QLatin1String("Unclassified")
                                         ? std::string()
                                         : tile.name.toStdString();
            ChartMark mark;
            mark.shape.addRect(rect);
            mark.tooltip = tr("%1 (%2)\n%3 events, %4 failures (%5)\nClick for its dashboard")
                               .arg(tile.name, group.name, charttext::count(tile.events),
                                    charttext::count(tile.failures),
                                    charttext::percent(cadf::dashboard::failurePercent(
                                        tile.events, tile.failures)));
            mark.service = tile.name;
            mark.clause = cadf::dashboard::serviceClause(name);
            marks.append(mark);
            // The sparkline's bars, on top of the tile.
            const int n = int(tile.sparkline.size());
            for (int b = 0; b < n && m_bucketUs > 0; ++b) {
                const std::int64_t v = tile.sparkline[std::size_t(b)];
                if (v <= 0)
                    continue;
                const std::int64_t start = m_fromUs + std::int64_t(b) * m_bucketUs;
                ChartMark bar;
                bar.shape.addRect(QRectF(spark.left() + spark.width() * b / n, spark.top(),
                                         spark.width() / n, spark.height()));
                bar.tooltip = tr("%1\n%2: %3 events")
                                  .arg(charttext::span(start, start + m_bucketUs, m_offset),
                                       tile.name, charttext::count(v));
                bar.clause = cadf::dashboard::joinClauses(
                    {cadf::dashboard::serviceClause(name),
                     cadf::dashboard::timeRangeClause(start, start + m_bucketUs, m_offset)});
                sparkMarks.append(bar);
            }
        }
        if (!group.tiles.empty())
            y += tileH + kGap;
    }
    marks.append(sparkMarks);
}

void ServiceTiles::paintChart(QPainter& painter, const QRectF& plot) {
    const QFont small = smallFont();
    const QFontMetricsF metrics(small);
    QFont bold = font();
    bold.setBold(true);
    const QFontMetricsF boldMetrics(bold);
    const QColor text = palette().color(QPalette::WindowText);
    const QColor dim = chartcolours::dimText(palette());
    if (m_groups.empty()) {
        paintEmpty(painter, plot, tr("No events match the filter"));
        return;
    }
    painter.setFont(small);
    for (const auto& [rect, g] : m_headers) {
        const Group& group = m_groups[std::size_t(g)];
        painter.setPen(dim);
        painter.drawText(rect, Qt::AlignLeft | Qt::AlignBottom,
                         tr("%1 \u00b7 %2 events \u00b7 %3 failed")
                             .arg(group.name, charttext::count(group.events),
                                  charttext::percent(cadf::dashboard::failurePercent(
                                      group.events, group.failures))));
    }
    const QColor failure = chartcolours::outcome(palette(), 2);
    for (const PlacedTile& placed : m_placed) {
        const Tile& tile = m_groups[std::size_t(placed.group)].tiles[std::size_t(placed.tile)];
        const double rate = cadf::dashboard::failurePercent(tile.events, tile.failures);
        const bool alarm = rate >= kAlarmPercent;
        painter.setPen(chartcolours::grid(palette()));
        painter.setBrush(alarm ? chartcolours::shade(palette(), failure, 0.12)
                               : palette().color(QPalette::AlternateBase));
        painter.drawRoundedRect(placed.rect, 4, 4);
        const QRectF inner = placed.rect.adjusted(6, 4, -6, -4);
        painter.setFont(bold);
        painter.setPen(text);
        painter.drawText(QRectF(inner.left(), inner.top(), inner.width(), boldMetrics.height()),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         boldMetrics.elidedText(tile.name, Qt::ElideRight, inner.width()));
        painter.setFont(small);
        double y = inner.top() + boldMetrics.height();
        painter.drawText(QRectF(inner.left(), y, inner.width(), metrics.height()),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         tr("%1 events").arg(charttext::count(tile.events)));
        y += metrics.height();
        // Never colour alone: the rate is written, and a warning sign marks a high one.
        painter.setPen(alarm ? failure : dim);
        painter.drawText(QRectF(inner.left(), y, inner.width(), metrics.height()),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         (alarm ? QStringLiteral("\u26a0 ") : QString()) +
                             tr("%1 failed (%2)")
                                 .arg(charttext::percent(rate), charttext::count(tile.failures)));
        // Sparkline: bars scaled to the tile's own peak.
        std::int64_t peak = 1;
        for (const std::int64_t v : tile.sparkline)
            peak = std::max(peak, v);
        const int n = int(tile.sparkline.size());
        const QColor barColour = chartcolours::bar(palette());
        for (int b = 0; b < n; ++b) {
            const std::int64_t v = tile.sparkline[std::size_t(b)];
            if (v <= 0)
                continue;
            const double h = std::max(1.0, placed.spark.height() * double(v) / double(peak));
            painter.fillRect(QRectF(placed.spark.left() + placed.spark.width() * b / n,
                                    placed.spark.bottom() - h,
                                    std::max(1.0, placed.spark.width() / n - 0.5), h),
                             barColour);
        }
    }
}
