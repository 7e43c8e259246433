#include "core/ledger/accrual.hpp"

#include "core/ledger/fee_rounding.hpp"

#include <algorithm>
#include <array>
#include <limits>

namespace cms::core {

namespace {

std::int64_t day_number(civil_date day) { return date::sys_days{day}.time_since_epoch().count(); }

/// Exact (unrounded) weighted sums from the liability start through a day.
struct exact_sums {
    wide_int weekly_pence_days = 0;     ///< W(t): sum of weekly pence over days
    wide_int fee_weighted = 0;          ///< F(t): sum of weekly pence * fee bp over C&P days
};

/// The exact sums at two cut-off days: through `first` and through `second` (first <= second).
struct exact_sums_pair {
    exact_sums first;
    exact_sums second;
};

/// Sweeps the three step functions (weekly amount, service, fee rate) together, one piece per
/// change of any of them, so the cost is the number of changes, not the number of days. Both
/// cut-offs come out of one pass because a period needs the cumulative figure at each end.
exact_sums_pair sweep(std::span<const weekly_amount_segment> weekly,
                      std::span<const service_segment> service,
                      std::span<const collection_fee_row> fees, civil_date first_through,
                      civil_date second_through) {
    exact_sums_pair result;
    if (weekly.empty()) return result;
    const std::int64_t first_cut = day_number(first_through) + 1;  // exclusive ends
    const std::int64_t end_exclusive = day_number(second_through) + 1;
    std::int64_t cursor = day_number(weekly.front().effective_from);
    std::size_t weekly_index = 0;
    std::size_t services_started = 0;  // entries with effective_from <= cursor
    std::size_t fees_started = 0;
    exact_sums sums;
    bool first_taken = false;
    while (cursor < end_exclusive) {
        if (!first_taken && cursor >= first_cut) {
            result.first = sums;
            first_taken = true;
        }
        while (weekly_index + 1 < weekly.size() &&
               day_number(weekly[weekly_index + 1].effective_from) <= cursor) {
            ++weekly_index;
        }
        while (services_started < service.size() &&
               day_number(service[services_started].effective_from) <= cursor) {
            ++services_started;
        }
        while (fees_started < fees.size() &&
               day_number(fees[fees_started].effective_from) <= cursor) {
            ++fees_started;
        }
        std::int64_t next = end_exclusive;
        if (!first_taken) next = std::min(next, first_cut);
        if (weekly_index + 1 < weekly.size()) {
            next = std::min(next, day_number(weekly[weekly_index + 1].effective_from));
        }
        if (services_started < service.size()) {
            next = std::min(next, day_number(service[services_started].effective_from));
        }
        if (fees_started < fees.size()) {
            next = std::min(next, day_number(fees[fees_started].effective_from));
        }
        const wide_int piece = static_cast<wide_int>(weekly[weekly_index].weekly_amount.pence()) *
                               (next - cursor);
        sums.weekly_pence_days += piece;
        const bool on_collection =
            services_started > 0 &&
            service[services_started - 1].service == service_type::collect_and_pay;
        if (on_collection && fees_started > 0) {
            sums.fee_weighted += piece * fees[fees_started - 1].paying_parent_fee.value;
        }
        cursor = next;
    }
    if (!first_taken) result.first = sums;
    result.second = sums;
    return result;
}

accrual_amounts rounded(const exact_sums& sums) {
    return accrual_amounts{
        money::from_pence(divide_half_up(sums.weekly_pence_days, 7)),
        money::from_pence(collection_fee_rounded_pence(sums.fee_weighted)),
    };
}

accrual_status validate_weekly_history(std::span<const weekly_amount_segment> history) {
    if (history.empty()) return accrual_status::empty_weekly_history;
    for (std::size_t i = 0; i < history.size(); ++i) {
        if (!history[i].effective_from.ok()) return accrual_status::invalid_date;
        if (history[i].weekly_amount.is_negative()) return accrual_status::negative_weekly_amount;
        if (i > 0 && !(history[i - 1].effective_from < history[i].effective_from)) {
            return accrual_status::weekly_history_not_ascending;
        }
    }
    return accrual_status::ok;
}

accrual_status validate_service_history(std::span<const service_segment> history) {
    for (std::size_t i = 0; i < history.size(); ++i) {
        if (!history[i].effective_from.ok()) return accrual_status::invalid_date;
        if (i > 0 && !(history[i - 1].effective_from < history[i].effective_from)) {
            return accrual_status::service_history_not_ascending;
        }
    }
    return accrual_status::ok;
}

}  // namespace

/// Half-up division of a non-negative exact sum. Realistic sums fit in 64 bits, where the
/// division is several times cheaper than the 128-bit one; the result is the same either way.
std::int64_t divide_half_up(wide_int numerator, std::int64_t denominator) {
    constexpr wide_int int64_limit = std::numeric_limits<std::int64_t>::max();
    if (numerator >= 0 && numerator <= int64_limit) {
        const auto narrow = static_cast<std::int64_t>(numerator);
        const std::int64_t quotient = narrow / denominator;
        const std::int64_t remainder = narrow % denominator;
        return 2 * remainder >= denominator ? quotient + 1 : quotient;
    }
    return divide_rounded(numerator, denominator, rounding::half_up);
}

service_type service_in_force(std::span<const service_segment> history, civil_date on) {
    service_type in_force = service_type::direct_pay;
    for (const service_segment& segment : history) {
        if (on < segment.effective_from) break;
        in_force = segment.service;
    }
    return in_force;
}

const char* to_string(accrual_status status) {
    switch (status) {
        case accrual_status::ok: return "ok";
        case accrual_status::no_receiving_parents: return "no_receiving_parents";
        case accrual_status::too_many_receiving_parents: return "too_many_receiving_parents";
        case accrual_status::slot_out_of_range: return "slot_out_of_range";
        case accrual_status::duplicate_slot: return "duplicate_slot";
        case accrual_status::empty_weekly_history: return "empty_weekly_history";
        case accrual_status::weekly_history_not_ascending: return "weekly_history_not_ascending";
        case accrual_status::negative_weekly_amount: return "negative_weekly_amount";
        case accrual_status::invalid_date: return "invalid_date";
        case accrual_status::service_history_not_ascending: return "service_history_not_ascending";
        case accrual_status::invalid_fee_policy: return "invalid_fee_policy";
        case accrual_status::output_too_small: return "output_too_small";
    }
    return "unknown";
}

accrual_status validate_accrual_terms(const accrual_terms& terms) {
    if (terms.receiving_parents.empty()) return accrual_status::no_receiving_parents;
    if (terms.receiving_parents.size() > receiving_parents_max) {
        return accrual_status::too_many_receiving_parents;
    }
    std::array<bool, receiving_parents_max> seen{};
    for (const receiving_parent_liability& liability : terms.receiving_parents) {
        if (liability.receiving_parent_slot >= receiving_parents_max) {
            return accrual_status::slot_out_of_range;
        }
        if (seen[liability.receiving_parent_slot]) return accrual_status::duplicate_slot;
        seen[liability.receiving_parent_slot] = true;
        const accrual_status history = validate_weekly_history(liability.weekly_history);
        if (history != accrual_status::ok) return history;
    }
    const accrual_status service = validate_service_history(terms.service_history);
    if (service != accrual_status::ok) return service;
    if (validate_fee_policy(terms.fee_policy).status != fee_policy_status::ok) {
        return accrual_status::invalid_fee_policy;
    }
    return accrual_status::ok;
}

accrual_amounts accrued_through(std::span<const weekly_amount_segment> weekly_history,
                                std::span<const service_segment> service_history,
                                std::span<const collection_fee_row> fee_policy,
                                civil_date through) {
    return rounded(sweep(weekly_history, service_history, fee_policy, through, through).second);
}

accrual_amounts period_accrual(const receiving_parent_liability& liability,
                               const accrual_terms& terms, civil_date from, civil_date to) {
    if (to < from) return {};
    const exact_sums_pair sums = sweep(liability.weekly_history, terms.service_history,
                                       terms.fee_policy, add_days(from, -1), to);
    const accrual_amounts before = rounded(sums.first);
    const accrual_amounts upto = rounded(sums.second);
    return accrual_amounts{upto.maintenance - before.maintenance,
                           upto.collection_fee - before.collection_fee};
}

accrual_amounts case_accrued_through(const accrual_terms& terms, civil_date through) {
    accrual_amounts total;
    for (const receiving_parent_liability& liability : terms.receiving_parents) {
        const accrual_amounts share = accrued_through(
            liability.weekly_history, terms.service_history, terms.fee_policy, through);
        total.maintenance += share.maintenance;
        total.collection_fee += share.collection_fee;
    }
    return total;
}

accrual_amounts case_period_accrual(const accrual_terms& terms, civil_date from, civil_date to) {
    accrual_amounts total;
    for (const receiving_parent_liability& liability : terms.receiving_parents) {
        const accrual_amounts share = period_accrual(liability, terms, from, to);
        total.maintenance += share.maintenance;
        total.collection_fee += share.collection_fee;
    }
    return total;
}

monthly_accrual accrue_month(case_id for_case, const accrual_terms& terms, date::year_month month,
                             civil_date business_date, std::span<transfer> out) {
    monthly_accrual result;
    result.key = batch_key{batch_job::monthly_accrual, for_case, month};
    result.status = validate_accrual_terms(terms);
    if (result.status != accrual_status::ok) return result;
    if (out.size() < terms.receiving_parents.size() + 1) {
        result.status = accrual_status::output_too_small;
        return result;
    }
    const civil_date first_day{month.year(), month.month(), date::day{1}};
    const civil_date last_day{date::year_month_day_last{month.year(),
                                                        date::month_day_last{month.month()}}};
    const transfer_cause cause = transfer_cause::from_batch(batch_job::monthly_accrual, month);
    std::size_t count = 0;
    auto emit = [&](account_ref debit, account_ref credit, money amount, transfer_code code) {
        out[count] = make_transfer(for_case, debit, credit, amount, code, static_cast<std::uint16_t>(count), cause,
                                   business_date);
        ++count;
    };
    for (const receiving_parent_liability& liability : terms.receiving_parents) {
        const accrual_amounts share = period_accrual(liability, terms, first_day, last_day);
        result.totals.maintenance += share.maintenance;
        result.totals.collection_fee += share.collection_fee;
        if (share.maintenance.pence() > 0) {
            const std::uint8_t slot = liability.receiving_parent_slot;
            emit({account_kind::maintenance_due, slot},
                 {account_kind::owed_to_receiving_parent, slot}, share.maintenance,
                 transfer_code::maintenance_accrued);
        }
    }
    if (result.totals.collection_fee.pence() > 0) {
        emit({account_kind::collection_fee_due, 0}, {account_kind::fee_income, 0},
             result.totals.collection_fee, transfer_code::collection_fee_accrued);
    }
    result.transfer_count = count;
    return result;
}

}  // namespace cms::core
