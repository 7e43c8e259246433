#include "services/enforcement/enforcement_service.hpp"

#include <array>

#include "core/enforcement/deductions.hpp"
#include "core/ledger/accrual.hpp"
#include "persistence/case_terms_batch.hpp"
#include "persistence/unit_of_work.hpp"
#include "services/commands/command_refusal.hpp"
#include "services/commands/command_submission.hpp"
#include "services/enforcement/case_facts.hpp"
#include "services/ledger/ledger_service.hpp"
#include "services/wire/enforcement_json.hpp"

namespace cms::services {

namespace {

using detail::no_such;
using detail::refuse;

core::step_application application_of(const persistence::enforcement_action_row& row, core::civil_date on) {
    return {row.step, on, row.employer.has_value(), !row.bank_account_reference.empty(),
            !row.deduction_inappropriate.empty()};
}

/// The order is made: its charge posted (one leg: enforcement charges due <- fee income), or the
/// waiver that spares it recorded on the action.
void charge_order(persistence::unit_of_work& work, persistence::enforcement_action_row& row,
                  const core::ladder_step_rule& rule, std::span<const core::enforcement_action_state> history,
                  core::civil_date on, core::command_id cause) {
    const core::enforcement_charge_decision decision = core::charge_for(rule, row.action_id, history);
    if (decision.waived_because) row.charge_waiver = std::string(*decision.waived_because);
    if (decision.amount.is_zero()) return;
    row.charge = decision.amount;
    const core::transfer leg = core::make_transfer(
        row.for_case, {core::account_kind::enforcement_charges_due, 0}, {core::account_kind::fee_income, 0},
        decision.amount, core::transfer_code::enforcement_charge, 0, core::transfer_cause::from_command(cause), on);
    work.ledger().insert_posting(std::span<const core::transfer>(&leg, 1));
}

/// The rate a deduction order asks for, from the case's figures on the day it is made.
void set_deduction_rate(persistence::enforcement_action_row& row, const core::ladder_step_rule& rule,
                        const case_facts& facts, core::payment_frequency bank_frequency) {
    switch (row.step) {
        case core::enforcement_step::deduction_from_earnings_order: {
            const auto rate = core::earnings_deduction_rate(facts.weekly_due, facts.arrears_total,
                                                            row.employer->net_earnings_per_period,
                                                            row.employer->pay_frequency, *rule.deduction_max_share);
            row.deduction_per_period = rate.per_period;
            row.deduction_capped = rate.capped;
            break;
        }
        case core::enforcement_step::regular_deduction_order:
            // The paying parent's income is not known to a bank order; the account floor is
            // applied on each deduction (core::regular_bank_deduction).
            row.bank_deduction_frequency = bank_frequency;
            row.deduction_per_period = core::per_pay_period(facts.weekly_due, bank_frequency) +
                                       core::arrears_instalment(facts.arrears_total, bank_frequency);
            break;
        case core::enforcement_step::lump_sum_deduction_order:
            row.deduction_per_period = facts.arrears_total;  // arrears only, in one sum
            break;
        default:
            break;
    }
}

}  // namespace


enforcement_service::enforcement_service(persistence::writer& writer, persistence::read_pool& readers,
                                         const business_clock& clock, core::enforcement_ladder ladder,
                                         std::vector<core::collection_fee_row> collection_fees,
                                         std::vector<core::missed_payment_policy> missed_payment_policy,
                                         std::vector<core::penalty_rule> penalty_rules)
    : writer_(writer),
      readers_(readers),
      clock_(clock),
      ladder_(std::make_shared<const core::enforcement_ladder>(std::move(ladder))),
      collection_fees_(std::make_shared<const std::vector<core::collection_fee_row>>(std::move(collection_fees))),
      missed_payment_policy_(
          std::make_shared<const std::vector<core::missed_payment_policy>>(std::move(missed_payment_policy))),
      penalty_rules_(std::make_shared<const std::vector<core::penalty_rule>>(std::move(penalty_rules))) {}

void enforcement_service::apply_step(apply_enforcement_command command, const command_context& context,
                                     outcome_callback done) {
    const core::civil_date today = clock_.today();
    std::string request_json = std::move(command.request_json);
    submit_command(
        writer_, today, "apply_enforcement", std::move(request_json), context,
        [=, command = std::move(command), ladder = ladder_, fees = collection_fees_](persistence::unit_of_work& work,
                                                                                    core::command_id cause) {
            if (!work.cases().find_case_opened_on(command.for_case)) {
                refuse(core::rejection{core::rejection_code::not_found, "case_id", "does not exist"});
            }
            const case_facts facts = gather_facts(work, command.for_case, today, *fees);
            persistence::enforcement_action_row row;
            row.for_case = command.for_case;
            row.step = command.step;
            row.employer = command.employer;
            row.bank_account_reference = command.bank_account_reference;
            row.deduction_inappropriate = command.deduction_inappropriate;
            row.note = command.note;
            row.created_by = cause;
            row.created_on = row.status_on = today;
            row.applied_on = today;
            if (auto refused = core::check_step_allowed(*ladder, application_of(row, today),
                                                        ladder_facts(facts))) {
                refuse(*refused);
            }
            const core::ladder_step_rule& rule = *ladder->rule_on(command.step, today);
            row.status = core::status_when_applied(rule);
            set_deduction_rate(row, rule, facts, command.bank_deduction_frequency);
            if (core::makes_the_order(rule, core::action_event::apply)) {
                charge_order(work, row, rule, facts.history, today, cause);
            }
            row.action_id = work.enforcement().insert_enforcement_action(row);
            work.enforcement().insert_enforcement_event(
                {row.action_id, 0, core::action_event::apply, row.status, today, std::nullopt, std::nullopt, command.note, cause,
                 std::nullopt});
            return answer{answer_kind::created, enforcement_action_answer(view_of(work.enforcement(), row))};
        },
        std::move(done));
}

void enforcement_service::record_event(enforcement_event_command command, const command_context& context,
                                       outcome_callback done) {
    const core::civil_date today = clock_.today();
    if (!command.dated_by_request) command.outcome.on = today;
    std::string request_json = std::move(command.request_json);
    submit_command(
        writer_, today, "record_enforcement_event", std::move(request_json), context,
        [=, command = std::move(command), ladder = ladder_, fees = collection_fees_](persistence::unit_of_work& work,
                                                                                    core::command_id cause) {
            auto row = work.enforcement().find_enforcement_action(command.action_id);
            if (!row || row->for_case != command.for_case) {
                refuse(core::rejection{core::rejection_code::not_found, "action_id", "is not an action of this case"});
            }
            const core::action_outcome& outcome = command.outcome;
            if (today < outcome.on) {
                refuse(core::rejection{core::rejection_code::invalid_field, "on", "must not be after the business date"});
            }
            const case_facts facts = gather_facts(work, command.for_case, outcome.on, *fees);
            // The rules in force on the day of the event (a charge is the one in force when the
            // order is made), or, for a step since dropped from the ladder, those it was applied under.
            const core::ladder_step_rule* rule = ladder->rule_on(row->step, outcome.on);
            if (!rule) rule = ladder->rule_on(row->step, row->applied_on.value_or(row->created_on));
            if (!rule) refuse(core::rejection{core::rejection_code::conflicting_state, "step", "has no rule in the ladder"});
            const auto moved = core::apply_outcome(state_of(*row), *rule, outcome, facts.history);
            if (const auto* refused = std::get_if<core::rejection>(&moved)) refuse(*refused);
            if (outcome.event == core::action_event::apply) {
                if (auto refused = core::check_step_allowed(*ladder, application_of(*row, outcome.on),
                                                            ladder_facts(facts))) {
                    refuse(*refused);
                }
                row->applied_on = outcome.on;
            }
            row->status = std::get<core::action_status>(moved);
            row->status_on = outcome.on;
            if (outcome.until) row->until = outcome.until;
            if (core::makes_the_order(*rule, outcome.event)) charge_order(work, *row, *rule, facts.history, outcome.on, cause);
            work.enforcement().update_enforcement_action(*row);
            const auto index = static_cast<std::int64_t>(work.enforcement().enforcement_events(row->action_id).size());
            work.enforcement().insert_enforcement_event({row->action_id, index, outcome.event, row->status, outcome.on,
                                                         outcome.finding, outcome.until, command.note, cause, std::nullopt});
            return answer{answer_kind::ok, enforcement_action_answer(view_of(work.enforcement(), *row))};
        },
        std::move(done));
}

query_result<enforcement_action_list> enforcement_service::list_actions(core::case_id for_case) {
    auto session = readers_.borrow(persistence::read_consistency::snapshot);
    if (!session->cases().find_case_opened_on(for_case)) return no_such("case_id", "no case with this id");
    enforcement_action_list list{for_case, {}, session->enforcement().missed_payments_of_case(for_case),
                                 session->enforcement().case_notices_of_case(for_case),
                                 session->enforcement().arrears_agreements_of_case(for_case),
                                 session->enforcement().penalties_of_case(for_case)};
    for (const auto& row : session->enforcement().enforcement_actions_of_case(for_case)) {
        list.actions.push_back(view_of(session->enforcement(), row));
    }
    return list;
}

}  // namespace cms::services
