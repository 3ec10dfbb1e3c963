#include "app/main_window.h"

#include "app/app_settings.h"
#include "app/import_controller.h"
#include "app/inventory_docks.h"
#include "app/listen_controller.h"
#include "app/listen_ui.h"
#include "app/rejects_dock.h"
#include "app/view_navigator.h"
#include "app/workspace_controller.h"
#include "models/inventory/catalogue.h"
#include "models/itemmodels/event_table_model.h"
#include "views/dashboard/overview_dashboard.h"
#include "views/dashboard/service_dashboard_view.h"
#include "views/drilldown_page.h"
#include "views/event_detail_pane.h"
#include "views/event_table_view.h"
#include "views/facet_sidebar.h"
#include "views/filter_bar.h"
#include "views/import_progress_widget.h"
#include "views/import_summary_dialog.h"
#include "views/inventory_view.h"
#include "views/outcomes_page.h"
#include "views/profile_page.h"
#include "views/time_histogram.h"
#include "views/time_range_button.h"
#include "views/welcome_page.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>

namespace {

// How often the table asks the store whether another connection committed (PRAGMA
// data_version): new events from an import show up within this time.
constexpr int kRefreshIntervalMs = 1000;

QStringList localFiles(const QMimeData* mime) {
    QStringList files;
    if (!mime || !mime->hasUrls())
        return files;
    for (const QUrl& url : mime->urls()) {
        if (url.isLocalFile())
            files.append(url.toLocalFile());
    }
    return files;
}

} // namespace

