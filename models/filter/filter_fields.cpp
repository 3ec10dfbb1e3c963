// The field table and the small helpers the parser, the generator and the UI share.
#include "models/filter/filter_ast.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <chrono>

namespace cadf::filter {

namespace {

struct FieldInfo {
    Field field;
    const char* name;
    const char* description; // translated on use (context "filter")
    std::optional<store::GroupField> group;
};

// The order a completer offers them: the fields an analyst reaches for first.
const std::array<FieldInfo, 25> kFields = {{
    {Field::Time, "time",
     QT_TRANSLATE_NOOP("filter", "Event time: time>=-15m, time:2023-10-18, time<2023-10-19T08:00Z"),
     store::GroupField::Day},
    {Field::Service, "service", QT_TRANSLATE_NOOP("filter", "Inventory service, e.g. service:UDI"),
     store::GroupField::Service},
    {Field::Category, "category", QT_TRANSLATE_NOOP("filter", "Inventory category of the service"),
     std::nullopt},
    {Field::Endpoint, "endpoint",
     QT_TRANSLATE_NOOP("filter", "Inventory endpoint description, e.g. endpoint:\"*controllers*\""),
     store::GroupField::Endpoint},
    {Field::Action, "action", QT_TRANSLATE_NOOP("filter", "CADF action, e.g. action:read*"),
     store::GroupField::Action},
    {Field::Outcome, "outcome",
     QT_TRANSLATE_NOOP("filter", "success, failure, pending or unknown (or the text as received)"),
     store::GroupField::Outcome},
    {Field::Code, "code",
     QT_TRANSLATE_NOOP("filter", "Reason code: code:401, code:4xx, code:400..499, code>=500"),
     store::GroupField::Code},
    {Field::Severity, "severity", QT_TRANSLATE_NOOP("filter", "CADF severity"), std::nullopt},
    {Field::Type, "type",
     QT_TRANSLATE_NOOP("filter", "CADF eventType (activity, monitor, control)"), std::nullopt},
    {Field::Initiator, "initiator", QT_TRANSLATE_NOOP("filter", "Initiator id or name"),
     store::GroupField::Initiator},
    {Field::InitiatorId, "initiator.id", QT_TRANSLATE_NOOP("filter", "Initiator id"), std::nullopt},
    {Field::InitiatorName, "initiator.name", QT_TRANSLATE_NOOP("filter", "Initiator name"),
     store::GroupField::Initiator},
    {Field::InitiatorType, "initiator.type", QT_TRANSLATE_NOOP("filter", "Initiator typeURI"),
     std::nullopt},
    {Field::Address, "address",
     QT_TRANSLATE_NOOP("filter", "Initiator host address, or a network: address:10.0.0.0/8"),
     store::GroupField::Address},
    {Field::Agent, "agent", QT_TRANSLATE_NOOP("filter", "Initiator host agent (user agent)"),
     store::GroupField::Agent},
    {Field::Credential, "credential", QT_TRANSLATE_NOOP("filter", "Initiator credential type"),
     std::nullopt},
    {Field::Target, "target", QT_TRANSLATE_NOOP("filter", "Target id or name"),
     store::GroupField::Target},
    {Field::TargetId, "target.id", QT_TRANSLATE_NOOP("filter", "Target id (often the URL)"),
     store::GroupField::Target},
    {Field::TargetName, "target.name", QT_TRANSLATE_NOOP("filter", "Target name"), std::nullopt},
    {Field::TargetType, "target.type", QT_TRANSLATE_NOOP("filter", "Target typeURI"), std::nullopt},
    {Field::Observer, "observer", QT_TRANSLATE_NOOP("filter", "Observer id or name"), std::nullopt},
    {Field::Host, "host", QT_TRANSLATE_NOOP("filter", "Syslog header host name"), std::nullopt},
    {Field::App, "app", QT_TRANSLATE_NOOP("filter", "Syslog header app name"), std::nullopt},
    {Field::Source, "source",
     QT_TRANSLATE_NOOP("filter", "Imported file (path or file name) or listener"),
     store::GroupField::Source},
    {Field::Id, "id", QT_TRANSLATE_NOOP("filter", "CADF event id (exact case)"), std::nullopt},
}};

const FieldInfo* infoByName(QStringView name) {
    for (const FieldInfo& info : kFields) {
        if (name.compare(QLatin1String(info.name), Qt::CaseInsensitive) == 0)
            return &info;
    }
    return nullptr;
}

char16_t foldAscii(char16_t c) {
    return (c >= u'A' && c <= u'Z') ? char16_t(c + 32) : c;
}

bool equalsFolded(QStringView a, QStringView b) {
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (foldAscii(a[i].unicode()) != foldAscii(b[i].unicode()))
            return false;
    }
    return true;
}

qsizetype indexOfFolded(QStringView text, QStringView part, qsizetype from) {
    for (qsizetype i = from; i + part.size() <= text.size(); ++i) {
        if (equalsFolded(text.mid(i, part.size()), part))
            return i;
    }
    return -1;
}

bool needsQuotes(const QString& value) {
    if (value.isEmpty())
        return true;
    static const QStringList keywords = {QStringLiteral("and"), QStringLiteral("or"),
                                         QStringLiteral("not")};
    if (keywords.contains(value, Qt::CaseInsensitive))
        return true;
    for (const QChar c : value) {
        if (c.isSpace() || c == u'(' || c == u')' || c == u'"')
            return true;
    }
    return false;
}

} // namespace

