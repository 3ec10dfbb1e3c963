#pragma once

#include <QStringList>

class QCoreApplication;

// The headless subcommands: `cadfscope import|stats|query|rejects ...`.
namespace cadf::cli {

// True when args[1] names a subcommand (so main() starts without a GUI).
bool isSubcommand(const QStringList& args);

// True for the subcommands that draw with widgets (dashboard): main() makes a QApplication,
// on the offscreen platform unless QT_QPA_PLATFORM says otherwise.
bool needsWidgets(const QStringList& args);

// Runs the subcommand in args[1]; returns the process exit code. Never throws.
int run(const QStringList& args);

// What `cadfscope [--db PATH] [FILE...]` asks of the GUI.
struct GuiRequest {
    QString storePath;
    QStringList files; // to import once the window is up
};

// Reads the GUI's arguments without needing a display. Returns false when the process should
// exit instead (after --help or --version, or a usage error already printed); exitCode says how.
bool parseGuiArguments(const QStringList& args, GuiRequest& request, int& exitCode);

} // namespace cadf::cli
