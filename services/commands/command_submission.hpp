#pragma once
// Internal to services/: how every command is applied under the journal's idempotency rule,
// whichever service owns it (cases, users).
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/common/civil_date.hpp"
#include "core/common/ids.hpp"
#include "persistence/writer.hpp"
#include "services/cases/case_service.hpp"

namespace cms::services {

/// Writes the rows of an accepted command and returns its outcome, or throws
/// detail::refused_command to refuse it (the savepoint rolls back; nothing is journaled).
using command_apply = std::function<command_outcome(persistence::unit_of_work&, core::command_id)>;

/// In the writer: a key seen before answers the recorded outcome (or 409 naming the field that
/// differs); a new key journals the command, applies it and records its outcome, all in one
/// savepoint. `done` gets the outcome exactly once; 503 when the writer's queue is full.
void submit_command(persistence::writer& writer, core::civil_date business_date, const std::string& command_type,
                    nlohmann::json canonical_request, const command_context& context, command_apply apply,
                    outcome_callback done);

}  // namespace cms::services
