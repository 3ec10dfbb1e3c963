#include "models/itemmodels/workspace_worker.h"

#include "models/filter/filter.h"
#include "models/store/sql_value.h"
#include "models/store/store_reader.h"

#include <QFileInfo>

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <unordered_map>

using cadf::store::GroupField;
using cadf::store::StoreReader;

namespace {

GroupField groupOf(FacetKind kind) {
    switch (kind) {
    case FacetKind::Outcome:
        return GroupField::Outcome;
    case FacetKind::Code:
        return GroupField::Code;
    case FacetKind::Service:
        return GroupField::Service;
    case FacetKind::Initiator:
        return GroupField::Initiator;
    case FacetKind::Target:
        return GroupField::Target;
    case FacetKind::Address:
        return GroupField::Address;
    }
    return GroupField::Outcome;
}

bool byCountThenValue(const cadf::store::ValueCount& a, const cadf::store::ValueCount& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
}

// Events per value of one facet. Values are dictionary ids, small and dense: an array of them
// takes 4 bytes per id where a hash map takes ~50 per value, and a pass over millions of events
// names millions of distinct targets. Values past the array (odd codes) go to a map.
class ValueCounter {
public:
    void add(std::int64_t key) {
        if (key >= 0 && key < kDenseLimit) {
            if (std::size_t(key) >= m_dense.size())
                m_dense.resize(std::min<std::size_t>(
                    std::max<std::size_t>(std::size_t(key) + 1, m_dense.size() * 2), kDenseLimit));
            ++m_dense[std::size_t(key)];
        } else {
            ++m_sparse[key];
        }
    }
    void clear() {
        m_dense.clear();
        m_sparse.clear();
    }
    std::vector<std::pair<std::int64_t, std::int64_t>> entries() const {
        std::vector<std::pair<std::int64_t, std::int64_t>> out(m_sparse.begin(), m_sparse.end());
        for (std::size_t key = 0; key < m_dense.size(); ++key) {
            if (m_dense[key] > 0)
                out.emplace_back(std::int64_t(key), m_dense[key]);
        }
        return out;
    }

private:
    static constexpr std::int64_t kDenseLimit = std::int64_t(1) << 22;
    std::vector<std::uint32_t> m_dense;
    std::unordered_map<std::int64_t, std::int64_t> m_sparse;
};

bool interrupted(const cadf::store::StoreError& error) {
    return (error.sqliteCode & 0xff) == SQLITE_INTERRUPT;
}

} // namespace

WorkspaceWorker::WorkspaceWorker(QString storePath,
                                 std::shared_ptr<const std::atomic<quint64>> latest,
                                 std::shared_ptr<const std::atomic<quint64>> latestValues)
    : m_storePath(std::move(storePath))
    , m_latest(std::move(latest))
    , m_latestValues(std::move(latestValues)) {}

// Destroyed on the worker thread, where the connection was opened.
WorkspaceWorker::~WorkspaceWorker() {
    const std::lock_guard lock(m_readerMutex);
    m_reader.reset();
}

bool WorkspaceWorker::stale(quint64 generation) const {
    return generation != m_latest->load(std::memory_order_acquire);
}

bool WorkspaceWorker::ensureReader() {
    if (m_reader)
        return true;
    if (!QFileInfo::exists(m_storePath))
        return false; // no store yet: nothing to count
    cadf::store::StoreError error;
    auto reader = StoreReader::open(m_storePath.toStdString(), &error);
    if (!reader)
        return false;
    const std::lock_guard lock(m_readerMutex);
    m_reader = std::move(reader);
    return true;
}

WorkspaceWorker::PassFilters WorkspaceWorker::fullPass(quint64 generation,
                                                       const cadf::store::SqlFilter& filter) {
    if (m_fullPassGeneration == generation)
        return m_fullPass;
    // The dictionary look-ups once for every statement of this generation, then the plan.
    cadf::store::StoreError error;
    PassFilters pass;
    pass.resolved = cadf::filter::resolveLookups(m_reader->database(), filter, &error);
    pass.planned = pass.resolved;
    if (!error)
        pass.planned = cadf::filter::forFullPass(m_reader->database(), pass.resolved, &error);
    if (!error) { // an interrupted look-up or sample is done again next time
        m_fullPassGeneration = generation;
        m_fullPass = pass;
    }
    return pass;
}

