#include "core/calculation/income.hpp"

#include <algorithm>

namespace cms::core {

money historic_weekly_income(money yearly_income) {
    return yearly_income.multiply_fraction(7, 365, rounding::half_up);
}

bool differs_by_at_least(money reference, money changed, basis_points tolerance) {
    if (changed == reference) return false;
    const wide_int difference = static_cast<wide_int>(changed.pence()) - reference.pence();
    const wide_int magnitude = difference < 0 ? -difference : difference;
    const wide_int base = reference.pence() < 0 ? -static_cast<wide_int>(reference.pence())
                                                : static_cast<wide_int>(reference.pence());
    return magnitude * 10'000 >= base * tolerance.value;
}

income_choice choose_income(std::optional<money> historic_weekly,
                            std::optional<money> current_weekly, basis_points tolerance) {
    if (!historic_weekly) {
        if (!current_weekly) return {};
        return {income_source::current, income_source_reason::no_historic_figure, *current_weekly};
    }
    if (current_weekly && differs_by_at_least(*historic_weekly, *current_weekly, tolerance)) {
        return {income_source::current, income_source_reason::current_differs, *current_weekly};
    }
    return {income_source::historic, income_source_reason::historic_within_tolerance,
            *historic_weekly};
}

bool income_change_is_acted_on(money income_in_use, money new_income, basis_points tolerance) {
    return differs_by_at_least(income_in_use, new_income, tolerance);
}

civil_date annual_review_date(civil_date initial_effective_date, int review_number) {
    // From the initial date each time, not chained, so a clamped 28 Feb does not stick.
    return add_months_clamped(initial_effective_date, 12 * review_number);
}

civil_date next_annual_review_date(civil_date initial_effective_date, civil_date day) {
    const date::sys_days target{day};
    // Estimate from the year difference, then step to the first review on or after `day`.
    int number = std::max(1, static_cast<int>(day.year()) - static_cast<int>(initial_effective_date.year()) - 1);
    while (date::sys_days{annual_review_date(initial_effective_date, number)} < target) ++number;
    return annual_review_date(initial_effective_date, number);
}

bool is_annual_review_date(civil_date initial_effective_date, civil_date day) {
    if (date::sys_days{day} <= date::sys_days{initial_effective_date}) return false;
    return next_annual_review_date(initial_effective_date, day) == day;
}

}  // namespace cms::core
