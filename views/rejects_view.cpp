#include "views/rejects_view.h"

#include "models/itemmodels/rejects_model.h"
#include "views/plain_tooltips.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace {

QLabel* plainLabel(QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText); // reject text comes from the input: never rich text
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

QPlainTextEdit* bytesPane(QWidget* parent) {
    auto* pane = new QPlainTextEdit(parent);
    pane->setReadOnly(true);
    pane->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return pane;
}

} // namespace

RejectsView::RejectsView(RejectsModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model) {
    m_summary = plainLabel(this);
    m_table = new QTableView(this);
    showPlainToolTips(m_table);
    m_table->setModel(model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->horizontalHeader()->setStretchLastSection(true);
    const QFontMetrics metrics = m_table->fontMetrics();
    m_table->setColumnWidth(RejectsModel::ReasonColumn,
                            metrics.horizontalAdvance(QStringLiteral("JSON nested too deeply__")));
    m_table->setColumnWidth(RejectsModel::SourceColumn, metrics.horizontalAdvance(QStringLiteral(
                                                            "/var/log/audit/audit-2023.log")));
    for (int column :
         {RejectsModel::LineColumn, RejectsModel::OffsetColumn, RejectsModel::SizeColumn})
        m_table->setColumnWidth(column, metrics.horizontalAdvance(QStringLiteral("1,000,000,00")));

    m_position = plainLabel(this);
    m_raw = bytesPane(this);
    m_raw->setPlaceholderText(tr("Select a reject to see its bytes."));
    m_raw->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_hex = bytesPane(this);
    m_hex->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(m_raw, tr("Text"));
    m_tabs->addTab(m_hex, tr("Hex"));

    auto* bottom = new QWidget(this);
    auto* bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(m_position);
    bottomLayout->addWidget(m_tabs);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_summary);
    layout->addWidget(splitter, 1);

    connect(model, &RejectsModel::summaryChanged, this, &RejectsView::updateSummary);
    connect(model, &RejectsModel::loadFailed, this, [this](const QString& message) {
        m_summary->setText(tr("Cannot read the rejects: %1").arg(message));
    });
    connect(model, &QAbstractItemModel::modelReset, this, [this] { showReject(-1); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { showReject(current.row()); });
    updateSummary();
}

QString RejectsView::summaryText() const {
    return m_summary->text();
}

QString RejectsView::rawText() const {
    return m_raw->toPlainText();
}

QString RejectsView::hexText() const {
    return m_hex->toPlainText();
}

void RejectsView::updateSummary() {
    const QLocale locale;
    if (m_model->totalRejects() < 0) {
        m_summary->setText(tr("Reading the rejects\u2026"));
        return;
    }
    if (m_model->totalRejects() == 0) {
        m_summary->setText(tr("No rejects: every record became an event."));
        return;
    }
    QStringList parts;
    for (const auto& [title, count] : m_model->reasonCounts())
        parts << tr("%1: %2").arg(title, locale.toString(count));
    m_summary->setText(
        tr("%Ln record(s) did not become events. ", "", int(m_model->totalRejects())) +
        parts.join(QStringLiteral(" \u00b7 ")));
}

void RejectsView::showReject(int row) {
    const cadf::store::RejectRow* reject = m_model->rejectAt(row);
    if (!reject) {
        m_position->clear();
        m_raw->clear();
        m_hex->clear();
        return;
    }
    const QLocale locale;
    QString position =
        tr("%1, line %2, byte offset %3: %4")
            .arg(QString::fromStdString(reject->sourceName), locale.toString(reject->lineNo),
                 locale.toString(reject->byteOffset), RejectsModel::reasonTitle(reject->reason));
    if (!reject->detail.empty())
        position +=
            QStringLiteral(" (") + QString::fromStdString(reject->detail) + QLatin1Char(')');
    if (reject->rawSize > static_cast<std::int64_t>(reject->raw.size()))
        position += QLatin1Char('\n') + tr("Showing the first %1 of %2 bytes.")
                                            .arg(locale.toString(qint64(reject->raw.size())),
                                                 locale.toString(reject->rawSize));
    m_position->setText(position);
    m_raw->setPlainText(RejectsModel::printable(reject->raw));
    m_hex->setPlainText(RejectsModel::hexDump(reject->raw));
}
