#pragma once

#include <QStringList>

// One function per subcommand; args are the whole argument list from "cadfscope <cmd>" on.
namespace cadf::cli {

int importCommand(const QStringList& args);
int statsCommand(const QStringList& args);
int queryCommand(const QStringList& args);
int rejectsCommand(const QStringList& args);
int listenCommand(const QStringList& args);

} // namespace cadf::cli
