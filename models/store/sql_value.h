#pragma once

#include "models/store/sqlite_db.h"
#include "models/store/store_types.h"

#include <sqlite3.h>

#include <string>
#include <vector>

// SqlValue in and out of statements: shared by the reader's files.
namespace cadf::store {

inline void bindValue(Statement& s, int idx, const SqlValue& value) {
    if (const auto* i = std::get_if<std::int64_t>(&value))
        s.bind(idx, *i);
    else if (const auto* d = std::get_if<double>(&value))
        s.bind(idx, *d);
    else if (const auto* t = std::get_if<std::string>(&value))
        s.bind(idx, std::string_view(*t));
    else
        s.bindNull(idx);
}

// Binds `params` to ?first, ?first+1, ...; returns the index after the last.
inline int bindParams(Statement& s, const std::vector<SqlValue>& params, int first = 1) {
    for (const SqlValue& value : params)
        bindValue(s, first++, value);
    return first;
}

// The detail lines of EXPLAIN QUERY PLAN for `select` + " WHERE (filter)" ("SEARCH e USING
// INDEX events_initiator (initiator=?)", "SCAN e", ...); empty on error (`error` set).
inline std::vector<std::string> queryPlan(Database& db, const std::string& select,
                                          const SqlFilter& filter, StoreError* error) {
    std::string sql = "EXPLAIN QUERY PLAN " + select;
    if (!filter.where.empty())
        sql += " WHERE (" + filter.where + ")";
    Statement s = db.prepare(sql, error);
    std::vector<std::string> details;
    if (!s)
        return details;
    bindParams(s, filter.params);
    while (s.step() == Statement::Step::Row)
        details.emplace_back(s.text(3));
    if (StoreError e = s.error()) {
        if (error)
            *error = e;
        details.clear();
    }
    return details;
}

inline SqlValue columnValue(const Statement& s, int col) {
    switch (sqlite3_column_type(s.handle(), col)) {
    case SQLITE_INTEGER:
        return s.int64(col);
    case SQLITE_FLOAT:
        return s.real(col);
    case SQLITE_NULL:
        return std::monostate{};
    default:
        return s.string(col);
    }
}

} // namespace cadf::store