void WorkspaceWorker::interrupt() {
    const std::lock_guard lock(m_readerMutex);
    if (m_reader)
        m_reader->interrupt();
}

void WorkspaceWorker::histogram(quint64 generation, const cadf::store::SqlFilter& filter,
                                int maxBuckets, int alignOffsetSeconds) {
    if (stale(generation))
        return;
    if (!ensureReader()) {
        Q_EMIT histogramReady(generation, std::make_shared<cadf::store::TimeHistogram>());
        return;
    }
    const auto stop = [this, generation] { return stale(generation); };
    for (int attempt = 0; attempt < 2; ++attempt) {
        const PassFilters pass = fullPass(generation, filter);
        // A look-up shared with the other worker may have been waited for: no interrupt reaches
        // a wait, so the generation is checked before the count.
        if (stale(generation))
            return;
        std::optional<cadf::store::TimeHistogram> covered =
            m_covered.count(*m_reader, pass.planned, pass.resolved, maxBuckets, alignOffsetSeconds);
        auto result = std::make_shared<cadf::store::TimeHistogram>(
            covered
                ? std::move(*covered)
                : cadf::store::timeHistogram(*m_reader, pass.planned, std::nullopt, std::nullopt,
                                             maxBuckets, alignOffsetSeconds, stop));
        if (stale(generation))
            return;
        if (result->ok) {
            Q_EMIT histogramReady(generation, std::move(result));
            return;
        }
        // Caught by an interrupt meant for the previous generation: run it again.
        if (!interrupted(result->error)) {
            Q_EMIT failed(generation, QString::fromStdString(result->error.message));
            return;
        }
    }
}

void WorkspaceWorker::facets(quint64 generation, const cadf::store::SqlFilter& filter,
                             const std::vector<int>& limits) {
    if (stale(generation))
        return;
    if (!ensureReader()) {
        for (int kind = 0; kind < kFacetKinds; ++kind)
            Q_EMIT facetReady(generation, FacetKind(kind),
                              std::make_shared<std::vector<cadf::store::ValueCount>>(), true);
        return;
    }
    bool exact = false;
    if (countFacets(generation, fullPass(generation, filter).planned, limits, true, &exact) &&
        exact)
        m_exactBySample = generation;
}

void WorkspaceWorker::exactFacets(quint64 generation, const cadf::store::SqlFilter& filter,
                                  const std::vector<int>& limits) {
    // The sample held every match: its counts were exact and have been sent as such.
    if (stale(generation) || m_exactBySample == generation || !ensureReader())
        return;
    const cadf::store::SqlFilter planned = fullPass(generation, filter).planned;
    if (!planned.where.empty()) {
        // One pass over the matches for all six facets, in the plan the sample chose. Grouped
        // per facet in SQL, SQLite walks the facet column's own index for its order and reads
        // the row of every event, matching or not, to test the filter: 90 s for
        // address:10.0.0.0/8 on 10 million events, against ~2 s for the pass.
        bool exact = true;
        countFacets(generation, planned, limits, false, &exact);
        return;
    }
    // Every event: each facet from its own index alone.
    for (int kind = 0; kind < kFacetKinds; ++kind) {
        if (!exactFacet(generation, FacetKind(kind), planned, limits[std::size_t(kind)]))
            return;
    }
}

