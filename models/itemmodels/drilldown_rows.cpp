#include "models/itemmodels/drilldown_rows.h"

#include "models/cadf/event.h"
#include "models/filter/filter.h"
#include "models/inventory/catalogue.h"

#include <QRegularExpression>

#include <algorithm>

using Kind = DrilldownTableModel::Kind;
using Row = DrilldownTableModel::Row;

namespace {

QString text(const std::string& value) {
    return QString::fromStdString(value);
}

QVariant count(std::int64_t n) {
    return QVariant(qint64(n));
}

QVariant percent(std::int64_t events, std::int64_t failures) {
    return QVariant(cadf::dashboard::failurePercent(events, failures));
}

// An unclassified pattern's {placeholders} as wildcards, other wildcard characters literal.
QString patternValue(const QString& pattern) {
    QString out;
    bool inPlaceholder = false;
    for (const QChar c : pattern) {
        if (inPlaceholder) {
            inPlaceholder = c != u'}';
            continue;
        }
        if (c == u'{') {
            inPlaceholder = true;
            out += u'*';
            continue;
        }
        if (c == u'*' || c == u'\\' || c == u'"')
            out += u'\\';
        out += c;
    }
    return out;
}

// The short lists show one initiator column: its name, or its id when it has none.
QString displayName(const cadf::dashboard::InitiatorCount& initiator) {
    return text(initiator.name.empty() ? initiator.id : initiator.name);
}

QString joinTerms(const QString& a, const QString& b) {
    if (a.isEmpty())
        return b;
    if (b.isEmpty())
        return a;
    return a + u' ' + b;
}

} // namespace

QString DrilldownRows::targetKey(int endpointId, std::int64_t patternId) {
    return endpointId != 0 ? QString::number(endpointId)
                           : QStringLiteral("pattern:") + QString::number(patternId);
}

bool DrilldownRows::subjectFor(const QString& kind, const QString& key,
                               cadf::dashboard::ProfileSubject& subject) {
    using Subject = cadf::dashboard::ProfileSubject;
    bool ok = false;
    if (kind == initiatorProfileKind()) {
        subject.kind = Subject::Kind::Initiator;
        subject.id = key.toLongLong(&ok);
    } else if (kind == targetProfileKind() && key.startsWith(QStringLiteral("pattern:"))) {
        subject.kind = Subject::Kind::Pattern;
        subject.id = key.mid(8).toLongLong(&ok);
    } else if (kind == targetProfileKind()) {
        subject.kind = Subject::Kind::Endpoint;
        subject.id = key.toLongLong(&ok);
    }
    return ok && subject.id > 0;
}

QString DrilldownRows::initiatorTerm(const std::string& id, const std::string& name) {
    if (!id.empty())
        return cadf::filter::termFor(QStringLiteral("initiator.id"), text(id));
    return cadf::filter::termFor(QStringLiteral("initiator.name"), text(name));
}

QString DrilldownRows::endpointTerm(const std::string& service, const std::string& description) {
    if (description.empty())
        return {};
    return joinTerms(serviceTerm(service),
                     cadf::filter::termFor(QStringLiteral("endpoint"), text(description)));
}

QString DrilldownRows::patternTerm(const std::string& pattern) {
    if (pattern.empty())
        return {};
    const QString value = patternValue(text(pattern));
    const bool quote = value.contains(QRegularExpression(QStringLiteral("[\\s()]")));
    return QStringLiteral("target.id:") + (quote ? u'"' + value + u'"' : value);
}

QString DrilldownRows::serviceTerm(const std::string& service) {
    return service.empty() ? QString()
                           : cadf::filter::termFor(QStringLiteral("service"), text(service));
}

DrilldownRows::Columns DrilldownRows::initiatorColumns() {
    return {
        {tr("Initiator"), Kind::Text, tr("The initiator's CADF id")},
        {tr("Name"), Kind::Text, {}},
        {tr("Type"), Kind::Text, tr("The initiator's typeURI")},
        {tr("Events"), Kind::Count, {}},
        {tr("Failures"), Kind::Count, {}},
        {tr("Failure %"), Kind::Percent, {}},
        {tr("Services"), Kind::Count, tr("Distinct services touched")},
        {tr("Addresses"), Kind::Count, tr("Distinct source addresses")},
        {tr("Agents"), Kind::Count, tr("Distinct user agents")},
        {tr("First seen"), Kind::Time, {}},
        {tr("Last seen"), Kind::Time, {}},
    };
}

