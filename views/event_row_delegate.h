#pragma once

#include <QStyledItemDelegate>

// Outcome colouring of the event table, like Wireshark's colouring rules: failures get a red
// tint, server errors (5xx) a stronger, warmer one than client errors (4xx), pending events a
// yellow one. The tints are mixed from the palette's base colour, so they stay readable in light
// and dark themes; the model only says what happened (OutcomeRole, CodeRole).
class EventRowDelegate : public QStyledItemDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventRowDelegate)

public:
    enum class Tint { None, Pending, ClientError, Failure, ServerError };

    explicit EventRowDelegate(QObject* parent = nullptr);

    static Tint tintFor(int outcome, int code);
    // The background for a tint against `base` (the palette's Base colour); invalid for None.
    static QColor background(Tint tint, const QColor& base);
    // Text colour of the outcome cell of a failure, readable on background().
    static QColor emphasis(Tint tint, const QColor& base);

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};
