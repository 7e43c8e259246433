#include "services/ledger/ledger_invariants.hpp"

#include "core/ledger/ledger_balances.hpp"

namespace cms::services {

namespace {

std::string rule_broken(const core::apply_result& applied, const persistence::posting& at) {
    const std::string where = " at the posting dated " + core::format_iso_date(at.business_date) + ", leg " +
                              std::to_string(applied.index);
    switch (applied.status) {
        case core::apply_status::exceeds_limit:
            return std::string("account ") + core::to_string(applied.account.kind) + " of receiving parent slot " +
                   std::to_string(applied.account.receiving_parent_slot) +
                   " would go beyond its limit (below zero on its normal side, or more cash paid out than received)" +
                   where;
        case core::apply_status::invalid_transfer:
            return std::string("a leg is invalid (") + core::to_string(applied.transfer_problem) + ")" + where;
        case core::apply_status::wrong_case:
            return "a leg belongs to another case" + where;
        case core::apply_status::ok:
            break;
    }
    return "unknown" + where;
}

}  // namespace

ledger_invariant_violation::ledger_invariant_violation(core::case_id for_case, const std::string& rule)
    : std::runtime_error("ledger of case " + std::to_string(for_case.value) + ": " + rule), for_case_(for_case) {}

void check_case_ledger(persistence::ledger_queries& ledger, core::case_id for_case) {
    core::case_balances balances(for_case);
    for (const auto& posting : ledger.list_postings(for_case, core::ledger_epoch, core::ledger_end)) {
        const auto applied = core::apply_transfers(balances, posting.legs);
        if (applied.status != core::apply_status::ok) {
            throw ledger_invariant_violation(for_case, rule_broken(applied, posting));
        }
    }
}

namespace {

/// check_case_ledger for a case `command` posted to. When the command's posting is the case's
/// latest (a payment received today, a charge imposed now), every posting before it was checked
/// when it was written and the case's balances after it are its ledger head: the limits need
/// checking there only, and the command's own legs need reading back only to prove they decode.
void check_case_after_command(persistence::ledger_queries& ledger, core::case_id for_case, core::command_id command) {
    const auto cause = core::transfer_cause::from_command(command);
    const auto head = ledger.ledger_head_of(for_case);
    if (!head || !(head->last_cause == cause)) {
        check_case_ledger(ledger, for_case);
        return;
    }
    const auto own = ledger.find_posting(for_case, cause);  // throws on legs that do not decode
    if (!own) throw ledger_invariant_violation(for_case, "the ledger head names a posting that is not there");
    const core::ledger_check limits = core::check_balances(head->balances);
    if (limits.violation == core::ledger_violation::none) return;
    if (limits.violation == core::ledger_violation::debits_not_equal_credits) {
        throw ledger_invariant_violation(for_case, "the ledger head's debits and credits differ");
    }
    throw ledger_invariant_violation(
        for_case, rule_broken({core::apply_status::exceeds_limit, 0, core::transfer_status::ok, limits.account}, *own));
}

}  // namespace

void check_ledger_after_command(persistence::ledger_queries& ledger, core::command_id command) {
    for (const core::case_id touched : ledger.cases_posted_by_command(command)) {
        check_case_after_command(ledger, touched, command);
    }
}

}  // namespace cms::services