MainWindow::MainWindow(const QString& storePath, AppSettings& settings, QWidget* parent)
    : QMainWindow(parent)
    , m_storePath(storePath)
    , m_settings(settings) {
    setWindowTitle(tr("%1 \u2014 cadfscope").arg(QFileInfo(storePath).fileName()));
    setAcceptDrops(true);

    m_model = new EventTableModel(storePath, this);
    m_import = new ImportController(storePath, this);

    m_welcome = new WelcomePage(this);
    m_table = new EventTableView(this);
    m_table->setModel(m_model);
    m_detail = new EventDetailPane(this);
    m_workspace = new WorkspaceController(storePath, m_model, m_table, m_detail, settings, this);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->addWidget(m_workspace->histogram());
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setStretchFactor(2, 2);
    m_splitter->setChildrenCollapsible(false);

    // One filter, many views of it: the facets beside the events, the filter bar above both.
    m_workspaceSplitter = new QSplitter(Qt::Horizontal, this);
    m_workspaceSplitter->addWidget(m_workspace->facetSidebar());
    m_workspaceSplitter->addWidget(m_splitter);
    m_workspaceSplitter->setStretchFactor(0, 0);
    m_workspaceSplitter->setStretchFactor(1, 1);
    m_workspaceSplitter->setChildrenCollapsible(false);

    QToolBar* filterToolBar = addToolBar(tr("Filter"));
    filterToolBar->setObjectName(QStringLiteral("filterToolBar"));
    filterToolBar->setMovable(false);
    m_navigator = new ViewNavigator(m_workspace->filterBar(), this);
    filterToolBar->addAction(m_navigator->backAction());
    filterToolBar->addAction(m_navigator->forwardAction());
    filterToolBar->addWidget(m_workspace->filterBar());
    auto* timeRange = new TimeRangeButton(this);
    filterToolBar->addWidget(timeRange);
    connect(timeRange, &TimeRangeButton::rangeChosen, m_workspace->filterBar(),
            &FilterBar::setTextAndApply);
    connect(m_workspace->filterBar(), &FilterBar::filterApplied, timeRange,
            [timeRange](const QString& text) { timeRange->setFilterText(text); });
    filterToolBar->addSeparator();
    filterToolBar->addAction(m_workspace->localTimeAction());

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_workspaceSplitter);
    m_stack->addWidget(m_welcome);

    m_status = new QLabel(this);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addWidget(m_status, 1);
    m_progress = new ImportProgressWidget(this);
    m_progress->setVisible(false);
    statusBar()->addPermanentWidget(m_progress);

    // Inventory and Unclassified docks (View menu): they count under the filter bar's filter, and
    // a double-click there adds to it.
    m_rejects = new RejectsDock(storePath, this);
    m_inventory = new InventoryDocks(storePath, this);
    m_inventory->attachFilterBar(m_workspace->filterBar(), m_workspace->localTimeAction());
    connect(m_inventory, &InventoryDocks::message, this,
            [this](const QString& text) { statusBar()->showMessage(text, 10000); });
    // Overview and service dashboards (View menu), refreshed as events arrive.

    createViews();
    createActions();
    createMenus();
    restoreSettings();

    connect(m_welcome, &WelcomePage::openFileRequested, this, &MainWindow::openFiles);
    connect(m_welcome, &WelcomePage::loadSampleRequested, this, &MainWindow::loadSample);
    connect(m_welcome, &WelcomePage::recentFileActivated, this,
            [this](const QString& path) { importFiles({path}); });

    connect(m_model, &EventTableModel::countChanged, this, [this] {
        // New events (an import, a live source): the facets and the histogram count again.
        if (m_model->totalEvents() != m_lastTotal) {
            m_workspace->storeChanged();
            m_navigator->storeChanged();
        }
        m_lastTotal = m_model->totalEvents();
        updateStatus();
        updatePage();
    });
    connect(m_model, &EventTableModel::readError, this, [this](const QString& message) {
        statusBar()->showMessage(tr("Reading the store failed: %1").arg(message), 10000);
    });
    connect(m_model, &EventTableModel::eventLoaded, this, &MainWindow::onEventLoaded);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::showCurrentEvent);
    // A row's page arriving (or being replaced after a refresh) may change the current event.
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex& topLeft, const QModelIndex& bottomRight) {
                const int row = m_table->currentIndex().row();
                if (row >= topLeft.row() && row <= bottomRight.row())
                    showCurrentEvent();
            });

    const auto installServiceNames = [this] {
        // The catalogue was parsed on the import thread before this signal; here it is a
        // look-up in memory.
        const cadf::inventory::Catalogue& catalogue = cadf::inventory::Catalogue::builtIn();
        m_model->setServiceNameProvider([&catalogue](int id) {
            const cadf::inventory::ServiceInfo* service = catalogue.serviceById(id);
            return service ? QString::fromStdString(service->name) : QString();
        });
        m_model->setEndpointNameProvider([&catalogue](int id) {
            const cadf::inventory::CatalogueRow* row = catalogue.rowById(id);
            return row ? QString::fromStdString(row->description) : QString();
        });
    };
    connect(m_import, &ImportController::storeOpened, this, [this, installServiceNames] {
        installServiceNames();
        m_storeError.clear();
        m_model->reload();
    });
    connect(m_import, &ImportController::storeFailed, this,
            [this, installServiceNames](const QString& message) {
                installServiceNames();
                m_storeError = message;
                updateStatus();
                showError(tr("The store cannot be opened"),
                          tr("%1\n\n%2").arg(QDir::toNativeSeparators(m_storePath), message));
            });
    connect(m_import, &ImportController::importStarted, this, &MainWindow::onImportStarted);
    connect(m_import, &ImportController::progress, m_progress, &ImportProgressWidget::setProgress);
    connect(m_import, &ImportController::importFinished, this, &MainWindow::onImportFinished);
    connect(m_progress, &ImportProgressWidget::cancelRequested, m_cancelImportAction,
            &QAction::trigger);

    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setInterval(kRefreshIntervalMs);
    connect(m_refreshTimer, &QTimer::timeout, m_model, &EventTableModel::refreshIfChanged);
    m_refreshTimer->start();

    // The live listener brings its own menu, dock and status figures (app/listen_ui.*).
    auto* listen = new ListenUi(this, storePath);
    // Live events go through the import's writer: one writer thread per store.
    listen->controller()->setWriterSource(m_import->writerSource());
    if (auto* senders = findChild<QDockWidget*>(QStringLiteral("sendersDock")))
        m_navigator->addDockEntry(senders);

    updateStatus();
    m_import->open();
}

MainWindow::~MainWindow() = default;

