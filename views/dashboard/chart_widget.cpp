#include "views/dashboard/chart_widget.h"

#include "views/dashboard/chart_colours.h"
#include "views/plain_tooltips.h"

#include <algorithm>

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QMouseEvent>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSvgGenerator>
#include <QToolTip>

namespace {

constexpr int kMargin = 6;

} // namespace

ChartWidget::ChartWidget(const QString& title, QWidget* parent)
    : QWidget(parent)
    , m_title(title) {
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setContextMenuPolicy(Qt::DefaultContextMenu);
    setMinimumSize(160, 110);
}

void ChartWidget::setTitle(const QString& title) {
    m_title = title;
    invalidateLayout();
}

void ChartWidget::setSubtitle(const QString& subtitle) {
    m_subtitle = subtitle;
    invalidateLayout();
}

void ChartWidget::setGreyed(bool greyed) {
    if (greyed == m_greyed)
        return;
    m_greyed = greyed;
    update();
}

void ChartWidget::invalidateLayout() {
    m_layoutValid = false;
    m_hovered = -1;
    updateGeometry();
    update();
}

QFont ChartWidget::smallFont() const {
    QFont small = font();
    // Smaller than the body text, never below legibility.
    small.setPointSizeF(std::max(7.0, small.pointSizeF() * 0.88));
    return small;
}

QRectF ChartWidget::plotRect() const {
    QFont bold = font();
    bold.setBold(true);
    double top = kMargin + QFontMetricsF(bold).height();
    if (!m_subtitle.isEmpty())
        top += QFontMetricsF(smallFont()).height();
    top += 4;
    return QRectF(kMargin, top, std::max(1, width() - 2 * kMargin),
                  std::max(1.0, height() - top - kMargin));
}

void ChartWidget::ensureLayout() {
    if (m_layoutValid)
        return;
    m_marks.clear();
    layoutChart(plotRect(), m_marks);
    m_layoutValid = true;
}

const QList<ChartMark>& ChartWidget::marks() {
    ensureLayout();
    return m_marks;
}

int ChartWidget::markAt(const QPointF& pos) {
    ensureLayout();
    // Later marks lie on top (a bar segment over its bucket's column).
    for (qsizetype i = m_marks.size() - 1; i >= 0; --i) {
        if (m_marks[i].shape.contains(pos))
            return int(i);
    }
    return -1;
}

void ChartWidget::activateMark(int index) {
    ensureLayout();
    if (index < 0 || index >= m_marks.size())
        return;
    const ChartMark mark = m_marks[index]; // the signal's receiver may change the data
    if (!mark.profileKind.isEmpty() && (mark.profileOnClick || mark.clause.isEmpty()))
        Q_EMIT profileRequested(mark.profileKind, mark.profileKey);
    else if (!mark.service.isEmpty())
        Q_EMIT serviceDashboardRequested(mark.service);
    else if (!mark.clause.isEmpty())
        Q_EMIT filterClauseRequested(mark.clause);
}

void ChartWidget::paintEmpty(QPainter& painter, const QRectF& plot, const QString& text) const {
    painter.setFont(smallFont());
    painter.setPen(chartcolours::dimText(palette()));
    painter.drawText(plot, Qt::AlignCenter | Qt::TextWordWrap, text);
}

void ChartWidget::paintEvent(QPaintEvent*) {
    ensureLayout();
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    painter.setRenderHint(QPainter::Antialiasing, true);
    if (m_greyed)
        painter.setOpacity(0.4);
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(palette().color(QPalette::WindowText));
    const QFontMetricsF titleMetrics(bold);
    double y = kMargin;
    painter.drawText(QRectF(kMargin, y, width() - 2 * kMargin, titleMetrics.height()),
                     Qt::AlignLeft | Qt::AlignVCenter,
                     titleMetrics.elidedText(m_title, Qt::ElideRight, width() - 2 * kMargin));
    y += titleMetrics.height();
    if (!m_subtitle.isEmpty()) {
        const QFont small = smallFont();
        const QFontMetricsF metrics(small);
        painter.setFont(small);
        painter.setPen(chartcolours::dimText(palette()));
        painter.drawText(QRectF(kMargin, y, width() - 2 * kMargin, metrics.height()),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         metrics.elidedText(m_subtitle, Qt::ElideRight, width() - 2 * kMargin));
    }
    const QRectF plot = plotRect();
    painter.save();
    paintChart(painter, plot);
    painter.restore();
    if (m_hovered >= 0 && m_hovered < m_marks.size() && !m_greyed) {
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
        painter.drawPath(m_marks[m_hovered].shape);
    }
    // A thin frame sets the charts apart on the dashboard's page.
    painter.setOpacity(1);
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setPen(chartcolours::grid(palette()));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(rect().adjusted(0, 0, -1, -1));
}

void ChartWidget::resizeEvent(QResizeEvent* event) {
    m_layoutValid = false;
    m_hovered = -1;
    QWidget::resizeEvent(event);
}

void ChartWidget::mouseMoveEvent(QMouseEvent* event) {
    const int index = markAt(event->position());
    if (index != m_hovered) {
        m_hovered = index;
        update();
    }
    if (index < 0) {
        QToolTip::hideText();
        unsetCursor();
        return;
    }
    const ChartMark& mark = m_marks[index];
    const bool actionable =
        !mark.clause.isEmpty() || !mark.service.isEmpty() || !mark.profileKind.isEmpty();
    setCursor(actionable ? Qt::PointingHandCursor : Qt::ArrowCursor);
    // Plain text: labels come from the events (initiator names, endpoint descriptions).
    showPlainToolTip(event->globalPosition().toPoint(), mark.tooltip, this,
                     mark.shape.boundingRect().toAlignedRect(), Qt::WhiteSpacePre);
}