bool WorkspaceWorker::countFacets(quint64 generation, const cadf::store::SqlFilter& filter,
                                  const std::vector<int>& limits, bool sample, bool* exact) {
    // The newest matching events (or all of them), read once; each facet counted from them in
    // memory.
    std::string sql = "SELECT e.outcome, e.code, e.service, e.initiator, e.target, e.address "
                      "FROM events e";
    if (!filter.where.empty())
        sql += " WHERE (" + filter.where + ")";
    if (sample)
        sql += " ORDER BY e.ts DESC LIMIT " + std::to_string(m_sampleEvents);
    std::array<ValueCounter, kFacetKinds> counts;
    std::int64_t nullCodes = 0;
    int rows = 0;
    cadf::store::StoreError error;
    for (int attempt = 0; attempt < 2; ++attempt) {
        for (auto& map : counts)
            map.clear();
        nullCodes = 0;
        rows = 0;
        error = {};
        cadf::store::Statement s = m_reader->database().prepare(sql, &error);
        if (s) {
            cadf::store::bindParams(s, filter.params);
            for (;;) {
                const cadf::store::Statement::Step step = s.step();
                if (step == cadf::store::Statement::Step::Done)
                    break;
                if (step == cadf::store::Statement::Step::Error) {
                    error = s.error();
                    break;
                }
                ++rows;
                for (int kind = 0; kind < kFacetKinds; ++kind) {
                    if (kind == int(FacetKind::Code) && s.isNull(kind))
                        ++nullCodes;
                    else
                        counts[std::size_t(kind)].add(s.int64(kind));
                }
            }
        }
        if (stale(generation))
            return false;
        if (!error)
            break;
        if (!interrupted(error)) {
            Q_EMIT failed(generation, QString::fromStdString(error.message));
            return false;
        }
    }
    if (error)
        return false;
    *exact = !sample || rows < m_sampleEvents;
    for (int kind = 0; kind < kFacetKinds; ++kind) {
        const int limit = limits[std::size_t(kind)];
        auto values = std::make_shared<std::vector<cadf::store::ValueCount>>(
            topValues(FacetKind(kind), counts[std::size_t(kind)].entries(), limit));
        if (kind == int(FacetKind::Code) && nullCodes > 0) {
            values->push_back({std::string(), nullCodes, std::monostate{}});
            std::sort(values->begin(), values->end(), byCountThenValue);
        }
        if (limit > 0 && int(values->size()) > limit)
            values->resize(std::size_t(limit));
        Q_EMIT facetReady(generation, FacetKind(kind), std::move(values), *exact);
    }
    return true;
}

std::vector<cadf::store::ValueCount>
WorkspaceWorker::topValues(FacetKind kind,
                           std::vector<std::pair<std::int64_t, std::int64_t>> byCount, int limit) {
    // Labels cost a dictionary look-up each, and a sample of 50,000 events names tens of
    // thousands of distinct targets: label only the values that can make the top `limit`, that
    // is every value counted at least as often as the limit-th (ties are ordered by label).
    std::int64_t threshold = 0;
    if (limit > 0 && int(byCount.size()) > limit) {
        std::nth_element(byCount.begin(), byCount.begin() + (limit - 1), byCount.end(),
                         [](const auto& a, const auto& b) { return a.second > b.second; });
        threshold = byCount[std::size_t(limit - 1)].second;
    }
    std::vector<cadf::store::ValueCount> values;
    for (const auto& [key, n] : byCount) {
        if (n >= threshold)
            values.push_back({label(kind, key), n, key});
    }
    std::sort(values.begin(), values.end(), byCountThenValue);
    return values;
}

std::string WorkspaceWorker::label(FacetKind kind, std::int64_t key) {
    // The labels StoreReader::countBy gives, so a sampled facet and an exact one read the same.
    switch (kind) {
    case FacetKind::Outcome:
        return cadf::outcomeName(static_cast<cadf::Outcome>(key));
    case FacetKind::Code:
    case FacetKind::Service:
        return std::to_string(key);
    case FacetKind::Initiator: {
        const cadf::Resource r = m_reader->resourceValue(key);
        return r.name.empty() ? r.id : r.name;
    }
    case FacetKind::Target: {
        const cadf::Resource r = m_reader->resourceValue(key);
        return r.id.empty() ? r.name : r.id;
    }
    case FacetKind::Address:
        return m_reader->stringValue(key);
    }
    return {};
}

bool WorkspaceWorker::exactFacet(quint64 generation, FacetKind kind,
                                 const cadf::store::SqlFilter& filter, int limit) {
    for (int attempt = 0; attempt < 2; ++attempt) {
        auto counts = std::make_shared<std::vector<cadf::store::ValueCount>>(
            m_reader->countBy(groupOf(kind), filter, limit));
        if (stale(generation))
            return false;
        const cadf::store::StoreError error = m_reader->lastError();
        if (!error) {
            Q_EMIT facetReady(generation, kind, std::move(counts), true);
            return true;
        }
        if (!interrupted(error)) {
            Q_EMIT failed(generation, QString::fromStdString(error.message));
            return false;
        }
    }
    return false;
}

void WorkspaceWorker::values(quint64 request, const QString& field, GroupField group, int limit) {
    if (request != m_latestValues->load(std::memory_order_acquire) || !ensureReader())
        return;
    QStringList values;
    for (const cadf::store::ValueCount& count : m_reader->countBy(group, {}, limit)) {
        if (!count.value.empty())
            values.append(QString::fromStdString(count.value));
    }
    Q_EMIT valuesReady(request, field, values);
}
