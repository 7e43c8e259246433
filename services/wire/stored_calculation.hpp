#pragma once
/// A case's statutory calculations as they are stored: each row keeps its input in the request
/// format of POST /v1/calculations and its result with steps (calculation_json.hpp), so there is
/// one reader for both, and the views of GET /v1/cases/{id}/calculation.
///
/// In a case's calculation the children are named by their number in the case ("1", "2", ...)
/// and the receiving parent by their parent id as text, so the stored steps can be read next to
/// GET /v1/cases/{id}.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/calculation/supersession.hpp"
#include "persistence/calculation_repository.hpp"

namespace cms::services {

/// The row that stores `period` (its input in the request format, its result with steps).
persistence::calculation_row calculation_row_for(core::case_id for_case, const core::calculation_period& period,
                                                 std::string reason, core::command_id cause);

/// The stored rows as core periods, oldest first, each ending where the next starts. Results
/// carry the weekly amount only: core re-decides from inputs, and the stored result JSON stays
/// the explanation. Throws std::runtime_error when a stored input no longer parses.
std::vector<core::calculation_period> calculation_history(const std::vector<persistence::calculation_row>& rows);

/// {"effective_from", "effective_to", "reason", "rate", "weekly_amount_pence", "input",
///  "calculation"}; effective_to is exclusive (null while open-ended).
nlohmann::json calculation_period_view(const persistence::calculation_row& row,
                                       std::optional<core::civil_date> effective_to);

/// GET /v1/cases/{id}/calculation: "current" is the calculation in force on `today` (the
/// latest if none is yet), "history" every one, oldest first.
nlohmann::json case_calculation_view(core::case_id id, const std::vector<persistence::calculation_row>& rows,
                                     core::civil_date today);

}  // namespace cms::services
