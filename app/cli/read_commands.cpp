// The read-only subcommands: stats, query, rejects.
#include "app/cli/cli_support.h"
#include "app/cli/commands.h"
#include "app/cli/table_printer.h"

#include "models/cadf/record_parser.h"
#include "models/cadf/timestamp.h"
#include "models/filter/filter.h"
#include "models/inventory/catalogue.h"
#include "models/store/store_reader.h"

#include <QCoreApplication>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <optional>

namespace cadf::cli {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("cli", text);
}

// Opens the store for reading; prints the error and returns nullptr when it cannot.
std::unique_ptr<store::StoreReader> openReader(const QString& command, const QString& path) {
    store::StoreError error;
    auto reader = store::StoreReader::open(path.toStdString(), &error);
    if (!reader)
        printError(
            command,
            tr("cannot open the store %1: %2").arg(path, QString::fromStdString(error.message)));
    return reader;
}

bool parseFormat(const QString& command, const QString& value, const QStringList& allowed,
                 QString& out) {
    if (!allowed.contains(value)) {
        printError(command,
                   tr("unknown format '%1' (use %2)").arg(value, allowed.join(QLatin1Char('|'))));
        return false;
    }
    out = value;
    return true;
}

std::string serviceName(int serviceId) {
    if (serviceId <= 0)
        return {};
    const inventory::Catalogue& catalogue = inventory::Catalogue::builtIn();
    const auto* service = catalogue.serviceById(serviceId);
    return service ? service->name : std::string();
}

void addFilterOption(QCommandLineParser& parser) {
    parser.addOption({QStringLiteral("filter"),
                      tr("Only events matching EXPR (see \"Filter language\" in the README), e.g. "
                         "'outcome:failure code:4xx time>=-1h'."),
                      QStringLiteral("EXPR")});
}

bool compileFilter(const QString& command, const QCommandLineParser& parser,
                   store::SqlFilter& out) {
    return compileFilterText(command, parser.value(QStringLiteral("filter")), out);
}

// `query --columns`: any filter field name. The first group comes from the page rows; the
// others need the whole stored event, fetched only when one of them is asked for.
struct Column {
    QString name;
    bool needsEvent = false;
    bool rightAligned = false;
};

std::optional<std::vector<Column>> parseColumns(const QString& command, const QString& list) {
    static const QStringList fromRow = {
        QStringLiteral("time"),         QStringLiteral("service"),
        QStringLiteral("category"),     QStringLiteral("endpoint"),
        QStringLiteral("action"),       QStringLiteral("outcome"),
        QStringLiteral("code"),         QStringLiteral("initiator"),
        QStringLiteral("initiator.id"), QStringLiteral("initiator.name"),
        QStringLiteral("address"),      QStringLiteral("agent"),
        QStringLiteral("target"),       QStringLiteral("target.id"),
        QStringLiteral("target.name"),  QStringLiteral("source")};
    std::vector<Column> columns;
    const QStringList known = filter::fieldNames();
    for (const QString& raw : list.split(u',', Qt::SkipEmptyParts)) {
        const QString name = raw.trimmed().toLower();
        if (!known.contains(name)) {
            printError(command, tr("unknown column '%1' (use any of %2)")
                                    .arg(raw.trimmed(), known.join(QLatin1Char(','))));
            return std::nullopt;
        }
        columns.push_back({name, !fromRow.contains(name), name == QLatin1String("code")});
    }
    if (columns.empty()) {
        printError(command, tr("--columns needs at least one column name"));
        return std::nullopt;
    }
    return columns;
}

