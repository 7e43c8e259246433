#pragma once
/// Enforcement actions of a case and each one's events (core/enforcement/action.hpp). An action's
/// row holds its current status; every change, the first included, is an event row beside it, so
/// the history is never lost. Missed payments, case notices and closed days are the daily
/// close's. Schema: schemas/sql/sqlite/0017_enforcement_actions.sql, 0018_close_of_day.sql,
/// 0019_service_switching.sql, 0020_arrears_agreements.sql, 0021_order_deductions.sql,
/// 0022_penalties.sql.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/cases/case_records.hpp"
#include "core/common/civil_date.hpp"
#include "core/common/ids.hpp"
#include "core/common/money.hpp"
#include "core/enforcement/action.hpp"
#include "core/enforcement/arrears_agreement.hpp"
#include "core/enforcement/deductions.hpp"
#include "core/enforcement/escalation.hpp"
#include "core/enforcement/penalties.hpp"
#include "core/payments/schedule.hpp"

namespace cms::persistence {

struct enforcement_action_row {
    std::int64_t action_id = 0;  ///< assigned on insert
    core::case_id for_case;
    core::enforcement_step step = core::enforcement_step::deduction_from_earnings_order;
    core::action_status status = core::action_status::proposed;
    core::civil_date created_on;
    std::optional<core::civil_date> applied_on;  ///< applied for, or made by the service
    core::civil_date status_on;                  ///< the date of the latest event
    std::optional<core::civil_date> until;       ///< a sanction's end
    std::optional<core::employer_details> employer;
    std::optional<core::money> deduction_per_period;  ///< deduction orders: the rate
    bool deduction_capped = false;                    ///< the rate was cut to the share of income allowed
    std::string bank_account_reference;               ///< bank orders
    std::optional<core::payment_frequency> bank_deduction_frequency;  ///< a regular deduction order's: weekly or monthly
    std::string deduction_inappropriate;              ///< why deductions cannot work (liability order)
    core::money charge;                               ///< the enforcement charge posted for it
    std::string charge_waiver;                        ///< why no charge, when the rule had one
    std::string note;
    /// What created it: a caseworker's command, or the daily close's job (a proposal).
    std::optional<core::command_id> created_by;
    std::optional<std::int64_t> created_by_job;
};

struct enforcement_event_row {
    std::int64_t action_id = 0;
    std::int64_t event_index = 0;  ///< 0 for the event that created the action
    core::action_event event = core::action_event::apply;
    core::action_status status_after = core::action_status::proposed;
    core::civil_date on;
    std::optional<core::court_finding> finding;
    std::optional<core::civil_date> until;
    std::string note;
    std::optional<core::command_id> recorded_by;
    std::optional<std::int64_t> recorded_by_job;
};

/// One deduction under an active order: an employer's on a pay day, or a bank's (possibly skipped
/// because the account would have fallen below its floor).
struct enforcement_deduction_row {
    std::int64_t action_id = 0;
    core::civil_date on;
    core::money basis;   ///< the pay period's net earnings, or the account balance before it
    core::money wanted;  ///< the order's rate
    core::money taken;
    core::deduction_outcome outcome = core::deduction_outcome::taken;
    std::optional<core::payment_id> payment;  ///< the payment it made on the case, when anything was taken
    core::command_id recorded_by;
};

/// An instalment the daily close found missed (core/enforcement/escalation.hpp).
struct missed_payment_row {
    core::case_id for_case;
    core::civil_date due_date;
    core::civil_date detected_on;
    core::money arrears;  ///< maintenance and fees in arrears when it was found
    std::int64_t job_id = 0;
};

struct case_notice_row {
    core::case_id for_case;
    core::civil_date on;
    core::case_notice kind = core::case_notice::missed_payment_contact;
    std::string detail;
    std::optional<std::int64_t> job_id;          ///< the daily close's notices
    std::optional<core::command_id> recorded_by;  ///< a caseworker's (a warning, a switch)
};

/// A Collect and Pay case still open, with the payment schedule in force on a day.
struct case_schedule_row {
    core::case_id for_case;
    core::payment_schedule schedule;
};

/// An arrears agreement (core/enforcement/arrears_agreement.hpp) with the figures it was made on.
struct arrears_agreement_row {
    std::int64_t agreement_id = 0;  ///< assigned on insert
    core::case_id for_case;
    core::civil_date made_on;
    core::payment_frequency frequency = core::payment_frequency::monthly;
    core::money net_income_per_period;
    core::money ongoing_per_instalment;
    core::money arrears_at_agreement;
    core::money arrears_instalment;
    std::int64_t instalments = 0;
    core::arrears_agreement_status status = core::arrears_agreement_status::active;
    core::civil_date status_on;
    std::string note;
    core::command_id made_by;
    std::optional<std::int64_t> ended_by_job;  ///< the daily close that found it broken or completed
};

/// A financial penalty imposed (core/enforcement/penalties.hpp); its money is the command's
/// penalty_imposed transfer.
struct penalty_row {
    std::int64_t penalty_id = 0;  ///< assigned on insert
    core::case_id for_case;
    core::penalty_kind kind = core::penalty_kind::information_offence;
    core::penalty_payer payer = core::penalty_payer::paying_parent;
    std::optional<std::int64_t> action_id;  ///< an employer's: the deduction from earnings order
    std::string employer_name;              ///< from that order, for views
    core::money amount;
    core::civil_date imposed_on;
    std::string note;
    core::command_id imposed_by;
};

/// One action with its events, oldest first, as views show it.
struct enforcement_action_history {
    enforcement_action_row action;
    std::vector<enforcement_event_row> events;
    std::vector<enforcement_deduction_row> deductions;
};



/// A case's enforcement as a caseworker sees it: its actions, the instalments it missed and the
/// notices that followed.
struct enforcement_action_list {
    core::case_id for_case;
    std::vector<enforcement_action_history> actions;
    std::vector<missed_payment_row> missed_payments;
    std::vector<case_notice_row> notices;
    std::vector<arrears_agreement_row> arrears_agreements;
    std::vector<penalty_row> penalties;
};

class enforcement_queries {
public:
    virtual ~enforcement_queries() = default;
    /// Every action of the case, oldest first.
    virtual std::vector<enforcement_action_row> enforcement_actions_of_case(core::case_id for_case) = 0;
    virtual std::optional<enforcement_action_row> find_enforcement_action(std::int64_t action_id) = 0;
    /// The action's events in order.
    virtual std::vector<enforcement_event_row> enforcement_events(std::int64_t action_id) = 0;

