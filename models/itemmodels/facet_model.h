#pragma once

#include "models/itemmodels/workspace_worker.h"

#include <QAbstractItemModel>
#include <QString>

#include <memory>
#include <vector>

// The facet sidebar's tree: for the current filter, outcomes, code classes (2xx..5xx), codes,
// services grouped by their inventory category, and the top initiators, targets and addresses,
// each with its count. Filled from WorkspaceQueries::facetReady; a group keeps its old rows
// (StaleRole) until its new counts arrive, so the sidebar does not flicker while typing.
// Column 0 is the value, column 1 the count.
class FacetModel : public QAbstractItemModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FacetModel)

public:
    enum Role {
        FilterFieldRole = Qt::UserRole + 1, // QString field of the filter language
        FilterValueRole,                    // QString value to filter on (empty for a heading)
        CountRole,                          // qint64
        StaleRole,                          // bool: counted for an older filter
        ExactRole,                          // bool: false for counts of a sample
        GroupRole,                          // bool: a group heading
    };
    enum Group {
        Outcomes,
        CodeClasses,
        Codes,
        Services,
        Initiators,
        Targets,
        Addresses,
        GroupCount
    };

    explicit FacetModel(QObject* parent = nullptr);
    ~FacetModel() override;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // New counts of one facet (Code also fills the code classes, Service the categories).
    // Counts of a sample (exact false) show as "≈ n" until the exact ones replace them.
    void setFacet(FacetKind kind, const ValueCountsPtr& counts, bool exact = true);
    // A new filter: every group is stale until its counts arrive.
    void markStale();

    QModelIndex groupIndex(Group group) const;
    // The row of `value` under `group` (first level, or second for services); invalid if absent.
    QModelIndex find(Group group, const QString& value) const;

private:
    struct Node {
        QString label;
        QString field;
        QString value;
        qint64 count = 0;
        bool stale = false;
        bool exact = true;
        Node* parent = nullptr;
        std::vector<std::unique_ptr<Node>> children;
    };

    Node* nodeOf(const QModelIndex& index) const;
    QModelIndex indexOf(Node* node, int column) const;
    void replaceChildren(Group group, std::vector<std::unique_ptr<Node>> children, bool exact);

    Node m_root;
};
