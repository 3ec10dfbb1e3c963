#include "views/filter_help_popup.h"

#include "models/filter/filter.h"

#include <QEvent>
#include <QKeyEvent>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace {

const QString kExampleScheme = QStringLiteral("example:");

QString code(const QString& text) {
    return QStringLiteral("<code>") + text.toHtmlEscaped() + QStringLiteral("</code>");
}

QString section(const QString& title) {
    return QStringLiteral("<h3>") + title.toHtmlEscaped() + QStringLiteral("</h3>");
}

// One list item whose text is translated with %1, %2... standing for code spans: the
// translation carries no markup, and every piece is escaped.
QString item(const QString& translated, const QStringList& codes = {}) {
    QString html = translated.toHtmlEscaped();
    for (const QString& c : codes)
        html = html.arg(code(c));
    return QStringLiteral("<li>") + html + QStringLiteral("</li>");
}

// Links in the palette's link colour, lightened when the palette is dark and its link colour is
// too: the default dark blue on a dark base cannot be read.
QString helpStyleSheet(const QPalette& palette) {
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    QColor link = palette.color(QPalette::Link);
    if (dark && link.lightness() < 140)
        link = link.lighter(220);
    QColor rule = palette.color(QPalette::Mid);
    return QStringLiteral("a { color: %1; text-decoration: none; } "
                          "th { text-align: left; border-bottom: 1px solid %2; } "
                          "td { padding-right: 12px; } h3 { margin-top: 12px; }")
        .arg(link.name(), rule.name());
}

} // namespace

FilterHelpPopup::FilterHelpPopup(QWidget* parent)
    : QFrame(parent, Qt::Tool) {
    setWindowTitle(tr("Filter Syntax"));
    setObjectName(QStringLiteral("filterHelpPopup"));
    setFrameShape(QFrame::StyledPanel);
    // Opened with F1 while typing: the filter bar keeps the keyboard.
    setAttribute(Qt::WA_ShowWithoutActivating);
    m_browser = new QTextBrowser(this);
    m_browser->setOpenLinks(false);
    m_browser->setFrameShape(QFrame::NoFrame);
    connect(m_browser, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        const QString example = exampleForLink(url.toString());
        if (!example.isEmpty())
            Q_EMIT exampleChosen(example);
    });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_browser);
    resize(620, 640);
    rebuild();
}

QString FilterHelpPopup::exampleForLink(const QString& href) {
    if (!href.startsWith(kExampleScheme))
        return {};
    bool ok = false;
    const int index = href.mid(kExampleScheme.size()).toInt(&ok);
    const QList<cadf::filter::FilterExample> list = cadf::filter::examples();
    return ok && index >= 0 && index < list.size() ? list.at(index).text : QString();
}

