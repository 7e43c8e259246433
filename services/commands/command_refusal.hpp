#pragma once
// Internal to services/: how writer work refuses a command. Every service whose commands run
// under submit_command (command_submission.hpp) refuses this way.
#include "core/common/rejection.hpp"
#include "services/commands/command_outcome.hpp"

namespace cms::services::detail {

/// Thrown inside writer work to refuse a command: the savepoint rolls back whatever was
/// written, so a refusal leaves no journal entry and no rows.
struct refused_command {
    refusal why;
};

[[noreturn]] inline void refuse(const core::rejection& why) { throw refused_command{refusal_from(why)}; }
[[noreturn]] inline void refuse(refusal why) { throw refused_command{std::move(why)}; }

/// A query's answer when the record it names does not exist (404 naming `field`).
inline refusal no_such(const char* field, const char* detail) { return refusal{refusal_kind::not_found, detail, field}; }

}  // namespace cms::services::detail
