#pragma once

#include <QStringList>

// `cadfscope inventory` (the catalogue, or its coverage in a store) and `cadfscope reclassify`.
namespace cadf::cli {

int inventoryCommand(const QStringList& args);
int reclassifyCommand(const QStringList& args);

} // namespace cadf::cli
