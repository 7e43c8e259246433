#pragma once
/// One parser per command: JSON (from HTTP, the journal or a scenario file) to core records.
/// Each throws field_error naming the first bad field; none touches the database.
#include <nlohmann/json.hpp>

#include <vector>

#include "core/calculation/calculation.hpp"
#include "core/cases/case_records.hpp"
#include "core/cases/case_rules.hpp"
#include "core/arrears/write_off.hpp"

namespace cms::services {

core::new_parent parse_register_parent(const nlohmann::json& body, const core::case_limits& limits);
/// Opening a case: the case, and what the statutory calculation needs to set its weekly amount.
struct open_case_command {
    core::new_case opened;   ///< weekly_amount is left nil: the calculation sets it
    core::paying_parent_circumstances circumstances;
    std::vector<int> shared_care_nights;   ///< per child, in the order of opened.children
};
open_case_command parse_open_case_command(const nlohmann::json& body, const core::case_limits& limits);
/// The case part of parse_open_case_command.
core::new_case parse_open_case(const nlohmann::json& body, const core::case_limits& limits);
/// `for_case` comes from the URL path, not the body.
core::new_payment parse_record_payment(const nlohmann::json& body, core::case_id for_case,
                                       const core::case_limits& limits);

/// A write-off or part-payment request (`kind` comes from the URL path). A part payment's
/// `consent_reference` (where the receiving parent's written consent is filed) is returned in
/// `consent_reference`; a request without one is refused by core as lacking consent.
struct arrears_request_command {
    core::arrears_request request;
    std::string consent_reference;
};
arrears_request_command parse_arrears_request(const nlohmann::json& body, core::approval_kind kind);
/// The note a supervisor gives with an approval or rejection (required: the audit reads it).
std::string parse_decision_note(const nlohmann::json& body);

}  // namespace cms::services
