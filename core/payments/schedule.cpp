#include "core/payments/schedule.hpp"

#include <algorithm>

namespace cms::core {

namespace {

/// Days between due dates for the day-based frequencies; 0 for monthly.
std::int64_t step_days(payment_frequency frequency) {
    switch (frequency) {
        case payment_frequency::weekly: return 7;
        case payment_frequency::fortnightly: return 14;
        case payment_frequency::four_weekly: return 28;
        case payment_frequency::monthly: return 0;
    }
    return 0;
}

date::year_month month_of(civil_date day) { return {day.year(), day.month()}; }

/// Whole calendar months from `from` to `to` (to - from), by year and month only.
std::int64_t months_between(date::year_month from, date::year_month to) {
    return (to - from).count();
}

/// Ceiling division for a positive divisor.
std::int64_t ceil_div(std::int64_t numerator, std::int64_t divisor) {
    return numerator >= 0 ? (numerator + divisor - 1) / divisor : -((-numerator) / divisor);
}

money arrears_part_at(const arrears_plan& plan, std::int64_t index) {
    if (plan.per_instalment.is_zero()) return {};
    const money already_asked = plan.per_instalment.times(index);
    if (already_asked >= plan.total) return {};
    return std::min(plan.per_instalment, plan.total - already_asked);
}

}  // namespace

const char* to_string(payment_frequency frequency) {
    switch (frequency) {
        case payment_frequency::weekly: return "weekly";
        case payment_frequency::fortnightly: return "fortnightly";
        case payment_frequency::four_weekly: return "four_weekly";
        case payment_frequency::monthly: return "monthly";
    }
    return "unknown";
}

const char* to_string(schedule_status status) {
    switch (status) {
        case schedule_status::ok: return "ok";
        case schedule_status::invalid_date: return "invalid_date";
        case schedule_status::unknown_frequency: return "unknown_frequency";
        case schedule_status::anchor_day_out_of_range: return "anchor_day_out_of_range";
        case schedule_status::first_due_date_off_anchor: return "first_due_date_off_anchor";
        case schedule_status::output_too_small: return "output_too_small";
    }
    return "unknown";
}

const char* to_string(instalment_status status) {
    switch (status) {
        case instalment_status::ok: return "ok";
        case instalment_status::invalid_schedule: return "invalid_schedule";
        case instalment_status::invalid_accrual_terms: return "invalid_accrual_terms";
        case instalment_status::accrual_start_after_first_due:
            return "accrual_start_after_first_due";
        case instalment_status::negative_arrears_plan: return "negative_arrears_plan";
        case instalment_status::output_too_small: return "output_too_small";
    }
    return "unknown";
}

schedule_status validate_schedule(const payment_schedule& schedule) {
    if (!schedule.first_due_date.ok()) return schedule_status::invalid_date;
    switch (schedule.frequency) {
        case payment_frequency::weekly:
        case payment_frequency::fortnightly:
        case payment_frequency::four_weekly:
            return schedule_status::ok;
        case payment_frequency::monthly:
            if (schedule.anchor_day < 1 || schedule.anchor_day > 31) {
                return schedule_status::anchor_day_out_of_range;
            }
            if (day_of_month_clamped(month_of(schedule.first_due_date), schedule.anchor_day) !=
                schedule.first_due_date) {
                return schedule_status::first_due_date_off_anchor;
            }
            return schedule_status::ok;
    }
    return schedule_status::unknown_frequency;
}

civil_date due_date_at(const payment_schedule& schedule, std::int64_t index) {
    if (schedule.frequency == payment_frequency::monthly) {
        // Always from the first month and the anchor, so a clamped month never shifts the next.
        const date::year_month month =
            month_of(schedule.first_due_date) + date::months{static_cast<int>(index)};
        return day_of_month_clamped(month, schedule.anchor_day);
    }
    return add_days(schedule.first_due_date, index * step_days(schedule.frequency));
}

std::int64_t first_index_on_or_after(const payment_schedule& schedule, civil_date day) {
    if (!(schedule.first_due_date < day)) return 0;
    if (schedule.frequency == payment_frequency::monthly) {
        // Instalment k falls in the k-th month after the first, so the month gap is the guess; if
        // that month's due date is before `day` the answer is the next one.
        const std::int64_t index =
            months_between(month_of(schedule.first_due_date), month_of(day));
        return due_date_at(schedule, index) < day ? index + 1 : index;
    }
    return ceil_div(days_between(schedule.first_due_date, day), step_days(schedule.frequency));
}

std::int64_t count_due_dates(const payment_schedule& schedule, civil_date from, civil_date to) {
    if (to < from) return 0;
    return first_index_on_or_after(schedule, add_days(to, 1)) -
           first_index_on_or_after(schedule, from);
}

due_dates_result due_dates_between(const payment_schedule& schedule, civil_date from,
                                   civil_date to, std::span<civil_date> out) {
    due_dates_result result;
    result.status = validate_schedule(schedule);
    if (result.status != schedule_status::ok) return result;
    result.first_index = first_index_on_or_after(schedule, from);
    result.count = static_cast<std::size_t>(count_due_dates(schedule, from, to));
    if (out.size() < result.count) {
        result.status = schedule_status::output_too_small;
        return result;
    }
    for (std::size_t i = 0; i < result.count; ++i) {
        out[i] = due_date_at(schedule, result.first_index + static_cast<std::int64_t>(i));
    }
    return result;
}

instalments_result instalments_between(const instalment_terms& terms,
                                       const accrual_terms& accrual, civil_date from,
                                       civil_date to, std::span<instalment> out) {
    instalments_result result;
    result.schedule_problem = validate_schedule(terms.schedule);
    if (result.schedule_problem != schedule_status::ok) {
        result.status = instalment_status::invalid_schedule;
        return result;
    }
    result.accrual_problem = validate_accrual_terms(accrual);
    if (result.accrual_problem != accrual_status::ok) {
        result.status = instalment_status::invalid_accrual_terms;
        return result;
    }
    if (!terms.accrual_start.ok() || terms.schedule.first_due_date < terms.accrual_start) {
        result.status = instalment_status::accrual_start_after_first_due;
        return result;
    }
    if (terms.arrears.per_instalment.is_negative() || terms.arrears.total.is_negative()) {
        result.status = instalment_status::negative_arrears_plan;
        return result;
    }
    const std::int64_t first = first_index_on_or_after(terms.schedule, from);
    result.count = static_cast<std::size_t>(count_due_dates(terms.schedule, from, to));
    if (out.size() < result.count) {
        result.status = instalment_status::output_too_small;
        return result;
    }
    // Carry the cumulative figure from one boundary to the next: one sweep per instalment.
    civil_date covers_from =
        first == 0 ? terms.accrual_start : due_date_at(terms.schedule, first - 1);
    accrual_amounts before = case_accrued_through(accrual, add_days(covers_from, -1));
    for (std::size_t i = 0; i < result.count; ++i) {
        instalment& item = out[i];
        item.index = first + static_cast<std::int64_t>(i);
        item.due_date = due_date_at(terms.schedule, item.index);
        item.covers_from = covers_from;
        item.covers_to = add_days(item.due_date, -1);
        const accrual_amounts upto = case_accrued_through(accrual, item.covers_to);
        item.accrued = accrual_amounts{upto.maintenance - before.maintenance,
                                       upto.collection_fee - before.collection_fee};
        item.arrears_part = arrears_part_at(terms.arrears, item.index);
        item.total = item.accrued.maintenance + item.accrued.collection_fee + item.arrears_part;
        before = upto;
        covers_from = item.due_date;
    }
    return result;
}

}  // namespace cms::core
