#pragma once

#include "models/itemmodels/coverage_loader.h"

#include <QAbstractTableModel>

namespace cadf::inventory {
class Catalogue;
}

// The Unclassified view's table: the path patterns of the events the inventory does not know,
// most frequent first, with examples and the services whose templates came closest (and how many
// events those services have). A few hundred rows from a CoverageReport: sorted in memory.
class UnclassifiedModel : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UnclassifiedModel)

public:
    enum Column {
        PatternColumn,
        EventsColumn,
        FailuresColumn,
        InitiatorsColumn,
        RequestsColumn, // distinct stored requests
        ExamplesColumn,
        ClosestColumn,
        FirstSeenColumn,
        LastSeenColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1,
        FilterTextRole, // the filter-language text selecting the pattern's events
    };

    explicit UnclassifiedModel(const cadf::inventory::Catalogue& catalogue,
                               QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    void setReport(CoverageReportPtr report);
    void setDisplayOffsetSeconds(int seconds);

    // service:Unclassified plus the pattern as a target.id wildcard ({id} -> *).
    static QString filterTextFor(const QString& pattern);

private:
    QVariant display(int row, int column) const;
    QVariant sortValue(int row, int column) const;
    void applySort();

    const cadf::inventory::Catalogue& m_catalogue;
    CoverageReportPtr m_report;
    std::vector<int> m_order; // view row -> report.unclassified index
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    int m_offsetSeconds = 0;
};
