#pragma once

#include <QStringList>
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

// What an empty store shows: open a log, or load the bundled sample, or drop files on the window.
class WelcomePage : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WelcomePage)

public:
    explicit WelcomePage(QWidget* parent = nullptr);

    void setRecentFiles(const QStringList& files);
    QPushButton* openButton() const { return m_open; }
    QPushButton* sampleButton() const { return m_sample; }

Q_SIGNALS:
    void openFileRequested();
    void loadSampleRequested();
    void recentFileActivated(const QString& path);

private:
    QPushButton* m_open = nullptr;
    QPushButton* m_sample = nullptr;
    QLabel* m_recentTitle = nullptr;
    QListWidget* m_recent = nullptr;
};
