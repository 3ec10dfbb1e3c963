#pragma once

#include <QWidget>

#include <memory>

namespace cadf::store {
struct StoredEvent;
}

class EventAttributesModel;
class JsonHighlighter;
class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTreeView;

// The selected event: a header (time, source file and line), then three tabs: a tree of every
// attribute (nested and unknown keys included, times with raw text, parsed instant and skew),
// the event as pretty-printed, highlighted JSON, and the raw record exactly as received. All text
// is plain: labels use Qt::PlainText, editors are QPlainTextEdit. The tree's context menu filters
// on a value, excludes it, adds it as a table column or copies it.
class EventDetailPane : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventDetailPane)

public:
    explicit EventDetailPane(QWidget* parent = nullptr);

    void setEvent(const cadf::store::StoredEvent& event);
    void setLoading();
    void setUnavailable();
    void clear();
    // Instants in UTC or in this computer's zone (the window's global toggle).
    void setLocalTime(bool local);

    qint64 eventId() const { return m_eventId; }
    QString headerText() const;
    QString recordText() const;
    QString jsonText() const;
    QTreeView* attributeView() const { return m_tree; }
    EventAttributesModel* attributes() const { return m_attributes; }
    QTabWidget* tabs() const { return m_tabs; }

    // The actions of the context menu, callable for an attribute row (tests, keyboard).
    void filterOn(const QModelIndex& index, bool exclude);
    void addAsColumn(const QModelIndex& index);
    void copyValue(const QModelIndex& index);
    void copyEventAsJson();

Q_SIGNALS:
    void filterRequested(const QString& field, const QString& value, bool exclude);
    void addColumnRequested(int tableColumn);

protected:
    void changeEvent(QEvent* event) override;

private:
    void showTreeMenu(const QPoint& pos);
    void updateHighlighter();

    QLabel* m_header = nullptr;
    QTabWidget* m_tabs = nullptr;
    QTreeView* m_tree = nullptr;
    EventAttributesModel* m_attributes = nullptr;
    QPlainTextEdit* m_json = nullptr;
    JsonHighlighter* m_highlighter = nullptr;
    QPlainTextEdit* m_record = nullptr;
    std::shared_ptr<const cadf::store::StoredEvent> m_event;
    qint64 m_eventId = 0;
    bool m_localTime = false;
};
