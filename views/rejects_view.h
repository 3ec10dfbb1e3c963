#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTableView;
class QTabWidget;
class RejectsModel;

// The Rejects view: every record that did not become an event, with its source, position and
// reason, and the bytes as received (as text with odd bytes escaped, and as a hex dump), so an
// analyst can see exactly what a producer sent and why cadfscope refused it.
class RejectsView : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RejectsView)

public:
    explicit RejectsView(RejectsModel* model, QWidget* parent = nullptr);

    QTableView* table() const { return m_table; }
    QString summaryText() const;
    QString rawText() const;
    QString hexText() const;

private:
    void updateSummary();
    void showReject(int row);

    RejectsModel* m_model;
    QLabel* m_summary = nullptr;
    QTableView* m_table = nullptr;
    QTabWidget* m_tabs = nullptr;
    QLabel* m_position = nullptr;
    QPlainTextEdit* m_raw = nullptr;
    QPlainTextEdit* m_hex = nullptr;
};
