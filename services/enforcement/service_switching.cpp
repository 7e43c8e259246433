// Direct Pay <-> Collect and Pay (core/enforcement/service_switch.hpp has the rule): the warning
// notice a switch after a missed payment needs, and the switch, which appends a liability term
// with the new service from its date for each receiving parent (the accrual then charges the
// collection fees from that day, or stops them) and records a notice, in one transaction.
#include <algorithm>

#include "core/ledger/accrual.hpp"
#include "persistence/case_terms_batch.hpp"
#include "persistence/unit_of_work.hpp"
#include "services/cases/case_service.hpp"
#include "services/commands/command_refusal.hpp"
#include "services/commands/command_submission.hpp"
#include "services/enforcement/enforcement_service.hpp"
#include "services/wire/enforcement_json.hpp"

namespace cms::services {

namespace {

using detail::refuse;

[[noreturn]] void no_case() { refuse(core::rejection{core::rejection_code::not_found, "case_id", "does not exist"}); }

bool pending(core::action_status status) {
    return status == core::action_status::proposed || status == core::action_status::applied_for || core::in_force(status);
}

}  // namespace

void enforcement_service::record_warning_notice(warning_notice_command command, const command_context& context,
                                                outcome_callback done) {
    const core::civil_date today = clock_.today();
    std::string request_json = std::move(command.request_json);
    submit_command(
        writer_, today, "record_warning_notice", std::move(request_json), context,
        [=, command = std::move(command), fees = collection_fees_](persistence::unit_of_work& work, core::command_id cause) {
            if (!work.cases().find_case_opened_on(command.for_case)) no_case();
            persistence::case_terms_batch terms;
            work.accrual().load_case_terms(terms, command.for_case.value, command.for_case.value, *fees);
            if (terms.cases().empty() ||
                core::service_in_force(terms.cases().front().terms.service_history, today) != core::service_type::direct_pay) {
                refuse(core::rejection{core::rejection_code::conflicting_state, "case_id",
                                       "a warning notice is for a case on Direct Pay"});
            }
            const persistence::case_notice_row notice{command.for_case,
                                                      today,
                                                      core::case_notice::direct_pay_warning,
                                                      command.note.empty() ? "a missed payment may move this case to Collect and Pay"
                                                                           : command.note,
                                                      std::nullopt,
                                                      cause};
            if (!work.enforcement().insert_case_notice(notice)) {
                refuse(core::rejection{core::rejection_code::conflicting_state, "case_id",
                                       "a warning notice was already recorded on this case today"});
            }
            return answer{answer_kind::created, case_notice_answer(notice)};
        },
        std::move(done));
}

std::optional<core::rejection> service_switch_refusal(persistence::read_view& view, const switch_service_command& command,
                                                     core::civil_date business_date,
                                                     std::span<const core::collection_fee_row> fees) {
    const core::rejection not_found{core::rejection_code::not_found, "case_id", "does not exist"};
    const auto record = view.cases().find_case(command.for_case);
    if (!record) return not_found;
    persistence::case_terms_batch terms;
    view.accrual().load_case_terms(terms, command.for_case.value, command.for_case.value, fees);
    if (terms.cases().empty()) return not_found;
    const core::accrual_terms& case_terms = terms.cases().front().terms;
    core::service_switch_context switching;
    switching.current = core::service_in_force(case_terms.service_history, core::add_days(command.effective_date, -1));
    switching.opened_on = record->opened_on;
    switching.business_date = business_date;
    switching.closed = view.cases().find_case_closure(command.for_case).has_value();
    switching.charged_through = charged_through(view, command.for_case);
    switching.latest_term_from = record->opened_on;
    for (const auto& liability : case_terms.receiving_parents) {
        for (const auto& segment : liability.weekly_history) {
            switching.latest_term_from = std::max(switching.latest_term_from, segment.effective_from);
        }
    }
    for (const auto& segment : case_terms.service_history) {
        switching.latest_term_from = std::max(switching.latest_term_from, segment.effective_from);
    }
    for (const auto& notice : view.enforcement().case_notices_of_case(command.for_case)) {
        if (notice.kind == core::case_notice::direct_pay_warning && !(command.effective_date < notice.on)) {
            switching.last_warning_on = std::max(switching.last_warning_on.value_or(notice.on), notice.on);
        }
    }
    for (const auto& action : view.enforcement().enforcement_actions_of_case(command.for_case)) {
        if (pending(action.status)) switching.enforcement_pending = true;
    }
    return core::check_service_switch(command.to, command.reason, command.effective_date, switching);
}

void enforcement_service::switch_service(switch_service_command command, const command_context& context,
                                         outcome_callback done) {
    const core::civil_date today = clock_.today();
    std::string request_json = std::move(command.request_json);
    submit_command(
        writer_, today, "switch_service", std::move(request_json), context,
        [=, command = std::move(command), fees = collection_fees_](persistence::unit_of_work& work, core::command_id cause) {
            if (auto refused = service_switch_refusal(work, command, today, *fees)) refuse(*refused);
            persistence::case_terms_batch terms;
            work.accrual().load_case_terms(terms, command.for_case.value, command.for_case.value, *fees);
            for (const auto& liability : terms.cases().front().terms.receiving_parents) {
                work.cases().append_liability_terms(command.for_case, liability.receiving_parent_slot, command.effective_date,
                                                    std::nullopt, command.to, cause);
            }
            work.cases().set_case_service(command.for_case, command.to);
            const persistence::case_notice_row notice{
                command.for_case,
                command.effective_date,
                core::case_notice::service_switched,
                std::string("to ") + core::to_string(command.to) + " (" + std::string(core::to_string(command.reason)) + ")",
                std::nullopt,
                cause};
            work.enforcement().insert_case_notice(notice);
            return answer{answer_kind::ok, service_switch_answer(command.for_case, command.to, command.reason,
                                                                 command.effective_date)};
        },
        std::move(done));
}

}  // namespace cms::services
