#pragma once

#include "models/store/store_types.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QStringList>
#include <QWidget>

class FilterHelpPopup;
class QCompleter;
class QLabel;
class QLineEdit;
class QStringListModel;
class QTimer;
class QToolButton;

// The display filter: one line of the filter language (models/filter). It validates as you type
// (debounced): green when the text compiles, red with the bad part underlined and the message
// beside it when not. Enter (or the apply button) applies a valid filter; an invalid one is
// never applied, so the rows stay as they were. Completes field names, and after `field:` the
// most frequent values of that field (asked for with valuesWanted(), answered off the UI thread
// through setValues()). Keeps a history of applied filters and named saved filters; the window
// persists both through its settings.
class FilterBar : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FilterBar)

public:
    using SavedFilter = QPair<QString, QString>; // name, text
    static constexpr int kMaxHistory = 20;
    static constexpr int kDebounceMs = 200;

    explicit FilterBar(QWidget* parent = nullptr);

    QString text() const;
    // Replaces the text and applies it (a click in a facet, "Filter on this value").
    void setTextAndApply(const QString& text);
    // Adds `term` (e.g. `-code:404`) to the current text with AND, and applies.
    void addTerm(const QString& term);
    // Validates now and applies when valid; returns whether it did.
    bool apply();
    // Offset of the display zone from UTC, for times written without a zone.
    void setDisplayUtcOffsetSeconds(int seconds);

    bool isValid() const { return m_valid; }
    QString errorText() const;
    QString appliedText() const { return m_appliedText; }
    QLineEdit* lineEdit() const { return m_edit; }
    QCompleter* completer() const { return m_completer; }

    QStringList history() const { return m_history; }
    void setHistory(const QStringList& history);
    QList<SavedFilter> savedFilters() const { return m_saved; }
    void setSavedFilters(const QList<SavedFilter>& saved);
    // Saves the current text under `name` (replacing a filter of that name).
    void saveCurrent(const QString& name);

    // Most frequent values of a field, for completion after `field:`.
    void setValues(const QString& field, const QStringList& values);

    // The filter language's help next to the bar (the "?" button, F1 in the bar, Help > Filter
    // Syntax); non-modal, Escape closes it. Clicking one of its examples applies the example.
    void showHelp();
    // Created on first use; nullptr before.
    FilterHelpPopup* helpPopup() const { return m_help; }

Q_SIGNALS:
    // A valid filter was applied. `sql` is empty for an empty text (every event).
    void filterApplied(const QString& text, const cadf::store::SqlFilter& sql);
    void valuesWanted(const QString& field);
    void historyChanged(const QStringList& history);
    void savedFiltersChanged(const QList<FilterBar::SavedFilter>& saved);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Token {
        int start = 0;
        int length = 0;
        QString field; // before ':' when the cursor is in a value
        QString prefix;
    };
    bool validate();
    void showState();
    void underline(int start, int length);
    Token tokenAtCursor() const;
    void updateCompletion();
    void insertCompletion(const QString& completion);
    void showMenu();
    void askSaveName();

    QLineEdit* m_edit = nullptr;
    QToolButton* m_applyButton = nullptr;
    QToolButton* m_menuButton = nullptr;
    QToolButton* m_helpButton = nullptr;
    FilterHelpPopup* m_help = nullptr;
    QLabel* m_message = nullptr;
    QTimer* m_debounce = nullptr;
    QCompleter* m_completer = nullptr;
    QStringListModel* m_completions = nullptr;
    QHash<QString, QStringList> m_values;

    bool m_valid = true;
    int m_errorPosition = 0;
    int m_errorLength = 0;
    QString m_error;
    QString m_appliedText;
    cadf::store::SqlFilter m_sql;
    int m_offsetSeconds = 0;
    QStringList m_history;
    QList<SavedFilter> m_saved;
};
