#include "views/plain_tooltips.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QTextDocument>
#include <QToolTip>

namespace {

class PlainToolTipFilter : public QObject {
public:
    explicit PlainToolTipFilter(QAbstractItemView* view)
        : QObject(view)
        , m_view(view) {}

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (watched != m_view->viewport() || event->type() != QEvent::ToolTip)
            return QObject::eventFilter(watched, event);
        auto* help = static_cast<QHelpEvent*>(event);
        const QModelIndex index = m_view->indexAt(help->pos());
        const QString text = index.isValid() ? index.data(Qt::ToolTipRole).toString() : QString();
        if (text.isEmpty()) {
            QToolTip::hideText();
            event->ignore();
        } else {
            showPlainToolTip(help->globalPos(), text, m_view->viewport(),
                             m_view->visualRect(index));
        }
        return true;
    }

private:
    QAbstractItemView* m_view;
};

} // namespace

void showPlainToolTip(const QPoint& globalPos, const QString& text, QWidget* widget,
                      const QRect& rect, Qt::WhiteSpaceMode mode) {
    QToolTip::showText(globalPos, Qt::convertFromPlainText(text, mode), widget, rect);
}

void showPlainToolTips(QAbstractItemView* view) {
    view->viewport()->installEventFilter(new PlainToolTipFilter(view));
}
