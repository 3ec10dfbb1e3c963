#pragma once

#include "models/filter/filter_ast.h"
#include "models/store/store_types.h"

#include <QString>

#include <string>
#include <vector>

// What both SQL generators of a filter share (filter_sql.cpp over `events e`, filter_rollup.cpp
// over the rollup tables): the clause text with its bound parameters, and the matching rules of
// a value against a column, a dictionary, or a list of integer ids. Keeping them in one place
// keeps the two sides matching term by term.
namespace cadf::filter {

class SqlText {
public:
    std::string m_sql;
    std::vector<store::SqlValue> m_params;

protected:
    void bind(const QString& text) { m_params.emplace_back(text.toStdString()); }
    void bind(std::string text) { m_params.emplace_back(std::move(text)); }
    void bind(std::int64_t value) { m_params.emplace_back(value); }

    // `column` equals the pattern (ASCII case-insensitive) or matches its wildcards.
    void match(const char* column, const Pattern& pattern) {
        m_sql += column;
        if (!pattern.isWildcard()) {
            m_sql += " = ? COLLATE NOCASE";
            bind(pattern.parts.front());
        } else if (pattern.isAnyText()) {
            m_sql += " <> ''";
        } else {
            m_sql += " LIKE ? ESCAPE '\\'";
            bind(likePattern(pattern));
        }
    }

    // A dictionary column: the ids of the strings of `kind` that match (id 0 is the empty text
    // in every column).
    void strings(const char* column, store::StringKind kind, const Pattern& pattern) {
        m_sql += column;
        if (pattern.isEmptyLiteral()) {
            m_sql += " = 0";
            return;
        }
        m_sql += " IN (SELECT id FROM strings WHERE kind = " + std::to_string(int(kind)) + " AND ";
        match("value", pattern);
        m_sql += ')';
    }

    // The resources whose id text (rid) and/or attribute `attribute` (name, type, credential)
    // match: `column IN (SELECT id FROM resource_ids WHERE rid = ? OR attrs IN (SELECT id FROM
    // resource_attrs WHERE name = ?))`. Never through the `resources` view, which joins every
    // resource id to its attributes (see filter_sql.cpp); the same text on both sides also lets
    // resolveLookups() look the ids up once for both.
    void resources(const char* column, bool rid, const char* attribute, const Pattern& pattern) {
        m_sql += column;
        m_sql += " IN (SELECT id FROM resource_ids WHERE ";
        if (rid)
            match("rid", pattern);
        if (rid && attribute)
            m_sql += " OR ";
        if (attribute) {
            m_sql += "attrs IN (SELECT id FROM resource_attrs WHERE ";
            match(attribute, pattern);
            m_sql += ')';
        }
        m_sql += ')';
    }

    // `column` is one of `ids` (false, "0", for none).
    void inList(const char* column, const std::vector<int>& ids) {
        if (ids.empty()) {
            m_sql += '0';
            return;
        }
        m_sql += column;
        if (ids.size() == 1) {
            m_sql += " = ?";
        } else {
            m_sql += " IN (?";
            for (std::size_t i = 1; i < ids.size(); ++i)
                m_sql += ", ?";
            m_sql += ')';
        }
        for (const int id : ids)
            bind(std::int64_t(id));
    }
};

} // namespace cadf::filter
