#pragma once

#include <QString>
#include <QToolButton>

class QMenu;

// The toolbar's time range (docs/ui.md, "time range ▾"): presets relative to now (last 15
// minutes ... last 30 days) and "All time". The range lives in the filter text, as a
// histogram drag's does, so every view shows it, the analyst reads it in words, and Back/Forward
// restore it with the filter: choosing a preset replaces the text's time terms (rangeChosen()
// hands the new text to the window, which applies it). The label names the text's range.
class TimeRangeButton : public QToolButton {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimeRangeButton)

public:
    explicit TimeRangeButton(QWidget* parent = nullptr);

    // The applied filter text changed: the label follows it.
    void setFilterText(const QString& text);
    // `text` without its time terms, with `term` (e.g. time>=-1h) added when not empty. A text
    // with groups or OR keeps its terms (and gains `term` with AND).
    static QString withTimeTerm(const QString& text, const QString& term);
    // The preset terms, in menu order.
    static QStringList presetTerms();

Q_SIGNALS:
    void rangeChosen(const QString& filterText);

private:
    QString presetLabel(const QString& term) const;

    QMenu* m_menu = nullptr;
    QString m_filterText;
};
