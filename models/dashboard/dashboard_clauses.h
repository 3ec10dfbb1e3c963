#pragma once

#include "models/dashboard/action_kind.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <string>
#include <vector>

// The filter-language text behind each mark of a dashboard: a click ANDs it into the global
// filter, so the analyst reads in words what they drilled into, and the Events view shows
// exactly the events the mark counted (tst_dashboard_views counts each clause against its mark).
// Values are quoted by cadf::filter::termFor. Pure functions: the UI thread may call them.
namespace cadf::dashboard {

// `time>=A time<B`, each instant written with its zone (Z or +02:00), so the clause means the
// same whatever the window's display zone.
QString timeRangeClause(std::int64_t fromUs, std::int64_t toUs, int displayOffsetSeconds);
// `outcome:failure` for a cadf::Outcome index (0 unknown, 1 success, 2 failure, 3 pending).
QString outcomeClause(int outcome);
// `service:"Case Management"`; an empty name (unclassified events) gives service:Unclassified.
QString serviceClause(const std::string& serviceName);
// `code:401`; -1 (no numeric code: none, or a text reason) gives `-(code<0 OR code>=0)`.
QString codeClause(int code);
// `endpoint:"List cases"` for an inventory row's description.
QString endpointClause(const std::string& description);
QString addressClause(const std::string& address);
// The events whose action falls in `kind`: `(action:read OR action:GET)`, listing the store's
// action texts (`storeActions`, every action the store holds) that actionKindOf() puts in that
// group, so the clause selects the same events the chart counted. Empty when none does.
QString actionKindClause(ActionKind kind, const std::vector<std::string>& storeActions);
// The non-empty parts joined by spaces (juxtaposition is AND in the filter language).
QString joinClauses(const QStringList& parts);

} // namespace cadf::dashboard