std::string cell(const QString& column, const store::EventRow& row,
                 const std::optional<store::StoredEvent>& stored) {
    const inventory::Catalogue& catalogue = inventory::Catalogue::builtIn();
    const std::string& c = column.toStdString();
    if (c == "time")
        return formatIso(row.ts, 0, 3);
    if (c == "service")
        return serviceName(row.serviceId);
    if (c == "category") {
        const auto* service = catalogue.serviceById(row.serviceId);
        return service ? service->category : std::string();
    }
    if (c == "endpoint") {
        const auto* endpoint = catalogue.rowById(row.endpointId);
        return endpoint ? endpoint->description : std::string();
    }
    if (c == "action")
        return row.action;
    if (c == "outcome")
        return outcomeName(row.outcome);
    if (c == "code")
        return row.reason;
    if (c == "initiator")
        return row.initiatorName.empty() ? row.initiatorId : row.initiatorName;
    if (c == "initiator.id")
        return row.initiatorId;
    if (c == "initiator.name")
        return row.initiatorName;
    if (c == "address")
        return row.address;
    if (c == "agent")
        return row.agent;
    if (c == "target")
        return row.targetId.empty() ? row.targetName : row.targetId;
    if (c == "target.id")
        return row.targetId;
    if (c == "target.name")
        return row.targetName;
    if (c == "source")
        return row.sourceName;
    if (!stored)
        return {};
    const Event& e = stored->event;
    if (c == "severity")
        return e.severity;
    if (c == "type")
        return e.eventType;
    if (c == "initiator.type")
        return e.initiator.typeUri;
    if (c == "credential")
        return e.initiator.credentialType;
    if (c == "target.type")
        return e.target.typeUri;
    if (c == "observer")
        return e.observer.name.empty() ? e.observer.id : e.observer.name;
    if (c == "host")
        return e.syslog.hostname;
    if (c == "app")
        return e.syslog.appName;
    if (c == "id")
        return e.id;
    return {};
}

} // namespace

int statsCommand(const QStringList& args) {
    const QString command = QStringLiteral("stats");
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Counts events grouped by one field."));
    addCommonOptions(parser);
    parser.addOption({QStringLiteral("by"),
                      tr("Field to group by: service, outcome, action, code, initiator, target, "
                         "address or day."),
                      QStringLiteral("FIELD")});
    parser.addOption({QStringLiteral("format"), tr("Output format: table or json."),
                      QStringLiteral("FORMAT"), QStringLiteral("table")});
    parser.addOption({QStringLiteral("limit"), tr("At most N groups (default: all)."),
                      QStringLiteral("N"), QStringLiteral("0")});
    addFilterOption(parser);
    int exitCode = 0;
    if (!parseArguments(parser, command, args, exitCode))
        return exitCode;
    if (!parser.positionalArguments().isEmpty()) {
        printError(command,
                   tr("unexpected argument '%1'").arg(parser.positionalArguments().first()));
        return BadUsage;
    }
    static const std::map<QString, store::GroupField> fields = {
        {QStringLiteral("service"), store::GroupField::Service},
        {QStringLiteral("outcome"), store::GroupField::Outcome},
        {QStringLiteral("action"), store::GroupField::Action},
        {QStringLiteral("code"), store::GroupField::Code},
        {QStringLiteral("initiator"), store::GroupField::Initiator},
        {QStringLiteral("target"), store::GroupField::Target},
        {QStringLiteral("address"), store::GroupField::Address},
        {QStringLiteral("day"), store::GroupField::Day},
    };
    const QString by = parser.value(QStringLiteral("by"));
    if (by.isEmpty()) {
        printError(command, tr("--by FIELD is required (service, outcome, action, code, "
                               "initiator, target, address or day)"));
        return BadUsage;
    }
    const auto field = fields.find(by);
    if (field == fields.end()) {
        printError(command, tr("unknown field '%1' for --by (use service, outcome, action, code, "
                               "initiator, target, address or day)")
                                .arg(by));
        return BadUsage;
    }
    QString format;
    if (!parseFormat(command, parser.value(QStringLiteral("format")),
                     {QStringLiteral("table"), QStringLiteral("json")}, format))
        return BadUsage;
    bool limitOk = false;
    const int limit = parser.value(QStringLiteral("limit")).toInt(&limitOk);
    if (!limitOk || limit < 0) {
        printError(command, tr("--limit needs a number >= 0"));
        return BadUsage;
    }
    store::SqlFilter filter;
    if (!compileFilter(command, parser, filter))
        return BadUsage;

    const auto reader = openReader(command, storePath(parser));
    if (!reader)
        return Fatal;
    std::vector<store::ValueCount> counts = reader->countBy(field->second, filter, limit);
    if (reader->lastError()) {
        printError(command, QString::fromStdString(reader->lastError().message));
        return Fatal;
    }
    if (field->second == store::GroupField::Service) {
        for (store::ValueCount& c : counts) {
            const std::string name = serviceName(int(std::get<std::int64_t>(c.key)));
            c.value = name.empty() ? std::string("Unclassified") : name;
        }
    }
    if (format == QLatin1String("json")) {
        nlohmann::json out = nlohmann::json::array();
        for (const store::ValueCount& c : counts)
            out.push_back({{"value", c.value}, {"count", c.count}});
        writeOut(out.dump() + "\n");
    } else {
        TablePrinter table({by.toStdString(), "count"}, {false, true});
        for (const store::ValueCount& c : counts)
            table.addRow({c.value.empty() ? std::string("(none)") : c.value, groupDigits(c.count)});
        writeOut(table.render());
    }
    return Success;
}

