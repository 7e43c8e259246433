#pragma once
/// One parser per command: JSON (from HTTP, a scenario file or the demo loader) to the typed
/// command of services/commands/commands.hpp, with the request as the journal records it. Each
/// throws field_error naming the first bad field; none touches the database. Ids that come from
/// a URL's path are arguments, and are written into the journal's request, so the same key for
/// another case is a different command.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>
#include <variant>

#include "core/arrears/write_off.hpp"
#include "core/cases/case_records.hpp"
#include "core/cases/case_rules.hpp"
#include "services/commands/commands.hpp"

namespace cms::services {

/// The journal's form of a request: the body as sent with the ids its URL names.
std::string request_with(nlohmann::json body, std::initializer_list<std::pair<const char*, nlohmann::json>> path_values);

register_parent_command parse_register_parent(const nlohmann::json& body, const core::case_limits& limits);
open_case_command parse_open_case_command(const nlohmann::json& body, const core::case_limits& limits);
/// The case part of parse_open_case_command.
core::new_case parse_open_case(const nlohmann::json& body, const core::case_limits& limits);
record_payment_command parse_record_payment(const nlohmann::json& body, core::case_id for_case,
                                            const core::case_limits& limits);
/// The same body as a case payment, for a paying parent's payment split between their cases.
record_parent_payment_command parse_record_parent_payment(const nlohmann::json& body, core::parent_id paying,
                                                          const core::case_limits& limits);
/// A write-off or part-payment request (`kind` comes from the URL path).
arrears_request_command parse_arrears_request(const nlohmann::json& body, core::case_id for_case,
                                              core::approval_kind kind);
/// The note a supervisor gives with an approval or rejection (required: the audit reads it).
std::string parse_decision_note(const nlohmann::json& body);
arrears_decision_command parse_arrears_decision(const nlohmann::json& body, std::int64_t request_id, bool approve);
/// POST /v1/cases/{id}/closure: `reason` and `effective_date`.
close_case_command parse_close_case(const nlohmann::json& body, core::case_id for_case);
/// POST /v1/payments/{id}/reversal: `reason` and a `note` saying what happened.
reverse_payment_command parse_reverse_payment(const nlohmann::json& body, core::payment_id payment);
add_user_command parse_add_user(const nlohmann::json& body);
revoke_user_command parse_revoke_user(const nlohmann::json& body, std::int64_t user_id);
/// {"kind": "accrue", "through": "YYYY-MM-DD"}, the accrual started in the background and journaled
/// in that form; or a job run in place: "in_place": true (implied, and required, for every kind
/// other than accrue), "through" (not for scheduled_tick) and "seed" (court_outcomes only).
std::variant<start_accrual_command, job_in_place_command> parse_start_job(const nlohmann::json& body);
/// {"business_date": "YYYY-MM-DD"}
set_business_date_command parse_set_business_date(const nlohmann::json& body);

}  // namespace cms::services
