#pragma once

#include <QAbstractItemModel>
#include <QString>

#include <memory>
#include <vector>

namespace cadf::store {
struct StoredEvent;
}

// The detail pane's tree of one event: a "Time" group (the eventTime text as received, the
// instant it was read as, the syslog header time and the skew when they disagree), then every
// attribute of the event's JSON in its own order, nested objects and arrays and unknown keys
// included, then where the record came from. Column 0 is the name, column 1 the value (plain
// text; the view never interprets it). Each row knows the filter field it maps to, if any.
class EventAttributesModel : public QAbstractItemModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventAttributesModel)

public:
    enum Role {
        PathRole = Qt::UserRole + 1, // QString JSON path ("initiator.host.address")
        FilterFieldRole,             // QString filter field ("address"); empty = text search
        FilterValueRole,             // QString the value as a filter matches it (empty: none)
        TableColumnRole,             // int EventTableModel column showing it, -1 when none
    };

    explicit EventAttributesModel(QObject* parent = nullptr);
    ~EventAttributesModel() override;

    // `localTime`: show instants in this computer's zone instead of UTC.
    void setEvent(const cadf::store::StoredEvent& event, bool localTime);
    void clear();

    // The event's JSON indented by two spaces (the record when it is not valid JSON).
    QString prettyJson() const { return m_pretty; }
    // The row of a JSON path ("reason.reasonCode"); invalid when absent.
    QModelIndex findPath(const QString& path) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    struct Node {
        QString name;
        QString value;
        QString path;
        QString field;
        bool filterable = false;
        int tableColumn = -1;
        Node* parent = nullptr;
        std::vector<std::unique_ptr<Node>> children;
    };

private:
    Node* nodeOf(const QModelIndex& index) const;
    QModelIndex indexOf(const Node* node, int column) const;

    Node m_root;
    QString m_pretty;
};