void MainWindow::createViews() {
    // Every view shows the filter bar's filter; clicks in them are steps Back/Forward walk.
    m_navigator->addPage(ViewNavigator::events(), tr("Events"), m_stack);
    const cadf::inventory::Catalogue& catalogue = cadf::inventory::Catalogue::builtIn();
    m_navigator->addQueryPage(ViewNavigator::overview(), tr("Overview"),
                              new OverviewDashboard(m_storePath, catalogue, this));
    auto* serviceDashboard = new ServiceDashboardView(m_storePath, catalogue, this);
    m_navigator->addQueryPage(ViewNavigator::services(), tr("Services"), serviceDashboard);
    // The service first, then the page shows: a service dashboard step (tile, chooser, Back).
    m_navigator->setServiceDashboardHandler(
        [serviceDashboard](const QString& service) { serviceDashboard->setService(service); });
    using Table = DrilldownPage::Table;
    m_navigator->addQueryPage(ViewNavigator::initiators(), tr("Initiators"),
                              new DrilldownPage(Table::Initiators, m_storePath, this));
    m_navigator->addQueryPage(ViewNavigator::targets(), tr("Targets"),
                              new DrilldownPage(Table::Targets, m_storePath, this));
    m_navigator->addQueryPage(ViewNavigator::outcomes(), tr("Outcomes"),
                              new OutcomesPage(m_storePath, this));
    m_navigator->addQueryPage(ViewNavigator::conversations(), tr("Conversations"),
                              new DrilldownPage(Table::Conversations, m_storePath, this));
    m_navigator->setProfilePage(new ProfilePage(m_storePath, this));
    m_navigator->addListSeparator();
    // The service dashboard from the facet sidebar's and the Inventory's service rows too.
    connect(m_workspace->facetSidebar(), &FacetSidebar::serviceDashboardRequested, m_navigator,
            &ViewNavigator::openServiceDashboard);
    connect(m_inventory->inventoryView(), &InventoryView::serviceDashboardRequested, m_navigator,
            &ViewNavigator::openServiceDashboard);
    m_navigator->addDockEntry(m_inventory->inventoryDock());
    m_navigator->addDockEntry(m_inventory->unclassifiedDock());
    m_navigator->addDockEntry(m_rejects->dock());
    m_navigator->setLocalTime(m_workspace->localTimeAction()->isChecked());
    connect(m_workspace->localTimeAction(), &QAction::toggled, m_navigator,
            &ViewNavigator::setLocalTime);
    setCentralWidget(m_navigator->widget());
}

