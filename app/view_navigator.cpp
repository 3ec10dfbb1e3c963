#include "app/view_navigator.h"

#include "views/filter_bar.h"
#include "views/profile_page.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QKeySequence>
#include <QLabel>
#include <QListWidget>
#include <QMainWindow>
#include <QMenu>
#include <QMouseEvent>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QVBoxLayout>

namespace {

constexpr int kViewIdRole = Qt::UserRole + 1;
constexpr int kRecentSteps = 15; // in the Go menu

} // namespace

ViewNavigator::ViewNavigator(FilterBar* filterBar, QMainWindow* window)
    : QObject(window)
    , m_window(window)
    , m_filterBar(filterBar) {
    m_list = new QListWidget(window);
    m_list->setObjectName(QStringLiteral("viewList"));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setUniformItemSizes(true);
    m_list->setSpacing(1);
    m_pages = new QStackedWidget(window);
    m_splitter = new QSplitter(Qt::Horizontal, window);
    m_splitter->setObjectName(QStringLiteral("viewSplitter"));
    m_splitter->addWidget(m_list);
    m_splitter->addWidget(m_pages);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    // The list as wide as its longest title, the rest for the view.
    m_splitter->setSizes(
        {m_list->fontMetrics().horizontalAdvance(QStringLiteral("Conversations")) + 48, 1200});

    connect(m_list, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        if (QDockWidget* dock = m_docks.value(item)) {
            dock->show();
            dock->raise();
            return;
        }
        const QString id = item->data(kViewIdRole).toString();
        if (!id.isEmpty())
            showView(id);
    });
    // The keyboard moves the selection: follow it (clicks arrive here too, as no-op repeats).
    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
        if (m_restoring || !item)
            return;
        const QString id = item->data(kViewIdRole).toString();
        if (!id.isEmpty() && id != m_view)
            showView(id);
    });

    m_back = new QAction(window->style()->standardIcon(QStyle::SP_ArrowBack), tr("&Back"), this);
    m_back->setObjectName(QStringLiteral("goBack"));
    m_back->setShortcuts({QKeySequence(Qt::ALT | Qt::Key_Left), QKeySequence(Qt::Key_Back)});
    m_back->setStatusTip(tr("Back to the previous view and filter"));
    connect(m_back, &QAction::triggered, this, &ViewNavigator::back);
    m_forward =
        new QAction(window->style()->standardIcon(QStyle::SP_ArrowForward), tr("&Forward"), this);
    m_forward->setObjectName(QStringLiteral("goForward"));
    m_forward->setShortcuts({QKeySequence(Qt::ALT | Qt::Key_Right), QKeySequence(Qt::Key_Forward)});
    m_forward->setStatusTip(tr("Forward to the view and filter you went back from"));
    connect(m_forward, &QAction::triggered, this, &ViewNavigator::forward);
    window->addAction(m_back); // shortcuts work whatever has focus
    window->addAction(m_forward);

    connect(m_filterBar, &FilterBar::filterApplied, this,
            [this](const QString& text) { onFilterApplied(text); });
    m_filterText = m_filterBar->appliedText();

    // The mouse's back and forward buttons, over any widget of this window.
    qApp->installEventFilter(this);
    updateActions();
}

ViewNavigator::~ViewNavigator() {
    qApp->removeEventFilter(this);
}

QWidget* ViewNavigator::widget() const {
    return m_splitter;
}

ViewNavigator::Entry& ViewNavigator::addEntry(const QString& id, const QString& title,
                                              QWidget* page) {
    m_pages->addWidget(page);
    auto* item = new QListWidgetItem(title, m_list);
    item->setData(kViewIdRole, id);
    Entry entry;
    entry.id = id;
    entry.page = page;
    entry.item = item;
    m_entries.push_back(std::move(entry));
    if (m_view.isEmpty()) {
        switchTo(id); // the first view is the start page
        record();
    }
    return m_entries.back();
}

void ViewNavigator::addPage(const QString& id, const QString& title, QWidget* page) {
    addEntry(id, title, page);
}

