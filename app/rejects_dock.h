#pragma once

#include <QObject>
#include <QString>

class QDockWidget;
class QMainWindow;
class QMenu;
class RejectsModel;
class RejectsView;

// The Rejects view as a dock of the main window, hidden until opened from the View menu. It reads
// the store when first shown and again after each import while shown (or when shown next).
class RejectsDock : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RejectsDock)

public:
    RejectsDock(const QString& storePath, QMainWindow* window);

    void addViewAction(QMenu* menu);
    // New rejects may exist (an import finished, the listener stopped).
    void storeChanged();

    QDockWidget* dock() const { return m_dock; }
    RejectsView* view() const { return m_view; }
    RejectsModel* model() const { return m_model; }

private:
    RejectsModel* m_model = nullptr;
    RejectsView* m_view = nullptr;
    QDockWidget* m_dock = nullptr;
    bool m_stale = true;
    bool m_sized = false;
};
