#include "services/cases/case_service.hpp"

#include "persistence/unit_of_work.hpp"
#include "services/calculation/case_calculations.hpp"
#include "services/calculation/linked_cases.hpp"
#include "services/commands/command_refusal.hpp"
#include "services/commands/command_submission.hpp"
#include "services/payments/payment_intake.hpp"
#include "services/ledger/ledger_service.hpp"
#include "services/wire/answers.hpp"
#include "services/wire/stored_calculation.hpp"

namespace cms::services {

namespace {

using detail::refuse;

core::calculation_period opening_calculation(const open_case_command& command, core::civil_date opened_on,
                                             std::vector<core::qualifying_child> other_cases_children,
                                             const std::vector<core::calculation_rates>& rates) {
    core::calculation_input input = opening_calculation_input(command, opened_on);
    input.other_cases_children = std::move(other_cases_children);
    const core::calculation_rates* policy = core::rates_in_force(rates, opened_on);
    if (policy == nullptr) {
        refuse({core::rejection_code::conflicting_state, "business_date",
                "has no calculation policy in force on " + core::format_iso_date(opened_on)});
    }
    core::calculation_outcome outcome = core::calculate(input, *policy);
    if (const auto* rejection = std::get_if<core::calculation_rejection>(&outcome)) {
        refuse(case_calculation_rejection(*rejection, "paying_parent_circumstances."));
    }
    return {opened_on, std::nullopt, input, std::get<core::calculation_result>(std::move(outcome))};
}

using detail::no_such;

}  // namespace

case_service::case_service(persistence::writer& writer, persistence::read_pool& readers,
                           const business_clock& clock, core::case_limits limits,
                           std::vector<core::calculation_rates> calculation_rates,
                           std::vector<core::collection_fee_row> collection_fees,
                           std::vector<core::apportionment_row> payment_apportionment)
    : writer_(writer), readers_(readers), clock_(clock), limits_(limits),
      calculation_rates_(std::make_shared<const std::vector<core::calculation_rates>>(std::move(calculation_rates))),
      collection_fees_(std::make_shared<const std::vector<core::collection_fee_row>>(std::move(collection_fees))),
      payment_apportionment_(
          std::make_shared<const std::vector<core::apportionment_row>>(std::move(payment_apportionment))) {}

void case_service::submit(const std::string& command_type, std::string request_json, const command_context& context,
                          apply_function apply, outcome_callback done) {
    submit_command(writer_, clock_.today(), command_type, std::move(request_json), context, std::move(apply),
                   std::move(done));
}

void case_service::register_parent(register_parent_command command, const command_context& context,
                                   outcome_callback done) {
    const core::new_parent parent = command.parent;
    const core::case_limits limits = limits_;
    const core::civil_date business_date = clock_.today();
    // Rules are checked inside the writer, after the key lookup, so a repeat of an accepted
    // command is answered from the journal even if the rules or date have moved on since.
    submit("register_parent", std::move(command.request_json), context,
           [parent, limits, business_date](persistence::unit_of_work& work, core::command_id cause) {
               if (auto bad = core::check_new_parent(parent, business_date, limits)) refuse(*bad);
               const core::parent_id id = work.cases().insert_parent(parent, cause);
               return answer{answer_kind::created, parent_answer(core::parent_record{id, parent})};
           },
           std::move(done));
}

void case_service::open_case(open_case_command command, const command_context& context, outcome_callback done) {
    const core::case_limits limits = limits_;
    const core::civil_date business_date = clock_.today();
    std::string request_json = std::move(command.request_json);
    submit("open_case", std::move(request_json), context,
           [command = std::move(command), limits, business_date, rates = calculation_rates_](
               persistence::unit_of_work& work, core::command_id cause) {
               core::new_case opened = command.opened;
               const auto paying = work.cases().find_parent(opened.paying_parent);
               if (!paying) refuse({core::rejection_code::not_found, "paying_parent_id", "does not exist"});
               const auto receiving = work.cases().find_parent(opened.receiving_parent);
               if (!receiving) refuse({core::rejection_code::not_found, "receiving_parent_id", "does not exist"});
               // The case starts on the business date, and so does its first calculation: its
               // children's share of one calculation with the paying parent's other cases'.
               const core::calculation_period first = opening_calculation(
                   command, business_date, other_cases_children(work, opened.paying_parent, core::case_id{0}, business_date),
                   *rates);
               opened.weekly_amount = first.result.weekly_amount;
               if (auto bad = core::check_new_case(opened, *paying, *receiving, business_date, limits)) refuse(*bad);
               const core::case_id id = work.cases().insert_case(opened, business_date, cause);
               work.calculations().insert_calculation_row(calculation_row_for(id, first, "case_opened", cause));
               recalculate_linked_cases(work, opened.paying_parent, id, first, business_date, *rates, cause);
               // Read back what was stored, so the answer shows the defaults the store applied.
               const auto record = work.cases().find_case(id);
               return answer{answer_kind::created, opened_case_answer(*record, *paying, *receiving)};
           },
           std::move(done));
}

void case_service::record_payment(record_payment_command command, const command_context& context,
                                  outcome_callback done) {
    const core::new_payment payment = command.payment;
    const core::case_limits limits = limits_;
    const core::civil_date business_date = clock_.today();
    submit("record_payment", std::move(command.request_json), context,
           [payment, limits, business_date, fees = collection_fees_](persistence::unit_of_work& work, core::command_id cause) {
               // Only the opening date: the full record (children, schedule) is two more queries
               // on every payment (issue #13).
               const auto opened_on = work.cases().find_case_opened_on(payment.for_case);
               if (!opened_on) refuse({core::rejection_code::not_found, "case_id", "does not exist"});
               if (auto bad = core::check_new_payment(payment, *opened_on, business_date, limits)) refuse(*bad);
               // The same transaction posts the cash and its allocation to the ledger, and settles
               // any part-payment agreement the payment completes, in the same posting.
               const core::payment_id id = take_in_payment(work, payment, cause, *fees);
               return answer{answer_kind::created, payment_answer(persistence::payment_row{id, payment, cause, std::nullopt})};
           },
           std::move(done));
}

query_result<core::parent_record> case_service::get_parent(core::parent_id id) {
    auto session = readers_.borrow();
    const auto parent = session->cases().find_parent(id);
    if (!parent) return no_such("parent_id", "no parent with this id");
    return *parent;
}

query_result<case_details> case_service::get_case(core::case_id id) {
    // One snapshot, so the case, its parents and payments agree with each other.
    auto session = readers_.borrow(persistence::read_consistency::snapshot);
    const auto record = session->cases().find_case(id);
    if (!record) return no_such("case_id", "no case with this id");
    const auto paying = session->cases().find_parent(record->details.paying_parent);
    const auto receiving = session->cases().find_parent(record->details.receiving_parent);
    if (!paying || !receiving) throw std::runtime_error("case refers to a missing parent");
    case_details details{*record, *paying, *receiving, session->cases().list_payments(id),
                         session->jobs().failures_of_case(id.value), session->cases().find_case_closure(id)};
    // Supersessions append liability segments; the case row keeps the amount it opened with.
    if (auto in_force = session->calculations().weekly_amount_in_force(id, clock_.today())) {
        details.record.details.weekly_amount = *in_force;
    }
    return details;
}

}  // namespace cms::services
