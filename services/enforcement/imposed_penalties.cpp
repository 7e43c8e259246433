// Financial penalties (core/enforcement/penalties.hpp has the rules): a caseworker records a
// penalty as a court or the Secretary of State imposed it. The dated rule of its kind decides the
// amount or refuses it; the penalty's row and its penalty_imposed transfer are written in the
// command's one transaction, on the case's own penalty accounts, apart from maintenance and fees.
#include "core/enforcement/penalties.hpp"
#include "persistence/unit_of_work.hpp"
#include "services/commands/command_refusal.hpp"
#include "services/commands/command_submission.hpp"
#include "services/enforcement/enforcement_service.hpp"
#include "services/enforcement/case_facts.hpp"
#include "services/wire/enforcement_json.hpp"

namespace cms::services {

namespace {

using detail::refuse;

[[noreturn]] void invalid(const char* field, std::string detail) {
    refuse(core::rejection{core::rejection_code::invalid_field, field, std::move(detail)});
}

}  // namespace

void enforcement_service::impose_penalty(penalty_command command, const command_context& context, outcome_callback done) {
    const core::civil_date today = clock_.today();
    std::string request_json = std::move(command.request_json);
    submit_command(
        writer_, today, "impose_penalty", std::move(request_json), context,
        [=, command = std::move(command), fees = collection_fees_, rules = penalty_rules_](persistence::unit_of_work& work,
                                                                                          core::command_id cause) {
            const auto opened_on = work.cases().find_case_opened_on(command.for_case);
            if (!opened_on) refuse(core::rejection{core::rejection_code::not_found, "case_id", "does not exist"});
            const core::civil_date imposed_on = command.imposed_on.value_or(today);
            if (today < imposed_on) invalid("imposed_on", "must not be after the business date");
            if (imposed_on < *opened_on) invalid("imposed_on", "must not be before the case opened");
            const core::penalty_payer payer = core::payer_of(command.kind);
            core::penalty_facts facts;
            if (command.action_id) {
                if (payer != core::penalty_payer::employer) invalid("action_id", "is only for an employer's penalty");
                const auto action = work.enforcement().find_enforcement_action(*command.action_id);
                if (!action || action->for_case != command.for_case) {
                    refuse(core::rejection{core::rejection_code::not_found, "action_id", "no such action on this case"});
                }
                facts.named_action_step = action->step;
            }
            if (command.kind == core::penalty_kind::late_payment) {
                const case_facts figures = gather_facts(work, command.for_case, imposed_on, *fees);
                facts.weekly_maintenance = figures.weekly_maintenance;
                facts.days_overdue = figures.days_overdue;
            }
            const core::penalty_decision decision = core::decide_penalty(
                command.kind, command.amount, core::penalty_rule_on(*rules, command.kind, imposed_on), facts);
            if (decision.refused) refuse(*decision.refused);
            persistence::penalty_row row;
            row.for_case = command.for_case;
            row.kind = command.kind;
            row.payer = payer;
            row.action_id = command.action_id;
            row.amount = decision.amount;
            row.imposed_on = imposed_on;
            row.note = command.note;
            row.imposed_by = cause;
            row.penalty_id = work.enforcement().insert_penalty(row);
            const core::transfer leg = core::penalty_transfer(command.for_case, decision.amount, cause, imposed_on);
            work.ledger().insert_posting(std::span<const core::transfer>(&leg, 1));
            return answer{answer_kind::created, penalty_answer(row)};
        },
        std::move(done));
}

}  // namespace cms::services
