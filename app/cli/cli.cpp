#include "app/cli/cli.h"

#include "app/cli/cli_support.h"
#include "app/cli/commands.h"
#include "app/cli/dashboard_command.h"
#include "app/cli/inventory_command.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <exception>
#include <functional>
#include <map>

namespace cadf::cli {

namespace {

using Command = std::function<int(const QStringList&)>;

const std::map<QString, Command>& commands() {
    static const std::map<QString, Command> table = {
        {QStringLiteral("import"), importCommand},
        {QStringLiteral("stats"), statsCommand},
        {QStringLiteral("query"), queryCommand},
        {QStringLiteral("rejects"), rejectsCommand},
        {QStringLiteral("listen"), listenCommand},
        {QStringLiteral("inventory"), inventoryCommand},
        {QStringLiteral("reclassify"), reclassifyCommand},
        {QStringLiteral("dashboard"), dashboardCommand},
    };
    return table;
}

} // namespace

bool isSubcommand(const QStringList& args) {
    return args.size() >= 2 && commands().count(args.at(1)) > 0;
}

bool needsWidgets(const QStringList& args) {
    return args.size() >= 2 && args.at(1) == QLatin1String("dashboard");
}

int run(const QStringList& args) {
    const QString name = args.value(1);
    const auto it = commands().find(name);
    if (it == commands().end()) {
        printError(name, QCoreApplication::translate("cli", "unknown command"));
        return BadUsage;
    }
    // cadfscope <cmd> ARGS -> the parser sees "cadfscope <cmd>" as its program name.
    QStringList sub = args.mid(1);
    sub[0] = args.at(0) + QLatin1Char(' ') + name;
    try {
        return it->second(sub);
    } catch (const std::exception& e) {
        // Nothing below should throw; if something does, a message beats a stack trace.
        printError(name, QString::fromUtf8(e.what()));
        return Fatal;
    }
}

bool parseGuiArguments(const QStringList& args, GuiRequest& request, int& exitCode) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "cli", "Reads CADF audit events from log files and syslog into a local store.\n\n"
               "Commands (cadfscope COMMAND --help for their options):\n"
               "  import   read log files into the store\n"
               "  stats    count events by a field\n"
               "  query    print matching events\n"
               "  rejects  list records that did not become events\n"
               "  listen   receive syslog over UDP, TCP and TLS into the store\n"
               "  inventory   the QRadar Suite audit inventory and its coverage\n"
               "  reclassify  classify the store's events again\n"
               "  dashboard   draw the Overview or a service's dashboard to PNG, SVG or PDF\n\n"
               "Without a command, the window opens on the store."));
    addCommonOptions(parser);
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("files"),
        QCoreApplication::translate("cli", "Log files to import when the window opens."),
        QStringLiteral("[FILE...]"));
    if (!parseArguments(parser, QString(), args, exitCode))
        return false;
    if (parser.isSet(QStringLiteral("version"))) {
        writeOut(QStringLiteral("cadfscope %1\n").arg(QCoreApplication::applicationVersion()));
        exitCode = Success;
        return false;
    }
    for (const QString& file : parser.positionalArguments()) {
        const QFileInfo info(file);
        if (!info.exists()) {
            // Most likely a mistyped command: say both.
            printError(QString(),
                       QCoreApplication::translate(
                           "cli", "'%1' is neither a command nor an existing file "
                                  "(commands: import, stats, query, rejects, listen, inventory, "
                                  "reclassify, dashboard)")
                           .arg(file));
            exitCode = BadUsage;
            return false;
        }
        request.files << info.absoluteFilePath();
    }
    request.storePath = storePath(parser);
    exitCode = Success;
    return true;
}

} // namespace cadf::cli
