#include "core/enforcement/deductions.hpp"

#include <algorithm>

#include "core/common/enum_names.hpp"

namespace cms::core {

namespace {

constexpr enum_name_table<deduction_outcome, 3> outcome_names{{
    {deduction_outcome::taken, "taken"},
    {deduction_outcome::capped, "capped"},
    {deduction_outcome::skipped_below_floor, "skipped_below_floor"},
}};

}  // namespace

std::string_view to_string(deduction_outcome outcome) { return name_in(outcome_names, outcome); }
std::optional<deduction_outcome> parse_deduction_outcome(std::string_view text) { return value_named(outcome_names, text); }

money per_pay_period(money weekly, payment_frequency frequency) {
    switch (frequency) {
        case payment_frequency::weekly: return weekly;
        case payment_frequency::fortnightly: return weekly.times(2);
        case payment_frequency::four_weekly: return weekly.times(4);
        case payment_frequency::monthly: return weekly.multiply_fraction(52, 12, rounding::half_up);
    }
    return weekly;
}

std::int64_t pay_periods_in_two_years(payment_frequency frequency) {
    switch (frequency) {
        case payment_frequency::weekly: return 104;
        case payment_frequency::fortnightly: return 52;
        case payment_frequency::four_weekly: return 26;
        case payment_frequency::monthly: return 24;
    }
    return 24;
}

money arrears_instalment(money arrears, payment_frequency frequency) {
    if (arrears.pence() <= 0) return money{};
    const std::int64_t periods = pay_periods_in_two_years(frequency);
    // Rounded up: toward zero, plus a penny when anything was cut off.
    const money down = arrears.multiply_fraction(1, periods, rounding::toward_zero);
    return down.times(periods) == arrears ? down : down + money::from_pence(1);
}

earnings_deduction earnings_deduction_rate(money weekly_due, money arrears, money net_earnings_per_period,
                                           payment_frequency frequency, basis_points max_share) {
    // The order's rate is what one pay day of the stated earnings allows.
    return earnings_deduction_on_pay_day(per_pay_period(weekly_due, frequency) + arrears_instalment(arrears, frequency),
                                         net_earnings_per_period, max_share);
}

earnings_deduction earnings_deduction_on_pay_day(money rate, money net_earnings_this_period, basis_points max_share) {
    earnings_deduction taken;
    taken.wanted = std::max(money{}, rate);
    taken.cap = std::max(money{}, net_earnings_this_period.apply_basis_points(max_share, rounding::toward_zero));
    taken.capped = taken.wanted > taken.cap;
    taken.per_period = taken.capped ? taken.cap : taken.wanted;
    return taken;
}

bank_deduction regular_bank_deduction(money wanted, money account_balance, money floor) {
    if (wanted.pence() <= 0) return {money{}, false};
    if (account_balance - wanted < floor) return {money{}, true};
    return {wanted, false};
}

}  // namespace cms::core
