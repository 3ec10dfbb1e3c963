#pragma once

#include <array>
#include <cstdint>
#include <string_view>

// The five action groups of the dashboards' action split. CADF actions ("read/list",
// "update/modify") and HTTP verbs (GET, POST, PUT, PATCH, DELETE) land in the same groups, in any
// case; everything else (authenticate, restore, ...) is Other.
namespace cadf::dashboard {

enum class ActionKind : std::uint8_t { Create = 0, Read = 1, Update = 2, Delete = 3, Other = 4 };
inline constexpr int kActionKinds = 5;
using ActionCounts = std::array<std::int64_t, kActionKinds>; // indexed by ActionKind

ActionKind actionKindOf(std::string_view action);
// "create", "read", "update", "delete", "other": a key the UI translates.
const char* actionKindKey(ActionKind kind);

} // namespace cadf::dashboard
