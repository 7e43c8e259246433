#pragma once
/// Parsers of the two change-of-circumstances commands of a case (income, shared care). Like
/// command_parsing.hpp: JSON to core values, the first bad field thrown as field_error, no
/// database; whether a change supersedes is decided later, in core.
#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

#include "core/calculation/status_change.hpp"

namespace cms::services {

/// POST /v1/cases/{id}/income. At most one of the two income figures; at least one change.
struct income_change_command {
    core::civil_date effective_date;
    std::optional<core::money> gross_weekly_income;
    std::optional<core::money> yearly_income;   ///< the HMRC figure for a tax year (reg 35)
    bool annual_review = false;                 ///< annual review: no 25% tolerance (reg 19-20)
    core::status_change status;
};
income_change_command parse_income_change(const nlohmann::json& body);

/// POST /v1/cases/{id}/shared-care. Children are named by their number in the case (1 = the
/// first child the case was opened with), each at most once.
struct shared_care_change_command {
    core::civil_date effective_date;
    std::vector<core::shared_care_change> children;   ///< child_id is the child number as text
};
shared_care_change_command parse_shared_care_change(const nlohmann::json& body, std::size_t children_count_max);

}  // namespace cms::services
