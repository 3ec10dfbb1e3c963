#include "models/itemmodels/rejects_model.h"

#include "models/store/store_reader.h"

#include <QCoreApplication>
#include <QFile>
#include <QLocale>
#include <QThread>

#include <algorithm>
#include <memory>

namespace {

// Lives on the model's thread and owns its read connection.
class RejectsWorker : public QObject {
public:
    explicit RejectsWorker(QString path)
        : m_path(std::move(path)) {}

    cadf::store::StoreReader* reader(QString& error) {
        if (!m_reader) {
            cadf::store::StoreError storeError;
            m_reader = cadf::store::StoreReader::open(QFile::encodeName(m_path).toStdString(),
                                                      &storeError);
            if (!m_reader)
                error = QString::fromStdString(storeError.message);
        }
        return m_reader.get();
    }

private:
    const QString m_path;
    std::unique_ptr<cadf::store::StoreReader> m_reader;
};

} // namespace

struct RejectsModel::Page {
    std::vector<cadf::store::RejectRow> rows;
    bool withSummary = false;
    std::vector<cadf::store::ReasonCount> counts;
    QString error;
};

RejectsModel::RejectsModel(const QString& storePath, QObject* parent)
    : QAbstractTableModel(parent) {
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("cadf-rejects"));
    m_worker = new RejectsWorker(storePath);
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start();
}

RejectsModel::~RejectsModel() {
    // After wait() no job runs: none can post to this model any more.
    m_thread->quit();
    m_thread->wait();
}

int RejectsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int RejectsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

const cadf::store::RejectRow* RejectsModel::rejectAt(int row) const {
    return row >= 0 && row < rowCount() ? &m_rows[static_cast<std::size_t>(row)] : nullptr;
}

QString RejectsModel::reasonTitle(cadf::RejectReason reason) {
    return QCoreApplication::translate("RejectReason", cadf::rejectReasonTitle(reason));
}

QVariant RejectsModel::data(const QModelIndex& index, int role) const {
    const cadf::store::RejectRow* reject = rejectAt(index.row());
    if (!reject || !index.isValid())
        return {};
    const QLocale locale;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case ReasonColumn:
            return reasonTitle(reject->reason);
        case SourceColumn:
            return QString::fromStdString(reject->sourceName);
        case LineColumn:
            return locale.toString(reject->lineNo);
        case OffsetColumn:
            return locale.toString(reject->byteOffset);
        case SizeColumn:
            return locale.toString(reject->rawSize);
        case DetailColumn:
            // One line in the table; the detail is free text from the parser or the listener.
            return QString::fromStdString(reject->detail).simplified();
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == DetailColumn)
        return QString::fromStdString(reject->detail);
    if (role == Qt::ToolTipRole && index.column() == ReasonColumn)
        return QString::fromLatin1(cadf::rejectReasonKey(reject->reason));
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(Qt::Alignment(
            (index.column() >= LineColumn && index.column() <= SizeColumn ? Qt::AlignRight
                                                                          : Qt::AlignLeft) |
            Qt::AlignVCenter));
    return {};
}

QVariant RejectsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ReasonColumn:
        return tr("Reason");
    case SourceColumn:
        return tr("Source");
    case LineColumn:
        return tr("Line", "record number in its source");
    case OffsetColumn:
        return tr("Byte offset");
    case SizeColumn:
        return tr("Bytes");
    case DetailColumn:
        return tr("Detail");
    default:
        return {};
    }
}

bool RejectsModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && !m_atEnd && !m_fetching;
}

void RejectsModel::fetchMore(const QModelIndex& parent) {
    if (canFetchMore(parent))
        request(m_total < 0);
}

void RejectsModel::reload() {
    ++m_generation;
    m_fetching = true; // views ask for more rows on the reset: this request is the one
    beginResetModel();
    m_rows.clear();
    m_atEnd = false;
    endResetModel();
    request(true);
}

