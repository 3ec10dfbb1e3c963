#include "models/dashboard/action_kind.h"

#include "models/inventory/classifier.h"

namespace cadf::dashboard {

ActionKind actionKindOf(std::string_view action) {
    // The classifier already knows the verbs (read/get/head/list, create/post, update/put/patch,
    // delete), case-insensitively and with CADF's "/list" suffixes: one vocabulary for both.
    using Bit = inventory::Classifier::ActionBit;
    const std::uint8_t bits = inventory::Classifier::actionBits(action);
    if (bits & Bit::Create)
        return ActionKind::Create;
    if (bits & Bit::Read)
        return ActionKind::Read;
    if (bits & Bit::Update)
        return ActionKind::Update;
    if (bits & Bit::Delete)
        return ActionKind::Delete;
    return ActionKind::Other;
}

const char* actionKindKey(ActionKind kind) {
    switch (kind) {
    case ActionKind::Create:
        return "create";
    case ActionKind::Read:
        return "read";
    case ActionKind::Update:
        return "update";
    case ActionKind::Delete:
        return "delete";
    case ActionKind::Other:
        break;
    }
    return "other";
}

} // namespace cadf::dashboard
