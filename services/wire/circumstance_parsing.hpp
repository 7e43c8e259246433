#pragma once
/// Parsers of the two change-of-circumstances commands of a case (income, shared care). Like
/// command_parsing.hpp: JSON to the typed command, the first bad field thrown as field_error, no
/// database; whether a change supersedes is decided later, in core.
#include <nlohmann/json.hpp>

#include <cstddef>

#include "services/commands/commands.hpp"

namespace cms::services {

income_change_command parse_income_change(const nlohmann::json& body, core::case_id for_case);
shared_care_change_command parse_shared_care_change(const nlohmann::json& body, core::case_id for_case,
                                                    std::size_t children_count_max);

}  // namespace cms::services
