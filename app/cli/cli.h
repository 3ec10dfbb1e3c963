#pragma once

#include <QStringList>

class QCoreApplication;

// The headless subcommands: `cadfscope import|stats|query|rejects ...`.
namespace cadf::cli {

// True when args[1] names a subcommand (so main() starts without a GUI).
bool isSubcommand(const QStringList& args);

// Runs the subcommand in args[1]; returns the process exit code. Never throws.
int run(const QStringList& args);

} // namespace cadf::cli
