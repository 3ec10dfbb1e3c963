#pragma once

#include "models/itemmodels/coverage_loader.h"

#include <QAbstractItemModel>

#include <vector>

namespace cadf::inventory {
class Catalogue;
}

// The Inventory view's tree: category -> service -> endpoint (catalogue row), with what the store
// saw of each: events, failures, distinct initiators, first and last seen. The structure is the
// catalogue's (in memory); the counts come as a CoverageReport computed on CoverageLoader's
// thread, so nothing here touches the store. "Never seen only" keeps the endpoints without
// events (the audit gaps) and the services and categories holding them.
class InventoryTreeModel : public QAbstractItemModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InventoryTreeModel)

public:
    enum Column {
        NameColumn, // category, service, or the endpoint's description
        EventsColumn,
        FailuresColumn,
        InitiatorsColumn,
        FirstSeenColumn,
        LastSeenColumn,
        ActionsColumn,
        UrlsColumn,
        ColumnCount
    };
    enum Kind { CategoryNode, ServiceNode, EndpointNode };
    enum Role {
        KindRole = Qt::UserRole + 1, // int Kind
        IdRole,                      // category id, service id or catalogue row id
        SortRole,                    // number or text the column sorts by
        FilterTextRole,              // the filter-language text selecting this node's events
        EventsRole,                  // qint64
    };

    explicit InventoryTreeModel(const cadf::inventory::Catalogue& catalogue,
                                QObject* parent = nullptr);
    ~InventoryTreeModel() override;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // New counts; nullptr clears them. Keeps the rows (and the view's expansion) unless the
    // never-seen filter changes which rows are shown.
    void setReport(CoverageReportPtr report);
    CoverageReportPtr report() const { return m_report; }
    void setNeverSeenOnly(bool on);
    bool neverSeenOnly() const { return m_neverSeenOnly; }
    // Times in UTC (default) or at this offset from it, as the window's UTC/Local toggle says.
    void setDisplayOffsetSeconds(int seconds);

    // The filter-language text for a node: service:"X", category:"X", or endpoint:"description"
    // (with its service when another row shares the description).
    QString filterText(const QModelIndex& index) const;
    QModelIndex endpointIndex(int rowId) const; // invalid when hidden or unknown
    QModelIndex serviceIndex(int serviceId) const;

private:
    struct Node {
        Kind kind = CategoryNode;
        int id = 0;
        int parent = -1;           // node index, -1 for categories
        int row = 0;               // position under its parent as shown
        std::vector<int> all;      // every child, catalogue order
        std::vector<int> children; // the shown ones, in shown order
        bool visible = true;
    };
    void build();
    std::vector<bool> computeVisibility() const;
    void applyVisibility(const std::vector<bool>& visible);
    void sortChildren();
    const std::vector<int>& childrenOf(int node) const;
    void renumber();
    QVariant display(const Node& node, int column) const;
    QVariant sortValue(const Node& node, int column) const;
    std::int64_t counts(const Node& node, int what) const;
    QString timeText(std::int64_t us) const;
    int shadowedBy(int rowId) const; // the row taking this row's events, 0 = none

    const cadf::inventory::Catalogue& m_catalogue;
    std::vector<Node> m_nodes;
    std::vector<int> m_roots;         // category nodes, in shown order
    std::vector<int> m_endpointNodes; // by catalogue row id
    std::vector<int> m_serviceNodes;  // by service id
    CoverageReportPtr m_report;
    bool m_neverSeenOnly = false;
    int m_offsetSeconds = 0;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};
