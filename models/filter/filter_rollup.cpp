// The rollup side of the SQL generator (see filter_sql.cpp for the events side, whose matching
// rules this follows term by term): a filter over the keys the rollup tables keep compiles to a
// clause over those columns, with the same dictionary subqueries, so the rollup rows it selects
// are exactly the groups of the events the events clause selects.
#include "models/filter/filter_rollup.h"

#include "models/filter/filter_ast.h"
#include "models/filter/filter_sql_text.h"
#include "models/store/rollups.h"

#include <algorithm>

namespace cadf::filter {

namespace {

using store::SqlValue;
using store::StringKind;

class RollupSqlBuilder : public SqlText {
public:
    // False when some term does not fit any rollup.
    bool node(const Node& n) {
        switch (n.kind) {
        case Node::Kind::Term:
            return term(n.term);
        case Node::Kind::Not: {
            m_sql += "NOT (";
            const bool ok = node(n.children.front());
            m_sql += ')';
            return ok;
        }
        case Node::Kind::And:
        case Node::Kind::Or:
            m_sql += '(';
            for (std::size_t i = 0; i < n.children.size(); ++i) {
                if (i > 0)
                    m_sql += n.kind == Node::Kind::And ? " AND " : " OR ";
                if (!node(n.children[i]))
                    return false;
            }
            m_sql += ')';
            return true;
        }
        return false;
    }

    std::uint32_t m_columns = 0;

private:
    bool text(const Term& t) {
        const Pattern& p = t.pattern;
        switch (t.field) {
        case Field::Action:
            m_columns |= store::kRollupAction;
            strings("e.action", StringKind::Action, p);
            return true;
        case Field::Address:
            m_columns |= store::kRollupAddress;
            strings("e.address", StringKind::Address, p);
            return true;
        case Field::Agent:
            m_columns |= store::kRollupAgent;
            strings("e.agent", StringKind::Agent, p);
            return true;
        case Field::Initiator:
            m_columns |= store::kRollupInitiator;
            resources("e.initiator", true, "name", p);
            return true;
        case Field::InitiatorId:
            m_columns |= store::kRollupInitiator;
            resources("e.initiator", true, nullptr, p);
            return true;
        case Field::InitiatorName:
            m_columns |= store::kRollupInitiator;
            resources("e.initiator", false, "name", p);
            return true;
        case Field::InitiatorType:
            m_columns |= store::kRollupInitiator;
            resources("e.initiator", false, "type", p);
            return true;
        case Field::Credential:
            m_columns |= store::kRollupInitiator;
            resources("e.initiator", false, "credential", p);
            return true;
        default:
            // Outcomes and codes as received (outcome_raw, reason_raw), targets, sources, ids...
            return false;
        }
    }

    bool codeRange(const Term& t) {
        m_columns |= store::kRollupCode;
        m_sql += "(e.code IS NOT NULL AND ";
        if (t.lo && t.hi && *t.hi == *t.lo + 1) {
            m_sql += "e.code = ?";
            bind(*t.lo);
        } else {
            if (t.lo) {
                m_sql += "e.code >= ?";
                bind(*t.lo);
            }
            if (t.lo && t.hi)
                m_sql += " AND ";
            if (t.hi) {
                m_sql += "e.code < ?";
                bind(*t.hi);
            }
            if (!t.lo && !t.hi)
                m_sql += '1';
        }
        m_sql += ')';
        return true;
    }

    bool term(const Term& t) {
        switch (t.kind) {
        case TermKind::Text:
            return text(t);
        case TermKind::Range:
            // Time terms only as the filter's range (compileForRollups), never under OR or NOT.
            return t.field == Field::Code && codeRange(t);
        case TermKind::Cidr:
            m_columns |= store::kRollupAddress;
            m_sql += "e.address IN (SELECT id FROM strings WHERE kind = " +
                     std::to_string(int(StringKind::Address)) + " AND cadf_cidr_match(?, value))";
            bind(t.cidr);
            return true;
        case TermKind::Outcomes:
            m_columns |= store::kRollupOutcome;
            inList("e.outcome", t.ids);
            return true;
        case TermKind::Ids:
            m_columns |=
                t.field == Field::Endpoint ? store::kRollupEndpoint : store::kRollupService;
            inList(t.field == Field::Endpoint ? "e.endpoint" : "e.service", t.ids);
            return true;
        case TermKind::Search:
            return false;
        }
        return false;
    }
};

// The terms ANDed at the top of the tree (through nested ANDs), in order.
void conjuncts(const Node& n, std::vector<const Node*>& out) {
    if (n.kind == Node::Kind::And) {
        for (const Node& child : n.children)
            conjuncts(child, out);
    } else {
        out.push_back(&n);
    }
}

bool isTimeRange(const Node& n) {
    return n.kind == Node::Kind::Term && n.term.kind == TermKind::Range &&
           n.term.field == Field::Time;
}

} // namespace

std::shared_ptr<const store::RollupFilter> compileForRollups(const Node& root,
                                                             const std::string& eventsWhere) {
    auto out = std::make_shared<store::RollupFilter>();
    // Time ranges ANDed at the top become the filter's range (their intersection); a time term
    // anywhere else (under OR or NOT) does not fit.
    std::vector<const Node*> terms;
    conjuncts(root, terms);
    RollupSqlBuilder builder;
    bool first = true;
    for (const Node* n : terms) {
        if (isTimeRange(*n)) {
            if (n->term.lo)
                out->fromUs = std::max(out->fromUs.value_or(*n->term.lo), *n->term.lo);
            if (n->term.hi)
                out->toUs = std::min(out->toUs.value_or(*n->term.hi), *n->term.hi);
            continue;
        }
        if (!first)
            builder.m_sql += " AND ";
        first = false;
        if (!builder.node(*n))
            return nullptr;
    }
    out->eventsWhere = eventsWhere;
    out->where = std::move(builder.m_sql);
    out->params = std::move(builder.m_params);
    out->columns = builder.m_columns;
    return out;
}

} // namespace cadf::filter
