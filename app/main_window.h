#pragma once

#include "models/ingest/file_importer.h"
#include "models/itemmodels/event_table_reader.h"

#include <QMainWindow>
#include <QString>
#include <QStringList>

#include <vector>

class AppSettings;
class EventDetailPane;
class EventTableModel;
class EventTableView;
class ImportController;
class ImportProgressWidget;
class DashboardPages;
class InventoryDocks;
class RejectsDock;
class QAction;
class QLabel;
class QMenu;
class QSplitter;
class QStackedWidget;
class QTimer;
class WelcomePage;
class WorkspaceController;

// The one window: the event table over the store (or the welcome page while the store is empty),
// the raw record of the selected event below it, imports with progress in the status bar. Wiring
// only: queries run in EventTableModel's reader thread, imports in ImportController's thread.
class MainWindow : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    MainWindow(const QString& storePath, AppSettings& settings, QWidget* parent = nullptr);
    ~MainWindow() override;

    void importFiles(const QStringList& files);
    void loadSample();

    EventTableModel* eventModel() const { return m_model; }
    EventTableView* eventView() const { return m_table; }
    EventDetailPane* detailPane() const { return m_detail; }
    WelcomePage* welcomePage() const { return m_welcome; }
    WorkspaceController* workspace() const { return m_workspace; }
    ImportController* importController() const { return m_import; }
    InventoryDocks* inventoryDocks() const { return m_inventory; }
    RejectsDock* rejectsDock() const { return m_rejects; }
    ImportProgressWidget* progressWidget() const { return m_progress; }
    bool isWelcomeShown() const;
    QString statusText() const;
    // The summary dialog opens after each import (off in tests that import many times).
    void setShowImportSummary(bool show) { m_showSummary = show; }

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    void createMenus();
    void restoreSettings();
    void saveSettings();
    void openFiles();
    void rebuildRecentMenu();
    void showAbout();
    void updateStatus();
    void updatePage();
    void showCurrentEvent();
    void onImportStarted(int fileCount);
    void onImportFinished(const std::vector<cadf::ingest::FileImportResult>& results,
                          const QString& error);
    void onEventLoaded(qint64 id, StoredEventPtr event);
    void showError(const QString& title, const QString& message);

    const QString m_storePath;
    AppSettings& m_settings;
    EventTableModel* m_model = nullptr;
    ImportController* m_import = nullptr;
    DashboardPages* m_dashboards = nullptr;
    InventoryDocks* m_inventory = nullptr;
    RejectsDock* m_rejects = nullptr;

    QStackedWidget* m_stack = nullptr;
    WelcomePage* m_welcome = nullptr;
    QSplitter* m_splitter = nullptr;          // histogram / table / detail
    QSplitter* m_workspaceSplitter = nullptr; // facets | m_splitter
    WorkspaceController* m_workspace = nullptr;
    qint64 m_lastTotal = -1;
    EventTableView* m_table = nullptr;
    EventDetailPane* m_detail = nullptr;
    QLabel* m_status = nullptr;
    ImportProgressWidget* m_progress = nullptr;
    QTimer* m_refreshTimer = nullptr;

    QAction* m_openAction = nullptr;
    QAction* m_sampleAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_cancelImportAction = nullptr;
    QAction* m_detailAction = nullptr;
    QAction* m_newestFirstAction = nullptr;
    QAction* m_refreshAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QMenu* m_recentMenu = nullptr;

    qint64 m_wantedEventId = 0;
    QString m_storeError;
    bool m_showSummary = true;
};
