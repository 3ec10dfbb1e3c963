// Dictionary look-ups done once per filter instead of once per statement. The generator writes a
// dictionary term as a subquery, `e.initiator IN (SELECT id FROM resource_ids WHERE rid = ?
// COLLATE NOCASE OR ...)`, which is exact whenever it runs, but each statement runs it again:
// `rid = ?` has no index and reads the 1.4 million resource ids of a 10-million-event store
// (~70 ms of CPU), and the workspace runs a filter in eight or more statements (page, count,
// share, sample, two time bounds, histogram, facets). Worse, SQLite plans `IN (SELECT ...)` as a
// set of unknown size: under ORDER BY e.ts DESC LIMIT n it reads and sorts every match, where
// `e.initiator = ?` walks the (initiator, ts) index backwards and stops after n.
//
// The rewrite works on the generator's own text (filter_sql.cpp, filter_rollup.cpp): no string
// literal holds a parenthesis or a '?', and the only subqueries are uncorrelated dictionary
// look-ups. Anything else (a subquery that names the outer `e.`, one that returns a
// non-integer, or too many ids) is left as written.
#include "models/filter/filter.h"

#include "models/filter/filter_sql_scan.h"

#include "models/store/sql_value.h"
#include "models/store/sqlite_db.h"

#include <condition_variable>
#include <map>
#include <mutex>
#include <string_view>
#include <variant>

namespace cadf::filter {

namespace {

using namespace sqlscan;

constexpr std::string_view kSubquery = "IN (SELECT ";

// The subquery reads the outer row (`e.` not part of a longer name): not a dictionary look-up.
bool correlated(std::string_view subquery) {
    for (std::size_t i = subquery.find("e."); i != std::string_view::npos;
         i = subquery.find("e.", i + 1)) {
        if (i == 0 || (!isIdentifierChar(subquery[i - 1]) && subquery[i - 1] != '.'))
            return true;
    }
    return false;
}

struct Resolved {
    std::string where;
    std::vector<store::SqlValue> params;
};

// The ids the subquery returns; nullopt when it is not a plain list of at most maxIds
// integers (left as written), error set on an SQLite error.
std::optional<std::vector<std::int64_t>> lookUp(store::Database& db, const std::string& subquery,
                                                const std::vector<store::SqlValue>& params,
                                                std::size_t firstParam, std::size_t paramCount,
                                                std::size_t maxIds, store::StoreError* error) {
    store::Statement s = db.prepare(subquery, error);
    if (!s)
        return std::nullopt;
    if (s.columnCount() != 1)
        return std::nullopt;
    for (std::size_t i = 0; i < paramCount; ++i)
        store::bindValue(s, int(i + 1), params[firstParam + i]);
    std::vector<std::int64_t> ids;
    for (;;) {
        const store::Statement::Step step = s.step();
        if (step == store::Statement::Step::Done)
            return ids;
        if (step == store::Statement::Step::Error) {
            *error = s.error();
            return std::nullopt;
        }
        if (sqlite3_column_type(s.handle(), 0) != SQLITE_INTEGER || ids.size() >= maxIds)
            return std::nullopt;
        ids.push_back(s.int64(0));
    }
}

// Look-ups already done for this filter, by subquery text and parameters: the rollup form of a
// filter repeats the events form's subqueries.
using LookUpResult = std::optional<std::vector<std::int64_t>>;
using Memo = std::map<std::string, LookUpResult>;

// Look-ups shared by the threads of the process: the event table's reader and the workspace's
// two workers resolve the same new filter at the same moment, each on its own connection, and
// the slow ones (an id text, ~100 ms on 10 million events) would otherwise run three times on
// two cores. Keyed by the database file and the dictionaries' high-water marks (they only
// grow, nothing updates or deletes their rows), so a look-up is reused exactly while no
// dictionary has gained a row. A thread asking for a look-up another thread is running waits
// for it, and runs it itself if that one fails (an interrupt).
class SharedLookUps {
public:
    static SharedLookUps& instance() {
        static SharedLookUps shared;
        return shared;
    }