DrilldownRows::Rows
DrilldownRows::initiatorRows(const std::vector<cadf::dashboard::InitiatorRow>& rows) {
    Rows out;
    out.reserve(rows.size());
    for (const cadf::dashboard::InitiatorRow& r : rows) {
        Row row;
        row.values = {text(r.id),        text(r.name),       text(r.type),
                      count(r.events),   count(r.failures),  percent(r.events, r.failures),
                      count(r.services), count(r.addresses), count(r.agents),
                      count(r.firstUs),  count(r.lastUs)};
        row.rowTerm = initiatorTerm(r.id, r.name);
        row.terms = {row.rowTerm,
                     cadf::filter::termFor(QStringLiteral("initiator.name"), text(r.name)),
                     cadf::filter::termFor(QStringLiteral("initiator.type"), text(r.type))};
        row.profileKind = initiatorProfileKind();
        row.profileKey = QString::number(r.ref);
        row.failure = r.events > 0 && r.failures == r.events;
        out.push_back(std::move(row));
    }
    return out;
}

DrilldownRows::Columns DrilldownRows::targetColumns() {
    return {
        {tr("Target"), Kind::Text, tr("The endpoint's URL template, or the unclassified path")},
        {tr("Endpoint"), Kind::Text, tr("The endpoint's inventory description")},
        {tr("Service"), Kind::Text, {}},
        {tr("Events"), Kind::Count, {}},
        {tr("Failures"), Kind::Count, {}},
        {tr("Failure %"), Kind::Percent, {}},
        {tr("Initiators"), Kind::Count, tr("Distinct initiators")},
    };
}

DrilldownRows::Rows DrilldownRows::targetRows(const std::vector<cadf::dashboard::TargetRow>& rows) {
    Rows out;
    out.reserve(rows.size());
    for (const cadf::dashboard::TargetRow& r : rows) {
        Row row;
        const QString service =
            r.serviceId == 0 ? tr("(unclassified)", "service column") : text(r.service);
        row.values = {text(r.target),     text(r.description), service,
                      count(r.events),    count(r.failures),   percent(r.events, r.failures),
                      count(r.initiators)};
        row.rowTerm =
            r.endpointId != 0 ? endpointTerm(r.service, r.description) : patternTerm(r.target);
        row.terms = {row.rowTerm, row.rowTerm, serviceTerm(r.service)};
        row.profileKind = targetProfileKind();
        row.profileKey = targetKey(r.endpointId, r.patternId);
        row.failure = r.events > 0 && r.failures == r.events;
        out.push_back(std::move(row));
    }
    return out;
}

DrilldownRows::Columns DrilldownRows::conversationColumns() {
    return {
        {tr("Initiator"), Kind::Text, tr("The initiator's CADF id")},
        {tr("Name"), Kind::Text, {}},
        {tr("Service"), Kind::Text, {}},
        {tr("Events"), Kind::Count, {}},
        {tr("Failures"), Kind::Count, {}},
        {tr("Failure %"), Kind::Percent, {}},
        {tr("First seen"), Kind::Time, {}},
        {tr("Last seen"), Kind::Time, {}},
    };
}

DrilldownRows::Rows
DrilldownRows::conversationRows(const std::vector<cadf::dashboard::ConversationRow>& rows) {
    Rows out;
    out.reserve(rows.size());
    for (const cadf::dashboard::ConversationRow& r : rows) {
        Row row;
        const QString service =
            r.serviceId == 0 ? tr("(unclassified)", "service column") : text(r.service);
        row.values = {text(r.initiator.id), text(r.initiator.name), service,
                      count(r.events),      count(r.failures),      percent(r.events, r.failures),
                      count(r.firstUs),     count(r.lastUs)};
        const QString initiator = initiatorTerm(r.initiator.id, r.initiator.name);
        row.rowTerm = joinTerms(initiator, serviceTerm(r.service));
        row.terms = {initiator, initiator, serviceTerm(r.service)};
        row.profileKind = initiatorProfileKind();
        row.profileKey = QString::number(r.initiator.ref);
        row.failure = r.events > 0 && r.failures == r.events;
        out.push_back(std::move(row));
    }
    return out;
}

