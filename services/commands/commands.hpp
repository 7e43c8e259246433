#pragma once
/// The command vocabulary as typed values: what each command asks, as services take it. The
/// same commands arrive as HTTP bodies, scenario steps and the demo loader's bodies, and all are
/// read by one parser per command (services/wire/command_parsing.hpp), which also writes
/// `request_json`: the request as the journal records it (the body as sent, plus the ids its URL
/// names), against which a repeat of the command's key is compared field by field.
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/access/authorisation.hpp"
#include "core/arrears/write_off.hpp"
#include "core/calculation/calculation.hpp"
#include "core/calculation/status_change.hpp"
#include "core/payments/reversal.hpp"
#include "core/cases/case_records.hpp"
#include "core/cases/closure.hpp"
#include "core/enforcement/action.hpp"
#include "core/enforcement/deductions.hpp"
#include "core/enforcement/penalties.hpp"
#include "core/enforcement/service_switch.hpp"
#include "core/common/civil_date.hpp"
#include "core/common/money.hpp"
#include "services/commands/command_outcome.hpp"

namespace cms::services {

/// Who sent a command and under which client-supplied key.
struct command_context {
    std::string idempotency_key;
    std::string actor;
};

/// Called exactly once with the outcome; may run on the writer thread, so it must only hand
/// the outcome on (e.g. post it to the connection's executor).
using outcome_callback = std::function<void(command_outcome)>;

/// Sends a command through `submit` and waits for its outcome: for a caller that runs its
/// commands one at a time on its own thread (a simulation's caseworker, say), not on the writer's.
command_outcome wait_for_outcome(const std::function<void(outcome_callback)>& submit);

/// POST /v1/parents
struct register_parent_command {
    core::new_parent parent;
    std::string request_json;
};

/// POST /v1/cases: the case, and what the statutory calculation needs to set its weekly amount.
struct open_case_command {
    core::new_case opened;  ///< weekly_amount is left nil: the calculation sets it
    core::paying_parent_circumstances circumstances;
    std::vector<int> shared_care_nights;  ///< per child, in the order of opened.children
    std::string request_json;
};

/// POST /v1/cases/{id}/payments
struct record_payment_command {
    core::new_payment payment;
    std::string request_json;
};

/// POST /v1/parents/{id}/payments: one payment by a paying parent, split between their Collect and
/// Pay cases by the apportionment policy (payment.for_case is unused).
struct record_parent_payment_command {
    core::parent_id paying_parent;
    core::new_payment payment;
    std::string request_json;
};

/// POST /v1/cases/{id}/income. At most one of the two income figures; at least one change.
struct income_change_command {
    core::case_id for_case;
    core::civil_date effective_date;
    std::optional<core::money> gross_weekly_income;
    std::optional<core::money> yearly_income;  ///< the HMRC figure for a tax year (reg 35)
    bool annual_review = false;                ///< annual review: no 25% tolerance (reg 19-20)
    core::status_change status;
    std::string request_json;
};

/// POST /v1/cases/{id}/shared-care. Children are named by their number in the case (1 = the
/// first child the case was opened with), each at most once.
struct shared_care_change_command {
    core::case_id for_case;
    core::civil_date effective_date;
    std::vector<core::shared_care_change> children;  ///< child_id is the child number as text
    std::string request_json;
};

/// POST /v1/cases/{id}/write-offs and /part-payments. A part payment's `consent_reference`
/// (where the receiving parent's written consent is filed) is kept; without one core refuses it.
struct arrears_request_command {
    core::case_id for_case;
    core::arrears_request request;
    std::string consent_reference;
    std::string request_json;
};

/// POST /v1/approvals/{id}/approve and /reject, with the note the audit reads.
struct arrears_decision_command {
    std::int64_t request_id = 0;
    bool approve = false;
    std::string note;
    std::string request_json;
};

/// POST /v1/payments/{id}/reversal: take a payment back (core/payments/reversal.hpp).
struct reverse_payment_command {
    core::payment_id payment;
    core::reversal_reason reason = core::reversal_reason::bounced_direct_debit;
    std::string note;
    std::string request_json;
};

/// POST /v1/cases/{id}/closure: end the case from a date (core/cases/closure.hpp).
struct close_case_command {
    core::case_id for_case;
    core::closure_reason reason = core::closure_reason::receiving_parent_asked;
    core::civil_date effective_date;
    std::string request_json;
};

/// POST /v1/cases/{id}/enforcement-actions: a caseworker takes a step of the enforcement ladder
/// on the business date (core/enforcement/action.hpp). What the step needs comes with it: the
/// employer for a deduction from earnings order, the account for bank orders, why deductions
/// cannot work for a liability order without a failed deduction order.
struct apply_enforcement_command {
    core::case_id for_case;
    core::enforcement_step step = core::enforcement_step::deduction_from_earnings_order;
    std::optional<core::employer_details> employer;
    std::string bank_account_reference;
    core::payment_frequency bank_deduction_frequency = core::payment_frequency::monthly;
    std::string deduction_inappropriate;
    std::string note;
    std::string request_json;
};

/// POST /v1/cases/{id}/enforcement-actions/{action_id}/events: an outcome (a court's decision, an
/// order coming into force, succeeding, failing, running out) or a withdrawal. `outcome.on` is
/// the business date unless the body dates it earlier.
struct enforcement_event_command {
    core::case_id for_case;
    std::int64_t action_id = 0;
    core::action_outcome outcome;
    bool dated_by_request = false;
    std::string note;
    std::string request_json;
};

/// POST /v1/cases/{id}/warning-notices: a Direct Pay paying parent warned, on the business date,
/// that a missed payment may move the case to Collect and Pay.
struct warning_notice_command {
    core::case_id for_case;
    std::string note;
    std::string request_json;
};

/// POST /v1/cases/{id}/service-type: move the case between Direct Pay and Collect and Pay from a
/// date (core/enforcement/service_switch.hpp).
struct switch_service_command {
    core::case_id for_case;
    core::service_type to = core::service_type::collect_and_pay;
    core::service_switch_reason reason = core::service_switch_reason::missed_payment_reported;
    core::civil_date effective_date;
    std::string request_json;
};

/// POST /v1/cases/{id}/arrears-agreements: an arrears instalment added to each instalment of the
/// payment plan from the business date (core/enforcement/arrears_agreement.hpp), affordable on
/// the paying parent's net income over one plan period.
struct arrears_agreement_command {
    core::case_id for_case;
    core::money net_income_per_period;
    std::optional<core::money> arrears_instalment;  ///< else the most that fits, up to the two-year instalment
    std::string note;
    std::string request_json;
};

/// POST /v1/cases/{id}/enforcement-actions/{action_id}/deductions: what an employer deducted on a
/// pay day under an active deduction from earnings order (with that period's net earnings), or
/// what a bank was asked to take under a regular deduction order (with the balance before it).
struct deduction_command {
    core::case_id for_case;
    std::int64_t action_id = 0;
    std::optional<core::civil_date> on;  ///< the business date unless given (not after it)
    std::optional<core::money> net_earnings;     ///< deduction from earnings orders
    std::optional<core::money> account_balance;  ///< regular deduction orders
    std::string reference;                       ///< the employer's or bank's; generated when empty
    std::string request_json;
};

/// POST /v1/cases/{id}/penalties: a financial penalty payable to the state, as a court or the
/// Secretary of State imposed it (core/enforcement/penalties.hpp).
struct penalty_command {
    core::case_id for_case;
    core::penalty_kind kind = core::penalty_kind::information_offence;
    std::optional<core::money> amount;           ///< required unless the rule fixes it
    std::optional<core::civil_date> imposed_on;  ///< the business date unless given (not after it)
    std::optional<std::int64_t> action_id;       ///< an employer's penalty: the deduction from earnings order
    std::string note;
    std::string request_json;
};

/// POST /v1/users
struct add_user_command {
    std::string name;
    core::role role = core::role::caseworker;
    std::string request_json;
};

/// POST /v1/users/{id}/revoke
struct revoke_user_command {
    std::int64_t user_id = 0;
    std::string request_json;
};

/// POST /v1/jobs {"kind": "accrue", "through": ...}
struct start_accrual_command {
    core::civil_date through;
    std::string request_json;
};

/// The batch jobs POST /v1/jobs runs in place: on the server's job thread, answering when the job
/// has ended with what it did (services/batch/jobs_in_place.hpp). The replay's run_job steps and
/// its daily schedule (scheduled_tick: the scheduler's tick on the business date) over HTTP.
enum class job_in_place_kind { accrue, disburse, close_day, court_outcomes, scheduled_tick };
inline constexpr std::array<std::string_view, 5> job_in_place_kind_names = {"accrue", "disburse", "close_day",
                                                                            "court_outcomes", "scheduled_tick"};
inline std::string_view to_string(job_in_place_kind kind) { return job_in_place_kind_names[static_cast<std::size_t>(kind)]; }
inline std::optional<job_in_place_kind> parse_job_in_place_kind(std::string_view text) {
    for (std::size_t i = 0; i < job_in_place_kind_names.size(); ++i) {
        if (job_in_place_kind_names[i] == text) return static_cast<job_in_place_kind>(i);
    }
    return std::nullopt;
}

/// POST /v1/jobs {"kind": ..., "through": ..., "in_place": true}: `through` is absent for
/// scheduled_tick (it runs on the business date); `seed` is court_outcomes' only.
struct job_in_place_command {
    job_in_place_kind kind = job_in_place_kind::scheduled_tick;
    std::optional<core::civil_date> through;
    std::uint64_t seed = 0;
};

/// POST /v1/clock
struct set_business_date_command {
    core::civil_date business_date;
    std::string request_json;
};

}  // namespace cms::services
