#include "views/filter_bar.h"

#include "models/filter/filter.h"
#include "views/filter_help_popup.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QInputMethodEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScreen>
#include <QStringListModel>
#include <QTextCharFormat>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

QColor mix(const QColor& base, const QColor& tint, double weight) {
    const auto channel = [weight](int b, int t) { return int(b * (1.0 - weight) + t * weight); };
    return QColor(channel(base.red(), tint.red()), channel(base.green(), tint.green()),
                  channel(base.blue(), tint.blue()));
}

bool isSeparator(QChar c) {
    return c.isSpace() || c == u'(' || c == u')';
}

} // namespace

FilterBar::FilterBar(QWidget* parent)
    : QWidget(parent) {
    m_edit = new QLineEdit(this);
    m_edit->setClearButtonEnabled(true);
    m_edit->setPlaceholderText(
        tr("Filter: outcome:failure code:4xx -initiator:svc-* time>=-15m \u2026 (Ctrl+F)"));
    m_edit->setToolTip(tr("Display filter. Enter applies it; Tab or the arrows pick a "
                          "completion."));
    m_edit->installEventFilter(this);

    m_applyButton = new QToolButton(this);
    m_applyButton->setText(tr("Apply", "filter"));
    m_applyButton->setToolTip(tr("Apply the filter (Enter)"));
    m_applyButton->setAutoRaise(true);
    connect(m_applyButton, &QToolButton::clicked, this, &FilterBar::apply);

    m_menuButton = new QToolButton(this);
    m_menuButton->setText(tr("Filters", "recent and saved filters menu"));
    m_menuButton->setToolTip(tr("Recent and saved filters"));
    m_menuButton->setPopupMode(QToolButton::InstantPopup);
    m_menuButton->setAutoRaise(true);
    m_menuButton->setMenu(new QMenu(m_menuButton));
    connect(m_menuButton->menu(), &QMenu::aboutToShow, this, &FilterBar::showMenu);

    m_helpButton = new QToolButton(this);
    m_helpButton->setText(tr("?", "filter syntax help button"));
    m_helpButton->setToolTip(tr("Filter syntax and examples (F1)"));
    m_helpButton->setAutoRaise(true);
    connect(m_helpButton, &QToolButton::clicked, this, &FilterBar::showHelp);

    m_message = new QLabel(this);
    m_message->setTextFormat(Qt::PlainText); // the message quotes the analyst's text
    m_message->setWordWrap(false);
    m_message->setVisible(false);
    m_message->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(2);
    row->addWidget(m_edit, 1);
    row->addWidget(m_applyButton);
    row->addWidget(m_menuButton);
    row->addWidget(m_helpButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(1);
    layout->addLayout(row);
    layout->addWidget(m_message);

    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, [this] {
        validate();
        showState();
    });
    connect(m_edit, &QLineEdit::textChanged, this, [this] { m_debounce->start(); });
    connect(m_edit, &QLineEdit::textEdited, this, &FilterBar::updateCompletion);
    connect(m_edit, &QLineEdit::returnPressed, this, &FilterBar::apply);

    m_completions = new QStringListModel(this);
    m_completer = new QCompleter(m_completions, this);
    m_completer->setWidget(m_edit);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchStartsWith);
    connect(m_completer, qOverload<const QString&>(&QCompleter::activated), this,
            &FilterBar::insertCompletion);
    showState();
}

QString FilterBar::text() const {
    return m_edit->text();
}

QString FilterBar::errorText() const {
    return m_valid ? QString() : m_error;
}

void FilterBar::setDisplayUtcOffsetSeconds(int seconds) {
    m_offsetSeconds = seconds;
}

bool FilterBar::validate() {
    cadf::filter::CompileOptions options;
    options.displayUtcOffsetSeconds = m_offsetSeconds;
    const cadf::filter::CompiledFilter compiled = cadf::filter::compile(m_edit->text(), options);
    m_valid = compiled.ok;
    if (compiled.ok) {
        m_sql = compiled.sql;
        m_error.clear();
        m_errorPosition = m_errorLength = 0;
    } else {
        m_error = compiled.error.message;
        m_errorPosition = compiled.error.position;
        m_errorLength = qMax(1, compiled.error.length);
    }
    return m_valid;
}

