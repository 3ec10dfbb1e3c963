#pragma once

#include <QWidget>

namespace cadf::ingest {
struct ImportProgress;
}

class QLabel;
class QProgressBar;
class QPushButton;

// A running import, for the status bar: which file, a progress bar over the bytes of all files,
// bytes and events per second, and Cancel.
class ImportProgressWidget : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportProgressWidget)

public:
    explicit ImportProgressWidget(QWidget* parent = nullptr);

    void start(int fileCount);
    void setProgress(const cadf::ingest::ImportProgress& progress);
    // Cancel was pressed: the import finishes the batch in hand.
    void setCancelling();

    QPushButton* cancelButton() const { return m_cancel; }
    QString detailText() const;

Q_SIGNALS:
    void cancelRequested();

private:
    QLabel* m_file = nullptr;
    QProgressBar* m_bar = nullptr;
    QLabel* m_detail = nullptr;
    QPushButton* m_cancel = nullptr;
};
