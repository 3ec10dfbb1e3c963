#include "app/cli/cli.h"

#include "app/cli/cli_support.h"
#include "app/cli/commands.h"

#include <QCoreApplication>

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
    };
    return table;
}

} // namespace

bool isSubcommand(const QStringList& args) {
    return args.size() >= 2 && commands().count(args.at(1)) > 0;
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

} // namespace cadf::cli