void FilterHelpPopup::rebuild() {
    m_browser->document()->setDefaultStyleSheet(helpStyleSheet(palette()));
    QString html;
    html += QStringLiteral("<p>") +
            tr("One line of terms. Enter applies it; the bar turns red and says why when the "
               "text is not a filter.")
                .toHtmlEscaped() +
            QStringLiteral("</p>");

    html += section(tr("Examples (click one to use it)"));
    html += QStringLiteral("<table>");
    const QList<cadf::filter::FilterExample> list = cadf::filter::examples();
    for (int i = 0; i < list.size(); ++i) {
        html += QStringLiteral("<tr><td><a href=\"%1%2\">%3</a></td><td>%4</td></tr>")
                    .arg(kExampleScheme)
                    .arg(i)
                    .arg(code(list.at(i).text), list.at(i).description.toHtmlEscaped());
    }
    html += QStringLiteral("</table>");

    html += section(tr("Fields"));
    html += QStringLiteral("<table><tr><th>%1</th><th>%2</th></tr>")
                .arg(tr("Field").toHtmlEscaped(), tr("Matches").toHtmlEscaped());
    for (const QString& field : cadf::filter::fieldNames()) {
        html += QStringLiteral("<tr><td>%1</td><td>%2</td></tr>")
                    .arg(code(field), cadf::filter::fieldDescription(field).toHtmlEscaped());
    }
    html += QStringLiteral("</table>");

    html += section(tr("Operators"));
    html += QStringLiteral("<ul>");
    html += item(tr("%1 or %2: equal, ignoring case"),
                 {QStringLiteral("field:value"), QStringLiteral("field=value")});
    html += item(tr("%1: not equal"), {QStringLiteral("field!=value")});
    html += item(
        tr("%1 %2 %3 %4: comparisons on code and time"),
        {QStringLiteral("<"), QStringLiteral("<="), QStringLiteral(">"), QStringLiteral(">=")});
    html += item(tr("%1: a range, both ends included for codes"), {QStringLiteral("A..B")});
    html += QStringLiteral("</ul>");

    html += section(tr("Values"));
    html += QStringLiteral("<ul>");
    html += item(tr("Quote values with spaces or parentheses: %1; inside a value %2, %3 and %4 "
                    "are a literal quote, backslash and star"),
                 {QStringLiteral("initiator:\"alice smith\""), QStringLiteral("\\\""),
                  QStringLiteral("\\\\"), QStringLiteral("\\*")});
    html += item(tr("Wildcards: %1 is any text, as in %2 or %3; %4 means \"has an agent\" and "
                    "%5 \"has none\""),
                 {QStringLiteral("*"), QStringLiteral("initiator:svc-*"),
                  QStringLiteral("agent:*Firefox*"), QStringLiteral("agent:*"),
                  QStringLiteral("agent:\"\"")});
    html += item(tr("Codes: %1, classes %2, ranges %3, %4; any other value matches the code's "
                    "text: %5"),
                 {QStringLiteral("code:401"), QStringLiteral("code:4xx"),
                  QStringLiteral("code:400..499"), QStringLiteral("code>=500"),
                  QStringLiteral("code:Unauthorized")});
    html += item(tr("Outcomes: %1, %2, %3, %4; any other value matches the outcome as received"),
                 {QStringLiteral("success"), QStringLiteral("failure"), QStringLiteral("pending"),
                  QStringLiteral("unknown")});
    html += item(tr("Networks (IPv4 and IPv6): %1, %2; a plain %3 is an exact match"),
                 {QStringLiteral("address:10.0.0.0/8"), QStringLiteral("address:2001:db8::/32"),
                  QStringLiteral("address:10.0.0.1")});
    html += item(tr("Relative times: %1, %2, %3, %4, %5 and %6; %7 means \"since 15 minutes "
                    "ago\""),
                 {QStringLiteral("-30s"), QStringLiteral("-15m"), QStringLiteral("-2h"),
                  QStringLiteral("-7d"), QStringLiteral("-1w"), QStringLiteral("now"),
                  QStringLiteral("time:-15m")});
    html += item(tr("Absolute times (ISO 8601): %1 (the whole day), %2, %3; a value covers its "
                    "precision"),
                 {QStringLiteral("time:2023-10-18"), QStringLiteral("time>=2023-10-18T14:00"),
                  QStringLiteral("time<2023-10-18T14:00:05.250")});
    html += item(tr("Time zones: %1 or an offset such as %2 or %3; without a zone a time is in "
                    "the window's display time zone (View > Local Time), UTC on the command "
                    "line"),
                 {QStringLiteral("Z"), QStringLiteral("+02:00"), QStringLiteral("-0500")});
    html += QStringLiteral("</ul>");

    html += section(tr("Combining terms"));
    html += QStringLiteral("<ul>");
    html += item(tr("Terms side by side must all match (%1 or %2)"),
                 {QStringLiteral("AND"), QStringLiteral("&&")});
    html += item(tr("%1 or %2: either matches"), {QStringLiteral("OR"), QStringLiteral("||")});
    html += item(tr("%1, %2 or %3 before a term or a group: it must not match"),
                 {QStringLiteral("NOT"), QStringLiteral("-"), QStringLiteral("!")});
    html += item(tr("NOT binds tightest, then AND, then OR: %1 is %2; group with parentheses"),
                 {QStringLiteral("a b OR c"), QStringLiteral("(a AND b) OR c")});
    html += item(tr("A bare word or %1 searches the initiator and target ids and names, agent, "
                    "address, action and the raw record (slow on big stores: narrow it with "
                    "other terms)"),
                 {QStringLiteral("\"phrase\"")});
    html += QStringLiteral("</ul>");
    m_browser->setHtml(html);
}

void FilterHelpPopup::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Escape) {
        close();
        return;
    }
    QFrame::keyPressEvent(event);
}

void FilterHelpPopup::changeEvent(QEvent* event) {
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        rebuild();
}
