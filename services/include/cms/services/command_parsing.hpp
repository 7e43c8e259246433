#pragma once
/// One parser per command: JSON (from HTTP, the journal or a scenario file) to core records.
/// Each throws field_error naming the first bad field; none touches the database.
#include <nlohmann/json.hpp>

#include "cms/core/case_records.hpp"
#include "cms/core/case_rules.hpp"

namespace cms::services {

core::new_parent parse_register_parent(const nlohmann::json& body, const core::case_limits& limits);
core::new_case parse_open_case(const nlohmann::json& body, const core::case_limits& limits);
/// `for_case` comes from the URL path, not the body.
core::new_payment parse_record_payment(const nlohmann::json& body, core::case_id for_case,
                                       const core::case_limits& limits);

}  // namespace cms::services
