#pragma once

#include "models/store/store_types.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <atomic>
#include <cstdint>
#include <memory>

class StoreJobLoader;

namespace cadf::inventory {
struct CoverageReport;
}

using CoverageReportPtr = std::shared_ptr<const cadf::inventory::CoverageReport>;

// Computes the store's inventory coverage (cadf::store::readCoverage + buildCoverageReport) on
// its own reader thread ("cadf-coverage", a StoreJobLoader), for the Inventory and Unclassified
// models. A request makes every earlier one stale: the query running for it is interrupted, and
// results of an old generation are dropped. No SQL runs on the thread that owns the loader.
class CoverageLoader : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CoverageLoader)

public:
    explicit CoverageLoader(const QString& storePath, QObject* parent = nullptr);
    ~CoverageLoader() override;

    // The events counted (the global filter; empty = all). Computes again unless !computeNow
    // (then at the next reload()).
    void setFilter(const cadf::store::SqlFilter& filter, bool computeNow = true);
    // Computes again now.
    void reload();
    // Computes again if another connection committed since the last result, at most once per
    // minIntervalMs (a scan of the events table each time). For a timer while a view is shown.
    void refreshIfChanged(int minIntervalMs = 2000);

    bool isBusy() const;
    quint64 generation() const;
    // The last result (nullptr until the first one arrives).
    CoverageReportPtr report() const { return m_report; }

Q_SIGNALS:
    void reportChanged(CoverageReportPtr report);
    void busyChanged(bool busy);
    void failed(const QString& message);

private:
    void request(bool onlyIfChanged);

    StoreJobLoader* m_jobs = nullptr;
    cadf::store::SqlFilter m_filter;
    CoverageReportPtr m_report;
    QElapsedTimer m_sinceRequest;
    // The store's data version the last report was computed at (read and written on the
    // loader's thread only): a poll that finds it unchanged computes nothing.
    std::shared_ptr<std::int64_t> m_computedVersion;
};

Q_DECLARE_METATYPE(CoverageReportPtr)
