#include "views/event_row_delegate.h"

#include "models/cadf/event.h"
#include "models/itemmodels/event_table_model.h"

#include <QPalette>

namespace {

bool isDark(const QColor& base) {
    return base.lightness() < 128;
}

// `weight` of `tint` over `base`: the tint shows, the palette's contrast stays.
QColor mix(const QColor& base, const QColor& tint, double weight) {
    const auto channel = [weight](int b, int t) { return int(b * (1.0 - weight) + t * weight); };
    return QColor(channel(base.red(), tint.red()), channel(base.green(), tint.green()),
                  channel(base.blue(), tint.blue()));
}

} // namespace

EventRowDelegate::EventRowDelegate(QObject* parent)
    : QStyledItemDelegate(parent) {}

EventRowDelegate::Tint EventRowDelegate::tintFor(int outcome, int code) {
    const auto kind = static_cast<cadf::Outcome>(outcome);
    if (code >= 500 && code <= 599)
        return Tint::ServerError;
    if (kind == cadf::Outcome::Failure)
        return code >= 400 && code <= 499 ? Tint::ClientError : Tint::Failure;
    if (code >= 400 && code <= 499)
        return Tint::ClientError; // a 4xx reported as success is still worth a look
    if (kind == cadf::Outcome::Pending)
        return Tint::Pending;
    return Tint::None;
}

QColor EventRowDelegate::background(Tint tint, const QColor& base) {
    const bool dark = isDark(base);
    switch (tint) {
    case Tint::None:
        return {};
    case Tint::Pending:
        return mix(base, QColor(230, 190, 0), dark ? 0.22 : 0.18);
    case Tint::ClientError:
    case Tint::Failure:
        return mix(base, QColor(220, 30, 30), dark ? 0.30 : 0.16);
    case Tint::ServerError:
        return mix(base, QColor(230, 90, 0), dark ? 0.42 : 0.30);
    }
    return {};
}

QColor EventRowDelegate::emphasis(Tint tint, const QColor& base) {
    const bool dark = isDark(base);
    switch (tint) {
    case Tint::None:
    case Tint::Pending:
        return {};
    case Tint::ClientError:
    case Tint::Failure:
        return dark ? QColor(255, 170, 170) : QColor(165, 0, 20);
    case Tint::ServerError:
        return dark ? QColor(255, 200, 150) : QColor(140, 40, 0);
    }
    return {};
}

void EventRowDelegate::initStyleOption(QStyleOptionViewItem* option,
                                       const QModelIndex& index) const {
    QStyledItemDelegate::initStyleOption(option, index);
    const QVariant outcome = index.data(EventTableModel::OutcomeRole);
    if (!outcome.isValid())
        return; // still loading
    const Tint tint = tintFor(outcome.toInt(), index.data(EventTableModel::CodeRole).toInt());
    if (tint == Tint::None)
        return;
    const QColor base = option->palette.color(QPalette::Base);
    option->backgroundBrush = background(tint, base);
    const int column = index.column();
    if (column == EventTableModel::OutcomeColumn || column == EventTableModel::CodeColumn) {
        if (const QColor text = emphasis(tint, base); text.isValid()) {
            option->palette.setColor(QPalette::Text, text);
            option->font.setBold(true);
        }
    }
}
