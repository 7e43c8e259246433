// The change-of-circumstances commands of case_service (income, shared care) and the case's
// calculation history. core decides whether a change supersedes (decide_change_of_circumstances);
// this file checks the dates against the case, stores what was decided and answers.
#include "core/calculation/income.hpp"
#include "persistence/unit_of_work.hpp"
#include "services/calculation/case_calculations.hpp"
#include "services/calculation/linked_cases.hpp"
#include "services/cases/case_service.hpp"
#include "services/commands/command_refusal.hpp"
#include "services/wire/answers.hpp"
#include "services/wire/stored_calculation.hpp"

namespace cms::services {

namespace {

using detail::refuse;

/// How far ahead of the business date a change may take effect: a change the parent already
/// knows of (a new job starting next month), not a guess about next year.
constexpr std::int64_t change_days_ahead_max = 92;

void check_effective_date(core::civil_date effective, core::civil_date opened_on, core::civil_date business_date) {
    if (effective < opened_on) {
        refuse({core::rejection_code::invalid_field, "effective_date",
                "must not be before the case opened on " + core::format_iso_date(opened_on)});
    }
    if (core::days_between(business_date, effective) > change_days_ahead_max) {
        refuse({core::rejection_code::invalid_field, "effective_date",
                "must be at most " + std::to_string(change_days_ahead_max) + " days after the business date " +
                    core::format_iso_date(business_date)});
    }
}

void check_child_numbers(const std::vector<core::shared_care_change>& changes, std::size_t children_count) {
    for (std::size_t i = 0; i < changes.size(); ++i) {
        if (std::stoul(changes[i].child_id) > children_count) {
            refuse({core::rejection_code::invalid_field, "children[" + std::to_string(i) + "].child_number",
                    "names no child of this case (it has " + std::to_string(children_count) + ")"});
        }
    }
}

/// Decides `change` against the case's stored calculations; a supersession appends the new
/// calculation and its liability segment from the effective date (the past keeps its amount).
answer apply_change(persistence::unit_of_work& work, core::case_id for_case, const core::circumstance_change& change,
                             const core::status_change& status, const std::string& reason,
                             core::civil_date business_date, const std::vector<core::calculation_rates>& rates,
                             core::command_id cause) {
    const auto target = work.cases().find_case(for_case);
    if (!target) refuse({core::rejection_code::not_found, "case_id", "does not exist"});
    check_effective_date(change.effective_date, target->opened_on, business_date);
    check_child_numbers(change.shared_care, target->details.children.size());
    const auto rows = work.calculations().list_calculations(for_case);
    if (rows.empty()) {
        refuse({core::rejection_code::conflicting_state, "case_id",
                "has no stored calculation (it was opened before calculations were kept)"});
    }
    core::circumstance_change with_other_cases = change;
    // The paying parent's other cases as they stand that day (normally what the case already holds).
    with_other_cases.other_cases_children =
        other_cases_children(work, target->details.paying_parent, for_case, change.effective_date);
    const core::supersession_decision decision =
        core::decide_change_of_circumstances(calculation_history(rows), with_other_cases, status, rates);
    switch (decision.outcome) {
        case core::supersession_outcome::superseded:
            break;
        case core::supersession_outcome::income_change_below_tolerance:
        case core::supersession_outcome::no_shared_care_band_change:
        case core::supersession_outcome::no_change:
            // Journaled (the caller's submit records it) but the calculation in force stands.
            return answer{answer_kind::ok, circumstance_change_answer(for_case, decision, change.effective_date,
                                                                      rows.back().weekly_amount)};
        case core::supersession_outcome::earlier_than_latest_period:
            refuse({core::rejection_code::conflicting_state, "effective_date", decision.detail});
        case core::supersession_outcome::calculation_rejected:
            refuse(case_calculation_rejection(*decision.rejection, ""));
        case core::supersession_outcome::unknown_child:
        case core::supersession_outcome::no_qualifying_child_left:  // only a child ceasing to qualify leaves
            refuse({core::rejection_code::invalid_field, "children", decision.detail});
        case core::supersession_outcome::no_calculation_history:
        case core::supersession_outcome::before_initial_effective_date:
        case core::supersession_outcome::no_policy_in_force:
            refuse({core::rejection_code::invalid_field, "effective_date", decision.detail});
    }
    const core::calculation_period& latest = decision.history.back();
    if (latest.effective_from == rows.back().effective_from) {
        // Segments and calculations are appended, never replaced, so one date holds one.
        refuse({core::rejection_code::conflicting_state, "effective_date",
                "is the day the calculation in force starts; a further change can take effect from the next day"});
    }
    if (const auto charged = charged_through(work, for_case); charged && !(*charged < change.effective_date)) {
        // The accrual posted those days at the old amount and never charges a month twice.
        refuse({core::rejection_code::conflicting_state, "effective_date",
                "falls on a day already charged (through " + core::format_iso_date(*charged) +
                    "); a change may take effect from " + core::format_iso_date(core::add_days(*charged, 1))});
    }
    work.calculations().append_calculation(calculation_row_for(for_case, latest, reason, cause));
    recalculate_linked_cases(work, target->details.paying_parent, for_case, latest, change.effective_date, rates, cause);
    return answer{answer_kind::created,
                  circumstance_change_answer(for_case, decision, change.effective_date, latest.result.weekly_amount)};
}

}  // namespace

void case_service::record_income(income_change_command command, const command_context& context,
                                 outcome_callback done) {
    const core::case_id for_case = command.for_case;
    const core::civil_date business_date = clock_.today();
    std::string request_json = std::move(command.request_json);
    submit("record_income", std::move(request_json), context,
           [for_case, command = std::move(command), business_date, rates = calculation_rates_](persistence::unit_of_work& work,
                                                                         core::command_id cause) {
               core::circumstance_change change;
               change.effective_date = command.effective_date;
               change.annual_review = command.annual_review;
               change.new_gross_weekly_income = command.gross_weekly_income;
               // The HMRC figure is a tax year's income: weekly is yearly / 365 x 7 (reg 35).
               if (command.yearly_income) change.new_gross_weekly_income = core::historic_weekly_income(*command.yearly_income);
               return apply_change(work, for_case, change, command.status, "income_change", business_date,
                                   *rates, cause);
           },
           std::move(done));
}

void case_service::record_shared_care(shared_care_change_command command, const command_context& context,
                                      outcome_callback done) {
    const core::case_id for_case = command.for_case;
    const core::civil_date business_date = clock_.today();
    std::string request_json = std::move(command.request_json);
    submit("record_shared_care", std::move(request_json), context,
           [for_case, command = std::move(command), business_date, rates = calculation_rates_](persistence::unit_of_work& work,
                                                                         core::command_id cause) {
               core::circumstance_change change;
               change.effective_date = command.effective_date;
               change.shared_care = command.children;
               return apply_change(work, for_case, change, core::status_change{}, "shared_care_change",
                                   business_date, *rates, cause);
           },
           std::move(done));
}

query_result<calculation_history_view> case_service::get_calculation(core::case_id id) {
    auto session = readers_.borrow(persistence::read_consistency::snapshot);
    if (!session->cases().find_case(id)) return refusal{refusal_kind::not_found, "no case with this id", "case_id"};
    auto rows = session->calculations().list_calculations(id);
    if (rows.empty()) {
        return refusal{refusal_kind::not_found,
                       "this case has no stored calculation (it was opened before calculations were kept)", "case_id"};
    }
    return calculation_history_view{id, std::move(rows), clock_.today()};
}

}  // namespace cms::services
