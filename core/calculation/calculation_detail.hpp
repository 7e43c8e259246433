#pragma once
/// Private helpers shared by the calculation_*.cpp files (not part of the public API).
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/calculation/calculation.hpp"

namespace cms::core::detail {

/// "25.00%" from 2500 bp; integer arithmetic only.
std::string format_percent(basis_points rate);
/// "2/7".
std::string format_fraction(fraction value);

/// Splits `total` into `parts` (> 0) equal shares in whole pence. The remainder pennies
/// (total mod parts) go one each to the first shares, so the shares always add up to `total`
/// and differ by at most 1p.
std::vector<money> split_equally(money total, std::size_t parts);

/// Checks the children list (non-empty, ids present and unique, nights 0..366) and that the
/// policy row is in force on `business_date`; shared by calculate and calculate_default_rate.
std::optional<calculation_rejection> check_children_and_policy(
    civil_date business_date, const std::vector<qualifying_child>& children,
    const calculation_rates& policy);

/// Puts per-child amounts, receiving-parent amounts and the weekly total into `result`.
void finish_result(calculation_result& result, calculation_rate rate,
                   const std::vector<qualifying_child>& children, const std::vector<money>& amounts);

/// `input` with other cases' children (calculation_linked.cpp): every child of the paying parent
/// calculated together, then this case's children's shares.
calculation_outcome calculate_with_other_cases(const calculation_input& input, const calculation_rates& policy);

/// Builds a step in one expression.
calculation_step make_step(std::string rule, std::vector<named_value> inputs, std::string result,
                           std::string explanation);

/// What the rate-band stage works out for the whole family of children counted.
struct band_outcome {
    calculation_rate rate = calculation_rate::nil;
    money amount;   ///< weekly amount for all children counted (case + other supported)
};

/// Reduced, basic or basic plus for income already capped and at or above the reduced band's
/// lower edge. `children_counted` >= 1 includes other supported children.
band_outcome income_band_amount(money capped_income, int children_counted,
                                int relevant_other_children, const calculation_rates& policy,
                                std::vector<calculation_step>& steps);

/// Shared care for one child's share under an income-based rate (Sch 1 para 7): the band's
/// fraction comes off (the kept part rounded half-up), then the band's extra per-child amount,
/// never below nil. Records one step per child.
money apply_shared_care(const qualifying_child& child, money share, const calculation_rates& policy,
                        std::vector<calculation_step>& steps);

/// Sums children's amounts per receiving parent in order of first appearance and records the
/// apportionment step. `amounts` is parallel to `children`.
std::vector<receiving_parent_amount> apportion_to_receiving_parents(
    const std::vector<qualifying_child>& children, const std::vector<money>& amounts,
    std::vector<calculation_step>& steps);

}  // namespace cms::core::detail
