// The write-off and part-payment commands of case_service. core/arrears/write_off.hpp holds the
// rules (reasons, consent, the representations window, amounts) and core/access/authorisation.hpp
// the four-eyes rule; this file reads the arrears owed, stores requests and decisions, and on
// approval posts the write-off in the same transaction as the decision.
#include "persistence/unit_of_work.hpp"
#include "services/cases/case_service.hpp"
#include "services/http/command_parsing.hpp"
#include "services/ledger/ledger_service.hpp"
#include "services/commands/command_refusal.hpp"

namespace cms::services {

namespace {

using detail::refuse;

/// Arrears owed to one receiving parent, as the case's position counts them.
core::money arrears_owed(persistence::read_view& view, core::case_id for_case, std::uint8_t slot, core::civil_date as_of) {
    return core::owed_to_receiving_parent(balances_as_of(view.ledger(), for_case, as_of), slot);
}

nlohmann::json request_view(const persistence::arrears_request_row& row) {
    nlohmann::json view = {{"id", row.id},
                           {"case_id", row.for_case.value},
                           {"kind", core::to_string(row.request.kind)},
                           {"receiving_parent_slot", row.request.receiving_parent_slot},
                           {"requested_by", row.requested_by},
                           {"requested_on", core::format_iso_date(row.requested_on)},
                           {"approvable_from", core::format_iso_date(row.approvable_from)},
                           {"status", !row.decision ? "pending" : row.decision->approved ? "approved" : "rejected"}};
    if (row.request.kind == core::approval_kind::write_off) {
        view["amount_pence"] = row.request.amount.pence();
        view["reason"] = core::to_string(*row.request.reason);
    } else {
        view["accepted_pence"] = row.request.amount.pence();
        view["consent_reference"] = row.consent_reference;
    }
    if (row.decision) {
        view["decision"] = {{"decided_by", row.decision->decided_by},
                            {"decided_on", core::format_iso_date(row.decision->decided_on)},
                            {"note", row.decision->note},
                            {"written_off_pence", row.decision->written_off.pence()}};
    }
    return view;
}

/// A refusal that is about who is acting, not about the request: 403.
[[noreturn]] void refuse_approver(const std::string& type_slug, const std::string& detail) {
    throw detail::refused_command{make_problem(403, type_slug, "Approval refused", detail)};
}

}  // namespace

void case_service::request_arrears_action(core::case_id for_case, core::approval_kind kind, const nlohmann::json& body,
                                          const command_context& context, outcome_callback done) {
    const arrears_request_command command = parse_arrears_request(body, kind);
    nlohmann::json canonical = body;
    canonical["case_id"] = for_case.value;
    canonical["kind"] = core::to_string(kind);
    const core::civil_date business_date = clock_.today();
    const core::write_off_policy policy = write_off_policy_;
    const std::string requester = context.actor;
    submit(std::string("request_") + std::string(core::to_string(kind)), std::move(canonical), context,
           [=](persistence::unit_of_work& work, core::command_id cause) {
               if (!work.cases().find_case(for_case)) refuse({core::rejection_code::not_found, "case_id", "does not exist"});
               const core::money owed = arrears_owed(work, for_case, command.request.receiving_parent_slot, business_date);
               if (auto bad = core::check_arrears_request(command.request, owed, business_date, policy)) refuse(*bad);
               persistence::arrears_request_row row;
               row.for_case = for_case;
               row.request = command.request;
               row.consent_reference = command.consent_reference;
               row.requested_by = requester;
               row.requested_on = business_date;
               row.approvable_from = core::earliest_approval_date(command.request, business_date, policy);
               row.id = work.arrears_requests().insert_arrears_request(row, cause);
               return command_outcome{201, request_view(row)};
           },
           std::move(done));
}

void case_service::decide_arrears_request(std::int64_t request_id, bool approve, std::optional<core::role> approver_role,
                                          const nlohmann::json& body, const command_context& context,
                                          outcome_callback done) {
    const std::string note = parse_decision_note(body);
    nlohmann::json canonical = body;
    canonical["request_id"] = request_id;
    canonical["decision"] = approve ? "approve" : "reject";
    const core::civil_date business_date = clock_.today();
    const std::string approver = context.actor;
    submit(approve ? "approve_arrears_request" : "reject_arrears_request", std::move(canonical), context,
           [=](persistence::unit_of_work& work, core::command_id cause) {
               auto row = work.arrears_requests().find_arrears_request(request_id);
               if (!row) refuse({core::rejection_code::not_found, "request_id", "does not exist"});
               // Four eyes applies to rejecting too: the requester cannot quietly withdraw their
               // own request under the guise of a decision.
               if (!approver_role) refuse_approver("four-eyes", "a decision needs an authenticated approver");
               switch (core::may_approve(*approver_role, approver, row->requested_by)) {
                   case core::approval_decision::allowed: break;
                   case core::approval_decision::self_approval:
                       refuse_approver("four-eyes", "nobody may decide their own request; another supervisor must");
                   case core::approval_decision::role_may_not_approve:
                       refuse_approver("forbidden", "this role may not decide write-offs or part payments");
                   case core::approval_decision::unknown_requester:
                       refuse_approver("four-eyes", "the request names no requester, so four eyes cannot be shown");
               }
               if (row->decision) {
                   refuse({core::rejection_code::conflicting_state, "request_id",
                           "was already " + std::string(row->decision->approved ? "approved" : "rejected")});
               }
               persistence::arrears_decision_row decision{approve, approver, business_date, note, {}};
               if (approve) {
                   if (business_date < row->approvable_from) {
                       refuse({core::rejection_code::conflicting_state, "request_id",
                               "the parents' window for representations runs until " +
                                   core::format_iso_date(core::add_days(row->approvable_from, -1)) +
                                   "; it may be approved from " + core::format_iso_date(row->approvable_from)});
                   }
                   const std::uint8_t slot = row->request.receiving_parent_slot;
                   core::case_balances balances = balances_as_of(work.ledger(), row->for_case, business_date);
                   const auto amount =
                       core::amount_to_write_off(row->request, core::owed_to_receiving_parent(balances, slot));
                   if (amount.refused) refuse(*amount.refused);
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
               return command_outcome{200, request_view(*row)};
           },
           std::move(done));
}

command_outcome case_service::list_arrears_requests(bool pending_only, std::int64_t after_id, std::int64_t limit) {
    auto session = readers_.borrow();
    nlohmann::json items = nlohmann::json::array();
    std::int64_t last_id = after_id;
    for (const auto& row : session->arrears_requests().list_arrears_requests(pending_only, after_id, limit)) {
        items.push_back(request_view(row));
        last_id = row.id;
    }
    nlohmann::json body = {{"requests", std::move(items)}};
    if (static_cast<std::int64_t>(body["requests"].size()) == limit) body["next_after_id"] = last_id;
    return command_outcome{200, std::move(body)};
}

}  // namespace cms::services
