#pragma once

#include <string>

// Reading the SQL text the filter's generators write (filter_sql.cpp, filter_rollup.cpp), for
// the passes that rewrite or split it (filter_lookups.cpp, filter_plan.cpp): string literals
// hold neither parentheses nor '?', so a scan that skips literals sees the clause's structure.
namespace cadf::filter::sqlscan {

inline bool isIdentifierChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Index just past the string literal starting at `i` ('...' with '' as an escaped quote).
inline std::size_t skipLiteral(const std::string& sql, std::size_t i) {
    for (++i; i < sql.size(); ++i) {
        if (sql[i] == '\'') {
            if (i + 1 < sql.size() && sql[i + 1] == '\'')
                ++i;
            else
                return i + 1;
        }
    }
    return i;
}

// The index of the ')' closing the '(' at `open`, or npos.
inline std::size_t closingParen(const std::string& sql, std::size_t open) {
    int depth = 0;
    for (std::size_t i = open; i < sql.size();) {
        const char c = sql[i];
        if (c == '\'') {
            i = skipLiteral(sql, i);
            continue;
        }
        if (c == '(')
            ++depth;
        else if (c == ')' && --depth == 0)
            return i;
        ++i;
    }
    return std::string::npos;
}

// Parameters ('?') in sql[from, to), outside string literals.
inline std::size_t countParams(const std::string& sql, std::size_t from, std::size_t to) {
    std::size_t n = 0;
    for (std::size_t i = from; i < to;) {
        if (sql[i] == '\'') {
            i = skipLiteral(sql, i);
            continue;
        }
        if (sql[i] == '?')
            ++n;
        ++i;
    }
    return n;
}

} // namespace cadf::filter::sqlscan
