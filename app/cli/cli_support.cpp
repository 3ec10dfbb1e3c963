#include "app/cli/cli_support.h"

#include "models/filter/filter.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <algorithm>

#include <unistd.h>

namespace cadf::cli {

QString defaultStorePath() {
    // XDG: $XDG_DATA_HOME/cadfscope/default.cadfscope, i.e. ~/.local/share/cadfscope/...
    // (AppDataLocation would add the organisation name as a second folder.)
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return dir + QStringLiteral("/cadfscope/default.cadfscope");
}

void addCommonOptions(QCommandLineParser& parser) {
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOption({QStringLiteral("db"),
                      QCoreApplication::translate("cli", "The store file (default: %1).")
                          .arg(defaultStorePath()),
                      QStringLiteral("PATH")});
    parser.addHelpOption();
}

QString storePath(const QCommandLineParser& parser) {
    if (parser.isSet(QStringLiteral("db")))
        return parser.value(QStringLiteral("db"));
    const QString path = defaultStorePath();
    QDir().mkpath(QFileInfo(path).absolutePath());
    return path;
}

bool parseArguments(QCommandLineParser& parser, const QString& command, const QStringList& args,
                    int& exitCode) {
    if (!parser.parse(args)) {
        printError(command, parser.errorText());
        const QString program = command.isEmpty() ? QStringLiteral("cadfscope")
                                                  : QStringLiteral("cadfscope ") + command;
        std::fprintf(
            stderr, "%s\n",
            qPrintable(QCoreApplication::translate("cli", "Try '%1 --help'.").arg(program)));
        exitCode = 2;
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        writeOut(parser.helpText());
        exitCode = 0;
        return false;
    }
    return true;
}

void printError(const QString& command, const QString& message) {
    const QString prefix =
        command.isEmpty() ? QStringLiteral("cadfscope") : QStringLiteral("cadfscope ") + command;
    const QByteArray line = QStringLiteral("%1: %2\n").arg(prefix, message).toUtf8();
    std::fwrite(line.constData(), 1, static_cast<std::size_t>(line.size()), stderr);
}

void writeOut(const std::string& text) {
    std::fwrite(text.data(), 1, text.size(), stdout);
}

void writeOut(const QString& text) {
    writeOut(text.toStdString());
}

bool stderrIsTerminal() {
    return ::isatty(STDERR_FILENO) == 1;
}

std::string groupDigits(long long value) {
    std::string digits = std::to_string(value < 0 ? -value : value);
    std::string out;
    const int n = static_cast<int>(digits.size());
    for (int i = 0; i < n; ++i) {
        out.push_back(digits[static_cast<std::size_t>(i)]);
        const int left = n - 1 - i;
        if (left > 0 && left % 3 == 0)
            out.push_back(',');
    }
    return value < 0 ? "-" + out : out;
}

// Compiles --filter; on an error prints it with the expression and a caret under the position,
// and returns false (exit code 2). Times without a zone are UTC on the command line.
bool compileFilterText(const QString& command, const QString& text, store::SqlFilter& out) {
    const filter::CompiledFilter compiled = filter::compile(text, filter::CompileOptions{});
    if (compiled.ok) {
        out = compiled.sql;
        return true;
    }
    const filter::FilterError& e = compiled.error;
    printError(command, QCoreApplication::translate("cli", "invalid filter: %1 (at column %2)")
                            .arg(e.message)
                            .arg(e.position + 1));
    // The expression and a caret line under the part in error, indented alike.
    QString flat = text;
    for (QChar& c : flat) {
        if (c.isSpace())
            c = u' ';
    }
    const QString caret = QString(e.position, u' ') + QString(std::max(1, e.length), u'^');
    const QByteArray lines =
        (QStringLiteral("  ") + flat + QStringLiteral("\n  ") + caret + QStringLiteral("\n"))
            .toUtf8();
    std::fwrite(lines.constData(), 1, std::size_t(lines.size()), stderr);
    return false;
}

} // namespace cadf::cli
