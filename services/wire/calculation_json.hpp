#pragma once
/// JSON mapping of the statutory calculation for `cms calc` and the HTTP endpoint.
///
/// Request (every field required but other_cases_children, unknown fields refused, integers only):
///   {"date": "YYYY-MM-DD",
///    "paying_parent": {"gross_weekly_income_pence": N,
///                      "benefit": "none"|"flat_rate_benefit"|"partner_income_related_benefit",
///                      "nil_rate_reason": null|"student"|"child"|"prisoner"|"care_home"|
///                                         "income_related_benefit_aged_16_17"|
///                                         "work_based_training_allowance",
///                      "relevant_other_children": N, "other_supported_children": N},
///    "qualifying_children": [{"id": "...", "receiving_parent": "...", "shared_care_nights": N}],
///    "other_cases_children": [same as qualifying_children]}   (optional: the paying parent's
///        children in other cases, counted together and not payable here; ids unique across both)
/// Response:
///   {"rate": "nil"|"flat"|"reduced"|"basic"|"basic_plus"|"default",
///    "weekly_amount_pence": N,
///    "children": [{"id", "weekly_amount_pence"}],            (request order)
///    "receiving_parents": [{"id", "weekly_amount_pence"}],   (order of first appearance)
///    "steps": [{"rule", "inputs": [{"name", "value"}], "result", "explanation"}]}
/// Errors name the field by path: "paying_parent.gross_weekly_income_pence",
/// "qualifying_children[1].shared_care_nights".
#include <optional>
#include <span>
#include <string>

#include <nlohmann/json.hpp>

#include "core/calculation/calculation.hpp"

namespace cms::services {

/// Limits on request values, units in the names.
inline constexpr std::int64_t max_gross_weekly_income_pence = 100'000'000'000;  // £1bn a week
inline constexpr std::int64_t max_children_count = 100;
inline constexpr std::size_t max_qualifying_children = 100;

struct request_field_error {
    std::string field;     ///< path such as "paying_parent.benefit"; empty for the whole body
    std::string message;
};

/// Exactly one of input / error is set.
struct calculation_parse_result {
    std::optional<core::calculation_input> input;
    std::optional<request_field_error> error;
};

calculation_parse_result parse_calculation_request(const nlohmann::json& request);

nlohmann::json calculation_to_json(const core::calculation_result& result);

/// The request that parse_calculation_request reads back as `input` (a stored input is kept in
/// the request format, so there is one reader for it).
nlohmann::json calculation_request_to_json(const core::calculation_input& input);

/// {"field": ..., "message": ...}
nlohmann::json field_error_to_json(const request_field_error& error);

/// A core rejection as a field error (core already names fields by the same paths).
request_field_error to_field_error(const core::calculation_rejection& rejection);

/// Exactly one of result / error is set.
struct calculation_response {
    std::optional<nlohmann::json> result;
    std::optional<request_field_error> error;
};

/// The whole surface: parse, pick the policy row in force on the request's date, calculate,
/// map. A date with no row in force is an error on "date".
calculation_response run_calculation_request(const nlohmann::json& request,
                                             std::span<const core::calculation_rates> policy_rows);

}  // namespace cms::services