int queryCommand(const QStringList& args) {
    const QString command = QStringLiteral("query");
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Prints events in time order."));
    addCommonOptions(parser);
    parser.addOption({QStringLiteral("limit"), tr("At most N events (default 100; 0 = all)."),
                      QStringLiteral("N"), QStringLiteral("100")});
    parser.addOption({QStringLiteral("format"), tr("Output format: table, csv or jsonl."),
                      QStringLiteral("FORMAT"), QStringLiteral("table")});
    addFilterOption(parser);
    parser.addOption({QStringLiteral("count"), tr("Print only the number of matching events.")});
    parser.addOption(
        {QStringLiteral("columns"),
         tr("Columns for table and csv output, comma-separated filter field names (default "
            "time,service,action,outcome,code,initiator,target,address)."),
         QStringLiteral("LIST")});
    int exitCode = 0;
    if (!parseArguments(parser, command, args, exitCode))
        return exitCode;
    if (!parser.positionalArguments().isEmpty()) {
        printError(command,
                   tr("unexpected argument '%1'").arg(parser.positionalArguments().first()));
        return BadUsage;
    }
    QString format;
    if (!parseFormat(command, parser.value(QStringLiteral("format")),
                     {QStringLiteral("table"), QStringLiteral("csv"), QStringLiteral("jsonl")},
                     format))
        return BadUsage;
    bool limitOk = false;
    const long long limit = parser.value(QStringLiteral("limit")).toLongLong(&limitOk);
    if (!limitOk || limit < 0) {
        printError(command, tr("--limit needs a number >= 0"));
        return BadUsage;
    }
    store::SqlFilter filter;
    if (!compileFilter(command, parser, filter))
        return BadUsage;
    const QString columnList = parser.isSet(QStringLiteral("columns"))
                                   ? parser.value(QStringLiteral("columns"))
                                   : QStringLiteral("time,service,action,outcome,code,initiator,"
                                                    "target,address");
    if (parser.isSet(QStringLiteral("columns")) && format == QLatin1String("jsonl")) {
        printError(command, tr("--columns applies to table and csv output, not jsonl"));
        return BadUsage;
    }
    const auto columns = parseColumns(command, columnList);
    if (!columns)
        return BadUsage;

    const auto reader = openReader(command, storePath(parser));
    if (!reader)
        return Fatal;

    if (parser.isSet(QStringLiteral("count"))) {
        const std::int64_t count = reader->countEvents(filter);
        if (count < 0) {
            printError(command, QString::fromStdString(reader->lastError().message));
            return Fatal;
        }
        writeOut(std::to_string(count) + "\n");
        return Success;
    }

    std::vector<std::string> header;
    std::vector<bool> rightAligned;
    bool needsEvent = false;
    for (const Column& c : *columns) {
        header.push_back(c.name.toStdString());
        rightAligned.push_back(c.rightAligned);
        needsEvent = needsEvent || c.needsEvent;
    }
    TablePrinter table(header, rightAligned);
    CsvWriter csv(header);
    RecordParser parser2;
    parser2.setKeepJson(true);
    std::vector<Event> scratch;

    std::optional<store::Keyset> after;
    long long printed = 0;
    const int pageSize = 1000;
    for (;;) {
        const int want =
            limit == 0 ? pageSize : int(std::min<long long>(pageSize, limit - printed));
        if (want <= 0)
            break;
        const std::vector<store::EventRow> rows =
            reader->page(filter, store::SortColumn::Time, false, after, want);
        if (reader->lastError()) {
            printError(command, QString::fromStdString(reader->lastError().message));
            return Fatal;
        }
        for (const store::EventRow& row : rows) {
            if (format == QLatin1String("jsonl")) {
                // The event as received: re-parse its stored record and take this event's JSON.
                const std::optional<store::StoredEvent> stored = reader->event(row.id);
                if (!stored)
                    continue;
                scratch.clear();
                parser2.parse(stored->record, scratch);
                if (stored->part < int(scratch.size()))
                    writeOut(scratch[std::size_t(stored->part)].json + "\n");
                continue;
            }
            std::optional<store::StoredEvent> stored;
            if (needsEvent)
                stored = reader->event(row.id);
            std::vector<std::string> cells;
            cells.reserve(columns->size());
            for (const Column& c : *columns)
                cells.push_back(cell(c.name, row, stored));
            if (format == QLatin1String("csv"))
                writeOut(csv.row(cells));
            else
                table.addRow(std::move(cells));
        }
        printed += static_cast<long long>(rows.size());
        if (int(rows.size()) < want)
            break;
        after = store::keysetOf(rows.back());
        if (format == QLatin1String("table") && table.rowCount() >= 5000) {
            writeOut(table.render());
            table.clearRows();
        }
    }
    if (format == QLatin1String("table"))
        writeOut(table.render());
    return Success;
}