void ChartWidget::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton && !m_greyed)
        activateMark(markAt(event->position()));
    QWidget::mouseReleaseEvent(event);
}

void ChartWidget::leaveEvent(QEvent* event) {
    if (m_hovered >= 0) {
        m_hovered = -1;
        update();
    }
    QWidget::leaveEvent(event);
}

void ChartWidget::contextMenuEvent(QContextMenuEvent* event) {
    QMenu menu(this);
    const int index = markAt(event->pos());
    if (index >= 0 && !m_greyed) {
        const ChartMark mark = m_marks[index];
        if (!mark.clause.isEmpty()) {
            menu.addAction(tr("Show These Events (%1)").arg(mark.clause), this,
                           [this, mark] { Q_EMIT filterClauseRequested(mark.clause); });
        }
        if (!mark.service.isEmpty()) {
            menu.addAction(tr("Open the Dashboard of %1").arg(mark.service), this,
                           [this, mark] { Q_EMIT serviceDashboardRequested(mark.service); });
        }
        if (!mark.profileKind.isEmpty()) {
            menu.addAction(tr("Open Profile"), this, [this, mark] {
                Q_EMIT profileRequested(mark.profileKind, mark.profileKey);
            });
        }
        menu.addAction(tr("Copy Values"), this,
                       [mark] { QApplication::clipboard()->setText(mark.tooltip); });
        menu.addSeparator();
    }
    menu.addAction(tr("Export Chart as PNG\u2026"), this,
                   [this] { exportWithDialog(QStringLiteral("png")); });
    menu.addAction(tr("Export Chart as SVG\u2026"), this,
                   [this] { exportWithDialog(QStringLiteral("svg")); });
    menu.exec(event->globalPos());
}

void ChartWidget::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        invalidateLayout();
    QWidget::changeEvent(event);
}

bool ChartWidget::exportTo(const QString& path, QString* error) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("png") && suffix != QLatin1String("svg")) {
        if (error)
            *error = tr("A chart exports as PNG or SVG, not '%1'").arg(suffix);
        return false;
    }
    const int hovered = m_hovered;
    m_hovered = -1; // no hover outline in the file
    const bool ok = exportWidget(this, path, error);
    m_hovered = hovered;
    return ok;
}

void ChartWidget::exportWithDialog(const QString& suffix) {
    QString name = m_title;
    name.replace(QRegularExpression(QStringLiteral("[^\\w-]+")), QStringLiteral("-"));
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Chart"), name.toLower() + u'.' + suffix, exportFilter({suffix}));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportTo(path, &error))
        QMessageBox::warning(this, tr("Export Chart"), error);
}

QString exportFilter(const QStringList& suffixes) {
    QStringList filters;
    for (const QString& suffix : suffixes) {
        if (suffix == QLatin1String("png"))
            filters << ChartWidget::tr("PNG image (*.png)");
        else if (suffix == QLatin1String("svg"))
            filters << ChartWidget::tr("SVG drawing (*.svg)");
        else if (suffix == QLatin1String("pdf"))
            filters << ChartWidget::tr("PDF document (*.pdf)");
    }
    return filters.join(QStringLiteral(";;"));
}

bool exportWidget(QWidget* widget, const QString& path, QString* error) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QSize size = widget->size();
    auto fail = [&](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
    if (size.isEmpty())
        return fail(ChartWidget::tr("Nothing to export: the view has no size"));
    if (suffix == QLatin1String("png")) {
        // Twice the pixels: sharp when printed or shown on a high-density screen.
        QImage image(size * 2, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(2);
        image.fill(widget->palette().color(QPalette::Window));
        {
            QPainter painter(&image);
            widget->render(&painter);
        }
        if (!image.save(path, "PNG"))
            return fail(ChartWidget::tr("Cannot write %1").arg(path));
        return true;
    }
    if (suffix == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(widget->windowTitle());
        svg.setDescription(ChartWidget::tr("Exported by cadfscope"));
        QPainter painter;
        if (!painter.begin(&svg))
            return fail(ChartWidget::tr("Cannot write %1").arg(path));
        widget->render(&painter);
        painter.end();
        return true;
    }
    if (suffix == QLatin1String("pdf")) {
        QPdfWriter pdf(path);
        pdf.setCreator(QStringLiteral("cadfscope"));
        pdf.setTitle(widget->windowTitle());
        // One page the widget's size (1 px = 1 pt at 72 dpi), without margins.
        pdf.setResolution(72);
        pdf.setPageSize(
            QPageSize(QSizeF(size), QPageSize::Point, QString(), QPageSize::ExactMatch));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter painter;
        if (!painter.begin(&pdf))
            return fail(ChartWidget::tr("Cannot write %1").arg(path));
        const double scale =
            std::min(double(pdf.width()) / size.width(), double(pdf.height()) / size.height());
        painter.scale(scale, scale);
        widget->render(&painter);
        painter.end();
        return true;
    }
    return fail(ChartWidget::tr("Unknown export format '%1' (use png, svg or pdf)").arg(suffix));
}
