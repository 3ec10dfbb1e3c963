#pragma once

#include "models/store/store_types.h"

#include <QCommandLineParser>
#include <QString>

#include <cstdio>
#include <string>

// Helpers every subcommand shares: the --db option, one-line errors, output streams.
namespace cadf::cli {

// Exit codes shared by every subcommand.
enum ExitCode : int { Success = 0, Fatal = 1, BadUsage = 2 };

QString defaultStorePath();

// Adds --db PATH and --help to a subcommand's parser.
void addCommonOptions(QCommandLineParser& parser);

// The store path from --db, or the default. Makes the default folder when needed.
QString storePath(const QCommandLineParser& parser);

// Parses args; on a usage error prints "cadfscope <cmd>: <message>" and the hint to stderr and
// returns false. `exitCode` is set to 0 when --help was printed, 2 on a usage error.
bool parseArguments(QCommandLineParser& parser, const QString& command, const QStringList& args,
                    int& exitCode);

void printError(const QString& command, const QString& message);
void writeOut(const std::string& text);
void writeOut(const QString& text);
bool stderrIsTerminal();

// "1234567" -> "1,234,567" for human summaries (stable, locale-independent for scripts' sake).
std::string groupDigits(long long value);

// Compiles a --filter text (times without a zone in UTC). On an error prints it with the
// expression and a caret under the position, and returns false (the caller exits with 2).
bool compileFilterText(const QString& command, const QString& text, store::SqlFilter& out);

} // namespace cadf::cli
