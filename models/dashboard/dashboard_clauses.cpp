#include "models/dashboard/dashboard_clauses.h"

#include "models/cadf/timestamp.h"
#include "models/filter/filter.h"

#include <set>

namespace cadf::dashboard {

QString timeRangeClause(std::int64_t fromUs, std::int64_t toUs, int displayOffsetSeconds) {
    // Whole seconds: bucket edges are round (store::histogramBucketSize), and a fraction would
    // only lengthen the text.
    return QStringLiteral("time>=%1 time<%2")
        .arg(QString::fromStdString(formatIso(fromUs, displayOffsetSeconds, 0)),
             QString::fromStdString(formatIso(toUs, displayOffsetSeconds, 0)));
}

QString outcomeClause(int outcome) {
    static const char* const names[] = {"unknown", "success", "failure", "pending"};
    if (outcome < 0 || outcome > 3)
        return {};
    return QStringLiteral("outcome:") + QLatin1String(names[outcome]);
}

QString serviceClause(const std::string& serviceName) {
    return filter::termFor(QStringLiteral("service"), serviceName.empty()
                                                          ? QStringLiteral("Unclassified")
                                                          : QString::fromStdString(serviceName));
}

QString codeClause(int code) {
    // NULL codes are events without a reason code and those whose code is text
    // ("Unauthorized"); `code:""` would only select the first kind.
    if (code < 0)
        return QStringLiteral("-(code<0 OR code>=0)");
    return QStringLiteral("code:%1").arg(code);
}

QString endpointClause(const std::string& description) {
    return filter::termFor(QStringLiteral("endpoint"), QString::fromStdString(description));
}

QString addressClause(const std::string& address) {
    // An empty address (the initiator sent none) becomes `address:""`: "has none".
    return filter::termFor(QStringLiteral("address"), QString::fromStdString(address));
}

QString actionKindClause(ActionKind kind, const std::vector<std::string>& storeActions) {
    // The filter matches action text ignoring case: one term per case-folded spelling.
    std::set<QString> folded;
    QStringList terms;
    for (const std::string& action : storeActions) {
        if (actionKindOf(action) != kind)
            continue;
        const QString text = QString::fromStdString(action);
        if (!folded.insert(text.toLower()).second)
            continue;
        terms << filter::termFor(QStringLiteral("action"), text);
    }
    if (terms.isEmpty())
        return {};
    if (terms.size() == 1)
        return terms.front();
    return u'(' + terms.join(QStringLiteral(" OR ")) + u')';
}

QString joinClauses(const QStringList& parts) {
    QStringList kept;
    for (const QString& part : parts) {
        if (!part.trimmed().isEmpty())
            kept << part.trimmed();
    }
    return kept.join(u' ');
}

} // namespace cadf::dashboard
