#pragma once
// Internal to services/: how writer work refuses a command. Shared by case_service.cpp and
// calculation_service.cpp, whose commands run under the same case_service::submit.
#include "core/common/rejection.hpp"
#include "services/commands/command_outcome.hpp"

namespace cms::services::detail {

/// Thrown inside writer work to refuse a command: the savepoint rolls back whatever was
/// written, so a refusal leaves no journal entry and no rows.
struct refused_command {
    command_outcome outcome;
};

[[noreturn]] inline void refuse(const core::rejection& why) { throw refused_command{problem_from_rejection(why)}; }

}  // namespace cms::services::detail