const char* fieldName(Field field) {
    for (const FieldInfo& info : kFields) {
        if (info.field == field)
            return info.name;
    }
    return "";
}

std::optional<Field> fieldFromName(QStringView name) {
    const FieldInfo* info = infoByName(name);
    return info ? std::optional<Field>(info->field) : std::nullopt;
}

QStringList fieldNames() {
    QStringList names;
    for (const FieldInfo& info : kFields)
        names << QLatin1String(info.name);
    return names;
}

QString fieldDescription(const QString& field) {
    const FieldInfo* info = infoByName(field);
    return info ? QCoreApplication::translate("filter", info->description) : QString();
}

std::optional<store::GroupField> groupFieldFor(const QString& field) {
    const FieldInfo* info = infoByName(field);
    return info ? info->group : std::nullopt;
}

QList<FilterExample> examples() {
    static const char* const list[][2] = {
        {"outcome:failure code:4xx time>=-1h",
         QT_TRANSLATE_NOOP("filter", "Failed requests of the last hour")},
        {"initiator:\"alice smith\" -action:read",
         QT_TRANSLATE_NOOP("filter", "Everything one user did except reads")},
        {"initiator:svc-* OR initiator.type:clientid",
         QT_TRANSLATE_NOOP("filter", "Wildcards, and either of two conditions")},
        {"service:UDI (code:5xx OR outcome:pending)",
         QT_TRANSLATE_NOOP("filter", "An inventory service, with a group of alternatives")},
        {"category:Dashboards endpoint:\"*list*\"",
         QT_TRANSLATE_NOOP("filter", "Inventory category and endpoint description")},
        {"code:400..499 code!=404", QT_TRANSLATE_NOOP("filter", "A range of codes but one")},
        {"address:10.0.0.0/8 OR address:2001:db8::/32",
         QT_TRANSLATE_NOOP("filter", "Networks (IPv4 and IPv6)")},
        {"time:2023-10-18T14:00..2023-10-18T15:00",
         QT_TRANSLATE_NOOP("filter", "A time range in the display time zone")},
        {"time>=2023-10-18T14:00Z", QT_TRANSLATE_NOOP("filter", "From an instant in UTC")},
        {"target.id:/api/cases/*", QT_TRANSLATE_NOOP("filter", "Requests under a path")},
        {"\"disk full\"",
         QT_TRANSLATE_NOOP("filter", "A phrase anywhere in the event, raw record included (slow)")},
    };
    QList<FilterExample> out;
    for (const auto& e : list)
        out.append({QString::fromUtf8(e[0]), QCoreApplication::translate("filter", e[1])});
    return out;
}

