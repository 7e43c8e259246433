#pragma once
/// Daily liability accrual: maintenance and the paying parent's collection fee, per period.
///
/// Maintenance accrues per day at the weekly amount / 7 in force that day, and on Collect and Pay
/// the 20% collection fee per day on that day's maintenance (The Child Support Fees Regulations
/// 2014, SI 2014/612, regulation 7, which charges the fee on the "daily amount", weekly / 7). A
/// supersession, a fee-table row or a switch between Direct Pay and Collect and Pay therefore
/// changes the figures exactly from its date.
///
/// Rounding (why no penny is ever lost): amounts are rounded *cumulatively from the start of the
/// liability*, never per period. With W(t) = sum over days d <= t of weekly_pence(d), and
/// F(t) = sum over days d <= t of weekly_pence(d) * fee_bp(d) on Collect and Pay days,
///   maintenance accrued through t = round_half_up(W(t) / 7)
///   collection fee accrued through t = round_half_up(F(t) / 70000)
/// and a period [from, to] accrues (through to) - (through from - 1). Periods therefore
/// telescope: the months of a year add up exactly to the year, and any one period is within a
/// penny of its own exact share. Rounding happens once per figure, never per day.
///
/// Because everything is "accrued through a date", a backdated supersession is handled the
/// Fineract "till date" way: recompute through the date, subtract what was posted, post the
/// difference as a correction.
///
/// Cost: O(segments + fee rows + service changes) per receiving parent, no heap; the monthly
/// batch writes into a caller-provided span.
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/cases/case_records.hpp"
#include "core/ledger/collection_fee_policy.hpp"
#include "core/ledger/ledger.hpp"

namespace cms::core {

/// The weekly amount in force from `effective_from` until the next segment starts. The first
/// segment's date is the start of the liability; a weekly amount of zero ends it.
struct weekly_amount_segment {
    civil_date effective_from{};
    money weekly_amount;
};

/// The service in force from `effective_from`. Days before the first segment count as Direct Pay
/// (no collection fee).
struct service_segment {
    civil_date effective_from{};
    service_type service = service_type::direct_pay;
};

/// The service in force on `on`: the last segment starting on or before it; Direct Pay before
/// the first (the same rule accrual charges the collection fee by). Precondition: the history
/// is in ascending order (validate_service_history).
service_type service_in_force(std::span<const service_segment> history, civil_date on);

/// One receiving parent's share of the weekly amount, with its own history.
struct receiving_parent_liability {
    std::uint8_t receiving_parent_slot = 0;  ///< < receiving_parents_max, unique per case
    std::span<const weekly_amount_segment> weekly_history;
};

/// Everything accrual needs for one case; spans point at caller-owned packed data.
struct accrual_terms {
    std::span<const receiving_parent_liability> receiving_parents;
    std::span<const service_segment> service_history;
    std::span<const collection_fee_row> fee_policy;
};

struct accrual_amounts {
    money maintenance;
    money collection_fee;
    friend constexpr bool operator==(const accrual_amounts&, const accrual_amounts&) = default;
};

enum class accrual_status : std::uint8_t {
    ok = 0,
    no_receiving_parents,
    too_many_receiving_parents,
    slot_out_of_range,
    duplicate_slot,
    empty_weekly_history,
    weekly_history_not_ascending,  ///< effective_from must strictly increase
    negative_weekly_amount,
    invalid_date,
    service_history_not_ascending,
    invalid_fee_policy,
    output_too_small,              ///< the transfer buffer cannot hold every leg
};
const char* to_string(accrual_status status);

/// Checks the terms once; the computing functions below assume valid terms.
accrual_status validate_accrual_terms(const accrual_terms& terms);

/// What one receiving parent's liability has accrued from its start through `through` inclusive.
accrual_amounts accrued_through(std::span<const weekly_amount_segment> weekly_history,
                                std::span<const service_segment> service_history,
                                std::span<const collection_fee_row> fee_policy, civil_date through);

/// What one receiving parent's liability accrues over [from, to] inclusive (zero if from > to).
accrual_amounts period_accrual(const receiving_parent_liability& liability,
                               const accrual_terms& terms, civil_date from, civil_date to);

/// The whole case from its start through `through` inclusive: the sum over receiving parents.
accrual_amounts case_accrued_through(const accrual_terms& terms, civil_date through);

/// The whole case over [from, to] inclusive: the sum over its receiving parents.
accrual_amounts case_period_accrual(const accrual_terms& terms, civil_date from, civil_date to);

/// Most legs the monthly accrual posts for one case: one maintenance leg per receiving parent and
/// one collection-fee leg.
inline constexpr std::size_t accrual_transfers_max = receiving_parents_max + 1;

struct monthly_accrual {
    accrual_status status = accrual_status::ok;
    batch_key key{};                ///< "accrue:<case_id>:<yyyy-mm>", the step's idempotency key
    accrual_amounts totals{};
    std::size_t transfer_count = 0;  ///< legs written to the front of the output span
};

/// The monthly batch step for one case and one calendar month: computes the month's accrual and
/// writes its transfers into `out` (no allocation). Legs, in order: maintenance_accrued per
/// receiving parent in the order given (skipped when zero), then one collection_fee_accrued for
/// the case (skipped when zero). Every leg's cause is (monthly_accrual, month), so a rerun
/// produces identical legs and the (case, cause, leg) key stops a double post.
monthly_accrual accrue_month(case_id for_case, const accrual_terms& terms, date::year_month month,
                             civil_date business_date, std::span<transfer> out);

}  // namespace cms::core
