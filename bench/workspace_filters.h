#pragma once

#include <QStringList>

#include <cstddef>

namespace cadf::store {
class StoreReader;
}

// The filters the workspace benchmarks time (bench_workspace, bench_workspace_queries), with
// values taken from the store so that each selects something: the third busiest initiator, the
// second busiest address, the middle day, the second busiest service. Empty (with a message on
// stderr) when the store has too few of them. `days`, when given, receives the store's number of
// days (counted anyway for the middle one).
QStringList workspaceBenchFilters(cadf::store::StoreReader& reader, std::size_t* days = nullptr);
