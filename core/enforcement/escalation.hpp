#pragma once
/// Missed payments and the escalation that follows them, as the daily close applies them.
///
/// An instalment due on day X is missed when, at the close of day X + grace, something that fell
/// due on or before X is still unpaid: payments settle the oldest debt first, so an unpaid earlier
/// instalment means this one's money went to it. A missed payment is recorded with the contact
/// and arrears notice that follow it (GOV.UK "Child maintenance: what happens if payments are not
/// made"; the Child Support Management of Payments and Arrears Regulations 2009 reg 3). If the
/// paying parent is still in arrears some days later, the next rung of the ladder the service can
/// take without a caseworker's judgment is proposed: a deduction order first, then a liability
/// order once a deduction order has failed, then enforcement agents under a liability order. Court
/// sanctions are never proposed: they need a caseworker and a court's finding. When the paying
/// parent has paid enough instalments in full since the last one missed, escalation stops and
/// open proposals are withdrawn.
///
/// The grace period, the wait before a proposal and the number of instalments that make a parent
/// compliant are not published for Great Britain (Northern Ireland's service says enforcement
/// starts within a week): they are dated policy rows (schemas/policy/missed_payments.json).
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/common/civil_date.hpp"
#include "core/common/money.hpp"
#include "core/enforcement/action.hpp"
#include "core/payments/schedule.hpp"

namespace cms::core {

struct missed_payment_policy {
    civil_date effective_from{};
    std::int64_t grace_days = 0;            ///< after the due date before it counts as missed
    std::int64_t proposal_after_days = 0;   ///< after the missed payment before a step is proposed
    std::int64_t compliant_instalments = 0; ///< paid in full since the last missed one: escalation stops
    /// An arrears agreement asks, ongoing and arrears together, for at most this share of the
    /// paying parent's net income (core/enforcement/arrears_agreement.hpp).
    basis_points agreement_income_share_max{};
};

/// The row in force on `on` (rows by ascending date), or nullptr before the first.
const missed_payment_policy* missed_payment_policy_on(std::span<const missed_payment_policy> rows, civil_date on);

/// Rows in ascending date order, day counts 0..366, at least one compliant instalment.
bool valid_missed_payment_policy(std::span<const missed_payment_policy> rows);

/// The instalment whose grace period ends with `closing_day`, if the schedule has one due then:
/// its due date, closing_day - grace_days.
std::optional<civil_date> instalment_to_check(const payment_schedule& schedule, civil_date closing_day,
                                              std::int64_t grace_days);

/// True when the instalment due on `due_date` is missed: the oldest unpaid due date (from the
/// case's position after the closing day) is on or before it.
bool is_missed(std::optional<civil_date> oldest_unpaid_due_date, civil_date due_date);

/// The step to propose for a case in arrears with this history, or nothing: nothing while any
/// action is proposed, applied for or in force; a deduction from earnings order when no deduction
/// order was tried; a liability order when one failed or ran out and none was granted; enforcement
/// agents under a granted liability order when agents were not tried. Nothing beyond.
std::optional<enforcement_step> step_to_propose(std::span<const enforcement_action_state> history);

/// True when at least `policy.compliant_instalments` instalments fell due after the last missed
/// one up to `closing_day` and nothing that fell due is unpaid.
bool is_compliant(const payment_schedule& schedule, civil_date last_missed_due_date, civil_date closing_day,
                  std::optional<civil_date> oldest_unpaid_due_date, const missed_payment_policy& policy);

/// Notices a missed payment brings, stored by name.
enum class case_notice : std::uint8_t {
    missed_payment_contact = 1,  ///< the paying parent is contacted to find out why and arrange payment
    arrears_notice,              ///< the statutory arrears notice
    enforcement_proposed,        ///< a step of the ladder was proposed to a caseworker
    escalation_stopped,          ///< compliant again: open proposals withdrawn
    direct_pay_warning,          ///< a Direct Pay parent warned that a missed payment may move the case to Collect and Pay
    service_switched,            ///< the case moved between Direct Pay and Collect and Pay
    arrears_agreement_made,      ///< an arrears instalment added to the plan (arrears_agreement.hpp)
    arrears_agreement_broken,    ///< an instalment of the agreement missed: escalation resumes
    arrears_agreement_completed, ///< the arrears of the agreement cleared
    employer_deduction_missed,   ///< an employer paid over fewer deductions than the order's pay days (remittance.hpp)
};
std::string_view to_string(case_notice notice);
std::optional<case_notice> parse_case_notice(std::string_view text);

}  // namespace cms::core
