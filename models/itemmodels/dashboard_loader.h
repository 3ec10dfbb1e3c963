#pragma once

#include "models/dashboard/overview.h"
#include "models/dashboard/service_dashboard.h"
#include "models/store/store_types.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class StoreJobLoader;

namespace cadf::inventory {
class Catalogue;
}

// What one dashboard is computed for: the Overview (serviceId < 0) or a service's dashboard.
struct DashboardRequest {
    cadf::store::SqlFilter filter; // the global filter, compiled
    std::optional<std::int64_t> fromUs;
    std::optional<std::int64_t> toUs;
    int serviceId = -1; // -1 = the Overview; 0 = the unclassified events; else a catalogue id
    int maxBuckets = cadf::dashboard::kDashboardBuckets;
    int alignOffsetSeconds = 0; // display zone east of UTC (buckets start at its midnight)
    // Rows of each top list. The pages ask for one more than the catalogue has rows, so the
    // endpoint lists are complete (the charts merge rows sharing a description and must see
    // all of them); initiator and address lists are cut to the same length, cheap to name.
    int topN = 30;
};

// A computed dashboard with what its widgets need to label and drill into it.
struct DashboardResult {
    DashboardRequest request;
    cadf::dashboard::Overview overview;        // when request.serviceId < 0
    cadf::dashboard::ServiceDashboard service; // otherwise
    std::vector<std::string> actions;          // every action text in the store (click clauses)
    bool isService() const { return request.serviceId >= 0; }
};
using DashboardResultPtr = std::shared_ptr<const DashboardResult>;

// Computes a dashboard synchronously on the calling thread's `reader` (the loader's worker, and
// `cadfscope dashboard`, which is a script). False with `error` set on failure or cancel.
bool computeDashboard(cadf::store::StoreReader& reader, const cadf::inventory::Catalogue& catalogue,
                      const DashboardRequest& request, DashboardResult& out,
                      cadf::store::StoreError& error, const std::atomic_bool* cancel = nullptr);

// Computes dashboards on its own reader thread ("cadf-dashboard", a StoreJobLoader): a request
// makes every earlier one stale (its scan is cancelled and its result dropped), and no SQL runs
// on the thread that owns the loader.
class DashboardLoader : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardLoader)

public:
    // `catalogue` must outlive the loader (Catalogue::builtIn() does).
    DashboardLoader(const QString& storePath, const cadf::inventory::Catalogue& catalogue,
                    QObject* parent = nullptr);
    ~DashboardLoader() override;

    void request(const DashboardRequest& request);
    // Stops the running computation (Escape): no result arrives for it.
    void cancel();
    bool isBusy() const;
    // Requests made so far; results carry no generation, a stale one never arrives.
    quint64 generation() const;

Q_SIGNALS:
    void resultReady(DashboardResultPtr result);
    void busyChanged(bool busy);
    void failed(const QString& message);

private:
    const cadf::inventory::Catalogue& m_catalogue;
    StoreJobLoader* m_jobs = nullptr;
};

Q_DECLARE_METATYPE(DashboardResultPtr)
