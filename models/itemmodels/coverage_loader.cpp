#include "models/itemmodels/coverage_loader.h"

#include "models/inventory/catalogue.h"
#include "models/inventory/coverage_report.h"
#include "models/itemmodels/store_job_loader.h"
#include "models/store/coverage_reader.h"
#include "models/store/store_reader.h"

CoverageLoader::CoverageLoader(const QString& storePath, QObject* parent)
    : QObject(parent)
    , m_jobs(new StoreJobLoader(storePath, QStringLiteral("cadf-coverage"), this))
    , m_computedVersion(std::make_shared<std::int64_t>(-1)) {
    qRegisterMetaType<CoverageReportPtr>();
    connect(m_jobs, &StoreJobLoader::ready, this, [this](const StoreJobLoader::Result& result) {
        m_report = std::static_pointer_cast<const cadf::inventory::CoverageReport>(result);
        Q_EMIT reportChanged(m_report);
    });
    connect(m_jobs, &StoreJobLoader::failed, this, &CoverageLoader::failed);
    connect(m_jobs, &StoreJobLoader::busyChanged, this, &CoverageLoader::busyChanged);
}

CoverageLoader::~CoverageLoader() = default;

bool CoverageLoader::isBusy() const {
    return m_jobs->isBusy();
}

quint64 CoverageLoader::generation() const {
    return m_jobs->generation();
}

void CoverageLoader::setFilter(const cadf::store::SqlFilter& filter, bool computeNow) {
    m_filter = filter;
    if (computeNow)
        request(false);
}

void CoverageLoader::reload() {
    request(false);
}

void CoverageLoader::refreshIfChanged(int minIntervalMs) {
    if (m_jobs->isRunning() ||
        (m_sinceRequest.isValid() && m_sinceRequest.elapsed() < minIntervalMs))
        return;
    request(true);
}

void CoverageLoader::request(bool onlyIfChanged) {
    m_sinceRequest.start();
    // A poll does not grey the view: it usually finds nothing new, and when it does the new
    // numbers simply replace the old ones.
    m_jobs->request(
        [filter = m_filter, onlyIfChanged,
         computed = m_computedVersion](cadf::store::StoreReader& reader, const std::atomic_bool&,
                                       cadf::store::StoreError& error) -> StoreJobLoader::Result {
            const std::int64_t version = reader.dataVersion();
            if (onlyIfChanged && version == *computed && version >= 0)
                return nullptr; // nothing new
            cadf::store::StoreCoverage raw;
            if (!cadf::store::readCoverage(reader, filter, cadf::store::CoverageOptions{}, raw,
                                           error))
                return nullptr;
            *computed = version;
            return std::make_shared<const cadf::inventory::CoverageReport>(
                cadf::inventory::buildCoverageReport(cadf::inventory::Catalogue::builtIn(), raw));
        },
        onlyIfChanged ? StoreJobLoader::Busy::Quiet : StoreJobLoader::Busy::Show);
}
