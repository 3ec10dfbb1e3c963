#pragma once

#include <QWidget>

namespace cadf::store {
struct StoredEvent;
}

class QLabel;
class QPlainTextEdit;

// The selected event as it was received: time, source file and line above the raw record.
// A placeholder for the full detail pane (tree, pretty JSON) of a later version.
class EventDetailPane : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventDetailPane)

public:
    explicit EventDetailPane(QWidget* parent = nullptr);

    void setEvent(const cadf::store::StoredEvent& event);
    void setLoading();
    void setUnavailable();
    void clear();

    qint64 eventId() const { return m_eventId; }
    QString headerText() const;
    QString recordText() const;

private:
    QLabel* m_header = nullptr;
    QPlainTextEdit* m_record = nullptr;
    qint64 m_eventId = 0;
};
