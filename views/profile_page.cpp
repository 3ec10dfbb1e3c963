#include "views/profile_page.h"

#include "models/cadf/timestamp.h"
#include "models/dashboard/profile.h"
#include "models/inventory/catalogue.h"
#include "models/itemmodels/drilldown_rows.h"
#include "models/itemmodels/drilldown_table_model.h"
#include "models/store/store_reader.h"
#include "views/drilldown_table_view.h"
#include "views/time_histogram.h"

#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

using cadf::dashboard::DashboardQuery;
using Rows = DrilldownRows::Rows;

namespace {

constexpr int kTopN = 20; // rows of each list: the profile is a summary, the tables have all

// What the reader thread hands back: the figures, and the subject's names read from the store.
struct ProfileResult {
    cadf::dashboard::Profile profile;
    bool initiator = true;
    QString title;
    QString subtitle;
    QString term;
    std::array<Rows, ProfilePage::kLists> lists;
};

QString text(const std::string& value) {
    return QString::fromStdString(value);
}

} // namespace

ProfilePage::ProfilePage(const QString& storePath, QWidget* parent)
    : QueryPage(storePath, QStringLiteral("cadf-profile"), parent) {
    m_title = new QLabel(this);
    m_title->setTextFormat(Qt::PlainText);
    m_title->setObjectName(QStringLiteral("profileTitle"));
    QFont font = m_title->font();
    font.setPointSizeF(font.pointSizeF() * 1.4);
    font.setBold(true);
    m_title->setFont(font);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle = new QLabel(this);
    m_subtitle->setTextFormat(Qt::PlainText);
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary = new QLabel(this);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setObjectName(QStringLiteral("profileSummary"));
    m_eventsButton = new QPushButton(tr("Show &Events"), this);
    m_eventsButton->setToolTip(tr("Narrows the filter to this profile's events and shows them"));
    m_eventsButton->setEnabled(false);
    connect(m_eventsButton, &QPushButton::clicked, this, [this] {
        if (!m_subjectTerm.isEmpty())
            Q_EMIT filterClauseRequested(m_subjectTerm);
    });

    m_activity = new TimeHistogram(this);
    m_activity->setMinimumHeight(150);
    // A drag over the bars: this subject's events in that time range.
    connect(m_activity, &TimeHistogram::rangeSelected, this, [this](qint64 fromUs, qint64 toUs) {
        const QString from = QString::fromStdString(cadf::formatIso(fromUs, m_offsetSeconds, 0));
        const QString to = QString::fromStdString(cadf::formatIso(toUs, m_offsetSeconds, 0));
        Q_EMIT filterClauseRequested(
            QStringLiteral("%1 time>=%2 time<%3").arg(m_subjectTerm, from, to).trimmed());
    });

    auto* grid = new QGridLayout;
    grid->setSpacing(8);
    for (int i = 0; i < kLists; ++i) {
        m_boxes[std::size_t(i)] = new QGroupBox(this);
        m_models[std::size_t(i)] = new DrilldownTableModel(this);
        auto* view = new DrilldownTableView(m_models[std::size_t(i)], false, this);
        m_lists[std::size_t(i)] = view;
        auto* boxLayout = new QVBoxLayout(m_boxes[std::size_t(i)]);
        boxLayout->setContentsMargins(4, 4, 4, 4);
        boxLayout->addWidget(view);
        grid->addWidget(m_boxes[std::size_t(i)], i / 3, i % 3);
        connect(view, &DrilldownTableView::filterClauseRequested, this,
                &QueryPage::filterClauseRequested);
        connect(view, &DrilldownTableView::profileRequested, this, &QueryPage::profileRequested);
    }

    auto* header = new QHBoxLayout;
    auto* names = new QVBoxLayout;
    names->addWidget(m_title);
    names->addWidget(m_subtitle);
    names->addWidget(m_summary);
    header->addLayout(names, 1);
    header->addWidget(statusLabel(), 0, Qt::AlignTop);
    header->addWidget(m_eventsButton, 0, Qt::AlignTop);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addLayout(header);
    layout->addWidget(m_activity, 2);
    layout->addLayout(grid, 5);
    layoutFor(true);
}

