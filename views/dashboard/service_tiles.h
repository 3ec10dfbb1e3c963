#pragma once

#include "views/dashboard/chart_widget.h"

#include <cstdint>
#include <vector>

namespace cadf::dashboard {
struct CategoryTiles;
}

// One tile per service, grouped under their category: the service's events, failure rate and a
// sparkline of its events over the overview's buckets. A click on a tile opens the service's
// dashboard; a click on a sparkline bar narrows to the service in that bucket. Painted, not Qt
// Charts: Qt Charts has no tile grid, and a QChart per sparkline would be dozens of scenes.
class ServiceTiles : public ChartWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServiceTiles)

public:
    explicit ServiceTiles(QWidget* parent = nullptr);

    void setData(const std::vector<cadf::dashboard::CategoryTiles>& categories, std::int64_t fromUs,
                 std::int64_t bucketUs, int displayOffsetSeconds);
    // The tile of a service (its dashboard's name; "Unclassified" for unclassified events),
    // empty when it has none: for tests and keyboard focus.
    QRectF tileRect(const QString& service);

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override { return {800, heightForWidth(800)}; }
    QSize minimumSizeHint() const override { return {200, heightForWidth(200)}; }

protected:
    void layoutChart(const QRectF& plot, QList<ChartMark>& marks) override;
    void paintChart(QPainter& painter, const QRectF& plot) override;

private:
    struct Tile {
        QString name; // as the dashboard knows it
        std::int64_t events = 0;
        std::int64_t failures = 0;
        std::vector<std::int64_t> sparkline;
    };
    struct Group {
        QString name;
        std::int64_t events = 0;
        std::int64_t failures = 0;
        std::vector<Tile> tiles;
    };
    struct PlacedTile {
        QRectF rect;
        QRectF spark;
        int group = 0;
        int tile = 0;
    };
    // Columns and tile size for a width; the height the groups take.
    int columnsFor(double width) const;
    double tileHeight() const;
    double headerHeight() const;
    double contentHeight(double width) const;

    std::vector<Group> m_groups;
    std::int64_t m_fromUs = 0;
    std::int64_t m_bucketUs = 0;
    int m_offset = 0;
    std::vector<PlacedTile> m_placed;
    std::vector<std::pair<QRectF, int>> m_headers; // rect, group
};
