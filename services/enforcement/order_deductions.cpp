// Deductions under an active order (core/enforcement/deductions.hpp has the rules): an employer's
// on a pay day under a deduction from earnings order, cut to the share of that period's net
// earnings the ladder allows; a bank's under a regular deduction order, skipped when it would
// leave the account below its floor. What was taken comes in as a payment on the case through the
// same intake as any other (payment_intake.hpp), in the command's one transaction with the
// deduction's own record, so the two never disagree.
#include "core/cases/case_rules.hpp"
#include "core/enforcement/deductions.hpp"
#include "persistence/unit_of_work.hpp"
#include "services/commands/command_refusal.hpp"
#include "services/commands/command_submission.hpp"
#include "services/enforcement/enforcement_service.hpp"
#include "services/payments/payment_intake.hpp"
#include "services/wire/enforcement_json.hpp"

namespace cms::services {

namespace {

using detail::refuse;

[[noreturn]] void invalid(const char* field, std::string detail) {
    refuse(core::rejection{core::rejection_code::invalid_field, field, std::move(detail)});
}

/// The figure the order's kind needs, refusing the other one.
core::money basis_for(const deduction_command& command, core::enforcement_step step) {
    const bool from_earnings = step == core::enforcement_step::deduction_from_earnings_order;
    const auto& needed = from_earnings ? command.net_earnings : command.account_balance;
    const auto& other = from_earnings ? command.account_balance : command.net_earnings;
    const char* needed_name = from_earnings ? "net_earnings_pence" : "account_balance_pence";
    const char* other_name = from_earnings ? "account_balance_pence" : "net_earnings_pence";
    const char* order = from_earnings ? "a deduction from earnings order" : "a regular deduction order";
    if (other) invalid(other_name, std::string("is not given under ") + order);
    if (!needed) invalid(needed_name, std::string("is required under ") + order);
    return *needed;
}

}  // namespace

void enforcement_service::record_deduction(deduction_command command, const command_context& context,
                                           outcome_callback done) {
    const core::civil_date today = clock_.today();
    std::string request_json = std::move(command.request_json);
    submit_command(
        writer_, today, "record_deduction", std::move(request_json), context,
        [=, command = std::move(command), ladder = ladder_, fees = collection_fees_](persistence::unit_of_work& work,
                                                                                    core::command_id cause) {
            const auto opened_on = work.cases().find_case_opened_on(command.for_case);
            if (!opened_on) refuse(core::rejection{core::rejection_code::not_found, "case_id", "does not exist"});
            const auto action = work.enforcement().find_enforcement_action(command.action_id);
            if (!action || action->for_case != command.for_case) {
                refuse(core::rejection{core::rejection_code::not_found, "action_id", "no such action on this case"});
            }
            const bool deduction_order = action->step == core::enforcement_step::deduction_from_earnings_order ||
                                         action->step == core::enforcement_step::regular_deduction_order;
            if (!deduction_order || !action->deduction_per_period) {
                refuse(core::rejection{core::rejection_code::conflicting_state, "action_id",
                                       "deductions are taken under a deduction from earnings order or a regular"
                                       " deduction order"});
            }
            if (action->status != core::action_status::active) {
                refuse(core::rejection{core::rejection_code::conflicting_state, "action_id",
                                       "the order is " + std::string(core::to_string(action->status)) +
                                           ": deductions are taken under an active order"});
            }
            const core::civil_date on = command.on.value_or(today);
            if (today < on) invalid("on", "must not be after the business date");
            if (on < action->status_on) invalid("on", "must not be before the order came into force");
            const core::money basis = basis_for(command, action->step);
            const core::ladder_step_rule* rule = ladder->rule_on(action->step, on);
            if (rule == nullptr) refuse(core::rejection{core::rejection_code::conflicting_state, "on", "no ladder rule that day"});

            persistence::enforcement_deduction_row row;
            row.action_id = action->action_id;
            row.on = on;
            row.basis = basis;
            row.wanted = *action->deduction_per_period;
            row.recorded_by = cause;
            core::payment_method method = core::payment_method::deduction_from_earnings;
            if (action->step == core::enforcement_step::deduction_from_earnings_order) {
                const auto taken = core::earnings_deduction_on_pay_day(row.wanted, basis, *rule->deduction_max_share);
                row.taken = taken.per_period;
                row.outcome = taken.capped ? core::deduction_outcome::capped : core::deduction_outcome::taken;
            } else {
                method = core::payment_method::deduction_from_account;
                const bool weekly = action->bank_deduction_frequency == core::payment_frequency::weekly;
                const auto floor = weekly ? rule->account_floor_weekly : rule->account_floor_monthly;
                const auto taken = core::regular_bank_deduction(row.wanted, basis, floor.value_or(core::money{}));
                row.taken = taken.taken;
                row.outcome = taken.skipped ? core::deduction_outcome::skipped_below_floor : core::deduction_outcome::taken;
            }
            if (row.taken.pence() > 0) {
                core::new_payment payment{command.for_case, row.taken, on, method,
                                          command.reference.empty() ? std::string(core::to_string(action->step)) + " " +
                                                                          std::to_string(action->action_id) + " " +
                                                                          core::format_iso_date(on)
                                                                    : command.reference};
                if (auto bad = core::check_new_payment(payment, *opened_on, today, core::case_limits{})) refuse(*bad);
                row.payment = take_in_payment(work, payment, cause, *fees);
            }
            if (!work.enforcement().insert_enforcement_deduction(row)) {
                refuse(core::rejection{core::rejection_code::conflicting_state, "on",
                                       "a deduction under this order is already recorded on " + core::format_iso_date(on)});
            }
            return answer{answer_kind::created, enforcement_deduction_answer(*action, row)};
        },
        std::move(done));
}

}  // namespace cms::services
