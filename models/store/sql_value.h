#pragma once

#include "models/store/sqlite_db.h"
#include "models/store/store_types.h"

#include <sqlite3.h>

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
