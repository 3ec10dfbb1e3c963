#pragma once

#include <QDialog>

#include <vector>

namespace cadf::ingest {
struct FileImportResult;
}

class QLabel;
class QTreeWidget;

// What an import did: per file the events imported, duplicates skipped and lines rejected, and
// the rejects by reason. Every value is shown as plain text.
class ImportSummaryDialog : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportSummaryDialog)

public:
    // `error`: why the import could not run at all (the store could not be written), or empty.
    ImportSummaryDialog(const std::vector<cadf::ingest::FileImportResult>& results,
                        const QString& error, QWidget* parent = nullptr);

    QString headline() const;
    QTreeWidget* filesTable() const { return m_files; }
    QTreeWidget* reasonsTable() const { return m_reasons; }

private:
    QLabel* m_headline = nullptr;
    QTreeWidget* m_files = nullptr;
    QTreeWidget* m_reasons = nullptr;
};
