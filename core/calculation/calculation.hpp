#pragma once
/// The statutory weekly calculation (2012 scheme), pure, with an ordered explanation of every
/// stage so a caseworker can show a parent how the figure was reached.
///
/// Pipeline (calculate): input checks -> status (nil reasons, income below the nil threshold,
/// prescribed benefit -> flat) -> cap -> equal-care children set aside -> rate band (reduced uses
/// the T table; basic and basic plus use income after the relevant-other-children reduction) ->
/// case children's share when other supported children count -> equal split per child ->
/// shared care per child -> £7 floor -> apportionment to receiving parents -> with other cases'
/// children, this case's share (calculation_linked.cpp).
///
/// Rounding: every division is half-up to the penny and each step that rounds says so.
/// Penny remainders of an equal split go one penny each to the first children in the order they
/// were given (so children listed first may carry 1p more); per-parent amounts are sums of their
/// children's amounts, so both breakdowns add up exactly to the weekly amount.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/calculation/calculation_policy.hpp"
#include "core/common/civil_date.hpp"
#include "core/common/money.hpp"

namespace cms::core {

enum class benefit_status {
    none,
    flat_rate_benefit,               ///< paying parent gets a prescribed benefit/pension (reg 44)
    partner_income_related_benefit,  ///< partner gets IS, income-based JSA, IR-ESA, Pension Credit
};

/// Status-based nil rate (Sch 1 para 5; reg 45).
enum class nil_rate_reason {
    none,
    student,
    child,
    prisoner,
    care_home,                       ///< care home / independent hospital with help with fees
    income_related_benefit_aged_16_17,
    work_based_training_allowance,
};

enum class calculation_rate { nil, flat, reduced, basic, basic_plus, default_rate };

struct paying_parent_circumstances {
    money gross_weekly_income;
    benefit_status benefit = benefit_status::none;
    nil_rate_reason nil_reason = nil_rate_reason::none;
    int relevant_other_children = 0;
    /// Children supported under other arrangements (court order, other maintenance): they count
    /// towards the number of children for the reduced/basic/basic plus percentage, but only the
    /// case children's shares are payable.
    int other_supported_children = 0;
    friend bool operator==(const paying_parent_circumstances&, const paying_parent_circumstances&) = default;
};

struct qualifying_child {
    std::string id;
    std::string receiving_parent;
    int shared_care_nights = 0;   ///< nights a year with the paying parent, 0..366
    friend bool operator==(const qualifying_child&, const qualifying_child&) = default;
};

struct calculation_input {
    civil_date business_date;
    paying_parent_circumstances paying_parent;
    std::vector<qualifying_child> children;
    /// The qualifying children of the paying parent's other cases (in the care of other receiving
    /// parents) on business_date, ids distinct from `children`'s. All are counted together for
    /// the rate, the per-child split, shared care and the floor; only the shares of `children`
    /// are payable in this case (Sch 1 para 6: one calculation apportioned per child).
    std::vector<qualifying_child> other_cases_children;
};

/// One named value shown beside a step ("income" = "£150.00").
struct named_value {
    std::string name;
    std::string value;
};

struct calculation_step {
    std::string rule;                  ///< stable machine name, e.g. "reduced_rate"
    std::vector<named_value> inputs;
    std::string result;                ///< the outcome as text, e.g. "£19.50"
    std::string explanation;           ///< one sentence a caseworker can read out
};

struct child_amount {
    std::string id;
    money weekly_amount;
};

struct receiving_parent_amount {
    std::string id;
    money weekly_amount;
};

struct calculation_result {
    calculation_rate rate = calculation_rate::nil;
    money weekly_amount;
    std::vector<child_amount> children;                    ///< in input order
    std::vector<receiving_parent_amount> receiving_parents;  ///< in order of first appearance
    std::vector<calculation_step> steps;
};

/// Why an input cannot be calculated. These are expected outcomes (bad or incomplete data),
/// returned as values; `field` names the offending input like the JSON surface does.
enum class calculation_rejection_kind {
    no_qualifying_children,
    negative_income,
    negative_child_count,
    shared_care_nights_out_of_range,
    empty_id,
    duplicate_child_id,
    policy_not_in_force,
};

struct calculation_rejection {
    calculation_rejection_kind kind;
    std::string field;
    std::string message;
};

using calculation_outcome = std::variant<calculation_result, calculation_rejection>;

/// The statutory calculation for `input` under `policy` (which must be in force on
/// input.business_date).
calculation_outcome calculate(const calculation_input& input, const calculation_rates& policy);

/// Default rate (reg 49) for when CMS lacks the information for a calculation: a fixed amount
/// by number of case children (1, 2, 3+), split equally per child and apportioned to receiving
/// parents like a calculated amount. Shared care and income are not used.
calculation_outcome calculate_default_rate(civil_date business_date,
                                           const std::vector<qualifying_child>& children,
                                           const calculation_rates& policy);

/// Stable names used by the JSON surface and in steps.
const char* to_string(calculation_rate rate);
const char* to_string(benefit_status status);
const char* to_string(nil_rate_reason reason);
const char* to_string(calculation_rejection_kind kind);

}  // namespace cms::core
