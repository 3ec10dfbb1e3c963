#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

// Colours pretty-printed JSON: keys, strings, numbers, true/false/null. It only changes the
// format of characters in a plain-text document; nothing in the event is ever read as markup.
class JsonHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonHighlighter)

public:
    explicit JsonHighlighter(QTextDocument* document);
    // Picks colours readable on `base` (the editor's background).
    void setDark(bool dark);

protected:
    void highlightBlock(const QString& text) override;

private:
    QTextCharFormat m_key, m_string, m_number, m_literal;
};
