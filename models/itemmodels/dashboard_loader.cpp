#include "models/itemmodels/dashboard_loader.h"

#include "models/inventory/catalogue.h"
#include "models/itemmodels/store_job_loader.h"
#include "models/store/sql_value.h"
#include "models/store/store_reader.h"

namespace {

// Every action text the store holds (a few dozen dictionary rows, not a scan of the events):
// the click clauses of the action charts list the texts of each group.
bool readActionTexts(cadf::store::StoreReader& reader, std::vector<std::string>& out,
                     cadf::store::StoreError& error) {
    out.clear();
    cadf::store::Statement s = reader.database().prepare(
        "SELECT value FROM strings WHERE kind = ? AND value <> '' ORDER BY value", &error);
    if (!s)
        return false;
    cadf::store::bindValue(s, 1,
                           cadf::store::SqlValue(std::int64_t(cadf::store::StringKind::Action)));
    for (;;) {
        const cadf::store::Statement::Step step = s.step();
        if (step == cadf::store::Statement::Step::Done)
            return true;
        if (step == cadf::store::Statement::Step::Error) {
            error = s.error();
            return false;
        }
        out.push_back(s.string(0));
    }
}

} // namespace

bool computeDashboard(cadf::store::StoreReader& reader, const cadf::inventory::Catalogue& catalogue,
                      const DashboardRequest& request, DashboardResult& out,
                      cadf::store::StoreError& error, const std::atomic_bool* cancel) {
    out = DashboardResult{};
    out.request = request;
    cadf::dashboard::DashboardQuery query;
    query.filter = request.filter;
    query.fromUs = request.fromUs;
    query.toUs = request.toUs;
    query.maxBuckets = request.maxBuckets;
    query.alignOffsetSeconds = request.alignOffsetSeconds;
    query.topN = request.topN;
    query.cancel = cancel;
    if (!readActionTexts(reader, out.actions, error))
        return false;
    if (request.serviceId < 0)
        return cadf::dashboard::computeOverview(reader, catalogue, query, out.overview, error);
    return cadf::dashboard::computeServiceDashboard(reader, catalogue, request.serviceId, query,
                                                    out.service, error);
}

DashboardLoader::DashboardLoader(const QString& storePath,
                                 const cadf::inventory::Catalogue& catalogue, QObject* parent)
    : QObject(parent)
    , m_catalogue(catalogue)
    , m_jobs(new StoreJobLoader(storePath, QStringLiteral("cadf-dashboard"), this)) {
    qRegisterMetaType<DashboardResultPtr>();
    connect(m_jobs, &StoreJobLoader::ready, this, [this](const StoreJobLoader::Result& result) {
        Q_EMIT resultReady(std::static_pointer_cast<const DashboardResult>(result));
    });
    connect(m_jobs, &StoreJobLoader::failed, this, &DashboardLoader::failed);
    connect(m_jobs, &StoreJobLoader::busyChanged, this, &DashboardLoader::busyChanged);
}

DashboardLoader::~DashboardLoader() = default;

void DashboardLoader::request(const DashboardRequest& request) {
    m_jobs->request([&catalogue = m_catalogue, request](cadf::store::StoreReader& reader,
                                                        const std::atomic_bool& cancel,
                                                        cadf::store::StoreError& error) {
        auto result = std::make_shared<DashboardResult>();
        if (!computeDashboard(reader, catalogue, request, *result, error, &cancel))
            return StoreJobLoader::Result();
        return StoreJobLoader::Result(std::move(result));
    });
}

void DashboardLoader::cancel() {
    m_jobs->cancel();
}

bool DashboardLoader::isBusy() const {
    return m_jobs->isBusy();
}

quint64 DashboardLoader::generation() const {
    return m_jobs->generation();
}
