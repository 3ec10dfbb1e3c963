#pragma once

#include <QString>
#include <QStringList>

class QApplication;

// Shows the main window over the store at dbPath, imports `files` (if any) and runs the event
// loop. Returns the application's exit code.
int runGui(QApplication& app, const QString& dbPath, const QStringList& files);