void FilterBar::showState() {
    QPalette palette = QWidget::palette();
    const QColor base = palette.color(QPalette::Base);
    const bool dark = base.lightness() < 128;
    if (!m_valid)
        palette.setColor(QPalette::Base, mix(base, QColor(230, 40, 40), dark ? 0.35 : 0.22));
    else if (!m_edit->text().trimmed().isEmpty())
        palette.setColor(QPalette::Base, mix(base, QColor(40, 180, 60), dark ? 0.30 : 0.20));
    m_edit->setPalette(palette);
    m_message->setVisible(!m_valid);
    m_message->setText(m_valid ? QString()
                               : tr("Column %1: %2").arg(m_errorPosition + 1).arg(m_error));
    m_message->setToolTip(m_message->text());
    m_edit->setToolTip(m_valid ? tr("Display filter. Enter applies it.") : m_error);
    underline(m_valid ? 0 : m_errorPosition, m_valid ? 0 : m_errorLength);
}

// QLineEdit has no API for formatting a range; an input-method event with a TextFormat attribute
// is the supported way to underline part of its text without touching the text itself.
void FilterBar::underline(int start, int length) {
    QList<QInputMethodEvent::Attribute> attributes;
    if (length > 0) {
        QTextCharFormat format;
        format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        format.setUnderlineColor(QColor(220, 0, 0));
        const int from = qBound(0, start, int(m_edit->text().size()));
        const int count = qMax(1, qMin(length, int(m_edit->text().size()) - from));
        attributes.append(QInputMethodEvent::Attribute(
            QInputMethodEvent::TextFormat, from - m_edit->cursorPosition(), count, format));
    }
    QInputMethodEvent event(QString(), attributes);
    QCoreApplication::sendEvent(m_edit, &event);
}

bool FilterBar::apply() {
    m_debounce->stop();
    const bool ok = validate();
    showState();
    if (!ok)
        return false; // the rows stay as they are: an invalid filter is never applied
    const QString text = m_edit->text().trimmed();
    m_appliedText = text;
    if (!text.isEmpty()) {
        m_history.removeAll(text);
        m_history.prepend(text);
        while (m_history.size() > kMaxHistory)
            m_history.removeLast();
        Q_EMIT historyChanged(m_history);
    }
    Q_EMIT filterApplied(text, m_sql);
    return true;
}

void FilterBar::setTextAndApply(const QString& text) {
    m_edit->setText(text);
    apply();
}

void FilterBar::addTerm(const QString& term) {
    const QString current = m_edit->text().trimmed();
    if (current.isEmpty()) {
        setTextAndApply(term);
        return;
    }
    // An OR at the top level would bind looser than the new term: keep the old text together.
    const bool needsParens = current.contains(QLatin1String(" OR "), Qt::CaseInsensitive) ||
                             current.contains(QLatin1String(" or "));
    setTextAndApply((needsParens ? u'(' + current + u')' : current) + u' ' + term);
}

void FilterBar::setHistory(const QStringList& history) {
    m_history = history.mid(0, kMaxHistory);
}

void FilterBar::setSavedFilters(const QList<SavedFilter>& saved) {
    m_saved = saved;
}

void FilterBar::saveCurrent(const QString& name) {
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return;
    for (int i = 0; i < m_saved.size(); ++i) {
        if (m_saved[i].first == trimmed) {
            m_saved.removeAt(i);
            break;
        }
    }
    m_saved.append({trimmed, m_edit->text().trimmed()});
    Q_EMIT savedFiltersChanged(m_saved);
}

void FilterBar::askSaveName() {
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Save Filter"), tr("Name:"),
                                               QLineEdit::Normal, QString(), &ok);
    if (ok)
        saveCurrent(name);
}

void FilterBar::showMenu() {
    QMenu* menu = m_menuButton->menu();
    menu->clear();
    const auto addFilterAction = [this](QMenu* to, const QString& label, const QString& text) {
        QString shown = label;
        shown.replace(u'&', QLatin1String("&&"));
        QAction* action = to->addAction(shown);
        action->setToolTip(text);
        connect(action, &QAction::triggered, this, [this, text] { setTextAndApply(text); });
    };
    menu->addSection(tr("Saved filters"));
    if (m_saved.isEmpty())
        menu->addAction(tr("(none yet)"))->setEnabled(false);
    for (const SavedFilter& saved : std::as_const(m_saved))
        addFilterAction(menu, tr("%1  \u2014  %2").arg(saved.first, saved.second), saved.second);
    QAction* save =
        menu->addAction(tr("&Save Current Filter\u2026"), this, &FilterBar::askSaveName);
    save->setEnabled(m_valid && !m_edit->text().trimmed().isEmpty());
    if (!m_saved.isEmpty()) {
        QMenu* remove = menu->addMenu(tr("&Delete Saved Filter"));
        for (int i = 0; i < m_saved.size(); ++i) {
            QString label = m_saved[i].first;
            label.replace(u'&', QLatin1String("&&"));
            const QString name = m_saved[i].first;
            remove->addAction(label, this, [this, name] {
                for (int j = 0; j < m_saved.size(); ++j) {
                    if (m_saved[j].first == name) {
                        m_saved.removeAt(j);
                        break;
                    }
                }
                Q_EMIT savedFiltersChanged(m_saved);
            });
        }
    }
    menu->addSection(tr("Recent filters"));
    if (m_history.isEmpty())
        menu->addAction(tr("(none yet)"))->setEnabled(false);
    for (const QString& text : std::as_const(m_history))
        addFilterAction(menu, text, text);
    if (!m_history.isEmpty()) {
        menu->addAction(tr("&Clear Recent Filters"), this, [this] {
            m_history.clear();
            Q_EMIT historyChanged(m_history);
        });
    }
}

