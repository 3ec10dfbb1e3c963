#include "views/time_range_button.h"

#include <QAction>
#include <QActionGroup>
#include <QMenu>
#include <QRegularExpression>

namespace {

// A top-level time term: `time` with an operator and a value (quoted or not), maybe negated,
// not inside a word.
const QRegularExpression& timeTerm() {
    static const QRegularExpression re(
        QStringLiteral(R"((?:^|(?<=[\s(]))-?time(?::|!=|<=|>=|<|>)(?:"(?:[^"\\]|\\.)*"|[^\s()]+))"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

} // namespace

TimeRangeButton::TimeRangeButton(QWidget* parent)
    : QToolButton(parent) {
    setObjectName(QStringLiteral("timeRange"));
    setPopupMode(QToolButton::InstantPopup);
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    setToolTip(tr("Time range: a preset relative to now replaces the filter's time terms"));
    m_menu = new QMenu(this);
    const auto add = [this](const QString& term) {
        QAction* action = m_menu->addAction(presetLabel(term));
        action->setData(term);
        connect(action, &QAction::triggered, this,
                [this, term] { Q_EMIT rangeChosen(withTimeTerm(m_filterText, term)); });
    };
    add(QString());
    m_menu->addSeparator();
    for (const QString& term : presetTerms())
        add(term);
    setMenu(m_menu);
    setFilterText(QString());
}

QStringList TimeRangeButton::presetTerms() {
    return {QStringLiteral("time>=-15m"), QStringLiteral("time>=-1h"), QStringLiteral("time>=-24h"),
            QStringLiteral("time>=-7d"), QStringLiteral("time>=-30d")};
}

QString TimeRangeButton::presetLabel(const QString& term) const {
    static const QStringList terms = presetTerms();
    switch (terms.indexOf(term)) {
    case 0:
        return tr("Last 15 Minutes");
    case 1:
        return tr("Last Hour");
    case 2:
        return tr("Last 24 Hours");
    case 3:
        return tr("Last 7 Days");
    case 4:
        return tr("Last 30 Days");
    default:
        break;
    }
    return term.isEmpty() ? tr("All Time") : QString();
}

void TimeRangeButton::setFilterText(const QString& text) {
    m_filterText = text;
    QStringList found;
    QRegularExpressionMatchIterator it = timeTerm().globalMatch(text);
    while (it.hasNext())
        found.append(it.next().captured(0));
    QString label = tr("All Time");
    if (found.size() == 1 && !presetLabel(found.front()).isEmpty())
        label = presetLabel(found.front());
    else if (!found.isEmpty())
        label = tr("Custom Range", "time range in the filter text");
    setText(label + QStringLiteral(" \u25be"));
}

QString TimeRangeButton::withTimeTerm(const QString& text, const QString& term) {
    // Time terms inside a group or beside an OR are not the text's range: taking them out would
    // change what the rest means. Such a text keeps them and gains the preset with AND.
    static const QRegularExpression grouped(QStringLiteral(R"([()]|(?:^|\s)OR(?:\s|$))"),
                                            QRegularExpression::CaseInsensitiveOption);
    if (text.contains(grouped))
        return term.isEmpty() ? text : QStringLiteral("(%1) %2").arg(text, term);
    QString rest = text;
    rest.remove(timeTerm());
    rest = rest.simplified();
    if (term.isEmpty())
        return rest;
    return rest.isEmpty() ? term : rest + u' ' + term;
}
