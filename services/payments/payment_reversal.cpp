// The reversal command of case_service: take a payment back (core/payments/reversal.hpp has the
// legs). Journaled, idempotent and audited like every command; a second reversal of the same
// payment is refused. The posting that undoes the payment, the reversal row and the case's
// credit listing are written in one transaction.
#include "core/payments/reversal.hpp"
#include "persistence/unit_of_work.hpp"
#include "services/cases/case_service.hpp"
#include "services/commands/command_refusal.hpp"
#include "services/ledger/ledger_service.hpp"
#include "services/wire/answers.hpp"

namespace cms::services {

using detail::refuse;

void case_service::reverse_payment(reverse_payment_command command, const command_context& context,
                                   outcome_callback done) {
    const core::civil_date business_date = clock_.today();
    const auto fees = collection_fees_;
    std::string request_json = std::move(command.request_json);
    submit("reverse_payment", std::move(request_json), context,
           [=, command = std::move(command)](persistence::unit_of_work& work, core::command_id cause) {
               const auto payment = work.cases().find_payment(command.payment);
               if (!payment) refuse({core::rejection_code::not_found, "payment_id", "does not exist"});
               if (const auto earlier = work.cases().find_payment_reversal(command.payment)) {
                   refuse({core::rejection_code::conflicting_state, "payment_id",
                           "was already reversed on " + core::format_iso_date(earlier->reversed_on)});
               }
               if (work.cases().counted_towards_part_payment(payment->recorded_by)) {
                   // Undoing what an agreement counted (and any remainder it wrote off) is not built.
                   refuse({core::rejection_code::conflicting_state, "payment_id",
                           "counted towards a part payment in full and final satisfaction; it cannot be reversed"});
               }
               const core::case_id for_case = payment->details.for_case;
               std::vector<std::vector<core::transfer>> ledger;
               std::vector<core::transfer> payment_legs;
               for (auto& posting : work.ledger().list_postings(for_case, ledger_epoch, ledger_end)) {
                   if (posting.cause == core::transfer_cause::from_command(payment->recorded_by)) payment_legs = posting.legs;
                   ledger.push_back(std::move(posting.legs));
               }
               std::vector<core::transfer> legs;
               const auto reversed = core::reverse_payment(
                   payment_legs, ledger, receiving_parent_fee_on(work, for_case, business_date, *fees),
                   core::transfer_cause::from_command(cause), business_date, legs);
               if (reversed.status != core::reversal_status::ok) {
                   // The payment's posting is missing or the ledger does not hold its money: a broken
                   // ledger, so the command is rolled back and answered 500.
                   throw std::runtime_error(std::string("payment reversal refused by the ledger: ") +
                                            core::to_string(reversed.status));
               }
               work.ledger().insert_posting(legs);
               note_collections(work, legs);  // step 4 may settle maintenance from other credit
               core::case_balances after(for_case);
               for (const auto& posting : ledger) core::apply_transfers(after, posting);
               core::apply_transfers(after, legs);
               work.ledger().mark_holding_credit(
                   for_case, after.balance({core::account_kind::payments_unallocated, 0}) > core::money{});
               const persistence::payment_reversal_row row{command.payment, for_case, command.reason, command.note,
                                                           business_date, reversed.amount, cause};
               work.cases().insert_payment_reversal(row);
               return answer{answer_kind::created, payment_reversal_answer(row, reversed.reallocated, reversed.recoverable)};
           },
           std::move(done));
}

}  // namespace cms::services
