#include "views/json_highlighter.h"

JsonHighlighter::JsonHighlighter(QTextDocument* document)
    : QSyntaxHighlighter(document) {
    setDark(false);
}

void JsonHighlighter::setDark(bool dark) {
    m_key.setForeground(dark ? QColor(130, 190, 255) : QColor(0, 70, 160));
    m_key.setFontWeight(QFont::DemiBold);
    m_string.setForeground(dark ? QColor(160, 220, 140) : QColor(20, 110, 20));
    m_number.setForeground(dark ? QColor(240, 180, 110) : QColor(170, 80, 0));
    m_literal.setForeground(dark ? QColor(220, 150, 240) : QColor(130, 30, 150));
    rehighlight();
}

// A line scanner is enough: the text is our own dump(2), one key or value per line, and a string
// never spans lines (control characters are escaped by the dump).
void JsonHighlighter::highlightBlock(const QString& text) {
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = text.at(i);
        if (c == u'"') {
            qsizetype end = i + 1;
            while (end < n && text.at(end) != u'"')
                end += text.at(end) == u'\\' ? 2 : 1;
            end = qMin(end + 1, n);
            qsizetype after = end;
            while (after < n && text.at(after).isSpace())
                ++after;
            const bool key = after < n && text.at(after) == u':';
            setFormat(int(i), int(end - i), key ? m_key : m_string);
            i = end;
        } else if (c.isDigit() || c == u'-') {
            qsizetype end = i + 1;
            while (end < n &&
                   (text.at(end).isDigit() || text.at(end) == u'.' || text.at(end) == u'e' ||
                    text.at(end) == u'E' || text.at(end) == u'+' || text.at(end) == u'-'))
                ++end;
            setFormat(int(i), int(end - i), m_number);
            i = end;
        } else if (c.isLetter()) {
            qsizetype end = i + 1;
            while (end < n && text.at(end).isLetter())
                ++end;
            setFormat(int(i), int(end - i), m_literal);
            i = end;
        } else {
            ++i;
        }
    }
}
