#include "services/cases/case_service.hpp"

#include <spdlog/spdlog.h>

#include "persistence/unit_of_work.hpp"
#include "services/calculation/case_calculations.hpp"
#include "services/http/case_views.hpp"
#include "services/ledger/ledger_service.hpp"
#include "services/http/command_parsing.hpp"
#include "services/http/json_fields.hpp"
#include "services/commands/command_refusal.hpp"
#include "services/commands/command_submission.hpp"

namespace cms::services {

namespace {

using detail::refuse;

core::calculation_period opening_calculation(const open_case_command& command, core::civil_date opened_on,
                                             const std::vector<core::calculation_rates>& rates) {
    const core::calculation_input input = opening_calculation_input(command, opened_on);
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


}  // namespace

case_service::case_service(persistence::writer& writer, persistence::read_pool& readers,
                           const business_clock& clock, core::case_limits limits,
                           std::vector<core::calculation_rates> calculation_rates,
                           std::vector<core::collection_fee_row> collection_fees)
    : writer_(writer), readers_(readers), clock_(clock), limits_(limits),
      calculation_rates_(std::make_shared<const std::vector<core::calculation_rates>>(std::move(calculation_rates))),
      collection_fees_(std::make_shared<const std::vector<core::collection_fee_row>>(std::move(collection_fees))) {}

void case_service::submit(const std::string& command_type, nlohmann::json canonical_request,
                          const command_context& context, apply_function apply,
                          outcome_callback done) {
    submit_command(writer_, clock_.today(), command_type, std::move(canonical_request), context, std::move(apply),
                   std::move(done));
}

void case_service::register_parent(const nlohmann::json& body, const command_context& context,
                                   outcome_callback done) {
    const core::new_parent parent = parse_register_parent(body, limits_);
    const core::case_limits limits = limits_;
    const core::civil_date business_date = clock_.today();
    // Rules are checked inside the writer, after the key lookup, so a repeat of an accepted
    // command is answered from the journal even if the rules or date have moved on since.
    submit("register_parent", body, context,
           [parent, limits, business_date](persistence::unit_of_work& work, core::command_id cause) {
               if (auto bad = core::check_new_parent(parent, business_date, limits)) refuse(*bad);
               const core::parent_id id = work.cases().insert_parent(parent, cause);
               return command_outcome{201, parent_view(core::parent_record{id, parent})};
           },
           std::move(done));
}

void case_service::open_case(const nlohmann::json& body, const command_context& context,
                             outcome_callback done) {
    const open_case_command command = parse_open_case_command(body, limits_);
    const core::case_limits limits = limits_;
    const core::civil_date business_date = clock_.today();
    submit("open_case", body, context,
           [command, limits, business_date, rates = calculation_rates_](persistence::unit_of_work& work,
                                                                        core::command_id cause) {
               core::new_case opened = command.opened;
               const auto paying = work.cases().find_parent(opened.paying_parent);
               if (!paying) refuse({core::rejection_code::not_found, "paying_parent_id", "does not exist"});
               const auto receiving = work.cases().find_parent(opened.receiving_parent);
               if (!receiving) refuse({core::rejection_code::not_found, "receiving_parent_id", "does not exist"});
               // The case starts on the business date, and so does its first calculation.
               const core::calculation_period first = opening_calculation(command, business_date, *rates);
               opened.weekly_amount = first.result.weekly_amount;
               if (auto bad = core::check_new_case(opened, *paying, *receiving, business_date, limits)) refuse(*bad);
               const core::case_id id = work.cases().insert_case(opened, business_date, cause);
               work.calculations().insert_calculation_row(calculation_row_for(id, first, "case_opened", cause));
               // Read back what was stored, so the answer shows the defaults the store applied.
               const auto record = work.cases().find_case(id);
               return command_outcome{201, case_view(*record, *paying, *receiving, {})};
           },
           std::move(done));
}

void case_service::record_payment(core::case_id for_case, const nlohmann::json& body,
                                  const command_context& context, outcome_callback done) {
    const core::new_payment payment = parse_record_payment(body, for_case, limits_);
    nlohmann::json canonical = body;
    canonical["case_id"] = for_case.value;  // the same key for another case is a different command
    const core::case_limits limits = limits_;
    const core::civil_date business_date = clock_.today();
    submit("record_payment", std::move(canonical), context,
           [payment, limits, business_date, fees = collection_fees_](persistence::unit_of_work& work, core::command_id cause) {
               const auto target = work.cases().find_case(payment.for_case);
               if (!target) refuse({core::rejection_code::not_found, "case_id", "does not exist"});
               if (auto bad = core::check_new_payment(payment, *target, business_date, limits)) refuse(*bad);
               const core::payment_id id = work.cases().insert_payment(payment, cause);
               // The same transaction posts the cash and its allocation to the ledger.
               post_payment(work, payment.for_case, payment.amount, payment.received_on, cause, *fees);
               return command_outcome{201, payment_view(persistence::payment_row{id, payment})};
           },
           std::move(done));
}

command_outcome case_service::get_parent(core::parent_id id) {
    auto session = readers_.borrow();
    const auto parent = session->cases().find_parent(id);
    if (!parent) return make_problem(404, "not-found", "Not found", "no parent with this id", "parent_id");
    return command_outcome{200, parent_view(*parent)};
}

command_outcome case_service::get_case(core::case_id id) {
    // One snapshot, so the case, its parents and payments agree with each other.
    auto session = readers_.borrow(persistence::read_consistency::snapshot);
    const auto record = session->cases().find_case(id);
    if (!record) return make_problem(404, "not-found", "Not found", "no case with this id", "case_id");
    const auto paying = session->cases().find_parent(record->details.paying_parent);
    const auto receiving = session->cases().find_parent(record->details.receiving_parent);
    if (!paying || !receiving) throw std::runtime_error("case refers to a missing parent");
    const auto payments = session->cases().list_payments(id);
    core::case_record shown = *record;
    // Supersessions append liability segments; the case row keeps the amount it opened with.
    if (auto in_force = session->calculations().weekly_amount_in_force(id, clock_.today())) {
        shown.details.weekly_amount = *in_force;
    }
    nlohmann::json body = case_view(shown, *paying, *receiving, payments);
    // Batch failures are shown on the case itself, so no case is ever silently left behind.
    nlohmann::json failures = nlohmann::json::array();
    for (const auto& failure : session->jobs().failures_of_case(id.value)) {
        failures.push_back({{"job_id", failure.job_id}, {"period", failure.period}, {"reason", failure.reason},
                            {"recorded_at_utc", failure.recorded_at_utc}});
    }
    body["batch_failures"] = std::move(failures);
    return command_outcome{200, std::move(body)};
}

}  // namespace cms::services
