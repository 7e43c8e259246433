#include "core/enforcement/remittance.hpp"

#include <algorithm>

#include "core/payments/schedule.hpp"

namespace cms::core {

namespace {

civil_date first_of(date::year_month month) { return civil_date{month / date::day{1}}; }
civil_date last_of(date::year_month month) { return civil_date{month / date::last}; }

/// Days between pay days for the day-based frequencies (monthly has none).
std::int64_t period_days(payment_frequency frequency) {
    switch (frequency) {
        case payment_frequency::weekly: return 7;
        case payment_frequency::fortnightly: return 14;
        case payment_frequency::four_weekly: return 28;
        case payment_frequency::monthly: break;
    }
    return 0;
}

}  // namespace

civil_date remittance_due_on(date::year_month deducted_in) {
    return civil_date{(deducted_in + date::months{1}) / date::day{remittance_day_of_month}};
}

std::optional<date::year_month> month_checked_on(civil_date day) {
    if (day.day() != date::day{remittance_day_of_month + 1}) return std::nullopt;
    return day.year() / day.month() - date::months{1};
}

std::int64_t expected_pay_days(payment_frequency frequency, std::optional<civil_date> first_pay_day, civil_date from,
                               civil_date to) {
    if (to < from) return 0;
    if (first_pay_day) {
        // The pay days are the instalments of a schedule starting on the first pay day, monthly
        // ones on its day of the month (clamped), so they are computed, never stepped.
        const payment_schedule pay_days{frequency, *first_pay_day, static_cast<unsigned>(first_pay_day->day())};
        return count_due_dates(pay_days, from, to);
    }
    const std::int64_t days = days_between(from, to) + 1;
    if (frequency == payment_frequency::monthly) {
        // Only a whole calendar month is sure to hold a monthly pay day, whatever day it is on.
        const bool whole_month = from.day() == date::day{1} && to == last_of(from.year() / from.month());
        return whole_month ? 1 : 0;
    }
    return days / period_days(frequency);
}

remittance_month expected_in_month(date::year_month month, payment_frequency frequency,
                                   std::optional<civil_date> first_pay_day, civil_date made_on,
                                   std::optional<civil_date> ended_on) {
    remittance_month result;
    // Named by the employer, the first pay day stands; otherwise the employer had 7 days to start.
    const civil_date starts = first_pay_day ? *first_pay_day : add_days(made_on, employer_start_days);
    result.from = std::max(first_of(month), starts);
    result.to = ended_on ? std::min(last_of(month), add_days(*ended_on, -1)) : last_of(month);
    result.expected = expected_pay_days(frequency, first_pay_day, result.from, result.to);
    return result;
}

}  // namespace cms::core
