// cadfscope import [--db PATH] [--json] FILE...
#include "app/cli/commands.h"

#include "app/cli/cli_support.h"
#include "models/cadf/reject.h"
#include "models/ingest/file_importer.h"
#include "models/ingest/import_classifier.h"
#include "models/store/store_writer.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <nlohmann/json.hpp>

#include <atomic>
#include <csignal>
#include <cstdio>

namespace cadf::cli {

namespace {

std::atomic_bool g_interrupted{false};

extern "C" void onInterrupt(int) {
    g_interrupted.store(true);
}

QString tr(const char* text) {
    return QCoreApplication::translate("cli", text);
}

void printProgress(const ingest::ImportProgress& p) {
    const double fraction = p.bytesTotal > 0 ? double(p.bytesDone) / double(p.bytesTotal) : 0.0;
    const double rate = p.seconds > 0 ? double(p.events) / p.seconds : 0.0;
    const QString line = tr("\r[%1/%2] %3  %4%  %5 events  %6 rejected  %7 events/s   ")
                             .arg(p.fileIndex + 1)
                             .arg(p.fileCount)
                             .arg(QFileInfo(QString::fromStdString(p.path)).fileName())
                             .arg(int(fraction * 100))
                             .arg(QString::fromStdString(groupDigits(p.events)))
                             .arg(QString::fromStdString(groupDigits(p.rejected)))
                             .arg(QString::fromStdString(groupDigits((long long)rate)));
    std::fputs(line.toUtf8().constData(), stderr);
    std::fflush(stderr);
}

nlohmann::json reasonsJson(const std::map<std::string, std::int64_t>& reasons) {
    nlohmann::json obj = nlohmann::json::object();
    for (const auto& [key, count] : reasons)
        obj[key] = count;
    return obj;
}

std::string reasonsText(const std::map<std::string, std::int64_t>& reasons) {
    std::string text;
    for (const auto& [key, count] : reasons)
        text += (text.empty() ? "" : ", ") + key + " " + groupDigits(count);
    return text;
}

} // namespace

int importCommand(const QStringList& args) {
    const QString command = QStringLiteral("import");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Imports CADF audit log files (syslog, JSON lines, JSON documents, .gz) into the "
           "store. Every line becomes an event, a duplicate or a reject."));
    addCommonOptions(parser);
    parser.addOption({QStringLiteral("json"), tr("Print one JSON summary object on stdout.")});
    parser.addPositionalArgument(QStringLiteral("FILE"), tr("Log files to import."),
                                 QStringLiteral("FILE..."));
    int exitCode = 0;
    if (!parseArguments(parser, command, args, exitCode))
        return exitCode;
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        printError(command, tr("no file given. Try 'cadfscope import --help'."));
        return BadUsage;
    }
    const bool asJson = parser.isSet(QStringLiteral("json"));
    const QString dbPath = storePath(parser);

    store::StoreError error;
    std::unique_ptr<store::StoreWriter> writer =
        store::StoreWriter::open(dbPath.toStdString(), &error);
    if (!writer) {
        printError(
            command,
            tr("cannot open the store %1: %2").arg(dbPath, QString::fromStdString(error.message)));
        return Fatal;
    }

    ingest::FileImporter importer(*writer);
    importer.setClassifier(ingest::makeImportClassifier());
    const bool showProgress = stderrIsTerminal();
    if (showProgress)
        importer.setProgressCallback(printProgress, 200);

    std::vector<std::string> paths;
    for (const QString& f : files)
        paths.push_back(f.toStdString());

    g_interrupted.store(false);
    struct sigaction action = {};
    action.sa_handler = onInterrupt;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    const std::vector<ingest::FileImportResult> results =
        importer.importFiles(paths, g_interrupted);
    if (showProgress)
        std::fputs("\n", stderr);

    ingest::FileImportResult total;
    bool anyError = false;
    nlohmann::json sources = nlohmann::json::array();
    std::string text;
    for (const ingest::FileImportResult& r : results) {
        total.records += r.records;
        total.physicalLines += r.physicalLines;
        total.events += r.events;
        total.duplicates += r.duplicates;
        total.rejected += r.rejected;
        total.seconds += r.seconds;
        for (const auto& [key, count] : r.rejectsByReason)
            total.rejectsByReason[key] += count;
        const char* status = !r.error.empty() ? "failed" : r.cancelled ? "cancelled" : "done";
        if (!r.error.empty()) {
            anyError = true;
            printError(command, QString::fromStdString(r.path + ": " + r.error));
        } else if (!r.warning.empty()) {
            printError(command, QString::fromStdString(r.path + ": " + r.warning));
        }
        sources.push_back({{"path", r.path},
                           {"status", status},
                           {"error", r.error},
                           {"warning", r.warning},
                           {"size", r.size},
                           {"sha1", r.digest},
                           {"shape", ingest::inputShapeName(r.shape)},
                           {"compressed", r.compressed},
                           {"lines", r.records},
                           {"physical_lines", r.physicalLines},
                           {"events", r.events},
                           {"duplicates", r.duplicates},
                           {"rejected", r.rejected},
                           {"rejects_by_reason", reasonsJson(r.rejectsByReason)},
                           {"seconds", r.seconds}});
        if (r.error.empty()) {
            text += r.path + ": " + groupDigits(r.records) + " lines, " + groupDigits(r.events) +
                    " events, " + groupDigits(r.duplicates) + " duplicates, " +
                    groupDigits(r.rejected) + " rejected";
            if (!r.rejectsByReason.empty())
                text += " (" + reasonsText(r.rejectsByReason) + ")";
            if (r.cancelled)
                text += " [cancelled]";
            text += "\n";
        }
    }
    const bool interrupted = g_interrupted.load();
    if (asJson) {
        const nlohmann::json summary = {
            {"store", dbPath.toStdString()},
            {"files", results.size()},
            {"lines", total.records},
            {"physical_lines", total.physicalLines},
            {"events", total.events},
            {"duplicates", total.duplicates},
            {"rejected", total.rejected},
            {"rejects_by_reason", reasonsJson(total.rejectsByReason)},
            {"seconds", total.seconds},
            {"events_per_second",
             total.seconds > 0 ? double(total.events + total.duplicates) / total.seconds : 0.0},
            {"cancelled", interrupted},
            {"sources", sources}};
        writeOut(summary.dump() + "\n");
    } else {
        text += "Total: " + groupDigits(total.records) + " lines, " + groupDigits(total.events) +
                " events imported, " + groupDigits(total.duplicates) + " duplicates skipped, " +
                groupDigits(total.rejected) + " rejected in " +
                QString::number(total.seconds, 'f', 2).toStdString() + " s into " +
                dbPath.toStdString() + "\n";
        writeOut(text);
    }
    if (interrupted) {
        printError(command, tr("interrupted: what was read before is kept in the store"));
        return Fatal;
    }
    return anyError ? Fatal : Success;
}

} // namespace cadf::cli
