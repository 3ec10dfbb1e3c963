#include "bench/workspace_filters.h"

#include "models/dashboard/dashboard_query.h"
#include "models/filter/filter.h"
#include "models/inventory/catalogue.h"
#include "models/store/store_reader.h"

#include <cstdio>

QStringList workspaceBenchFilters(cadf::store::StoreReader& reader, std::size_t* dayCount) {
    const auto initiators = reader.countBy(cadf::store::GroupField::Initiator, {}, 3);
    const auto addresses = reader.countBy(cadf::store::GroupField::Address, {}, 3);
    const auto days = reader.countBy(cadf::store::GroupField::Day, {}, 0);
    const auto services = reader.countBy(cadf::store::GroupField::Service, {}, 3);
    if (dayCount)
        *dayCount = days.size();
    if (initiators.size() < 3 || addresses.size() < 2 || days.empty() || services.size() < 2) {
        std::fprintf(stderr, "the store has too few initiators, addresses, days or services\n");
        return {};
    }
    const QString initiator = QString::fromStdString(initiators.at(2).value);
    const QString address = QString::fromStdString(addresses.at(1).value);
    const QString day = QString::fromStdString(days.at(days.size() / 2).value);
    const QString service = QString::fromStdString(
        cadf::dashboard::serviceName(cadf::inventory::Catalogue::builtIn(),
                                     QString::fromStdString(services.at(1).value).toInt()));
    return {
        QString(),
        QStringLiteral("outcome:failure"),
        QStringLiteral("code:5xx"),
        QStringLiteral("code:401 -outcome:success"),
        cadf::filter::termFor(QStringLiteral("initiator"), initiator),
        cadf::filter::termFor(QStringLiteral("address"), address),
        QStringLiteral("address:10.0.0.0/8"),
        QStringLiteral("action:read*"),
        QStringLiteral("time>=%1T10:00 time<%1T11:00").arg(day),
        cadf::filter::termFor(QStringLiteral("service"), service) +
            QStringLiteral(" outcome:failure"),
    };
}
