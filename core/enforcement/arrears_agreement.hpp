#pragma once
/// Arrears agreements: the first rung of the ladder. When a paying parent falls into arrears the
/// service offers to add an arrears instalment to each instalment of the payment plan, aiming to
/// clear the arrears within two years and never asking for more, ongoing and arrears together,
/// than a share of the parent's net income (40%, the same limit a deduction from earnings order
/// keeps to; Commons Library CBP-7774; GOV.UK "Child maintenance: if you cannot pay the full
/// amount on time"). While the agreement is kept the service does not escalate; a broken one
/// escalates as any missed payment does.
///
/// Kept means: after each instalment due since the agreement, the arrears have fallen at least by
/// the arrears instalment for every instalment due so far, while the ongoing maintenance is paid
/// (payments settle the oldest debt first, so an unpaid ongoing instalment shows as arrears that
/// did not fall). The agreement is complete once nothing is in arrears at an instalment's check.
#include <cstdint>
#include <optional>

#include "core/cases/case_records.hpp"
#include "core/common/money.hpp"
#include "core/common/rejection.hpp"

namespace cms::core {

/// What a caseworker and the paying parent agree from.
struct arrears_agreement_request {
    money arrears;                  ///< in arrears on the day (maintenance, fees and charges)
    money weekly_due;               ///< weekly maintenance in force plus its collection fee
    payment_frequency frequency = payment_frequency::monthly;  ///< of the payment plan
    money net_income_per_period;    ///< the paying parent's net income over one plan period
    basis_points income_share_max;  ///< ongoing plus arrears instalment at most this share of it
    std::optional<money> arrears_instalment_asked;  ///< a caseworker's figure; else the most that fits
};

struct arrears_agreement_terms {
    money ongoing_per_instalment;  ///< the weekly due over one plan period
    money arrears_instalment;      ///< added to each instalment
    money clears_in_two_years;     ///< the instalment that would clear the arrears in two years
    money arrears_instalment_max;  ///< the room the income share leaves beside the ongoing amount
    std::int64_t instalments = 0;  ///< how many arrears instalments clear the arrears
    bool within_two_years = false;
};

struct arrears_agreement_decision {
    std::optional<rejection> refused;
    arrears_agreement_terms terms;
};

/// The terms, or why none can be agreed: nothing in arrears; no room within the income share
/// beside the ongoing maintenance; an asked instalment above that room or above the arrears.
/// Default instalment: the two-year instalment (rounded up), cut to the room when it does not fit
/// (the agreement then runs longer than two years, as it must to stay affordable).
arrears_agreement_decision decide_arrears_agreement(const arrears_agreement_request& request);

/// The most the arrears may be after `instalments_due` instalments of a kept agreement made with
/// `arrears_at_agreement` in arrears: never below zero.
money arrears_allowed_after(money arrears_at_agreement, money arrears_instalment, std::int64_t instalments_due);

enum class agreement_check : std::uint8_t { kept = 0, broken, completed };

/// The agreement at the check of an instalment (after its grace period): completed when nothing
/// is in arrears, broken when the arrears are above what a kept agreement allows, kept otherwise.
agreement_check check_arrears_agreement(money arrears_now, money arrears_allowed);

/// What the next instalment asks for towards the arrears under a kept agreement: its arrears
/// instalment, the last one only what is left of the arrears.
money arrears_part_of_next_instalment(money arrears_instalment, money arrears_now);

enum class arrears_agreement_status : std::uint8_t { active = 1, completed, broken };
std::string_view to_string(arrears_agreement_status status);
std::optional<arrears_agreement_status> parse_arrears_agreement_status(std::string_view text);

}  // namespace cms::core