    virtual std::vector<missed_payment_row> missed_payments_of_case(core::case_id for_case) = 0;
    virtual std::vector<case_notice_row> case_notices_of_case(core::case_id for_case) = 0;
    /// Up to `limit` open Collect and Pay cases with ids above `after_id`, in id order, each with
    /// the schedule in force on `on` (cases without one are left out).
    virtual std::vector<case_schedule_row> collect_and_pay_schedules(std::int64_t after_id, std::int64_t limit,
                                                                     core::civil_date on) = 0;
    /// As collect_and_pay_schedules, but only schedules that may have an instalment due on `due`
    /// (a superset the caller checks with core::count_due_dates): monthly ones anchored on that
    /// day (or past the month's end when `due` is its last day), day-based ones a whole number of
    /// periods from their first due date. The daily close's scan, at a thirtieth of the rows.
    virtual std::vector<case_schedule_row> collect_and_pay_schedules_due_on(std::int64_t after_id, std::int64_t limit,
                                                                            core::civil_date on, core::civil_date due) = 0;
    /// Missed payments found on `detected_on`, for cases with ids above `after_id`, in case order.
    virtual std::vector<missed_payment_row> missed_payments_detected_on(core::civil_date detected_on,
                                                                        std::int64_t after_id, std::int64_t limit) = 0;
    /// Cases with ids above `after_id` that have a proposed action, in id order.
    virtual std::vector<core::case_id> cases_with_proposals(std::int64_t after_id, std::int64_t limit) = 0;
    /// The due date of the case's latest missed payment.
    virtual std::optional<core::civil_date> last_missed_due_date(core::case_id for_case) = 0;
    /// The latest day the daily close completed.
    virtual std::optional<core::civil_date> last_closed_day() = 0;

    /// The deductions under an order, oldest first.
    virtual std::vector<enforcement_deduction_row> enforcement_deductions(std::int64_t action_id) = 0;
    /// Deduction from earnings orders in force on some day of [from, to]: made on or before `to`,
    /// and active or ended on or after `from`; by id, after `after_id`, at most `limit`.
    /// Actions applied for and not yet decided, by id, after `after_id`, at most `limit`.
    virtual std::vector<enforcement_action_row> actions_before_a_court(std::int64_t after_id, std::int64_t limit) = 0;
    virtual std::vector<enforcement_action_row> earnings_orders_in_force_during(core::civil_date from, core::civil_date to,
                                                                               std::int64_t after_id,
                                                                               std::int64_t limit) = 0;

    /// Every agreement of the case, oldest first.
    virtual std::vector<arrears_agreement_row> arrears_agreements_of_case(core::case_id for_case) = 0;
    /// Every penalty on the case, oldest first, with the employer's name for an employer's.
    virtual std::vector<penalty_row> penalties_of_case(core::case_id for_case) = 0;

    /// Every active agreement, in case order (few beside the caseload: the daily close reads them
    /// once a day).
    virtual std::vector<arrears_agreement_row> active_arrears_agreements() = 0;
};

class enforcement_repository : public enforcement_queries {
public:
    /// Returns the new action's id.
    virtual std::int64_t insert_enforcement_action(const enforcement_action_row& row) = 0;
    /// Writes status, status_on, until, charge and charge_waiver of an existing action.
    virtual void update_enforcement_action(const enforcement_action_row& row) = 0;
    virtual void insert_enforcement_event(const enforcement_event_row& row) = 0;
    /// False (and nothing written) when the case already has a missed payment for that due date.
    virtual bool insert_missed_payment(const missed_payment_row& row) = 0;
    /// False (and nothing written) when the case already has a notice of that kind that day.
    virtual bool insert_case_notice(const case_notice_row& row) = 0;
    /// Records the day as closed (idempotent).
    virtual void mark_day_closed(core::civil_date day, std::int64_t job_id) = 0;

    /// False (and nothing written) when the order already has a deduction on that date.
    virtual bool insert_enforcement_deduction(const enforcement_deduction_row& row) = 0;

    /// Returns the new agreement's id; throws when the case already has an active one.
    virtual std::int64_t insert_arrears_agreement(const arrears_agreement_row& row) = 0;
    /// Returns the new penalty's id.
    virtual std::int64_t insert_penalty(const penalty_row& row) = 0;

    /// Writes status, status_on and ended_by_job of an existing agreement.
    virtual void update_arrears_agreement(const arrears_agreement_row& row) = 0;
};

}  // namespace cms::persistence
