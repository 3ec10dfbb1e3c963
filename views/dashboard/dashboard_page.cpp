#include "views/dashboard/dashboard_page.h"

#include "models/filter/filter.h"
#include "models/inventory/catalogue.h"
#include "views/dashboard/chart_widget.h"

#include <QDateTime>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QRegularExpression>
#include <QScrollArea>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

namespace {

// Live refresh: at most two computations a second (issue 6).
constexpr int kRefreshMs = 500;

} // namespace

DashboardPage::DashboardPage(const QString& storePath, const cadf::inventory::Catalogue& catalogue,
                             QWidget* parent)
    : QWidget(parent)
    , m_catalogue(catalogue) {
    if (!storePath.isEmpty()) {
        m_loader = new DashboardLoader(storePath, catalogue, this);
        connect(m_loader, &DashboardLoader::resultReady, this, &DashboardPage::showResult);
        connect(m_loader, &DashboardLoader::failed, this, &DashboardPage::showError);
        connect(m_loader, &DashboardLoader::busyChanged, this, &DashboardPage::setBusy);
    }
    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(kRefreshMs);
    connect(m_refreshTimer, &QTimer::timeout, this, [this] {
        if (isBusy())
            m_refreshPending = true; // asked again when this computation ends
        else
            reload();
    });

    m_page = new QWidget;
    m_page->setAutoFillBackground(true);
    m_heading = new QLabel(m_page);
    m_heading->setTextFormat(Qt::PlainText);
    QFont headingFont = m_heading->font();
    headingFont.setBold(true);
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.25);
    m_heading->setFont(headingFont);
    m_summary = new QLabel(m_page);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_error = new QLabel(m_page);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    m_error->hide();
    m_grid = new QGridLayout;
    m_grid->setSpacing(8);
    auto* pageLayout = new QVBoxLayout(m_page);
    pageLayout->setContentsMargins(10, 8, 10, 10);
    pageLayout->addWidget(m_heading);
    pageLayout->addWidget(m_summary);
    pageLayout->addWidget(m_error);
    pageLayout->addLayout(m_grid);
    pageLayout->addStretch(1);

    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidget(m_page);

    m_busyBar = new QProgressBar(this);
    m_busyBar->setRange(0, 0); // indeterminate
    m_busyBar->setTextVisible(false);
    m_busyBar->setFixedSize(70, 8);
    m_busyBar->setToolTip(tr("Computing the dashboard\u2026"));
    m_busyBar->hide();
    m_export = new QToolButton(this);
    m_export->setText(tr("Export", "dashboard"));
    m_export->setToolTip(tr("Save the whole dashboard as one PNG image, SVG drawing or PDF page"));
    m_export->setPopupMode(QToolButton::InstantPopup);
    m_export->setAutoRaise(true);
    auto* menu = new QMenu(m_export);
    menu->addAction(tr("Export Dashboard as PNG\u2026"), this,
                    [this] { exportWithDialog(QStringLiteral("png")); });
    menu->addAction(tr("Export Dashboard as PDF\u2026"), this,
                    [this] { exportWithDialog(QStringLiteral("pdf")); });
    menu->addAction(tr("Export Dashboard as SVG\u2026"), this,
                    [this] { exportWithDialog(QStringLiteral("svg")); });
    m_export->setMenu(menu);

    m_toolBar = new QHBoxLayout;
    m_toolBar->setContentsMargins(6, 2, 6, 0);
    m_toolBar->addStretch(1);
    m_toolBar->addWidget(m_busyBar);
    m_toolBar->addWidget(m_export);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(m_toolBar);
    layout->addWidget(m_scroll, 1);
}

DashboardPage::~DashboardPage() = default;

void DashboardPage::addToolWidget(QWidget* widget) {
    m_toolBar->insertWidget(m_toolBar->count() - 3, widget); // before the stretch
}

void DashboardPage::setQuery(const QString& filterText, std::optional<qint64> fromUs,
                             std::optional<qint64> toUs) {
    m_filterText = filterText;
    m_fromUs = fromUs;
    m_toUs = toUs;
    reload();
}

void DashboardPage::setLocalTime(bool local) {
    if (local == m_local)
        return;
    m_local = local;
    reload();
}

int DashboardPage::displayOffsetSeconds() const {
    return m_local ? QDateTime::currentDateTime().offsetFromUtc() : 0;
}

std::optional<DashboardRequest> DashboardPage::currentRequest(QString* error, bool* hint) const {
    if (hint)
        *hint = false;
    cadf::filter::CompileOptions options;
    options.displayUtcOffsetSeconds = displayOffsetSeconds();
    options.catalogue = &m_catalogue;
    const cadf::filter::CompiledFilter compiled = cadf::filter::compile(m_filterText, options);
    if (!compiled.ok) {
        if (error)
            *error = tr("Invalid filter: %1").arg(compiled.error.message);
        return std::nullopt;
    }
    DashboardRequest request;
    request.filter = compiled.sql;
    request.fromUs = m_fromUs;
    request.toUs = m_toUs;
    request.alignOffsetSeconds = displayOffsetSeconds();
    request.topN = std::max(30, int(m_catalogue.rows().size()) + 1);
    if (!prepareRequest(request, error)) {
        if (hint)
            *hint = awaitsChoice();
        return std::nullopt;
    }
    return request;
}

