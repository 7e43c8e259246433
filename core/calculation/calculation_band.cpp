// The income-based rates: reduced (T table), basic and basic plus (after the relevant other
// children reduction). Each rounds half-up to the penny at the point it multiplies by a rate,
// so every figure a step shows is a whole penny a caseworker can re-add.
#include <algorithm>
#include <string>

#include "calculation_detail.hpp"

namespace cms::core::detail {

namespace {

std::string count_text(int count) { return std::to_string(count); }

band_outcome reduced_rate(money capped_income, int children_counted, int relevant_other_children,
                          const calculation_rates& policy, std::vector<calculation_step>& steps) {
    const std::size_t row = qualifying_children_column(children_counted);
    const std::size_t column = static_cast<std::size_t>(std::min(relevant_other_children, 3));
    const basis_points percent = policy.reduced_rate_percent[row][column];
    const money excess = capped_income - policy.flat_rate_income_up_to;
    const money on_excess = excess.apply_basis_points(percent, rounding::half_up);
    const money amount = policy.flat_rate_amount + on_excess;
    steps.push_back(make_step(
        "reduced_rate",
        {{"gross_weekly_income", format_pounds(capped_income)},
         {"children_counted", count_text(children_counted)},
         {"relevant_other_children", count_text(relevant_other_children)},
         {"reduced_rate_percent", format_percent(percent)},
         {"flat_rate", format_pounds(policy.flat_rate_amount)},
         {"band_lower_edge", format_pounds(policy.flat_rate_income_up_to)}},
        format_pounds(amount),
        "Reduced rate: " + format_pounds(policy.flat_rate_amount) + " + (" +
            format_pounds(capped_income) + " - " + format_pounds(policy.flat_rate_income_up_to) +
            ") x " + format_percent(percent) + " (rounded half-up to the penny: " +
            format_pounds(on_excess) + ") = " + format_pounds(amount) + "."));
    return {calculation_rate::reduced, amount};
}

/// Income after the relevant-other-children reduction (Sch 1 para 2(3)); unchanged without ROC.
money income_after_other_children(money capped_income, int relevant_other_children,
                                  const calculation_rates& policy,
                                  std::vector<calculation_step>& steps) {
    if (relevant_other_children <= 0) return capped_income;
    const std::size_t column = static_cast<std::size_t>(std::min(relevant_other_children, 3) - 1);
    const basis_points reduction = policy.relevant_other_children_reduction[column];
    // Keep (100% - reduction) of income, half-up to the penny.
    const money kept = capped_income.apply_basis_points(basis_points{10'000 - reduction.value},
                                                        rounding::half_up);
    steps.push_back(make_step(
        "relevant_other_children_reduction",
        {{"gross_weekly_income", format_pounds(capped_income)},
         {"relevant_other_children", count_text(relevant_other_children)},
         {"reduction_percent", format_percent(reduction)}},
        format_pounds(kept),
        "Income is reduced by " + format_percent(reduction) + " for " +
            count_text(relevant_other_children) + " relevant other child(ren): " +
            format_pounds(capped_income) + " x (100% - " + format_percent(reduction) +
            ") = " + format_pounds(kept) + " (rounded half-up to the penny)."));
    return kept;
}

}  // namespace

band_outcome income_band_amount(money capped_income, int children_counted,
                                int relevant_other_children, const calculation_rates& policy,
                                std::vector<calculation_step>& steps) {
    if (capped_income < policy.basic_rate_income_from) {
        return reduced_rate(capped_income, children_counted, relevant_other_children, policy, steps);
    }
    const calculation_rate rate = capped_income > policy.basic_plus_income_above
                                      ? calculation_rate::basic_plus
                                      : calculation_rate::basic;
    const money income = income_after_other_children(capped_income, relevant_other_children,
                                                     policy, steps);
    const std::size_t column = qualifying_children_column(children_counted);
    const basis_points basic_percent = policy.basic_rate_percent[column];
    const money basic_part_income = std::min(income, policy.basic_plus_income_above);
    const money basic_part = basic_part_income.apply_basis_points(basic_percent, rounding::half_up);
    steps.push_back(make_step(
        "basic_rate",
        {{"income", format_pounds(basic_part_income)},
         {"children_counted", count_text(children_counted)},
         {"basic_rate_percent", format_percent(basic_percent)}},
        format_pounds(basic_part),
        "Basic rate: " + format_percent(basic_percent) + " of " + format_pounds(basic_part_income) +
            " = " + format_pounds(basic_part) + " (rounded half-up to the penny)."));
    if (rate == calculation_rate::basic) return {rate, basic_part};

    // Band is chosen on capped gross income; the excess is measured on income after the ROC
    // reduction, so it can be nil when that reduction brings income back under the threshold.
    const basis_points plus_percent = policy.basic_plus_rate_percent[column];
    const money excess = std::max(income - policy.basic_plus_income_above, money{});
    const money plus_part = excess.apply_basis_points(plus_percent, rounding::half_up);
    const money amount = basic_part + plus_part;
    steps.push_back(make_step(
        "basic_plus_rate",
        {{"income", format_pounds(income)},
         {"threshold", format_pounds(policy.basic_plus_income_above)},
         {"basic_plus_rate_percent", format_percent(plus_percent)},
         {"basic_part", format_pounds(basic_part)}},
        format_pounds(amount),
        "Basic plus: " + format_pounds(basic_part) + " + " + format_percent(plus_percent) +
            " of the " + format_pounds(excess) + " above " +
            format_pounds(policy.basic_plus_income_above) + " (" + format_pounds(plus_part) +
            ", rounded half-up) = " + format_pounds(amount) + "."));
    return {rate, amount};
}

}  // namespace cms::core::detail
