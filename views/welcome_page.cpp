#include "views/welcome_page.h"

#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStyle>
#include <QTextDocument>
#include <QVBoxLayout>

namespace {

QLabel* plainLabel(const QString& text, QWidget* parent) {
    auto* label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setAlignment(Qt::AlignHCenter);
    label->setWordWrap(true);
    return label;
}

QPushButton* bigButton(const QString& text, const QIcon& icon, QWidget* parent) {
    auto* button = new QPushButton(icon, text, parent);
    QFont font = button->font();
    font.setPointSizeF(font.pointSizeF() * 1.2);
    button->setFont(font);
    button->setIconSize(QSize(24, 24));
    button->setMinimumHeight(QFontMetrics(font).height() * 2 + 8);
    button->setMinimumWidth(QFontMetrics(font).horizontalAdvance(text) + 96);
    return button;
}

} // namespace

WelcomePage::WelcomePage(QWidget* parent)
    : QWidget(parent) {
    auto* title = plainLabel(tr("No events in this store yet"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.8);
    titleFont.setBold(true);
    title->setFont(titleFont);

    auto* subtitle = plainLabel(tr("Open a CADF audit log (syslog, JSON lines, JSON documents, "
                                   ".gz) to import it, or look around with a sample."),
                                this);

    m_open = bigButton(tr("Open log file\u2026"),
                       style()->standardIcon(QStyle::SP_DialogOpenButton), this);
    m_open->setDefault(true);
    m_sample = bigButton(tr("Load sample log"), style()->standardIcon(QStyle::SP_FileIcon), this);
    m_sample->setToolTip(tr("Imports a small QRadar Suite audit log bundled with cadfscope"));

    auto* drop = plainLabel(tr("You can also drop log files anywhere on this window."), this);
    drop->setForegroundRole(QPalette::PlaceholderText);

    m_recentTitle = plainLabel(tr("Recent files"), this);
    QFont recentFont = m_recentTitle->font();
    recentFont.setBold(true);
    m_recentTitle->setFont(recentFont);
    m_recent = new QListWidget(this);
    m_recent->setUniformItemSizes(true);
    m_recent->setTextElideMode(Qt::ElideMiddle);
    m_recent->setMaximumHeight(m_recent->fontMetrics().height() * 7);

    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_open);
    buttons->addSpacing(16);
    buttons->addWidget(m_sample);
    buttons->addStretch();

    auto* column = new QVBoxLayout;
    column->addWidget(title);
    column->addSpacing(8);
    column->addWidget(subtitle);
    column->addSpacing(24);
    column->addLayout(buttons);
    column->addSpacing(12);
    column->addWidget(drop);
    column->addSpacing(32);
    column->addWidget(m_recentTitle);
    column->addWidget(m_recent);

    // A readable column in the middle of a wide window, not text stretched edge to edge.
    auto* centre = new QWidget(this);
    centre->setLayout(column);
    centre->setMaximumWidth(640);

    auto* outer = new QVBoxLayout(this);
    outer->addStretch(2);
    outer->addWidget(centre, 0, Qt::AlignHCenter);
    outer->addStretch(3);

    connect(m_open, &QPushButton::clicked, this, &WelcomePage::openFileRequested);
    connect(m_sample, &QPushButton::clicked, this, &WelcomePage::loadSampleRequested);
    connect(m_recent, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        Q_EMIT recentFileActivated(item->data(Qt::UserRole).toString());
    });
    setRecentFiles({});
}

void WelcomePage::setRecentFiles(const QStringList& files) {
    m_recent->clear();
    for (const QString& path : files) {
        auto* item = new QListWidgetItem(QDir::toNativeSeparators(path), m_recent);
        item->setData(Qt::UserRole, path);
        // Tooltips guess rich text; a file name is shown as the characters it has.
        item->setToolTip(Qt::convertFromPlainText(QDir::toNativeSeparators(path)));
    }
    m_recentTitle->setVisible(!files.isEmpty());
    m_recent->setVisible(!files.isEmpty());
}
