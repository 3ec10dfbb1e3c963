// `cadfscope inventory` and `cadfscope reclassify`.
#include "app/cli/inventory_command.h"

#include "app/cli/cli_support.h"
#include "app/cli/table_printer.h"

#include "models/inventory/catalogue.h"
#include "models/inventory/coverage_report.h"
#include "models/inventory/store_reclassifier.h"
#include "models/store/coverage_reader.h"
#include "models/store/store_reader.h"

#include <QCoreApplication>

#include <nlohmann/json.hpp>

#include <cstdio>

namespace cadf::cli {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("cli", text);
}

std::string joined(const std::vector<std::string>& parts, const char* separator) {
    std::string out;
    for (const std::string& p : parts) {
        if (!out.empty())
            out += separator;
        out += p;
    }
    return out;
}

nlohmann::json timeOrNull(const std::string& text) {
    return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

bool noPositional(const QString& command, const QCommandLineParser& parser) {
    if (parser.positionalArguments().isEmpty())
        return true;
    printError(command, tr("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    return false;
}

// The catalogue's rows, with their coverage when `report` is given.
void printRows(const inventory::Catalogue& catalogue, const inventory::CoverageReport* report,
               bool neverSeenOnly, bool json) {
    nlohmann::json out = nlohmann::json::array();
    TablePrinter table =
        report ? TablePrinter({"id", "service", "description", "events", "failures", "initiators",
                               "first seen", "last seen"},
                              {true, false, false, true, true, true, false, false})
               : TablePrinter({"id", "category", "service", "actions", "description", "urls"},
                              {true, false, false, false, false, false});
    for (const inventory::CatalogueRow& row : catalogue.rows()) {
        const store::CoverageCounts counts =
            report && static_cast<std::size_t>(row.id) < report->endpoints.size()
                ? report->endpoints[static_cast<std::size_t>(row.id)]
                : store::CoverageCounts{};
        if (neverSeenOnly && counts.events > 0)
            continue;
        if (json) {
            nlohmann::json j = {{"category", row.category},
                                {"service", row.service},
                                {"actions", row.actions},
                                {"description", row.description},
                                {"urls", row.urls}};
            if (report) {
                j["events"] = counts.events;
                j["failures"] = counts.failures;
                j["initiators"] = counts.initiators;
                j["first_seen"] = timeOrNull(inventory::firstSeenText(counts));
                j["last_seen"] = timeOrNull(inventory::lastSeenText(counts));
            }
            out.push_back(std::move(j));
        } else if (report) {
            table.addRow({std::to_string(row.id), row.service, row.description,
                          groupDigits(counts.events), groupDigits(counts.failures),
                          groupDigits(counts.initiators), inventory::firstSeenText(counts),
                          inventory::lastSeenText(counts)});
        } else {
            table.addRow({std::to_string(row.id), row.category, row.service,
                          joined(row.actions, ","), row.description, joined(row.urls, " ")});
        }
    }
    if (json) {
        writeOut(out.dump(2) + "\n");
        return;
    }
    writeOut(table.render());
    if (report) {
        const std::int64_t unclassified =
            report->endpoints.empty() ? 0 : report->endpoints[0].events;
        writeOut(tr("\n%1 of %2 endpoints seen, %3 never seen. %4 events, %5 unclassified in %6 "
                    "patterns.\n")
                     .arg(report->rowsSeen)
                     .arg(report->rowsSeen + report->rowsNeverSeen)
                     .arg(report->rowsNeverSeen)
                     .arg(QString::fromStdString(groupDigits(report->all.events)))
                     .arg(QString::fromStdString(groupDigits(unclassified)))
                     .arg(report->unclassified.size()));
    }
}

void printUnclassified(const inventory::Catalogue& catalogue,
                       const inventory::CoverageReport& report, bool json) {
    auto serviceName = [&catalogue](int id) {
        const inventory::ServiceInfo* s = catalogue.serviceById(id);
        return s ? s->name : std::string();
    };
    if (json) {
        nlohmann::json out = nlohmann::json::array();
        for (const inventory::UnclassifiedPattern& p : report.unclassified) {
            nlohmann::json closest = nlohmann::json::array();
            for (const inventory::ClosestService& c : p.closest)
                closest.push_back({{"service", serviceName(c.serviceId)},
                                   {"url", c.url},
                                   {"service_events", c.serviceEvents}});
            out.push_back({{"pattern", p.pattern},
                           {"events", p.counts.events},
                           {"failures", p.counts.failures},
                           {"initiators", p.counts.initiators},
                           {"first_seen", timeOrNull(inventory::firstSeenText(p.counts))},
                           {"last_seen", timeOrNull(inventory::lastSeenText(p.counts))},
                           {"distinct_requests", p.distinctRequests},
                           {"examples", p.examples},
                           {"closest", closest}});
        }
        writeOut(out.dump(2) + "\n");
        return;
    }
    TablePrinter table({"pattern", "events", "failures", "requests", "example", "closest"},
                       {false, true, true, true, false, false});
    for (const inventory::UnclassifiedPattern& p : report.unclassified) {
        std::vector<std::string> closest;
        for (const inventory::ClosestService& c : p.closest)
            closest.push_back(serviceName(c.serviceId) + " " + c.url);
        table.addRow({p.pattern.empty() ? std::string("(no path)") : p.pattern,
                      groupDigits(p.counts.events), groupDigits(p.counts.failures),
                      groupDigits(p.distinctRequests), p.examples.empty() ? "" : p.examples.front(),
                      joined(closest, "; ")});
    }
    writeOut(table.render());
}

} // namespace

int inventoryCommand(const QStringList& args) {
    const QString command = QStringLiteral("inventory");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Prints the QRadar Suite audit inventory (category, service, actions, description, "
           "URL templates), or with --coverage how often the store saw each endpoint."));
    addCommonOptions(parser);
    parser.addOption({QStringLiteral("coverage"),
                      tr("Add events, failures, distinct initiators, first and last seen from "
                         "the store.")});
    parser.addOption({QStringLiteral("never-seen"),
                      tr("Only the endpoints the store has no event for (implies --coverage).")});
    parser.addOption({QStringLiteral("unclassified"),
                      tr("Print the store's unclassified path patterns instead, with examples "
                         "and the services that came closest.")});
    parser.addOption({QStringLiteral("format"), tr("Output format: table or json."),
                      QStringLiteral("FORMAT"), QStringLiteral("table")});
    int exitCode = 0;
    if (!parseArguments(parser, command, args, exitCode))
        return exitCode;
    if (!noPositional(command, parser))
        return BadUsage;
    const QString format = parser.value(QStringLiteral("format"));
    if (format != QLatin1String("table") && format != QLatin1String("json")) {
        printError(command, tr("unknown format '%1' (use table|json)").arg(format));
        return BadUsage;
    }
    const bool json = format == QLatin1String("json");
    const bool neverSeen = parser.isSet(QStringLiteral("never-seen"));
    const bool unclassified = parser.isSet(QStringLiteral("unclassified"));
    const bool coverage = parser.isSet(QStringLiteral("coverage")) || neverSeen || unclassified;

    std::string catalogueError;
    const std::optional<inventory::Catalogue> loaded =
        inventory::Catalogue::loadBuiltIn(&catalogueError);
    if (!loaded) {
        printError(command, tr("the built-in inventory cannot be read: %1")
                                .arg(QString::fromStdString(catalogueError)));
        return Fatal;
    }
    const inventory::Catalogue& catalogue = *loaded;
    if (!coverage) {
        printRows(catalogue, nullptr, false, json);
        return Success;
    }

    const QString path = storePath(parser);
    store::StoreError error;
    const auto reader = store::StoreReader::open(path.toStdString(), &error);
    if (!reader) {
        printError(
            command,
            tr("cannot open the store %1: %2").arg(path, QString::fromStdString(error.message)));
        return Fatal;
    }
    store::StoreCoverage raw;
    if (!store::readCoverage(*reader, {}, {}, raw, error)) {
        printError(command, QString::fromStdString(error.message));
        return Fatal;
    }
    const inventory::CoverageReport report = inventory::buildCoverageReport(catalogue, raw);
    if (unclassified)
        printUnclassified(catalogue, report, json);
    else
        printRows(catalogue, &report, neverSeen, json);
    return Success;
}

int reclassifyCommand(const QStringList& args) {
    const QString command = QStringLiteral("reclassify");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Classifies the store's events again with the built-in inventory (after an update "
           "of cadfscope changed it). Each distinct request path is classified once; only "
           "events whose service, endpoint or pattern changes are written."));
    addCommonOptions(parser);
    int exitCode = 0;
    if (!parseArguments(parser, command, args, exitCode))
        return exitCode;
    if (!noPositional(command, parser))
        return BadUsage;
    std::string catalogueError;
    const std::optional<inventory::Catalogue> catalogue =
        inventory::Catalogue::loadBuiltIn(&catalogueError);
    if (!catalogue) {
        printError(command, tr("the built-in inventory cannot be read: %1")
                                .arg(QString::fromStdString(catalogueError)));
        return Fatal;
    }
    const QString path = storePath(parser);
    store::ReclassifyOptions options;
    const bool progress = stderrIsTerminal();
    if (progress)
        options.progress = [](std::int64_t done, std::int64_t total) {
            std::fprintf(stderr, "\r%s",
                         qPrintable(tr("updating: %1 of %2 steps").arg(done).arg(total)));
        };
    store::ReclassifySummary summary;
    const store::StoreError error =
        inventory::reclassifyStore(path.toStdString(), *catalogue, options, summary);
    if (progress && summary.changedRequests > 0)
        std::fprintf(stderr, "\n");
    if (error) {
        printError(command,
                   tr("cannot reclassify %1: %2").arg(path, QString::fromStdString(error.message)));
        return Fatal;
    }
    auto n = [](std::int64_t v) { return QString::fromStdString(groupDigits(v)); };
    writeOut(tr("%1 events, %2 distinct paths: %3 paths classified differently, %4 events "
                "changed.\nNow %5 classified, %6 unclassified (%7 new patterns), %8 s.\n")
                 .arg(n(summary.events), n(summary.requests), n(summary.changedRequests),
                      n(summary.eventsChanged), n(summary.classifiedEvents),
                      n(summary.unclassifiedEvents), n(summary.newPatterns))
                 .arg(summary.seconds, 0, 'f', 2));
    return Success;
}

} // namespace cadf::cli