int rejectsCommand(const QStringList& args) {
    const QString command = QStringLiteral("rejects");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Prints the records that did not become events, with their source, position and "
           "reason."));
    addCommonOptions(parser);
    parser.addOption({QStringLiteral("format"), tr("Output format: table or jsonl."),
                      QStringLiteral("FORMAT"), QStringLiteral("table")});
    parser.addOption({QStringLiteral("limit"), tr("At most N rejects (default 0 = all)."),
                      QStringLiteral("N"), QStringLiteral("0")});
    int exitCode = 0;
    if (!parseArguments(parser, command, args, exitCode))
        return exitCode;
    if (!parser.positionalArguments().isEmpty()) {
        printError(command,
                   tr("unexpected argument '%1'").arg(parser.positionalArguments().first()));
        return BadUsage;
    }
    QString format;
    if (!parseFormat(command, parser.value(QStringLiteral("format")),
                     {QStringLiteral("table"), QStringLiteral("jsonl")}, format))
        return BadUsage;
    bool limitOk = false;
    const long long limit = parser.value(QStringLiteral("limit")).toLongLong(&limitOk);
    if (!limitOk || limit < 0) {
        printError(command, tr("--limit needs a number >= 0"));
        return BadUsage;
    }
    const auto reader = openReader(command, storePath(parser));
    if (!reader)
        return Fatal;

    TablePrinter table({"source", "line", "offset", "reason", "detail", "raw"},
                       {false, true, true, false, false, false});
    std::int64_t afterId = 0;
    long long printed = 0;
    for (;;) {
        const int want = limit == 0 ? 1000 : int(std::min<long long>(1000, limit - printed));
        if (want <= 0)
            break;
        const std::vector<store::RejectRow> rows = reader->rejects(want, afterId);
        for (const store::RejectRow& r : rows) {
            if (format == QLatin1String("jsonl")) {
                const nlohmann::json j = {
                    {"source", r.sourceName},
                    {"line", r.lineNo},
                    {"offset", r.byteOffset},
                    {"reason", rejectReasonKey(r.reason)},
                    {"detail", r.detail},
                    {"raw_size", r.rawSize},
                    // Raw bytes may not be UTF-8: replace what is not, rather than fail.
                    {"raw",
                     QString::fromUtf8(r.raw.data(), qsizetype(r.raw.size())).toStdString()}};
                writeOut(j.dump() + "\n");
            } else {
                std::string preview =
                    QString::fromUtf8(r.raw.data(),
                                      qsizetype(std::min<std::size_t>(r.raw.size(), 60)))
                        .toStdString();
                for (char& c : preview) {
                    if (static_cast<unsigned char>(c) < 0x20)
                        c = ' ';
                }
                table.addRow({r.sourceName, std::to_string(r.lineNo), std::to_string(r.byteOffset),
                              rejectReasonKey(r.reason), r.detail, preview});
            }
            afterId = r.id;
        }
        printed += static_cast<long long>(rows.size());
        if (int(rows.size()) < want)
            break;
    }
    if (format == QLatin1String("table"))
        writeOut(table.render());
    return Success;
}

} // namespace cadf::cli