QString termFor(const QString& field, const QString& value, bool exclude) {
    QString escaped;
    escaped.reserve(value.size() + 2);
    for (const QChar c : value) {
        if (c == u'\\' || c == u'"' || c == u'*')
            escaped += u'\\';
        escaped += c;
    }
    if (needsQuotes(value))
        escaped = u'"' + escaped + u'"';
    const FieldInfo* info = infoByName(field);
    const QString name = info ? QLatin1String(info->name) : field;
    return (exclude ? QStringLiteral("-") : QString()) + name + u':' + escaped;
}

QString excludedFilter(const QString& text) {
    const QString trimmed = text.trimmed();
    bool quoted = false;
    bool severalTerms = false;
    for (qsizetype i = 0; i < trimmed.size() && !severalTerms; ++i) {
        const QChar c = trimmed.at(i);
        if (c == u'\\')
            ++i; // the escaped character is part of the value
        else if (c == u'"')
            quoted = !quoted;
        else if (!quoted && (c.isSpace() || c == u'('))
            severalTerms = true;
    }
    return severalTerms ? QStringLiteral("NOT (%1)").arg(trimmed) : u'-' + trimmed;
}

bool Pattern::isAnyText() const {
    return isWildcard() &&
           std::all_of(parts.begin(), parts.end(), [](const QString& p) { return p.isEmpty(); });
}

bool patternMatches(const Pattern& pattern, QStringView text) {
    if (!pattern.isWildcard())
        return equalsFolded(pattern.parts.value(0), text);
    if (text.isEmpty())
        return false;
    const QString& first = pattern.parts.front();
    const QString& last = pattern.parts.back();
    if (first.size() + last.size() > text.size())
        return false;
    if (!equalsFolded(text.left(first.size()), first) ||
        !equalsFolded(text.right(last.size()), last))
        return false;
    // Greedy leftmost placement of the middle pieces is optimal for '*'-only patterns.
    qsizetype at = first.size();
    const qsizetype end = text.size() - last.size();
    for (qsizetype i = 1; i + 1 < pattern.parts.size(); ++i) {
        const QString& part = pattern.parts[i];
        const qsizetype found = indexOfFolded(text.left(end), part, at);
        if (found < 0)
            return false;
        at = found + part.size();
    }
    return true;
}

std::string likePattern(const Pattern& pattern) {
    QString out;
    for (qsizetype i = 0; i < pattern.parts.size(); ++i) {
        if (i > 0)
            out += u'%';
        for (const QChar c : pattern.parts[i]) {
            if (c == u'%' || c == u'_' || c == u'\\')
                out += u'\\';
            out += c;
        }
    }
    return out.toStdString();
}

int editDistance(QStringView a, QStringView b) {
    std::vector<int> row(std::size_t(b.size()) + 1);
    for (std::size_t j = 0; j < row.size(); ++j)
        row[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int cost = foldAscii(a[i - 1].unicode()) == foldAscii(b[j - 1].unicode()) ? 0 : 1;
            const int next =
                std::min({row[std::size_t(j)] + 1, row[std::size_t(j - 1)] + 1, diagonal + cost});
            diagonal = row[std::size_t(j)];
            row[std::size_t(j)] = next;
        }
    }
    return row.back();
}

QString closestMatch(QStringView word, const QStringList& candidates) {
    // Close enough: a third of the word's length, at least one and at most three edits.
    const int allowed = std::clamp(int(word.size()) / 3, 1, 3);
    QString best;
    int bestDistance = allowed + 1;
    for (const QString& candidate : candidates) {
        const int d = editDistance(word, candidate);
        if (d < bestDistance) {
            bestDistance = d;
            best = candidate;
        }
    }
    return best;
}

std::int64_t currentTimeUs() {
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace cadf::filter
