#pragma once
// Internal to services/: how every command is applied under the journal's idempotency rule,
// whichever service owns it (cases, calculation, arrears, users, clock, jobs).
#include <functional>
#include <optional>
#include <string>

#include "core/common/civil_date.hpp"
#include "core/common/ids.hpp"
#include "persistence/journal_repository.hpp"
#include "persistence/writer.hpp"
#include "services/commands/commands.hpp"

namespace cms::services {

/// Writes the rows of an accepted command and returns its answer, or throws
/// detail::refused_command to refuse it (the savepoint rolls back; nothing is journaled).
using command_apply = std::function<answer(persistence::unit_of_work&, core::command_id)>;

/// The answer to a key already in the journal, or nothing for a new key. A key is its user's
/// own: the same user repeating it gets the recorded answer (or key_reused naming the field
/// that differs); another user gets key_reused and never that user's result.
std::optional<command_outcome> answer_for_recorded_key(persistence::journal_queries& journal,
                                                       const std::string& command_type,
                                                       const std::string& request_json,
                                                       const command_context& context);

/// In the caller's unit of work, for a key answer_for_recorded_key found new: journals the
/// command, applies it, checks the ledger of every case it posted to (throwing
/// ledger_invariant_violation, so the caller's transaction rolls it all back) and records its
/// answer (for a command whose rows are written by another component's transaction, e.g. a
/// job's row).
answer apply_journaled(persistence::unit_of_work& unit, core::civil_date business_date, const std::string& command_type,
                       const std::string& request_json, const command_context& context, const command_apply& apply);

/// In the writer: answer_for_recorded_key, else apply_journaled, all in one savepoint. `done`
/// gets the outcome exactly once; overloaded when the writer's queue is full.
void submit_command(persistence::writer& writer, core::civil_date business_date, const std::string& command_type,
                    std::string request_json, const command_context& context, command_apply apply,
                    outcome_callback done);

}  // namespace cms::services
