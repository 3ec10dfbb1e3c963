#include "views/query_page.h"

#include "models/filter/filter.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QShortcut>
#include <QVBoxLayout>

QueryPage::QueryPage(const QString& storePath, const QString& threadName, QWidget* parent)
    : QWidget(parent)
    , m_storePath(storePath) {
    m_loader = new StoreJobLoader(storePath, threadName, this);
    m_status = new QLabel(this);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setObjectName(QStringLiteral("pageStatus"));
    connect(m_loader, &StoreJobLoader::ready, this, [this](const StoreJobLoader::Result& result) {
        setStatus({});
        showResult(result);
        Q_EMIT computed();
    });
    connect(m_loader, &StoreJobLoader::failed, this, [this](const QString& message) {
        setStatus(tr("Reading the store failed: %1").arg(message));
        Q_EMIT computed();
    });
    connect(m_loader, &StoreJobLoader::busyChanged, this, [this](bool busy) {
        if (busy)
            setStatus(tr("Computing\u2026 (Esc cancels)"));
        busyChanged(busy);
    });
    auto* cancel = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    cancel->setContext(Qt::WidgetWithChildrenShortcut);
    connect(cancel, &QShortcut::activated, this, [this] {
        if (!m_loader->isBusy())
            return;
        m_loader->cancel();
        m_stale = true; // computed again when the filter changes or the view is shown again
        setStatus(tr("Cancelled: the figures are for an earlier filter"));
    });
}

void QueryPage::setQuery(const QString& filterText, std::optional<qint64> fromUs,
                         std::optional<qint64> toUs) {
    m_filterText = filterText;
    m_fromUs = fromUs;
    m_toUs = toUs;
    m_stale = true;
    computeIfShown();
}

void QueryPage::setLocalTime(bool local) {
    if (local == m_localTime)
        return;
    m_localTime = local;
    displayOffsetChanged(displayOffsetSeconds());
    // Time buckets start at the display zone's midnight, and a filter's zone-less times move.
    m_stale = true;
    computeIfShown();
}

void QueryPage::storeChanged() {
    m_stale = true;
    computeIfShown();
}

int QueryPage::displayOffsetSeconds() const {
    return m_localTime ? QDateTime::currentDateTime().offsetFromUtc() : 0;
}

void QueryPage::setStatus(const QString& text) {
    m_status->setText(text);
}

void QueryPage::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    computeIfShown();
}

void QueryPage::computeIfShown() {
    if (!m_stale || !isVisible())
        return;
    m_stale = false;
    cadf::filter::CompileOptions options;
    options.displayUtcOffsetSeconds = displayOffsetSeconds();
    const cadf::filter::CompiledFilter compiled = cadf::filter::compile(m_filterText, options);
    if (!compiled.ok) {
        // The filter bar applies valid texts only; a saved step may not compile after an upgrade.
        setStatus(tr("The filter cannot be read: %1").arg(compiled.error.message));
        return;
    }
    cadf::dashboard::DashboardQuery query;
    query.filter = compiled.sql;
    query.fromUs = m_fromUs;
    query.toUs = m_toUs;
    query.alignOffsetSeconds = displayOffsetSeconds();
    compute(query);
}

QVBoxLayout* QueryPage::pageLayout(const QString& title, const QString& explanation) {
    auto* heading = new QLabel(title, this);
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.3);
    font.setBold(true);
    heading->setFont(font);
    auto* note = new QLabel(explanation, this);
    note->setTextFormat(Qt::PlainText);
    note->setEnabled(false); // the palette's secondary text colour

    auto* header = new QHBoxLayout;
    header->addWidget(heading);
    header->addSpacing(12);
    header->addWidget(note, 1);
    header->addWidget(statusLabel());
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addLayout(header);
    return layout;
}
