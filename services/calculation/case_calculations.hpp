#pragma once
/// A case's statutory calculation between its commands and core: the input a case's opening is
/// calculated from, and core's rejections named as the case's commands name their fields.
/// (How calculations are stored and shown: services/wire/stored_calculation.hpp.)
#include <string_view>

#include "core/calculation/calculation.hpp"
#include "core/common/rejection.hpp"
#include "services/commands/commands.hpp"

namespace cms::services {

core::calculation_input opening_calculation_input(const open_case_command& command, core::civil_date effective_from);

/// A core rejection of a case's calculation with its field named as the case's commands name
/// it: "paying_parent.X" becomes `circumstances_prefix` + X, "qualifying_children[i].X" becomes
/// "children[i].X".
core::rejection case_calculation_rejection(const core::calculation_rejection& rejection,
                                           std::string_view circumstances_prefix);

}  // namespace cms::services