namespace {

// The distinct codes of a service x code list, ascending, "none" (-1) last.
std::vector<int> distinctCodes(const std::vector<cadf::dashboard::ServiceCode>& codes) {
    std::vector<int> out;
    for (const cadf::dashboard::ServiceCode& c : codes)
        out.push_back(c.code);
    std::sort(out.begin(), out.end(), [](int a, int b) {
        return a < 0 || b < 0 ? a > b : a < b; // -1 sorts after every code
    });
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

} // namespace

DrilldownRows::Columns
DrilldownRows::serviceCodeColumns(const std::vector<cadf::dashboard::ServiceCode>& codes) {
    Columns columns{{tr("Service"), Kind::Text, {}}, {tr("Events"), Kind::Count, {}}};
    for (const int code : distinctCodes(codes)) {
        columns.push_back({code >= 0 ? QString::number(code) : tr("none", "reason code"),
                           Kind::Count,
                           code >= 0 ? tr("Events with reason code %1").arg(code)
                                     : tr("Events without a numeric reason code")});
    }
    return columns;
}

DrilldownRows::Rows
DrilldownRows::serviceCodeRows(const std::vector<cadf::dashboard::ServiceCode>& codes) {
    const cadf::inventory::Catalogue& catalogue = cadf::inventory::Catalogue::builtIn();
    const std::vector<int> columns = distinctCodes(codes);
    Rows out;
    int serviceId = -1;
    std::string service;
    for (const cadf::dashboard::ServiceCode& c : codes) { // by service, then code
        if (c.serviceId != serviceId || out.empty()) {
            serviceId = c.serviceId;
            service = cadf::dashboard::serviceName(catalogue, serviceId);
            Row row;
            row.values.resize(columns.size() + 2);
            row.terms.resize(columns.size() + 2);
            row.values[0] = serviceId == 0 ? tr("(unclassified)", "service column") : text(service);
            row.values[1] = count(0);
            row.rowTerm = serviceTerm(service);
            out.push_back(std::move(row));
        }
        Row& row = out.back();
        const auto column =
            std::size_t(std::find(columns.begin(), columns.end(), c.code) - columns.begin() + 2);
        row.values[column] = count(c.events);
        row.values[1] = count(row.values[1].toLongLong() + c.events);
        // No numeric code: the filter language has no "absent" test, so the cell filters on the
        // service alone (the row's term).
        if (c.code >= 0)
            row.terms[column] =
                joinTerms(serviceTerm(service), QStringLiteral("code:%1").arg(c.code));
    }
    return out;
}

DrilldownRows::Columns DrilldownRows::failingPairColumns() {
    return {
        {tr("Initiator"), Kind::Text, tr("The initiator's name (its id when it has none)")},
        {tr("Service"), Kind::Text, {}},
        {tr("Endpoint"), Kind::Text, tr("The endpoint's inventory description")},
        {tr("Failures"), Kind::Count, {}},
        {tr("Events"), Kind::Count, {}},
        {tr("Failure %"), Kind::Percent, {}},
    };
}

DrilldownRows::Rows
DrilldownRows::failingPairRows(const std::vector<cadf::dashboard::FailingPair>& pairs) {
    Rows out;
    out.reserve(pairs.size());
    for (const cadf::dashboard::FailingPair& p : pairs) {
        Row row;
        const QString endpoint = p.endpoint.endpointId == 0 ? tr("(unclassified)", "endpoint")
                                                            : text(p.endpoint.description);
        row.values = {displayName(p.initiator),
                      text(p.endpoint.service),
                      endpoint,
                      count(p.initiator.failures),
                      count(p.initiator.events),
                      percent(p.initiator.events, p.initiator.failures)};
        const QString initiator = initiatorTerm(p.initiator.id, p.initiator.name);
        const QString target = endpointTerm(p.endpoint.service, p.endpoint.description);
        row.rowTerm = joinTerms(initiator, target);
        row.terms = {initiator, serviceTerm(p.endpoint.service), target};
        row.profileKind = initiatorProfileKind();
        row.profileKey = QString::number(p.initiator.ref);
        row.failure = true;
        out.push_back(std::move(row));
    }
    return out;
}

DrilldownRows::Columns DrilldownRows::profileServiceColumns() {
    return {{tr("Service"), Kind::Text, {}},
            {tr("Events"), Kind::Count, {}},
            {tr("Failures"), Kind::Count, {}}};
}

DrilldownRows::Rows
DrilldownRows::profileServiceRows(const std::vector<cadf::dashboard::ServiceEvents>& rows) {
    Rows out;
    for (const cadf::dashboard::ServiceEvents& r : rows) {
        Row row;
        row.values = {r.serviceId == 0 ? tr("(unclassified)", "service column") : text(r.service),
                      count(r.events), count(r.failures)};
        row.rowTerm = serviceTerm(r.service);
        out.push_back(std::move(row));
    }
    return out;
}

DrilldownRows::Columns DrilldownRows::profileEndpointColumns() {
    return {{tr("Endpoint"), Kind::Text, tr("The endpoint's inventory description")},
            {tr("Service"), Kind::Text, {}},
            {tr("Events"), Kind::Count, {}},
            {tr("Failures"), Kind::Count, {}}};
}

DrilldownRows::Rows
DrilldownRows::profileEndpointRows(const std::vector<cadf::dashboard::EndpointCount>& rows) {
    Rows out;
    for (const cadf::dashboard::EndpointCount& r : rows) {
        Row row;
        row.values = {r.endpointId == 0 ? tr("(unclassified)", "endpoint") : text(r.description),
                      text(r.service), count(r.events), count(r.failures)};
        row.rowTerm = endpointTerm(r.service, r.description);
        row.terms = {row.rowTerm, serviceTerm(r.service)};
        if (r.endpointId != 0) {
            row.profileKind = targetProfileKind();
            row.profileKey = targetKey(r.endpointId, 0);
        }
        out.push_back(std::move(row));
    }
    return out;
}

DrilldownRows::Columns DrilldownRows::profileInitiatorColumns() {
    return {{tr("Initiator"), Kind::Text, tr("The initiator's name (its id when it has none)")},
            {tr("Events"), Kind::Count, {}},
            {tr("Failures"), Kind::Count, {}}};
}

DrilldownRows::Rows
DrilldownRows::profileInitiatorRows(const std::vector<cadf::dashboard::InitiatorCount>& rows) {
    Rows out;
    for (const cadf::dashboard::InitiatorCount& r : rows) {
        Row row;
        row.values = {displayName(r), count(r.events), count(r.failures)};
        row.rowTerm = initiatorTerm(r.id, r.name);
        row.profileKind = initiatorProfileKind();
        row.profileKey = QString::number(r.ref);
        out.push_back(std::move(row));
    }
    return out;
}

DrilldownRows::Columns DrilldownRows::valueColumns(const QString& title) {
    return {{title, Kind::Text, {}},
            {tr("Events"), Kind::Count, {}},
            {tr("Failures"), Kind::Count, {}}};
}

DrilldownRows::Rows DrilldownRows::valueRows(const std::vector<cadf::dashboard::ValueEvents>& rows,
                                             const QString& field) {
    Rows out;
    for (const cadf::dashboard::ValueEvents& r : rows) {
        Row row;
        row.values = {r.value.empty() ? tr("(none)", "absent value") : text(r.value),
                      count(r.events), count(r.failures)};
        if (!r.value.empty())
            row.rowTerm = cadf::filter::termFor(field, text(r.value));
        out.push_back(std::move(row));
    }
    return out;
}

DrilldownRows::Columns DrilldownRows::codeColumns() {
    return {{tr("Code"), Kind::Text, tr("Reason code")}, {tr("Failures"), Kind::Count, {}}};
}

DrilldownRows::Rows DrilldownRows::codeRows(const std::vector<cadf::dashboard::CodeCount>& rows) {
    Rows out;
    for (const cadf::dashboard::CodeCount& r : rows) {
        Row row;
        row.values = {r.code >= 0 ? QString::number(r.code) : tr("none", "reason code"),
                      count(r.events)};
        if (r.code >= 0)
            row.rowTerm = QStringLiteral("outcome:failure code:%1").arg(r.code);
        row.failure = true;
        out.push_back(std::move(row));
    }
    return out;
}

DrilldownRows::Columns DrilldownRows::actionColumns() {
    return {{tr("Action"), Kind::Text, tr("Actions grouped: CADF verbs and HTTP methods alike")},
            {tr("Events"), Kind::Count, {}}};
}

DrilldownRows::Rows DrilldownRows::actionRows(const cadf::dashboard::ActionCounts& actions) {
    const QString names[cadf::dashboard::kActionKinds] = {
        tr("create", "action group"), tr("read", "action group"), tr("update", "action group"),
        tr("delete", "action group"), tr("other", "action group")};
    Rows out;
    for (int i = 0; i < cadf::dashboard::kActionKinds; ++i) {
        if (actions[std::size_t(i)] == 0)
            continue;
        Row row;
        row.values = {names[i], count(actions[std::size_t(i)])};
        out.push_back(std::move(row));
    }
    return out;
}

DrilldownRows::Columns DrilldownRows::outcomeColumns() {
    return {{tr("Outcome"), Kind::Text, {}}, {tr("Events"), Kind::Count, {}}};
}

DrilldownRows::Rows DrilldownRows::outcomeRows(const std::array<std::int64_t, 4>& outcomes) {
    Rows out;
    for (int i = 0; i < 4; ++i) {
        if (outcomes[std::size_t(i)] == 0)
            continue;
        const auto outcome = cadf::Outcome(i);
        const QString key = QString::fromLatin1(cadf::outcomeName(outcome));
        Row row;
        row.values = {key, count(outcomes[std::size_t(i)])};
        row.rowTerm = QStringLiteral("outcome:") + key;
        row.failure = outcome == cadf::Outcome::Failure;
        out.push_back(std::move(row));
    }
    return out;
}