void ViewNavigator::addPlaceholder(const QString& id, const QString& title, const QString& note) {
    auto* page = new QWidget(m_pages);
    auto* label = new QLabel(note, page);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignCenter);
    label->setEnabled(false);
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(label);
    addEntry(id, title, page);
}

void ViewNavigator::setProfilePage(ProfilePage* page) {
    m_profile = page;
    addQueryPage(profile(), tr("Profile"), page);
    m_entries.back().item->setHidden(true); // listed once a profile is open
}

void ViewNavigator::setServiceDashboardHandler(std::function<void(const QString&)> handler) {
    m_serviceHandler = std::move(handler);
}

void ViewNavigator::addDockEntry(QDockWidget* dock) {
    auto* item = new QListWidgetItem(dock->windowTitle(), m_list);
    // Not a page: a click shows the dock and the current view stays selected.
    item->setFlags(Qt::ItemIsEnabled);
    item->setToolTip(tr("Shows the %1 panel beside the current view").arg(dock->windowTitle()));
    m_docks.insert(item, dock);
}

void ViewNavigator::addListSeparator() {
    auto* item = new QListWidgetItem(m_list);
    item->setFlags(Qt::NoItemFlags);
    item->setSizeHint(QSize(1, 8));
}

QWidget* ViewNavigator::page(const QString& id) const {
    for (const Entry& entry : m_entries) {
        if (entry.id == id)
            return entry.page;
    }
    return nullptr;
}

void ViewNavigator::showView(const QString& id) {
    if (!page(id))
        return;
    switchTo(id);
    record();
}

void ViewNavigator::openProfile(const QString& kind, const QString& key) {
    if (!m_profile || kind.isEmpty())
        return;
    m_subjectKind = kind;
    m_subjectKey = key;
    m_profile->setSubject(kind, key);
    switchTo(profile());
    record();
}

void ViewNavigator::openServiceDashboard(const QString& service) {
    if (!page(services()))
        return;
    switchTo(services());
    m_subjectKind = serviceKind();
    m_subjectKey = service;
    if (m_serviceHandler)
        m_serviceHandler(service);
    record();
}

void ViewNavigator::filterOnClause(const QString& clause) {
    if (clause.trimmed().isEmpty())
        return;
    m_pendingView = events();
    m_filterBar->addTerm(clause); // applies now (onFilterApplied) unless the text is invalid
    m_pendingView.clear();
}

void ViewNavigator::onFilterApplied(const QString& text) {
    m_filterText = text;
    for (const Entry& entry : m_entries) {
        if (entry.setQuery)
            entry.setQuery(text);
    }
    if (m_restoring)
        return;
    if (!m_pendingView.isEmpty())
        switchTo(m_pendingView);
    record();
}

void ViewNavigator::switchTo(const QString& id) {
    QWidget* target = page(id);
    if (!target)
        return;
    const bool changed = id != m_view;
    m_view = id;
    if (id == profile() && m_profile) {
        // Shown from the list: the profile last opened.
        m_subjectKind = m_profile->kind();
        m_subjectKey = m_profile->key();
    } else if (id != services()) {
        m_subjectKind.clear();
        m_subjectKey.clear();
    }
    m_pages->setCurrentWidget(target);
    for (const Entry& entry : m_entries) {
        if (entry.id != id)
            continue;
        entry.item->setHidden(false);
        const bool wasRestoring = m_restoring;
        m_restoring = true; // a programmatic selection is not a click
        m_list->setCurrentItem(entry.item);
        m_restoring = wasRestoring;
    }
    if (changed)
        Q_EMIT currentViewChanged(id);
}

void ViewNavigator::record() {
    NavigationStep step;
    step.view = m_view;
    step.filterText = m_filterText;
    step.profileKind = m_subjectKind;
    step.profileKey = m_subjectKey;
    m_history.push(step);
    updateActions();
}

void ViewNavigator::back() {
    if (const auto step = m_history.back())
        applyStep(*step);
}

void ViewNavigator::forward() {
    if (const auto step = m_history.forward())
        applyStep(*step);
}

