#include "views/import_summary_dialog.h"

#include "models/cadf/reject.h"
#include "models/ingest/file_importer.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <map>
#include <string>

namespace {

constexpr int kFirstReason = static_cast<int>(cadf::RejectReason::EmptyLine);
constexpr int kLastReason = static_cast<int>(cadf::RejectReason::IncompleteFrame);

// The reason's English title from its stable key, translated at this edge.
QString reasonTitle(const std::string& key) {
    for (int r = kFirstReason; r <= kLastReason; ++r) {
        const auto reason = static_cast<cadf::RejectReason>(r);
        if (key == cadf::rejectReasonKey(reason))
            return QCoreApplication::translate("RejectReason", cadf::rejectReasonTitle(reason));
    }
    return QString::fromStdString(key);
}

QLabel* plainLabel(QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

void rightAlignNumbers(QTreeWidgetItem* item, int firstNumber, int lastNumber) {
    for (int c = firstNumber; c <= lastNumber; ++c)
        item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
}

} // namespace

ImportSummaryDialog::ImportSummaryDialog(const std::vector<cadf::ingest::FileImportResult>& results,
                                         const QString& error, QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Import Summary"));
    const QLocale locale;

    qint64 events = 0, duplicates = 0, rejected = 0;
    bool cancelled = false;
    int failedFiles = 0;
    std::map<std::string, qint64> reasons;
    for (const auto& result : results) {
        events += result.events;
        duplicates += result.duplicates;
        rejected += result.rejected;
        cancelled = cancelled || result.cancelled;
        failedFiles += result.error.empty() ? 0 : 1;
        for (const auto& [key, count] : result.rejectsByReason)
            reasons[key] += count;
    }

    m_headline = plainLabel(this);
    QFont headlineFont = m_headline->font();
    headlineFont.setBold(true);
    m_headline->setFont(headlineFont);
    QString headline;
    if (!error.isEmpty())
        headline = tr("The import failed: %1").arg(error);
    else if (cancelled)
        headline = tr("Import cancelled. %1 new events were kept.").arg(locale.toString(events));
    else
        headline = results.size() == 1
                       ? tr("Imported %1 new events from one file.").arg(locale.toString(events))
                       : tr("Imported %1 new events from %2 files.")
                             .arg(locale.toString(events), locale.toString(int(results.size())));
    m_headline->setText(headline);

    auto* totals = plainLabel(this);
    totals->setText(
        tr("New events: %1    Duplicates skipped: %2    Rejected records: %3")
            .arg(locale.toString(events), locale.toString(duplicates), locale.toString(rejected)));

    m_files = new QTreeWidget(this);
    m_files->setRootIsDecorated(false);
    m_files->setUniformRowHeights(true);
    m_files->setHeaderLabels(
        {tr("File"), tr("Events"), tr("Duplicates"), tr("Rejected"), tr("Status")});
    for (const auto& result : results) {
        const QString path = QString::fromStdString(result.path);
        QString status = tr("done", "import status");
        if (!result.error.empty())
            status = tr("not imported: %1").arg(QString::fromStdString(result.error));
        else if (result.cancelled)
            status = tr("cancelled", "import status");
        else if (!result.warning.empty())
            status = tr("read in part: %1").arg(QString::fromStdString(result.warning));
        auto* item = new QTreeWidgetItem(m_files, {QFileInfo(path).fileName(),
                                                   locale.toString(result.events),
                                                   locale.toString(result.duplicates),
                                                   locale.toString(result.rejected), status});
        item->setData(0, Qt::UserRole, QDir::toNativeSeparators(path));
        rightAlignNumbers(item, 1, 3);
    }
    m_files->header()->setStretchLastSection(true);
    // As tall as its rows (between 3 and 10), so one file does not leave a tall empty box.
    const int rowHeight = m_files->fontMetrics().height() + 6;
    const int shown = std::clamp(int(results.size()), 3, 10);
    m_files->setMaximumHeight(m_files->header()->sizeHint().height() + shown * rowHeight +
                              2 * m_files->frameWidth() + 4);
    for (int c = 0; c < 4; ++c)
        m_files->resizeColumnToContents(c);

    auto* reasonsTitle = plainLabel(this);
    reasonsTitle->setText(reasons.empty() ? tr("No records were rejected.")
                                          : tr("Rejected records by reason:"));
    m_reasons = new QTreeWidget(this);
    m_reasons->setRootIsDecorated(false);
    m_reasons->setUniformRowHeights(true);
    m_reasons->setHeaderLabels({tr("Reason"), tr("Records")});
    for (const auto& [key, count] : reasons) {
        auto* item = new QTreeWidgetItem(m_reasons, {reasonTitle(key), locale.toString(count)});
        rightAlignNumbers(item, 1, 1);
    }
    m_reasons->resizeColumnToContents(0);
    m_reasons->setMaximumHeight(m_reasons->header()->sizeHint().height() +
                                std::clamp(int(reasons.size()), 3, kLastReason) * rowHeight +
                                2 * m_reasons->frameWidth() + 4);
    m_reasons->setVisible(!reasons.empty());

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_headline);
    layout->addWidget(totals);
    layout->addSpacing(6);
    layout->addWidget(m_files);
    layout->addSpacing(6);
    layout->addWidget(reasonsTitle);
    layout->addWidget(m_reasons);
    layout->addStretch(1);
    layout->addWidget(buttons);
    if (failedFiles > 0)
        m_files->setToolTip(tr("Files that could not be read are listed with the reason."));
    resize(std::max(sizeHint().width(), 640), sizeHint().height());
}

QString ImportSummaryDialog::headline() const {
    return m_headline->text();
}
