#pragma once

#include "models/dashboard/drilldown.h"
#include "models/dashboard/profile.h"
#include "models/itemmodels/drilldown_table_model.h"

#include <QCoreApplication>

#include <vector>

// The drill-down tables' columns and rows, made from models/dashboard results: what each column
// is called, how it is shown, the filter term of each cell and the profile each row opens.
// Profile keys: an initiator's is its resources.id in decimal; a target's is the catalogue row
// id of its endpoint in decimal, or "pattern:<strings.id>" for an unclassified path pattern.
class DrilldownRows {
    Q_DECLARE_TR_FUNCTIONS(DrilldownRows)

public:
    using Columns = std::vector<DrilldownTableModel::Column>;
    using Rows = std::vector<DrilldownTableModel::Row>;

    static QString initiatorProfileKind() { return QStringLiteral("initiator"); }
    static QString targetProfileKind() { return QStringLiteral("target"); }
    static QString targetKey(int endpointId, std::int64_t patternId);
    // The subject a profile key names; false for a key that names none.
    static bool subjectFor(const QString& kind, const QString& key,
                           cadf::dashboard::ProfileSubject& subject);

    // Filter terms that select exactly one initiator's / target's / service's events.
    static QString initiatorTerm(const std::string& id, const std::string& name);
    static QString endpointTerm(const std::string& service, const std::string& description);
    static QString patternTerm(const std::string& pattern);
    static QString serviceTerm(const std::string& service);

    static Columns initiatorColumns();
    static Rows initiatorRows(const std::vector<cadf::dashboard::InitiatorRow>& rows);
    static Columns targetColumns();
    static Rows targetRows(const std::vector<cadf::dashboard::TargetRow>& rows);
    static Columns conversationColumns();
    static Rows conversationRows(const std::vector<cadf::dashboard::ConversationRow>& rows);
    // Outcomes: reason codes per service, and the initiator x endpoint pairs failing most.
    // One row per service, one column per reason code (and "none"), events in the cells.
    static Columns serviceCodeColumns(const std::vector<cadf::dashboard::ServiceCode>& codes);
    static Rows serviceCodeRows(const std::vector<cadf::dashboard::ServiceCode>& codes);
    static Columns failingPairColumns();
    static Rows failingPairRows(const std::vector<cadf::dashboard::FailingPair>& pairs);

    // The lists of a profile.
    static Columns profileServiceColumns();
    static Rows profileServiceRows(const std::vector<cadf::dashboard::ServiceEvents>& rows);
    static Columns profileEndpointColumns();
    static Rows profileEndpointRows(const std::vector<cadf::dashboard::EndpointCount>& rows);
    static Columns profileInitiatorColumns();
    static Rows profileInitiatorRows(const std::vector<cadf::dashboard::InitiatorCount>& rows);
    // Addresses or agents: `field` is the filter field ("address", "agent").
    static Columns valueColumns(const QString& title);
    static Rows valueRows(const std::vector<cadf::dashboard::ValueEvents>& rows,
                          const QString& field);
    static Columns codeColumns();
    static Rows codeRows(const std::vector<cadf::dashboard::CodeCount>& rows);
    static Columns actionColumns();
    static Rows actionRows(const cadf::dashboard::ActionCounts& actions);
    static Columns outcomeColumns();
    static Rows outcomeRows(const std::array<std::int64_t, 4>& outcomes);
};
