#include "views/import_progress_widget.h"

#include "models/ingest/file_importer.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>

#include <algorithm>

ImportProgressWidget::ImportProgressWidget(QWidget* parent)
    : QWidget(parent) {
    m_file = new QLabel(this);
    m_file->setTextFormat(Qt::PlainText);
    m_file->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_file->setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('x')) * 16);
    m_file->setMaximumWidth(fontMetrics().horizontalAdvance(QLatin1Char('x')) * 40);

    m_bar = new QProgressBar(this);
    m_bar->setRange(0, 1000);
    m_bar->setTextVisible(true);
    m_bar->setFixedWidth(fontMetrics().horizontalAdvance(QLatin1Char('x')) * 24);

    m_detail = new QLabel(this);
    m_detail->setTextFormat(Qt::PlainText);

    m_cancel = new QPushButton(tr("Cancel", "stop the running import"), this);
    m_cancel->setToolTip(tr("Stop the import; what was read so far is kept"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addWidget(m_file);
    layout->addWidget(m_bar);
    layout->addWidget(m_detail);
    layout->addWidget(m_cancel);

    connect(m_cancel, &QPushButton::clicked, this, &ImportProgressWidget::cancelRequested);
}

void ImportProgressWidget::start(int fileCount) {
    // Whole sentences per case: without a loaded translation "%n file(s)" would show as is.
    m_file->setText(fileCount == 1 ? tr("Importing one file\u2026")
                                   : tr("Importing %1 files\u2026").arg(fileCount));
    m_bar->setRange(0, 1000);
    m_bar->setValue(0);
    m_bar->setFormat(QStringLiteral("%p%"));
    m_detail->clear();
    m_cancel->setEnabled(true);
    m_cancel->setText(tr("Cancel", "stop the running import"));
}

void ImportProgressWidget::setProgress(const cadf::ingest::ImportProgress& progress) {
    const QLocale locale;
    const QString name = QFileInfo(QString::fromStdString(progress.path)).fileName();
    const QString file =
        progress.fileCount > 1
            ? tr("%1 (%2 of %3)").arg(name).arg(progress.fileIndex + 1).arg(progress.fileCount)
            : name;
    m_file->setText(
        m_file->fontMetrics().elidedText(file, Qt::ElideMiddle, m_file->maximumWidth()));
    m_file->setToolTip(QString());

    if (progress.bytesTotal > 0) {
        const double share =
            static_cast<double>(progress.bytesDone) / static_cast<double>(progress.bytesTotal);
        m_bar->setRange(0, 1000);
        m_bar->setValue(static_cast<int>(std::clamp(share, 0.0, 1.0) * 1000));
    } else {
        m_bar->setRange(0, 0); // unknown size: a busy indicator
    }
    const double seconds = progress.seconds > 0.001 ? progress.seconds : 0.001;
    const auto perSecond = static_cast<qint64>(static_cast<double>(progress.events) / seconds);
    m_detail->setText(tr("%1 of %2 \u00b7 %3 events \u00b7 %4 events/s")
                          .arg(locale.formattedDataSize(progress.bytesDone),
                               locale.formattedDataSize(progress.bytesTotal),
                               locale.toString(progress.events), locale.toString(perSecond)));
}

void ImportProgressWidget::setCancelling() {
    m_cancel->setEnabled(false);
    m_cancel->setText(tr("Cancelling\u2026"));
}

QString ImportProgressWidget::detailText() const {
    return m_detail->text();
}
