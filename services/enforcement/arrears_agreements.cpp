// Arrears agreements (core/enforcement/arrears_agreement.hpp has the rule): a caseworker agrees
// with the paying parent an arrears instalment added to each instalment of the payment plan. The
// terms are fixed from the figures on the business date, in the command's one transaction: the
// arrears fallen due before it, the weekly maintenance and fee in force, the plan's frequency and
// the income the parent declares. The daily close then checks each instalment against them
// (close_day_job.cpp).
#include "core/enforcement/arrears_agreement.hpp"
#include "persistence/unit_of_work.hpp"
#include "services/commands/command_refusal.hpp"
#include "services/commands/command_submission.hpp"
#include "services/enforcement/case_facts.hpp"
#include "services/enforcement/enforcement_service.hpp"
#include "services/wire/enforcement_json.hpp"

namespace cms::services {

namespace {

using detail::refuse;

[[noreturn]] void conflict(std::string detail) {
    refuse(core::rejection{core::rejection_code::conflicting_state, "case_id", std::move(detail)});
}

}  // namespace

void enforcement_service::make_arrears_agreement(arrears_agreement_command command, const command_context& context,
                                                 outcome_callback done) {
    const core::civil_date today = clock_.today();
    std::string request_json = std::move(command.request_json);
    submit_command(
        writer_, today, "make_arrears_agreement", std::move(request_json), context,
        [=, command = std::move(command), fees = collection_fees_,
         policies = missed_payment_policy_](persistence::unit_of_work& work, core::command_id cause) {
            if (!work.cases().find_case_opened_on(command.for_case)) {
                refuse(core::rejection{core::rejection_code::not_found, "case_id", "does not exist"});
            }
            const core::missed_payment_policy* policy = core::missed_payment_policy_on(*policies, today);
            if (policy == nullptr) conflict("no missed-payment policy is in force on " + core::format_iso_date(today));
            const auto schedule = work.cases().find_payment_schedule(command.for_case);
            if (!schedule) conflict("the case has no payment plan to add an arrears instalment to");
            const case_facts facts = gather_facts(work, command.for_case, today, *fees);
            if (!facts.collect_and_pay) {
                conflict("an arrears agreement is for a case on Collect and Pay; on Direct Pay the parents arrange payment");
            }
            for (const auto& agreement : work.enforcement().arrears_agreements_of_case(command.for_case)) {
                if (agreement.status == core::arrears_agreement_status::active) {
                    conflict("arrears agreement " + std::to_string(agreement.agreement_id) + " is still active");
                }
            }
            for (const auto& action : facts.actions) {
                if (action.status == core::action_status::applied_for || core::in_force(action.status)) {
                    conflict("action " + std::to_string(action.action_id) + " (" +
                             std::string(core::to_string(action.step)) + ") is " +
                             std::string(core::to_string(action.status)) +
                             ": an agreement is offered before enforcement, not beside it");
                }
            }
            const core::arrears_agreement_decision decision = core::decide_arrears_agreement(
                {facts.arrears_total, facts.weekly_due, schedule->frequency, command.net_income_per_period,
                 policy->agreement_income_share_max, command.arrears_instalment});
            if (decision.refused) refuse(*decision.refused);
            persistence::arrears_agreement_row row;
            row.for_case = command.for_case;
            row.made_on = row.status_on = today;
            row.frequency = schedule->frequency;
            row.net_income_per_period = command.net_income_per_period;
            row.ongoing_per_instalment = decision.terms.ongoing_per_instalment;
            row.arrears_at_agreement = facts.arrears_total;
            row.arrears_instalment = decision.terms.arrears_instalment;
            row.instalments = decision.terms.instalments;
            row.note = command.note;
            row.made_by = cause;
            row.agreement_id = work.enforcement().insert_arrears_agreement(row);
            const std::int64_t withdrawn =
                withdraw_open_proposals(work, command.for_case, today,
                                        "arrears agreement " + std::to_string(row.agreement_id) + " made", cause, std::nullopt);
            work.enforcement().insert_case_notice(
                {command.for_case, today, core::case_notice::arrears_agreement_made,
                 core::format_pounds(row.arrears_instalment) + " added to each " + core::to_string(row.frequency) +
                     " instalment for " + std::to_string(row.instalments) + " instalments to clear " +
                     core::format_pounds(row.arrears_at_agreement) + " in arrears" +
                     (decision.terms.within_two_years ? "" : " (longer than two years: the income allows no more)") +
                     (withdrawn > 0 ? "; " + std::to_string(withdrawn) + " proposal(s) withdrawn" : ""),
                 std::nullopt, cause});
            return answer{answer_kind::created, arrears_agreement_answer(row, decision.terms)};
        },
        std::move(done));
}

}  // namespace cms::services