void DashboardPage::refresh() {
    if (!m_refreshTimer->isActive())
        m_refreshTimer->start();
}

void DashboardPage::reload() {
    m_refreshTimer->stop();
    m_refreshPending = false;
    if (!m_loader)
        return;
    if (!isVisible()) {
        m_dirty = true; // nobody looks: compute when shown
        return;
    }
    m_dirty = false;
    QString error;
    bool hint = false;
    const std::optional<DashboardRequest> request = currentRequest(&error, &hint);
    if (!request) {
        // Nothing to chart: no empty charts under the message, and no result of an earlier
        // request arriving to fill them.
        m_loader->cancel();
        setChartsVisible(false);
        m_result = nullptr;
        showMessage(error, hint);
        return;
    }
    setChartsVisible(true);
    m_loader->request(*request);
}

void DashboardPage::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (m_dirty)
        reload();
}

void DashboardPage::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Escape && isBusy()) {
        m_loader->cancel();
        m_refreshPending = false;
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

void DashboardPage::showResult(const DashboardResultPtr& result) {
    if (!result)
        return;
    m_result = result;
    m_error->hide();
    fillCharts(*result);
    Q_EMIT resultShown();
    if (m_refreshPending) {
        m_refreshPending = false;
        m_refreshTimer->start();
    }
}

bool DashboardPage::isBusy() const {
    return m_loader && m_loader->isBusy();
}

QString DashboardPage::errorText() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

void DashboardPage::showError(const QString& message) {
    showMessage(message, false);
}

void DashboardPage::showMessage(const QString& message, bool hint) {
    m_error->setText(message);
    m_error->show();
    QPalette colours = palette();
    if (!hint)
        colours.setColor(QPalette::WindowText, QColor(200, 40, 40));
    m_error->setPalette(colours);
}

void DashboardPage::setChartsVisible(bool visible) {
    for (ChartWidget* chart : std::as_const(m_charts))
        chart->setVisible(visible);
}

void DashboardPage::setBusy(bool busy) {
    m_busyBar->setVisible(busy);
    for (ChartWidget* chart : std::as_const(m_charts))
        chart->setGreyed(busy && m_result);
    if (!busy && m_refreshPending) {
        m_refreshPending = false;
        m_refreshTimer->start();
    }
    Q_EMIT busyChanged(busy);
}

void DashboardPage::addChart(ChartWidget* chart, int row, int column, int rowSpan, int columnSpan) {
    m_charts.append(chart);
    m_grid->addWidget(chart, row, column, rowSpan, columnSpan);
    connect(chart, &ChartWidget::filterClauseRequested, this,
            &DashboardPage::filterClauseRequested);
    connect(chart, &ChartWidget::serviceDashboardRequested, this,
            &DashboardPage::serviceDashboardRequested);
    connect(chart, &ChartWidget::profileRequested, this, &DashboardPage::profileRequested);
}

void DashboardPage::setHeading(const QString& heading) {
    m_heading->setText(heading);
    m_page->setWindowTitle(heading);
}

void DashboardPage::setSummary(const QString& summary) {
    m_summary->setText(summary);
}

bool DashboardPage::exportTo(const QString& path, QString* error) {
    return exportWidget(m_page, path, error);
}

bool DashboardPage::exportAt(const QString& path, int width, int minHeight, QSize* drawn,
                             QString* error) {
    // Laid out on its own, outside the scroll area (which would size it to its viewport), then
    // put back.
    QWidget* page = m_scroll->takeWidget();
    page->setAttribute(Qt::WA_DontShowOnScreen, true);
    page->ensurePolished();
    page->resize(width, std::max(minHeight, 1));
    page->show();
    int needed = page->hasHeightForWidth() ? page->heightForWidth(width) : -1;
    if (needed <= 0)
        needed = page->minimumSizeHint().height();
    page->resize(width, std::max(minHeight, needed));
    if (page->layout())
        page->layout()->activate();
    const bool ok = exportWidget(page, path, error);
    if (drawn)
        *drawn = page->size();
    page->hide();
    page->setAttribute(Qt::WA_DontShowOnScreen, false);
    m_scroll->setWidget(page);
    return ok;
}

void DashboardPage::exportWithDialog(const QString& suffix) {
    QString name = m_heading->text();
    name.replace(QRegularExpression(QStringLiteral("[^\\w-]+")), QStringLiteral("-"));
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Dashboard"), name.toLower() + u'.' + suffix, exportFilter({suffix}));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportTo(path, &error))
        QMessageBox::warning(this, tr("Export Dashboard"), error);
}
