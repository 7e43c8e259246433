#pragma once
/// Loads the enforcement ladder (schemas/policy/enforcement_ladder.json) and the missed-payment
/// policy (missed_payments.json) into core's rows,
/// validating every field; errors are policy_load_error "<file>: row <n>: <field>: <problem>".
#include <filesystem>
#include <optional>
#include <string_view>

#include <vector>

#include "core/enforcement/court_outcomes.hpp"
#include "core/enforcement/escalation.hpp"
#include "core/enforcement/ladder.hpp"
#include "core/enforcement/penalties.hpp"

namespace cms::services {

core::enforcement_ladder parse_enforcement_ladder(std::string_view json_text, std::string_view file_name);

/// From `policy_dir`/enforcement_ladder.json (missing is an error) when a directory is given,
/// else the compiled-in table.
core::enforcement_ladder load_enforcement_ladder(const std::optional<std::filesystem::path>& policy_dir);

std::vector<core::missed_payment_policy> parse_missed_payment_policy(std::string_view json_text, std::string_view file_name);
/// From `policy_dir`/missed_payments.json (missing is an error) when a directory is given, else
/// the compiled-in table.
std::vector<core::missed_payment_policy> load_missed_payment_policy(const std::optional<std::filesystem::path>& policy_dir);

std::vector<core::penalty_rule> parse_penalty_rules(std::string_view json_text, std::string_view file_name);
/// From `policy_dir`/penalties.json (missing is an error) when a directory is given, else the
/// compiled-in table.
std::vector<core::penalty_rule> load_penalty_rules(const std::optional<std::filesystem::path>& policy_dir);

std::vector<core::court_outcome_row> parse_court_outcomes(std::string_view json_text, std::string_view file_name);
/// From `policy_dir`/court_outcomes.json (missing is an error) when a directory is given, else the
/// compiled-in table. Simulation only: the shares a simulated court grants with.
std::vector<core::court_outcome_row> load_court_outcomes(const std::optional<std::filesystem::path>& policy_dir);

}  // namespace cms::services