    // The result for `key`, from another thread's look-up or from `run` (which sets `error`).
    template <typename Run>
    LookUpResult get(const std::string& key, store::StoreError* error, Run&& run) {
        std::unique_lock lock(m_mutex);
        for (;;) {
            const auto found = m_entries.find(key);
            if (found == m_entries.end())
                break;
            if (found->second.ready)
                return found->second.ids;
            m_done.wait(lock); // running on another thread
        }
        if (m_entries.size() >= kMaxEntries)
            std::erase_if(m_entries, [](const auto& entry) { return entry.second.ready; });
        m_entries[key]; // running here
        lock.unlock();
        LookUpResult ids = run();
        lock.lock();
        if (*error) {
            m_entries.erase(key); // a waiting thread runs it
        } else {
            Entry& entry = m_entries[key];
            entry.ready = true;
            entry.ids = ids;
        }
        m_done.notify_all();
        return ids;
    }

private:
    static constexpr std::size_t kMaxEntries = 256;
    struct Entry {
        bool ready = false;
        LookUpResult ids;
    };
    std::mutex m_mutex;
    std::condition_variable m_done;
    std::map<std::string, Entry> m_entries;
};

// The store's file and its dictionaries' sizes: what a shared look-up is valid for.
std::optional<std::string> lookUpScope(store::Database& db, store::StoreError* error) {
    const char* file = sqlite3_db_filename(db.handle(), "main");
    if (!file || !*file)
        return std::nullopt; // a temporary or in-memory database: nothing to share
    store::Statement s = db.prepare(
        "SELECT (SELECT IFNULL(max(rowid), 0) FROM strings), (SELECT IFNULL(max(rowid), 0) FROM "
        "resource_ids), (SELECT IFNULL(max(rowid), 0) FROM resource_attrs), (SELECT "
        "IFNULL(max(rowid), 0) FROM sources)",
        error);
    if (!s)
        return std::nullopt;
    if (s.step() != store::Statement::Step::Row) {
        *error = s.error();
        return std::nullopt;
    }
    std::string scope = file;
    for (int i = 0; i < 4; ++i)
        scope += '\0' + std::to_string(s.int64(i));
    return scope;
}

std::string memoKey(const std::string& subquery, const std::vector<store::SqlValue>& params,
                    std::size_t first, std::size_t count) {
    std::string key = subquery;
    for (std::size_t i = first; i < first + count; ++i) {
        key += '\0';
        if (const auto* text = std::get_if<std::string>(&params[i]))
            key += 't' + *text;
        else if (const auto* n = std::get_if<std::int64_t>(&params[i]))
            key += 'i' + std::to_string(*n);
        else if (const auto* d = std::get_if<double>(&params[i]))
            key += 'd' + std::to_string(*d);
        else
            key += 'n';
    }
    return key;
}

// `where` with each outermost `IN (SELECT ...)` replaced by its ids as bound parameters.
// `scope`: lookUpScope(), or nullopt for look-ups not shared with other threads.
std::optional<Resolved> resolveClause(store::Database& db, const std::string& where,
                                      const std::vector<store::SqlValue>& params, Memo& memo,
                                      std::size_t maxIds, const std::optional<std::string>& scope,
                                      store::StoreError* error) {
    Resolved out;
    out.where.reserve(where.size());
    std::size_t param = 0; // parameters of `where` consumed so far
    std::size_t copied = 0;
    for (std::size_t i = 0; i < where.size();) {
        if (where[i] == '\'') {
            i = skipLiteral(where, i);
            continue;
        }
        const bool subquery = where.compare(i, kSubquery.size(), kSubquery) == 0 &&
                              (i == 0 || !isIdentifierChar(where[i - 1]));
        if (!subquery) {
            ++i;
            continue;
        }
        const std::size_t open = i + 3;
        const std::size_t close = closingParen(where, open);
        if (close == std::string::npos)
            return std::nullopt; // not text the generator wrote
        // Everything before the subquery, with its parameters.
        const std::size_t before = countParams(where, copied, i);
        out.where.append(where, copied, i - copied);
        for (std::size_t k = 0; k < before; ++k)
            out.params.push_back(params.at(param + k));
        param += before;
        const std::string inner = where.substr(open + 1, close - open - 1);
        const std::size_t innerParams = countParams(where, open, close);
        if (param + innerParams > params.size())
            return std::nullopt;
        std::optional<std::vector<std::int64_t>> ids;
        if (!correlated(inner)) {
            const std::string key = memoKey(inner, params, param, innerParams);
            if (const auto known = memo.find(key); known != memo.end()) {
                ids = known->second;
            } else {
                const auto run = [&] {
                    return lookUp(db, inner, params, param, innerParams, maxIds, error);
                };
                ids = scope ? SharedLookUps::instance().get(
                                  *scope + '\0' + std::to_string(maxIds) + '\0' + key, error, run)
                            : run();
                if (*error)
                    return std::nullopt;
                memo.emplace(key, ids);
            }
        }
        if (ids) {
            out.where += "IN (";
            for (std::size_t k = 0; k < ids->size(); ++k) {
                out.where += k == 0 ? "?" : ", ?";
                out.params.emplace_back((*ids)[k]);
            }
            out.where += ')';
        } else {
            out.where.append(where, i, close + 1 - i);
            for (std::size_t k = 0; k < innerParams; ++k)
                out.params.push_back(params[param + k]);
        }
        param += innerParams;
        i = copied = close + 1;
    }
    const std::size_t rest = countParams(where, copied, where.size());
    out.where.append(where, copied, std::string::npos);
    for (std::size_t k = 0; k < rest && param + k < params.size(); ++k)
        out.params.push_back(params[param + k]);
    param += rest;
    if (param != params.size())
        return std::nullopt; // the text and its parameters disagree: leave it alone
    return out;
}

} // namespace

store::SqlFilter resolveLookups(store::Database& db, const store::SqlFilter& filter,
                                store::StoreError* error, int maxIds) {
    store::StoreError local;
    store::StoreError& failure = error ? *error : local;
    failure = {};
    if (filter.where.find(kSubquery) == std::string::npos)
        return filter;
    const std::optional<std::string> scope = lookUpScope(db, &failure);
    if (failure)
        return filter;
    Memo memo;
    std::optional<Resolved> events =
        resolveClause(db, filter.where, filter.params, memo, std::size_t(maxIds), scope, &failure);
    if (!events)
        return filter;
    store::SqlFilter out{std::move(events->where), std::move(events->params), {}};
    // The rollup form follows, so the histogram and dashboards keep reading the rollups (their
    // readers take it only while it names this exact events clause).
    if (const store::RollupFilter* rollup = filter.rollup.get();
        rollup && rollup->eventsWhere == filter.where) {
        std::optional<Resolved> rolled = resolveClause(db, rollup->where, rollup->params, memo,
                                                       std::size_t(maxIds), scope, &failure);
        if (failure)
            return filter;
        auto copy = std::make_shared<store::RollupFilter>(*rollup);
        if (rolled) {
            copy->where = std::move(rolled->where);
            copy->params = std::move(rolled->params);
        }
        copy->eventsWhere = out.where;
        out.rollup = std::move(copy);
    }
    return out;
}

} // namespace cadf::filter
