#pragma once

#include <QPushButton>

class QAbstractScrollArea;

// "12 new events" floating over the event table's edge where the new rows arrive (top when the
// newest sort first, bottom otherwise), like a chat client's "new messages" pill: the analyst
// reading older rows is told that more arrived without the table jumping under them. A click
// emits clicked(); the owner scrolls and hides the bar.
class NewEventsBar : public QPushButton {
    Q_OBJECT

public:
    explicit NewEventsBar(QAbstractScrollArea* table);

    void showCount(qint64 unseen, bool newestAtTop);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void place();

    QAbstractScrollArea* m_table;
    bool m_atTop = true;
};
