#pragma once
/// What an employer owes the service under a deduction from earnings order, month by month.
///
/// The employer deducts on each pay day once the order has had time to take effect, and pays over
/// what it deducted in a month by the 19th of the next month (Child Support (Collection and
/// Enforcement) Regulations 1992, reg 14; GOV.UK "Child maintenance for employers: making
/// payments"). The employer has 7 days from service to start (GOV.UK "Child maintenance for
/// employers: how to make deductions"). An employer who pays over fewer deductions than the pay
/// days of the month may be fined £500 for each missed payment (same GOV.UK guide; penalties.hpp).
///
/// The pay days of a month are exact when the employer has given the first pay day the order
/// applies to. Without it, only the fewest pay days any pay day could give are expected (a full
/// month holds at least 4 weekly, 2 fortnightly, 1 four-weekly and 1 monthly pay day), so a
/// missed remittance is never reported for pay days the employer may not have had.
#include <cstdint>
#include <optional>

#include "core/cases/case_records.hpp"
#include "core/common/civil_date.hpp"

namespace cms::core {

/// Days the employer has from the order's service to start deducting.
inline constexpr std::int64_t employer_start_days = 7;
/// The day of the following month by which a month's deductions must be paid over (reg 14).
inline constexpr unsigned remittance_day_of_month = 19;

/// The last day to pay over the deductions of `deducted_in`: the 19th of the next month.
civil_date remittance_due_on(date::year_month deducted_in);

/// The month whose remittances the close of `day` checks: the previous month when `day` is the
/// day after the 19th (the 20th), otherwise none.
std::optional<date::year_month> month_checked_on(civil_date day);

/// Pay days in [from, to] inclusive (0 when to < from): counted from `first_pay_day` when known,
/// else the fewest pay days of `frequency` that any pay day gives in a window that long.
std::int64_t expected_pay_days(payment_frequency frequency, std::optional<civil_date> first_pay_day, civil_date from,
                               civil_date to);

/// One order's month: the window of it in which deductions were expected, and how they came out.
struct remittance_month {
    civil_date from{};  ///< the first day deductions were expected (month start, or 7 days after the order)
    civil_date to{};    ///< the last (month end, or the day before the order ended)
    std::int64_t expected = 0;
    std::int64_t received = 0;
    std::int64_t missed() const { return expected > received ? expected - received : 0; }
};

/// The window of `month` an order in force from `made_on` (and ended on `ended_on`, if it has)
/// expected deductions in, with the pay days it expected; `received` is left for the caller.
remittance_month expected_in_month(date::year_month month, payment_frequency frequency,
                                   std::optional<civil_date> first_pay_day, civil_date made_on,
                                   std::optional<civil_date> ended_on);

}  // namespace cms::core
