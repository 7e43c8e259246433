#include "core/arrears/arrears.hpp"

#include <algorithm>

namespace cms::core {

const char* to_string(bucket_table_status status) {
    switch (status) {
        case bucket_table_status::ok: return "ok";
        case bucket_table_status::empty: return "empty";
        case bucket_table_status::too_many_buckets: return "too_many_buckets";
        case bucket_table_status::first_not_one: return "first_not_one";
        case bucket_table_status::max_below_min: return "max_below_min";
        case bucket_table_status::gap: return "gap";
        case bucket_table_status::overlap: return "overlap";
        case bucket_table_status::open_before_last: return "open_before_last";
        case bucket_table_status::last_not_open: return "last_not_open";
    }
    return "unknown";
}

const char* to_string(arrears_status status) {
    switch (status) {
        case arrears_status::ok: return "ok";
        case arrears_status::invalid_bucket_table: return "invalid_bucket_table";
        case arrears_status::invalid_date: return "invalid_date";
        case arrears_status::dues_not_in_date_order: return "dues_not_in_date_order";
        case arrears_status::negative_amount: return "negative_amount";
    }
    return "unknown";
}

bucket_table_check validate_bucket_table(std::span<const ageing_bucket> buckets) {
    if (buckets.empty()) return {bucket_table_status::empty, 0};
    if (buckets.size() > ageing_buckets_max) {
        return {bucket_table_status::too_many_buckets, ageing_buckets_max};
    }
    if (buckets.front().min_days != 1) return {bucket_table_status::first_not_one, 0};
    for (std::size_t i = 0; i < buckets.size(); ++i) {
        const ageing_bucket& row = buckets[i];
        const bool last = i + 1 == buckets.size();
        if (row.max_days && *row.max_days < row.min_days) {
            return {bucket_table_status::max_below_min, i};
        }
        if (!row.max_days && !last) return {bucket_table_status::open_before_last, i};
        if (row.max_days && last) return {bucket_table_status::last_not_open, i};
        if (i > 0) {
            // The previous row is closed here (checked on its own turn).
            const std::int64_t expected_start = *buckets[i - 1].max_days + 1;
            if (row.min_days > expected_start) return {bucket_table_status::gap, i};
            if (row.min_days < expected_start) return {bucket_table_status::overlap, i};
        }
    }
    return {bucket_table_status::ok, buckets.size()};
}

namespace {

/// The row holding `days_overdue` (>= 1) in a valid table.
std::size_t bucket_for(std::span<const ageing_bucket> buckets, std::int64_t days_overdue) {
    for (std::size_t i = 0; i + 1 < buckets.size(); ++i) {
        if (days_overdue <= *buckets[i].max_days) return i;
    }
    return buckets.size() - 1;
}

arrears_status validate_dues(std::span<const amount_due> dues, money paid, civil_date as_of) {
    if (!as_of.ok()) return arrears_status::invalid_date;
    if (paid.is_negative()) return arrears_status::negative_amount;
    for (std::size_t i = 0; i < dues.size(); ++i) {
        if (!dues[i].due_date.ok()) return arrears_status::invalid_date;
        if (dues[i].amount.is_negative()) return arrears_status::negative_amount;
        if (i > 0 && dues[i].due_date < dues[i - 1].due_date) {
            return arrears_status::dues_not_in_date_order;
        }
    }
    return arrears_status::ok;
}

}  // namespace

arrears_position age_arrears(std::span<const amount_due> dues, money paid, civil_date as_of,
                             std::span<const ageing_bucket> buckets) {
    arrears_position position;
    position.paid = paid;
    position.table_problem = validate_bucket_table(buckets);
    if (position.table_problem.status != bucket_table_status::ok) {
        position.status = arrears_status::invalid_bucket_table;
        return position;
    }
    position.status = validate_dues(dues, paid, as_of);
    if (position.status != arrears_status::ok) return position;
    position.bucket_count = buckets.size();

    money unapplied = paid;  // what is left of the payments after settling older dues
    for (const amount_due& due : dues) {
        if (as_of < due.due_date) break;
        position.fallen_due += due.amount;
        const money settled = std::min(unapplied, due.amount);
        unapplied -= settled;
        const money unpaid = due.amount - settled;
        if (unpaid.is_zero()) continue;
        if (!position.oldest_unpaid_due_date) {
            position.oldest_unpaid_due_date = due.due_date;
            position.days_overdue = days_between(due.due_date, as_of);
        }
        const std::int64_t days_overdue = days_between(due.due_date, as_of);
        if (days_overdue == 0) {
            position.due_today_unpaid += unpaid;
        } else {
            position.bucket_amounts[bucket_for(buckets, days_overdue)] += unpaid;
        }
    }
    // Due today is due, not yet in arrears: arrears are what fell due before as_of and is unpaid.
    position.arrears = position.fallen_due - (paid - unapplied) - position.due_today_unpaid;
    position.paid_ahead = unapplied;
    return position;
}

}  // namespace cms::core