void RejectsModel::request(bool withSummary) {
    m_fetching = true;
    const quint64 generation = m_generation;
    const std::int64_t afterId = m_rows.empty() ? 0 : m_rows.back().id;
    auto* worker = static_cast<RejectsWorker*>(m_worker);
    QMetaObject::invokeMethod(worker, [this, worker, generation, afterId, withSummary] {
        auto page = std::make_shared<Page>();
        page->withSummary = withSummary;
        if (cadf::store::StoreReader* reader = worker->reader(page->error)) {
            page->rows = reader->rejects(kPageSize, afterId);
            if (withSummary)
                page->counts = reader->rejectCountsByReason();
            if (reader->lastError())
                page->error = QString::fromStdString(reader->lastError().message);
        }
        QMetaObject::invokeMethod(this, [this, generation, page] { apply(generation, *page); });
    });
}

void RejectsModel::apply(quint64 generation, const Page& page) {
    if (generation != m_generation)
        return; // a reload started since
    // Still "fetching" while the rows go in: a view (or the model tester) that asks for more
    // from inside the insertion would otherwise request the same page again.
    if (!page.error.isEmpty()) {
        m_fetching = false;
        m_atEnd = true;
        Q_EMIT loadFailed(page.error);
        return;
    }
    if (page.rows.size() < static_cast<std::size_t>(kPageSize))
        m_atEnd = true;
    if (!page.rows.empty()) {
        const int first = rowCount();
        beginInsertRows({}, first, first + static_cast<int>(page.rows.size()) - 1);
        m_rows.insert(m_rows.end(), page.rows.begin(), page.rows.end());
        endInsertRows();
    }
    m_fetching = false;
    if (page.withSummary) {
        m_reasonCounts.clear();
        m_total = 0;
        std::vector<cadf::store::ReasonCount> counts = page.counts;
        std::sort(counts.begin(), counts.end(),
                  [](const auto& a, const auto& b) { return a.count > b.count; });
        for (const cadf::store::ReasonCount& c : counts) {
            m_reasonCounts.append({reasonTitle(c.reason), c.count});
            m_total += c.count;
        }
        Q_EMIT summaryChanged();
    }
}

QString RejectsModel::printable(const std::string& bytes) {
    QString out;
    out.reserve(static_cast<qsizetype>(bytes.size()));
    const auto escape = [&out](unsigned char byte) {
        out += QStringLiteral("\\x%1").arg(byte, 2, 16, QLatin1Char('0'));
    };
    std::size_t i = 0;
    while (i < bytes.size()) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (c < 0x80) {
            if (c < 0x20 && c != '\t')
                escape(c);
            else if (c == 0x7f)
                escape(c);
            else
                out += QLatin1Char(static_cast<char>(c));
            ++i;
            continue;
        }
        // The length a lead byte announces; the sequence is taken only when it decodes cleanly.
        const std::size_t length = (c >> 5) == 0x6    ? 2
                                   : (c >> 4) == 0xe  ? 3
                                   : (c >> 3) == 0x1e ? 4
                                                      : 0;
        if (length > 0 && i + length <= bytes.size()) {
            const QString decoded =
                QString::fromUtf8(bytes.data() + i, static_cast<qsizetype>(length));
            if (!decoded.contains(QChar::ReplacementCharacter)) {
                out += decoded;
                i += length;
                continue;
            }
        }
        escape(c);
        ++i;
    }
    return out;
}

QString RejectsModel::hexDump(const std::string& bytes) {
    QString out;
    for (std::size_t line = 0; line < bytes.size(); line += 16) {
        QString hex;
        QString ascii;
        for (std::size_t i = line; i < line + 16; ++i) {
            if (i < bytes.size()) {
                const auto c = static_cast<unsigned char>(bytes[i]);
                hex += QStringLiteral("%1 ").arg(c, 2, 16, QLatin1Char('0'));
                ascii +=
                    c >= 0x20 && c < 0x7f ? QLatin1Char(static_cast<char>(c)) : QLatin1Char('.');
            } else {
                hex += QStringLiteral("   ");
            }
            if (i == line + 7)
                hex += QLatin1Char(' ');
        }
        out += QStringLiteral("%1  %2 |%3|\n")
                   .arg(static_cast<qulonglong>(line), 8, 16, QLatin1Char('0'))
                   .arg(hex, ascii);
    }
    return out;
}