void ProfilePage::setSubject(const QString& kind, const QString& key) {
    if (kind == m_kind && key == m_key)
        return;
    m_kind = kind;
    m_key = key;
    m_events = m_failures = -1;
    m_subjectTerm.clear();
    m_eventsButton->setEnabled(false);
    m_title->setText(kind == DrilldownRows::targetProfileKind() ? tr("Target") : tr("Initiator"));
    m_subtitle->clear();
    m_summary->clear();
    for (DrilldownTableModel* model : m_models)
        model->setRows({});
    layoutFor(kind != DrilldownRows::targetProfileKind());
    storeChanged(); // the same filter, another subject: compute again
}

QString ProfilePage::title() const {
    return m_title->text();
}

void ProfilePage::layoutFor(bool initiator) {
    const std::array<QString, kLists> initiatorTitles = {tr("Services"),         tr("Endpoints"),
                                                         tr("Source addresses"), tr("Agents"),
                                                         tr("Failures by code"), QString()};
    const std::array<QString, kLists> targetTitles = {
        tr("Initiators"),       tr("Actions"),          tr("Outcomes"),
        tr("Failures by code"), tr("Source addresses"), tr("Agents")};
    const std::array<DrilldownRows::Columns, kLists> initiatorColumns = {
        DrilldownRows::profileServiceColumns(),
        DrilldownRows::profileEndpointColumns(),
        DrilldownRows::valueColumns(tr("Address")),
        DrilldownRows::valueColumns(tr("Agent")),
        DrilldownRows::codeColumns(),
        {}};
    const std::array<DrilldownRows::Columns, kLists> targetColumns = {
        DrilldownRows::profileInitiatorColumns(),
        DrilldownRows::actionColumns(),
        DrilldownRows::outcomeColumns(),
        DrilldownRows::codeColumns(),
        DrilldownRows::valueColumns(tr("Address")),
        DrilldownRows::valueColumns(tr("Agent"))};
    for (int i = 0; i < kLists; ++i) {
        const QString& title = (initiator ? initiatorTitles : targetTitles)[std::size_t(i)];
        m_boxes[std::size_t(i)]->setTitle(title);
        m_boxes[std::size_t(i)]->setVisible(!title.isEmpty());
        m_models[std::size_t(i)]->setColumns(
            (initiator ? initiatorColumns : targetColumns)[std::size_t(i)]);
    }
}

