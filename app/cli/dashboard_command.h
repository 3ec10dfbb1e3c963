#pragma once

#include <QStringList>

// `cadfscope dashboard`: the Overview or a service's dashboard rendered offscreen to a file.
namespace cadf::cli {

// Runs with a QApplication (widgets paint the file); main() makes one for this command only.
int dashboardCommand(const QStringList& args);

} // namespace cadf::cli
