#pragma once
/// Enforcement on the wire: the command bodies read strictly (unknown fields refused,
/// each problem naming its field), and an action with its events as JSON.
#include <nlohmann/json.hpp>

#include <string>

#include "services/commands/commands.hpp"
#include "persistence/enforcement_repository.hpp"

namespace cms::services {

/// {"step", "employer"?: {"name", "net_earnings_pence", "pay_frequency"}, "bank_account"?:
/// {"reference", "frequency"?}, "deduction_inappropriate"?, "note"?}
apply_enforcement_command parse_apply_enforcement(const nlohmann::json& body, core::case_id for_case);
/// {"event", "on"?, "court_finding"?, "until"?, "note"?}
enforcement_event_command parse_enforcement_event(const nlohmann::json& body, core::case_id for_case,
                                                  std::int64_t action_id);

/// {"note"?}
warning_notice_command parse_warning_notice(const nlohmann::json& body, core::case_id for_case);
/// {"to", "reason", "effective_date"}
switch_service_command parse_switch_service(const nlohmann::json& body, core::case_id for_case);

/// {"on"?, "net_earnings_pence"? | "account_balance_pence"?, "reference"?}
deduction_command parse_deduction(const nlohmann::json& body, core::case_id for_case, std::int64_t action_id);
/// {"kind", "amount_pence"?, "imposed_on"?, "action_id"?, "note"?}
penalty_command parse_penalty(const nlohmann::json& body, core::case_id for_case);
/// {"net_income_per_period_pence", "arrears_instalment_pence"?, "note"?}
arrears_agreement_command parse_arrears_agreement(const nlohmann::json& body, core::case_id for_case);

std::string case_notice_answer(const persistence::case_notice_row& notice);
std::string service_switch_answer(core::case_id for_case, core::service_type to, core::service_switch_reason reason,
                                  core::civil_date effective_date);

nlohmann::json enforcement_deduction_json(const persistence::enforcement_deduction_row& row);
std::string enforcement_deduction_answer(const persistence::enforcement_action_row& action,
                                         const persistence::enforcement_deduction_row& row);
nlohmann::json penalty_json(const persistence::penalty_row& row);
std::string penalty_answer(const persistence::penalty_row& row);
nlohmann::json arrears_agreement_json(const persistence::arrears_agreement_row& row);
/// The agreement made, with the figures its instalment was chosen from.
std::string arrears_agreement_answer(const persistence::arrears_agreement_row& row,
                                     const core::arrears_agreement_terms& terms);
nlohmann::json enforcement_action_json(const persistence::enforcement_action_history& view);
std::string enforcement_action_answer(const persistence::enforcement_action_history& view);
nlohmann::json enforcement_action_list_json(const persistence::enforcement_action_list& list);

}  // namespace cms::services