void MainWindow::createActions() {
    m_openAction = new QAction(tr("&Open\u2026"), this);
    m_openAction->setShortcut(QKeySequence::Open);
    m_openAction->setStatusTip(tr("Import one or more audit log files into the store"));
    connect(m_openAction, &QAction::triggered, this, &MainWindow::openFiles);

    m_sampleAction = new QAction(tr("Load &Sample Log"), this);
    m_sampleAction->setStatusTip(tr("Import the small QRadar Suite log bundled with cadfscope"));
    connect(m_sampleAction, &QAction::triggered, this, &MainWindow::loadSample);

    m_cancelImportAction = new QAction(tr("&Cancel Import"), this);
    m_cancelImportAction->setEnabled(false);
    connect(m_cancelImportAction, &QAction::triggered, this, [this] {
        m_import->cancel();
        m_progress->setCancelling();
        m_cancelImportAction->setEnabled(false);
    });

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_detailAction = new QAction(tr("&Detail Pane"), this);
    m_detailAction->setCheckable(true);
    m_detailAction->setChecked(true);
    m_detailAction->setShortcut(QKeySequence(tr("Ctrl+D", "View|Detail Pane")));
    connect(m_detailAction, &QAction::toggled, m_detail, &QWidget::setVisible);

    m_newestFirstAction = new QAction(tr("&Newest Events First"), this);
    m_newestFirstAction->setCheckable(true);
    connect(m_newestFirstAction, &QAction::toggled, this, [this](bool newestFirst) {
        m_table->horizontalHeader()->setSortIndicator(
            EventTableModel::TimeColumn, newestFirst ? Qt::DescendingOrder : Qt::AscendingOrder);
    });

    m_refreshAction = new QAction(tr("&Refresh"), this);
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    connect(m_refreshAction, &QAction::triggered, m_model, &EventTableModel::reload);

    m_aboutAction = new QAction(tr("&About cadfscope"), this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    rebuildRecentMenu();
    file->addAction(m_sampleAction);
    file->addSeparator();
    file->addAction(m_cancelImportAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_workspace->focusFilterAction());
    view->addAction(m_workspace->localTimeAction());
    view->addSeparator();
    view->addAction(m_workspace->facetsAction());
    view->addAction(m_workspace->histogramAction());
    view->addAction(m_detailAction);
    view->addAction(m_workspace->columnsAction());
    view->addAction(m_newestFirstAction);
    view->addSeparator();
    view->addAction(m_refreshAction);

    m_inventory->addViewActions(view);
    m_rejects->addViewAction(view);

    m_navigator->fillGoMenu(menuBar()->addMenu(tr("&Go")));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_workspace->filterHelpAction());
    help->addSeparator();
    help->addAction(m_aboutAction);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::rebuildRecentMenu() {
    m_recentMenu->clear();
    const QStringList files = m_settings.recentFiles();
    for (int i = 0; i < files.size(); ++i) {
        const QString& path = files.at(i);
        // "&1 name" gives keyboard access; the path itself is not a mnemonic source.
        QString label = QDir::toNativeSeparators(path);
        label.replace(QLatin1Char('&'), QLatin1String("&&"));
        if (i < 9)
            label = QStringLiteral("&%1  %2").arg(i + 1).arg(label);
        QAction* action = m_recentMenu->addAction(label);
        connect(action, &QAction::triggered, this, [this, path] { importFiles({path}); });
    }
    if (!files.isEmpty())
        m_recentMenu->addSeparator();
    QAction* clear = m_recentMenu->addAction(tr("&Clear Recent Files"));
    clear->setEnabled(!files.isEmpty());
    connect(clear, &QAction::triggered, this, [this] {
        m_settings.clearRecentFiles();
        m_welcome->setRecentFiles({});
    });
    m_recentMenu->setEnabled(true);
    m_welcome->setRecentFiles(files);
}

void MainWindow::restoreSettings() {
    if (!restoreGeometry(m_settings.windowGeometry()))
        resize(screen()->availableGeometry().size() * 9 / 10); // first run: most of the screen
    restoreState(m_settings.windowState());
    if (!m_splitter->restoreState(m_settings.splitterState()))
        m_splitter->setSizes({150, 420, 230});
    if (!m_workspaceSplitter->restoreState(m_settings.workspaceSplitterState()))
        m_workspaceSplitter->setSizes({300, 980});
    // The list of views keeps its width (the navigator sized it to its titles the first time).
    if (auto* views = qobject_cast<QSplitter*>(m_navigator->widget()))
        views->restoreState(m_settings.viewSplitterState());
    QHeaderView* header = m_table->horizontalHeader();
    if (header->restoreState(m_settings.tableHeaderState()) &&
        header->count() == EventTableModel::ColumnCount)
        m_table->sortByColumn(header->sortIndicatorSection(), header->sortIndicatorOrder());
    else
        m_table->resetColumns(); // none saved, or saved by a version with other columns
    m_welcome->setRecentFiles(m_settings.recentFiles());
}

void MainWindow::saveSettings() {
    m_settings.setWindowGeometry(saveGeometry());
    m_settings.setWindowState(saveState());
    m_settings.setSplitterState(m_splitter->saveState());
    m_settings.setWorkspaceSplitterState(m_workspaceSplitter->saveState());
    if (auto* views = qobject_cast<QSplitter*>(m_navigator->widget()))
        m_settings.setViewSplitterState(views->saveState());
    m_settings.setTableHeaderState(m_table->horizontalHeader()->saveState());
    m_settings.sync();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveSettings();
    if (m_import->isBusy())
        m_import->cancel();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (!localFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QStringList files = localFiles(event->mimeData());
    if (files.isEmpty())
        return;
    event->acceptProposedAction();
    importFiles(files);
}

void MainWindow::openFiles() {
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Open Audit Logs"), m_settings.lastOpenDir(),
        tr("Audit logs (*.log *.txt *.json *.jsonl *.syslog *.gz);;All files (*)"));
    if (files.isEmpty())
        return;
    m_settings.setLastOpenDir(QFileInfo(files.constFirst()).absolutePath());
    importFiles(files);
}

void MainWindow::importFiles(const QStringList& files) {
    if (files.isEmpty())
        return;
    for (const QString& file : files)
        m_settings.addRecentFile(file);
    m_welcome->setRecentFiles(m_settings.recentFiles());
    m_import->importFiles(files);
}

void MainWindow::loadSample() {
    m_import->importSample();
}

void MainWindow::onImportStarted(int fileCount) {
    m_progress->start(fileCount);
    m_progress->setVisible(true);
    m_cancelImportAction->setEnabled(true);
}

void MainWindow::onImportFinished(const std::vector<cadf::ingest::FileImportResult>& results,
                                  const QString& error) {
    if (!m_import->isBusy()) {
        m_progress->setVisible(false);
        m_cancelImportAction->setEnabled(false);
    }
    m_model->reload();
    m_rejects->storeChanged();
    if (!m_showSummary)
        return;
    auto* dialog = new ImportSummaryDialog(results, error, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open(); // window-modal, without a nested event loop
}

bool MainWindow::isWelcomeShown() const {
    return m_stack->currentWidget() == m_welcome;
}

QString MainWindow::statusText() const {
    return m_status->text();
}

void MainWindow::updateStatus() {
    const QLocale locale;
    QStringList parts{QDir::toNativeSeparators(m_storePath)};
    if (!m_storeError.isEmpty()) {
        parts.append(tr("cannot be opened: %1").arg(m_storeError));
    } else if (m_model->countKnown()) {
        parts.append(tr("%1 events").arg(locale.toString(m_model->totalEvents())));
        if (!m_model->filter().where.empty())
            parts.append(tr("%1 match the filter").arg(locale.toString(m_model->matchingEvents())));
        if (m_model->totalRejects() >= 0)
            parts.append(tr("rejects %1").arg(locale.toString(m_model->totalRejects())));
    } else {
        parts.append(tr("opening\u2026"));
    }
    m_status->setText(parts.join(QStringLiteral("  \u00b7  ")));
}

void MainWindow::updatePage() {
    const bool empty = m_model->countKnown() && m_model->totalEvents() == 0;
    m_stack->setCurrentWidget(empty ? static_cast<QWidget*>(m_welcome) : m_workspaceSplitter);
}

void MainWindow::showCurrentEvent() {
    const QModelIndex current = m_table->currentIndex();
    const QVariant id =
        current.isValid() ? m_model->data(current, EventTableModel::EventIdRole) : QVariant();
    if (!id.isValid()) {
        // Not loaded yet: its page's arrival (dataChanged) calls this again.
        if (!current.isValid()) {
            m_wantedEventId = 0;
            m_detail->clear();
        }
        return;
    }
    const qint64 eventId = id.toLongLong();
    if (eventId == m_wantedEventId)
        return;
    m_wantedEventId = eventId;
    m_detail->setLoading();
    m_model->requestEvent(eventId);
}

void MainWindow::onEventLoaded(qint64 id, StoredEventPtr event) {
    if (id != m_wantedEventId)
        return;
    if (event)
        m_detail->setEvent(*event);
    else
        m_detail->setUnavailable();
}

void MainWindow::showAbout() {
    QMessageBox box(this);
    box.setWindowTitle(tr("About cadfscope"));
    box.setTextFormat(Qt::PlainText);
    box.setIcon(QMessageBox::Information);
    box.setText(tr("cadfscope %1").arg(QApplication::applicationVersion()));
    box.setInformativeText(
        tr("A viewer for CADF audit events: QRadar Suite and OpenStack audit logs, imported into "
           "a local SQLite store.\n\nStore: %1")
            .arg(QDir::toNativeSeparators(m_storePath)));
    box.exec();
}

void MainWindow::showError(const QString& title, const QString& message) {
    statusBar()->showMessage(title, 10000);
    auto* box = new QMessageBox(QMessageBox::Warning, title, QString(), QMessageBox::Close, this);
    box->setTextFormat(Qt::PlainText); // messages carry paths and SQLite text: never markup
    box->setText(message);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}
