// The write-off and part-payment commands of case_service. core/arrears/write_off.hpp holds the
// rules (reasons, consent, the representations window, amounts) and core/access/authorisation.hpp
// the four-eyes rule; this file reads the arrears owed, stores requests and decisions, and on
// approval posts the write-off in the same transaction as the decision.
#include "persistence/unit_of_work.hpp"
#include "services/arrears/part_payments.hpp"
#include "services/cases/case_service.hpp"
#include "services/commands/command_refusal.hpp"
#include "services/ledger/ledger_service.hpp"
#include "services/wire/answers.hpp"

namespace cms::services {

namespace {

using detail::refuse;

/// A refusal that is about who is acting, not about the request: 403.
[[noreturn]] void refuse_approver(refusal_kind kind, const std::string& detail) {
    detail::refuse(refusal{kind, detail, {}});
}

}  // namespace

// As the case's position counts them (core/arrears/case_position.hpp): the one definition of arrears.
core::money arrears_owed(persistence::read_view& view, core::case_id for_case, std::uint8_t slot, core::civil_date as_of,
                         std::span<const core::collection_fee_row> fees) {
    if (slot >= core::receiving_parents_max) return {};
    // The limit does not depend on ageing; one open bucket is a valid table that ages nothing apart.
    static constexpr std::array<core::ageing_bucket, 1> one_bucket{{{"1+", 1, std::nullopt}}};
    return case_position_of(view, for_case, as_of, fees, one_bucket).arrears_settleable[slot];
}

void case_service::request_arrears_action(arrears_request_command command, const command_context& context,
                                          outcome_callback done) {
    const core::case_id for_case = command.for_case;
    const core::civil_date business_date = clock_.today();
    const core::write_off_policy policy = write_off_policy_;
    const std::string requester = context.actor;
    const std::string command_type = std::string("request_") + std::string(core::to_string(command.request.kind));
    const auto fees = collection_fees_;
    std::string request_json = std::move(command.request_json);
    submit(command_type, std::move(request_json), context,
           [=, command = std::move(command)](persistence::unit_of_work& work, core::command_id cause) {
               if (!work.cases().find_case(for_case)) refuse({core::rejection_code::not_found, "case_id", "does not exist"});
               const core::money owed =
                   arrears_owed(work, for_case, command.request.receiving_parent_slot, business_date, *fees);
               if (auto bad = core::check_arrears_request(command.request, owed, business_date, policy)) refuse(*bad);
               if (command.request.kind == core::approval_kind::part_payment) {
                   // One agreement at a time per receiving parent: a second would count the same
                   // payment twice and write off the same arrears twice.
                   for (auto& open : work.arrears_requests().open_part_payment_agreements(for_case)) {
                       derive_agreement_state(open, business_date);
                       if (open.request.receiving_parent_slot == command.request.receiving_parent_slot &&
                           open.agreement_state == core::agreement_state::awaiting_payment) {
                           refuse({core::rejection_code::conflicting_state, "receiving_parent_slot",
                                   "has part payment " + std::to_string(open.id) + " awaiting payment until " +
                                       core::format_iso_date(open.decision->agreement->pay_by)});
                       }
                   }
               }
               persistence::arrears_request_row row;
               row.for_case = for_case;
               row.request = command.request;
               row.consent_reference = command.consent_reference;
               row.requested_by = requester;
               row.requested_on = business_date;
               row.approvable_from = core::earliest_approval_date(command.request, business_date, policy);
               row.id = work.arrears_requests().insert_arrears_request(row, cause);
               return answer{answer_kind::created, arrears_request_answer(row)};
           },
           std::move(done));
}

void case_service::decide_arrears_request(arrears_decision_command command, std::optional<core::role> approver_role,
                                          const command_context& context, outcome_callback done) {
    const std::int64_t request_id = command.request_id;
    const bool approve = command.approve;
    const std::string note = command.note;
    const core::civil_date business_date = clock_.today();
    const std::string approver = context.actor;
    const auto fees = collection_fees_;
    const core::write_off_policy policy = write_off_policy_;
    submit(approve ? "approve_arrears_request" : "reject_arrears_request", std::move(command.request_json), context,
           [=](persistence::unit_of_work& work, core::command_id cause) {
               auto row = work.arrears_requests().find_arrears_request(request_id);
               if (!row) refuse({core::rejection_code::not_found, "request_id", "does not exist"});
               // Four eyes applies to rejecting too: the requester cannot quietly withdraw their
               // own request under the guise of a decision.
               if (!approver_role) refuse_approver(refusal_kind::four_eyes, "a decision needs an authenticated approver");
               switch (core::may_approve(*approver_role, approver, row->requested_by)) {
                   case core::approval_decision::allowed: break;
                   case core::approval_decision::self_approval:
                       refuse_approver(refusal_kind::four_eyes, "nobody may decide their own request; another supervisor must");
                   case core::approval_decision::role_may_not_approve:
                       refuse_approver(refusal_kind::role_may_not_decide, "this role may not decide write-offs or part payments");
                   case core::approval_decision::unknown_requester:
                       refuse_approver(refusal_kind::four_eyes, "the request names no requester, so four eyes cannot be shown");
               }
               if (row->decision) {
                   refuse({core::rejection_code::conflicting_state, "request_id",
                           "was already " + std::string(row->decision->approved ? "approved" : "rejected")});
               }
               persistence::arrears_decision_row decision{approve, approver, business_date, note, {}, std::nullopt};
               if (approve) {
                   if (business_date < row->approvable_from) {
                       refuse({core::rejection_code::conflicting_state, "request_id",
                               "the parents' window for representations runs until " +
                                   core::format_iso_date(core::add_days(row->approvable_from, -1)) +
                                   "; it may be approved from " + core::format_iso_date(row->approvable_from)});
                   }
                   const std::uint8_t slot = row->request.receiving_parent_slot;
                   core::case_balances balances = balances_as_of(work.ledger(), row->for_case, business_date);
                   const auto amount = core::amount_to_write_off(
                       row->request, arrears_owed(work, row->for_case, slot, business_date, *fees));
                   if (amount.refused) refuse(*amount.refused);
                   if (row->request.kind == core::approval_kind::part_payment) {
                       // Approval makes the agreement; nothing is written off until the accepted
                       // amount has been received (part_payments.hpp).
                       decision.agreement = core::make_agreement(row->request, amount.written_off, business_date, policy);
                       work.arrears_requests().insert_arrears_decision(request_id, decision, cause);
                       row->decision = decision;
                       derive_agreement_state(*row, business_date);
                       return answer{answer_kind::ok, arrears_request_answer(*row)};
                   }
                   const core::transfer leg =
                       core::write_off_transfer(row->for_case, slot, amount.written_off, cause, business_date);
                   if (core::apply_transfers(balances, std::span(&leg, 1)).status != core::apply_status::ok) {
                       throw std::runtime_error("write-off posting would break a ledger limit");
                   }
                   work.ledger().insert_posting(std::span(&leg, 1));
                   decision.written_off = amount.written_off;
               }
               work.arrears_requests().insert_arrears_decision(request_id, decision, cause);
               row->decision = decision;
               return answer{answer_kind::ok, arrears_request_answer(*row)};
           },
           std::move(done));
}

arrears_request_page case_service::list_arrears_requests(bool pending_only, std::int64_t after_id, std::int64_t limit) {
    auto session = readers_.borrow();
    arrears_request_page page;
    page.requests = session->arrears_requests().list_arrears_requests(pending_only, after_id, limit);
    for (auto& row : page.requests) derive_agreement_state(row, clock_.today());
    // A full page may have more behind it; the client asks again from the last id.
    if (static_cast<std::int64_t>(page.requests.size()) == limit) page.next_after_id = page.requests.back().id;
    return page;
}

}  // namespace cms::services
