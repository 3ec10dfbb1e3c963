#include "app/rejects_dock.h"

#include "models/itemmodels/rejects_model.h"
#include "views/rejects_view.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>

RejectsDock::RejectsDock(const QString& storePath, QMainWindow* window)
    : QObject(window) {
    m_model = new RejectsModel(storePath, this);
    m_view = new RejectsView(m_model);
    m_dock = new QDockWidget(tr("Rejects"), window);
    m_dock->setObjectName(QStringLiteral("rejectsDock")); // saveState() key
    m_dock->setWidget(m_view);
    window->addDockWidget(Qt::BottomDockWidgetArea, m_dock);
    m_dock->hide();
    m_dock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_dock->toggleViewAction()->setStatusTip(
        tr("Records that did not become events: why, where, and their bytes"));
    connect(m_dock, &QDockWidget::visibilityChanged, this, [this, window](bool visible) {
        if (visible && !m_sized) {
            // The events stay the main view: the dock takes a third of the window.
            m_sized = true;
            window->resizeDocks({m_dock}, {window->height() / 3}, Qt::Vertical);
        }
        if (visible && m_stale) {
            m_stale = false;
            m_model->reload();
        }
    });
}

void RejectsDock::addViewAction(QMenu* menu) {
    menu->addAction(m_dock->toggleViewAction());
}

void RejectsDock::storeChanged() {
    if (m_dock->isVisible())
        m_model->reload();
    else
        m_stale = true;
}
