// The parent payment command of case_service: a paying parent with several cases (one per
// receiving parent) pays once, and the payment is split between their Collect and Pay cases by the
// apportionment policy in force on its date (core/payments/apportionment.hpp). Each case's share is
// then a payment to that case, recorded, allocated and posted exactly as POST /v1/cases/{id}/payments
// does, all under this one command: one journal entry, one transaction, one answer listing the parts.
#include <nlohmann/json.hpp>

#include "core/payments/apportionment.hpp"
#include "persistence/unit_of_work.hpp"
#include "services/payments/payment_intake.hpp"
#include "services/cases/case_service.hpp"
#include "services/commands/command_refusal.hpp"
#include "services/ledger/ledger_service.hpp"
#include "services/wire/case_views.hpp"
#include "services/wire/json_text.hpp"

namespace cms::services {

namespace {

using detail::refuse;

/// The cases a payment received on `received_on` may go to: Collect and Pay, open by then (a
/// closed case still collects its arrears), oldest first.
std::vector<core::case_record> payable_cases(persistence::unit_of_work& work, core::parent_id paying,
                                             core::civil_date received_on) {
    std::vector<core::case_record> cases;
    for (const persistence::case_summary& summary : work.cases().cases_of_paying_parent(paying)) {
        if (summary.service != core::service_type::collect_and_pay || received_on < summary.opened_on) continue;
        if (auto record = work.cases().find_case(summary.id)) cases.push_back(std::move(*record));
    }
    return cases;
}

}  // namespace

void case_service::record_parent_payment(record_parent_payment_command command, const command_context& context,
                                         outcome_callback done) {
    const core::case_limits limits = limits_;
    const core::civil_date business_date = clock_.today();
    std::string request_json = std::move(command.request_json);
    submit("record_parent_payment", std::move(request_json), context,
           [command = std::move(command), limits, business_date, fees = collection_fees_,
            policy = payment_apportionment_](persistence::unit_of_work& work, core::command_id cause) {
               const core::new_payment& paid = command.payment;
               if (!work.cases().find_parent(command.paying_parent)) {
                   refuse({core::rejection_code::not_found, "parent_id", "does not exist"});
               }
               const auto cases = payable_cases(work, command.paying_parent, paid.received_on);
               if (cases.empty()) {
                   refuse({core::rejection_code::conflicting_state, "parent_id",
                           "pays in no Collect and Pay case open on " + core::format_iso_date(paid.received_on)});
               }
               const core::apportionment_row* rule = core::apportionment_in_force(*policy, paid.received_on);
               if (rule == nullptr) {
                   refuse({core::rejection_code::conflicting_state, "received_on",
                           "has no payment apportionment policy in force"});
               }
               // What each case is owed that a payment that day could settle: the weights of the split.
               std::vector<core::apportionment_claim> claims;
               for (const core::case_record& record : cases) {
                   core::new_payment probe = paid;
                   probe.for_case = record.id;
                   if (auto bad = core::check_new_payment(probe, record.opened_on, business_date, limits)) refuse(*bad);
                   claims.push_back({record.id, settleable_total(work, record.id, paid.received_on),
                                     work.calculations().weekly_amount_in_force(record.id, paid.received_on)
                                         .value_or(core::money{})});
               }
               const auto shares = core::apportion_payment(paid.amount, claims, rule->method);
               nlohmann::json parts = nlohmann::json::array();
               for (std::size_t i = 0; i < shares.size(); ++i) {
                   if (shares[i].amount.is_zero()) continue;
                   core::new_payment part = paid;
                   part.for_case = shares[i].for_case;
                   part.amount = shares[i].amount;
                   const core::payment_id id = take_in_payment(work, part, cause, *fees);
                   nlohmann::json view = payment_view(persistence::payment_row{id, part, cause, std::nullopt});
                   view["owed_pence"] = claims[i].owed.pence();
                   parts.push_back(std::move(view));
               }
               const nlohmann::json answered = {{"paying_parent_id", command.paying_parent.value},
                                                {"amount_pence", paid.amount.pence()},
                                                {"received_on", core::format_iso_date(paid.received_on)},
                                                {"method", core::to_string(paid.method)},
                                                {"reference", paid.reference},
                                                {"apportionment", core::to_string(rule->method)},
                                                {"payments", std::move(parts)}};
               return answer{answer_kind::created, write_json_text(answered)};
           },
           std::move(done));
}

}  // namespace cms::services