void ViewNavigator::applyStep(const NavigationStep& step) {
    m_restoring = true;
    if (step.filterText != m_filterBar->appliedText() || step.filterText != m_filterBar->text())
        m_filterBar->setTextAndApply(step.filterText);
    if (step.view == profile() && m_profile)
        m_profile->setSubject(step.profileKind, step.profileKey);
    else if (step.profileKind == serviceKind() && m_serviceHandler)
        m_serviceHandler(step.profileKey);
    switchTo(step.view);
    m_subjectKind = step.profileKind;
    m_subjectKey = step.profileKey;
    m_restoring = false;
    updateActions();
}

void ViewNavigator::updateActions() {
    m_back->setEnabled(m_history.canGoBack());
    m_forward->setEnabled(m_history.canGoForward());
    const auto tip = [this](int index) {
        const auto& steps = m_history.steps();
        return index >= 0 && index < int(steps.size()) ? describe(steps[std::size_t(index)])
                                                       : QString();
    };
    m_back->setToolTip(m_history.canGoBack()
                           ? tr("Back to %1").arg(tip(m_history.currentIndex() - 1))
                           : tr("Back"));
    m_forward->setToolTip(m_history.canGoForward()
                              ? tr("Forward to %1").arg(tip(m_history.currentIndex() + 1))
                              : tr("Forward"));
}

QString ViewNavigator::describe(const NavigationStep& step) const {
    QString view = step.view;
    for (const Entry& entry : m_entries) {
        if (entry.id == step.view)
            view = entry.item->text();
    }
    if (!step.profileKey.isEmpty())
        view = tr("%1 %2", "view and subject").arg(view, step.profileKey);
    const QString filter = step.filterText.isEmpty() ? tr("all events") : step.filterText;
    return tr("%1 \u2014 %2", "history step: view, filter").arg(view, filter);
}

void ViewNavigator::fillGoMenu(QMenu* menu) {
    menu->addAction(m_back);
    menu->addAction(m_forward);
    menu->addSeparator();
    int number = 1;
    for (const Entry& entry : m_entries) {
        if (entry.id == profile())
            continue;
        QAction* action = menu->addAction(entry.item->text());
        if (number <= 9)
            action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + number)));
        ++number;
        const QString id = entry.id;
        connect(action, &QAction::triggered, this, [this, id] { showView(id); });
    }
    menu->addSeparator();
    QMenu* recent = menu->addMenu(tr("&History"));
    connect(recent, &QMenu::aboutToShow, this, [this, recent] { rebuildHistoryMenu(recent); });
}

void ViewNavigator::rebuildHistoryMenu(QMenu* menu) {
    menu->clear();
    const auto& steps = m_history.steps();
    const int last = int(steps.size()) - 1;
    for (int i = last; i >= 0 && i > last - kRecentSteps; --i) {
        QString label = describe(steps[std::size_t(i)]);
        label.replace(QLatin1Char('&'), QLatin1String("&&"));
        QAction* action = menu->addAction(label);
        action->setCheckable(true);
        action->setChecked(i == m_history.currentIndex());
        connect(action, &QAction::triggered, this, [this, i] {
            if (const auto step = m_history.goTo(i))
                applyStep(*step);
        });
    }
}

void ViewNavigator::setLocalTime(bool local) {
    m_localTime = local;
    for (const Entry& entry : m_entries) {
        if (entry.setLocalTime)
            entry.setLocalTime(local);
    }
}

void ViewNavigator::storeChanged() {
    for (const Entry& entry : m_entries) {
        if (entry.storeChanged)
            entry.storeChanged();
    }
}

bool ViewNavigator::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::MouseButtonPress) {
        const auto* mouse = static_cast<QMouseEvent*>(event);
        const auto* widget = qobject_cast<QWidget*>(watched);
        if (widget && widget->window() == m_window &&
            (mouse->button() == Qt::BackButton || mouse->button() == Qt::ForwardButton)) {
            if (mouse->button() == Qt::BackButton)
                back();
            else
                forward();
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}
