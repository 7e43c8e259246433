#pragma once
/// How much a deduction order takes each time.
///
/// A deduction from earnings order asks the employer for the ongoing maintenance and collection
/// fee for the pay period plus an arrears instalment that clears the arrears within two years,
/// never more than the share of net earnings the ladder allows (40%: the employer must leave 60%;
/// Child Support Act 1991 s31; GOV.UK "Child maintenance for employers: how to make deductions").
/// A regular deduction order takes nothing on a date the account would be left below its floor
/// (£40 for monthly, £10 for weekly deductions: Child Support (Collection and Enforcement)
/// Regulations 1992, Part 3A).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/cases/case_records.hpp"
#include "core/common/money.hpp"

namespace cms::core {

/// What a deduction from earnings order is made against: the employer and the paying parent's
/// net earnings for each pay period.
struct employer_details {
    std::string name;
    money net_earnings_per_period;
    payment_frequency pay_frequency = payment_frequency::monthly;
    /// The first pay day the order applies to, when the employer has said: it fixes the pay days
    /// the order expects deductions on (remittance.hpp); unknown, only the fewest are expected.
    std::optional<civil_date> first_pay_day;
};

/// The weekly amount over one pay period: weekly x1, x2, x4; monthly = weekly x 52 / 12, half up.
money per_pay_period(money weekly, payment_frequency frequency);

/// Pay periods in two years: 104 weekly, 52 fortnightly, 26 four-weekly, 24 monthly.
std::int64_t pay_periods_in_two_years(payment_frequency frequency);

/// The arrears instalment per pay period that clears `arrears` within two years, rounded up to
/// the penny so the last period is never short.
money arrears_instalment(money arrears, payment_frequency frequency);

struct earnings_deduction {
    money per_period;  ///< what the employer deducts each pay day
    money wanted;      ///< ongoing + arrears instalment before the cap
    money cap;         ///< the most the order may take of these earnings
    bool capped = false;
};

/// The deduction rate of an order: ongoing (weekly maintenance and fee over the period) plus the
/// arrears instalment, capped at `max_share` of net earnings for the period (rounded down: the
/// employer never takes a penny beyond the share).
earnings_deduction earnings_deduction_rate(money weekly_due, money arrears, money net_earnings_per_period,
                                           payment_frequency frequency, basis_points max_share);

/// What the employer deducts on one pay day under an order at `rate`: the rate, cut to `max_share`
/// of that pay period's net earnings (rounded down), so the paying parent keeps the rest of what
/// they earned that period whatever the order was set at (s31; the employer leaves 60%).
earnings_deduction earnings_deduction_on_pay_day(money rate, money net_earnings_this_period, basis_points max_share);

/// How one deduction under an order came out.
enum class deduction_outcome : std::uint8_t {
    taken = 1,            ///< the order's rate
    capped,               ///< less than the rate: the share of this period's earnings
    skipped_below_floor,  ///< nothing: the account would have fallen below its floor
};
std::string_view to_string(deduction_outcome outcome);
std::optional<deduction_outcome> parse_deduction_outcome(std::string_view text);

struct bank_deduction {
    money taken;           ///< zero when skipped
    bool skipped = false;  ///< the balance would have fallen below the floor
};

/// One regular deduction: `wanted` if the account keeps at least `floor` after it, else nothing.
bank_deduction regular_bank_deduction(money wanted, money account_balance, money floor);

}  // namespace cms::core