void ProfilePage::compute(const DashboardQuery& query) {
    cadf::dashboard::ProfileSubject subject;
    if (!DrilldownRows::subjectFor(m_kind, m_key, subject)) {
        setStatus(tr("No such profile"));
        return;
    }
    DashboardQuery ranged = query;
    ranged.topN = kTopN;
    ranged.maxBuckets = cadf::dashboard::kPageBuckets;
    loader()->request(
        ranged,
        [subject](cadf::store::StoreReader& reader, const DashboardQuery& q,
                  cadf::store::StoreError& error) -> StoreJobLoader::Result {
            using Kind = cadf::dashboard::ProfileSubject::Kind;
            const cadf::inventory::Catalogue& catalogue = cadf::inventory::Catalogue::builtIn();
            auto result = std::make_shared<ProfileResult>();
            if (!cadf::dashboard::computeProfile(reader, catalogue, subject, q, result->profile,
                                                 error))
                return nullptr;
            const cadf::dashboard::Profile& p = result->profile;
            result->initiator = subject.kind == Kind::Initiator;
            if (subject.kind == Kind::Initiator) {
                const cadf::Resource resource = reader.resourceValue(subject.id);
                result->title = text(resource.name.empty() ? resource.id : resource.name);
                result->subtitle = ProfilePage::tr("Initiator %1 \u00b7 type %2")
                                       .arg(text(resource.id), text(resource.typeUri));
                result->term = DrilldownRows::initiatorTerm(resource.id, resource.name);
                result->lists = {DrilldownRows::profileServiceRows(p.services),
                                 DrilldownRows::profileEndpointRows(p.endpoints),
                                 DrilldownRows::valueRows(p.addresses, QStringLiteral("address")),
                                 DrilldownRows::valueRows(p.agents, QStringLiteral("agent")),
                                 DrilldownRows::codeRows(p.failuresByCode),
                                 {}};
            } else {
                if (subject.kind == Kind::Endpoint) {
                    const cadf::inventory::CatalogueRow* row = catalogue.rowById(int(subject.id));
                    const std::string service =
                        cadf::dashboard::serviceName(catalogue, row ? row->serviceId : 0);
                    const std::string description = row ? row->description : std::string();
                    result->title = text(description);
                    result->subtitle =
                        ProfilePage::tr("Endpoint of %1 \u00b7 %2")
                            .arg(text(service),
                                 row && !row->urls.empty() ? text(row->urls.front()) : QString());
                    result->term = DrilldownRows::endpointTerm(service, description);
                } else {
                    const std::string pattern = reader.stringValue(subject.id);
                    result->title = text(pattern);
                    result->subtitle = ProfilePage::tr("Unclassified path pattern");
                    result->term = DrilldownRows::patternTerm(pattern);
                }
                result->lists = {DrilldownRows::profileInitiatorRows(p.initiators),
                                 DrilldownRows::actionRows(p.actions),
                                 DrilldownRows::outcomeRows(p.outcomes),
                                 DrilldownRows::codeRows(p.failuresByCode),
                                 DrilldownRows::valueRows(p.addresses, QStringLiteral("address")),
                                 DrilldownRows::valueRows(p.agents, QStringLiteral("agent"))};
            }
            return result;
        });
}

void ProfilePage::showResult(const StoreJobLoader::Result& result) {
    const auto r = std::static_pointer_cast<const ProfileResult>(result);
    const cadf::dashboard::Profile& p = r->profile;
    m_events = p.events;
    m_failures = p.failures;
    m_firstUs = p.firstUs;
    m_lastUs = p.lastUs;
    m_subjectTerm = r->term;
    m_eventsButton->setEnabled(!m_subjectTerm.isEmpty());
    m_title->setText(r->title.isEmpty() ? tr("(no name)") : r->title);
    m_subtitle->setText(r->subtitle);
    displayOffsetChanged(m_offsetSeconds); // writes the summary
    m_activity->setHistogram(std::make_shared<const cadf::store::TimeHistogram>(p.histogram));
    for (int i = 0; i < kLists; ++i) {
        m_models[std::size_t(i)]->setRows(r->lists[std::size_t(i)]);
        m_lists[std::size_t(i)]->fitColumns();
    }
}

void ProfilePage::displayOffsetChanged(int offsetSeconds) {
    m_offsetSeconds = offsetSeconds;
    m_activity->setLocalTime(isLocalTime());
    for (DrilldownTableModel* model : m_models)
        model->setDisplayOffsetSeconds(offsetSeconds);
    if (m_events < 0)
        return;
    const QLocale locale;
    if (m_events == 0) {
        m_summary->setText(tr("No events under the current filter"));
        return;
    }
    m_summary->setText(
        tr("%1 events \u00b7 %2 failures (%3 %) \u00b7 first %4 \u00b7 last %5")
            .arg(locale.toString(m_events), locale.toString(m_failures),
                 locale.toString(cadf::dashboard::failurePercent(m_events, m_failures), 'f', 1),
                 QString::fromStdString(cadf::formatIso(m_firstUs, offsetSeconds, 0)),
                 QString::fromStdString(cadf::formatIso(m_lastUs, offsetSeconds, 0))));
}

void ProfilePage::busyChanged(bool busy) {
    for (DrilldownTableView* view : m_lists)
        view->setBusy(busy);
}
