#pragma once

#include <QFrame>
#include <QString>

class QTextBrowser;

// The filter language's help: fields (generated from the filter's own field table, so it never
// drifts from what the parser accepts), operators, values, boolean logic and clickable examples.
// A non-modal tool window next to the filter bar: the analyst can read it while typing. Escape
// closes it. The text is ours, never event text, so it is rich text; its colours come from the
// palette, so it reads in light and dark themes alike.
class FilterHelpPopup : public QFrame {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FilterHelpPopup)

public:
    explicit FilterHelpPopup(QWidget* parent = nullptr);

    QTextBrowser* browser() const { return m_browser; }
    // Rebuilds the text (e.g. after a palette change); the examples are links "example:N".
    void rebuild();
    // The example filter a link of rebuild()'s text stands for; empty for any other link.
    static QString exampleForLink(const QString& href);

Q_SIGNALS:
    // An example was clicked: the filter bar takes its text.
    void exampleChosen(const QString& text);

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    QTextBrowser* m_browser = nullptr;
};