FilterBar::Token FilterBar::tokenAtCursor() const {
    const QString text = m_edit->text();
    const int cursor = m_edit->cursorPosition();
    int start = cursor;
    bool quoted = false;
    while (start > 0 && (quoted || !isSeparator(text.at(start - 1)))) {
        if (text.at(start - 1) == u'"')
            quoted = !quoted;
        --start;
    }
    Token token;
    token.start = start;
    token.length = cursor - start;
    token.prefix = text.mid(start, cursor - start);
    QString word = token.prefix;
    if (word.startsWith(u'-'))
        word.remove(0, 1);
    if (const int colon = word.indexOf(u':'); colon > 0)
        token.field = word.left(colon).toLower();
    return token;
}

void FilterBar::updateCompletion() {
    const Token token = tokenAtCursor();
    if (token.prefix.isEmpty()) {
        m_completer->popup()->hide();
        return;
    }
    const bool negated = token.prefix.startsWith(u'-');
    QStringList candidates;
    if (token.field.isEmpty()) {
        for (const QString& field : cadf::filter::fieldNames())
            candidates.append((negated ? QStringLiteral("-") : QString()) + field + u':');
    } else {
        const auto cached = m_values.constFind(token.field);
        if (cached == m_values.constEnd()) {
            Q_EMIT valuesWanted(token.field); // setValues() completes when the answer comes
            return;
        }
        for (const QString& value : *cached)
            candidates.append(cadf::filter::termFor(token.field, value, negated));
    }
    m_completions->setStringList(candidates);
    m_completer->setCompletionPrefix(token.prefix);
    if (m_completer->completionCount() == 0 ||
        (m_completer->completionCount() == 1 && m_completer->currentCompletion() == token.prefix)) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->complete();
}

void FilterBar::setValues(const QString& field, const QStringList& values) {
    m_values.insert(field, values);
    if (m_edit->hasFocus() && tokenAtCursor().field == field)
        updateCompletion();
}

void FilterBar::insertCompletion(const QString& completion) {
    const Token token = tokenAtCursor();
    QString text = m_edit->text();
    text.replace(token.start, token.length, completion);
    m_edit->setText(text);
    m_edit->setCursorPosition(token.start + int(completion.size()));
    // After a field name, offer its values at once.
    if (completion.endsWith(u':'))
        QTimer::singleShot(0, this, &FilterBar::updateCompletion);
}

void FilterBar::showHelp() {
    if (!m_help) {
        m_help = new FilterHelpPopup(this);
        connect(m_help, &FilterHelpPopup::exampleChosen, this, [this](const QString& text) {
            setTextAndApply(text);
            m_edit->setFocus(Qt::OtherFocusReason);
        });
    }
    // Under the bar, its right edge at the bar's right end (the "?" button), kept on screen.
    const QPoint anchor = mapToGlobal(QPoint(width(), height()));
    QPoint at(anchor.x() - m_help->width(), anchor.y() + 2);
    if (const QScreen* screen = this->screen()) {
        const QRect available = screen->availableGeometry();
        at.setX(qBound(available.left(), at.x(), available.right() - m_help->width()));
        at.setY(qBound(available.top(), at.y(), available.bottom() - m_help->height()));
    }
    m_help->move(at);
    m_help->show();
    m_help->raise();
}

bool FilterBar::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_F1) {
            showHelp();
            return true;
        }
        if (key->key() == Qt::Key_Escape && m_help && m_help->isVisible() &&
            !m_completer->popup()->isVisible()) {
            m_help->close(); // the first Escape closes the help, the next one reverts the text
            return true;
        }
        if (key->key() == Qt::Key_Escape && !m_completer->popup()->isVisible()) {
            // Back to what is applied: the view and the text agree again.
            m_edit->setText(m_appliedText);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}
