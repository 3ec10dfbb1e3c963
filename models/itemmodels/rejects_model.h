#pragma once

#include "models/store/store_types.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPair>
#include <QString>

#include <cstdint>
#include <string>
#include <vector>

class QThread;

// Every record of the store that did not become an event, oldest first. Rows arrive a page at a
// time from a reader thread as the view scrolls (canFetchMore/fetchMore), so a damaged file's
// million rejects cost only what is looked at, and the UI thread never runs a query.
class RejectsModel : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RejectsModel)

public:
    enum Column {
        ReasonColumn,
        SourceColumn,
        LineColumn,
        OffsetColumn,
        SizeColumn,
        DetailColumn,
        ColumnCount
    };

    static constexpr int kPageSize = 500;

    explicit RejectsModel(const QString& storePath, QObject* parent = nullptr);
    ~RejectsModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    // Starts over from the first reject (after an import, or when the view is opened).
    void reload();
    // The reject shown in `row`, or nullptr.
    const cadf::store::RejectRow* rejectAt(int row) const;
    // Rejects per reason over the whole store (translated titles), largest first.
    QList<QPair<QString, qint64>> reasonCounts() const { return m_reasonCounts; }
    qint64 totalRejects() const { return m_total; }
    bool isLoading() const { return m_fetching; }

    // The translated title of a reason ("Invalid JSON").
    static QString reasonTitle(cadf::RejectReason reason);
    // Bytes as readable text: valid UTF-8 as is, other bytes and control characters (but tab)
    // as \xNN, so nothing in a record can pass for something else.
    static QString printable(const std::string& bytes);
    // 16 bytes a line: offset, hex, and the printable ASCII.
    static QString hexDump(const std::string& bytes);

Q_SIGNALS:
    // The reason counts (and total) were read again.
    void summaryChanged();
    void loadFailed(const QString& message);

private:
    struct Page;
    void request(bool withSummary);
    void apply(quint64 generation, const Page& page);

    QThread* m_thread = nullptr;
    QObject* m_worker = nullptr; // lives on m_thread; owns the StoreReader
    std::vector<cadf::store::RejectRow> m_rows;
    QList<QPair<QString, qint64>> m_reasonCounts;
    qint64 m_total = -1;
    quint64 m_generation = 0;
    bool m_atEnd = false;
    bool m_fetching = false;
};
