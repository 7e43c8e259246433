#include "core/ledger/ledger_balances.hpp"

namespace cms::core {

namespace {

/// The case-level kinds in storage order, after the three per-RP blocks.
constexpr std::array<account_kind, account_kind_count - 3> case_level_kinds{
    account_kind::collection_fee_due,   account_kind::enforcement_charges_due,
    account_kind::cash_received,        account_kind::payments_unallocated,
    account_kind::fee_income,           account_kind::cash_paid_out,
    account_kind::penalties_due,        account_kind::penalty_income,
};

constexpr std::size_t per_rp_block = receiving_parents_max;

void post(case_balances& balances, const transfer& movement) {
    account_totals& debited = balances.totals(movement.debit);
    debited.debits += movement.amount;
    account_totals& credited = balances.totals(movement.credit);
    credited.credits += movement.amount;
}

/// Every normal-side balance is >= 0, nobody is paid out money not collected for them, and the
/// case never pays out cash it neither holds nor can recover.
ledger_check check_limits(const case_balances& balances) {
    // By index: every replayed posting comes through here, and looking each account up by kind
    // made this the writer's largest single function on the payment path (issue #13).
    for (std::size_t i = 0; i < case_balances::account_count; ++i) {
        if (balances.balance_at(i).is_negative()) {
            return {ledger_violation::balance_below_zero, 0, transfer_status::ok, case_balances::account_at(i)};
        }
    }
    for (std::uint8_t slot = 0; slot < receiving_parents_max; ++slot) {
        if (balances.held_for_receiving_parent(slot).is_negative()) {
            return {ledger_violation::paid_out_more_than_collected, 0, transfer_status::ok,
                    account_ref{account_kind::owed_to_receiving_parent, slot}};
        }
    }
    if ((balances.cash_held() + balances.recoverable_total()).is_negative()) {
        return {ledger_violation::balance_below_zero, 0, transfer_status::ok,
                account_ref{account_kind::cash_paid_out, 0}};
    }
    return {};
}

}  // namespace

std::size_t case_balances::index_of(account_ref account) {
    switch (account.kind) {
        case account_kind::maintenance_due:
            return account.receiving_parent_slot;
        case account_kind::owed_to_receiving_parent:
            return per_rp_block + account.receiving_parent_slot;
        case account_kind::recoverable_from_receiving_parent:
            return 2 * per_rp_block + account.receiving_parent_slot;
        default:
            break;
    }
    for (std::size_t i = 0; i < case_level_kinds.size(); ++i) {
        if (case_level_kinds[i] == account.kind) return 3 * per_rp_block + i;
    }
    return 3 * per_rp_block;  // unreachable for validated accounts
}

account_ref case_balances::account_at(std::size_t index) {
    if (index < per_rp_block) {
        return {account_kind::maintenance_due, static_cast<std::uint8_t>(index)};
    }
    if (index < 2 * per_rp_block) {
        return {account_kind::owed_to_receiving_parent,
                static_cast<std::uint8_t>(index - per_rp_block)};
    }
    if (index < 3 * per_rp_block) {
        return {account_kind::recoverable_from_receiving_parent,
                static_cast<std::uint8_t>(index - 2 * per_rp_block)};
    }
    return {case_level_kinds[index - 3 * per_rp_block], 0};
}

money case_balances::balance(account_ref account) const {
    return balance_at(index_of(account));
}

money case_balances::balance_at(std::size_t index) const {
    const account_totals& t = slots_[index];
    return normal_side_of(account_at(index).kind) == normal_side::debit ? t.debits - t.credits : t.credits - t.debits;
}

money case_balances::cash_held() const {
    return balance({account_kind::cash_received, 0}) - balance({account_kind::cash_paid_out, 0});
}

money case_balances::held_for_receiving_parent(std::uint8_t slot) const {
    return balance({account_kind::owed_to_receiving_parent, slot}) - balance({account_kind::maintenance_due, slot});
}

money case_balances::recoverable_total() const {
    money total;
    for (std::uint8_t slot = 0; slot < receiving_parents_max; ++slot) {
        total += balance({account_kind::recoverable_from_receiving_parent, slot});
    }
    return total;
}

apply_result apply_transfers(case_balances& balances, std::span<const transfer> batch) {
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const auto problem = validate_transfer(batch[i]);
        if (problem != transfer_status::ok) {
            return {apply_status::invalid_transfer, i, problem, {}};
        }
        if (batch[i].for_case != balances.for_case()) {
            return {apply_status::wrong_case, i, transfer_status::ok, {}};
        }
    }
    case_balances next = balances;
    for (const transfer& movement : batch) post(next, movement);
    const ledger_check limits = check_limits(next);
    if (limits.violation != ledger_violation::none) {
        return {apply_status::exceeds_limit, 0, transfer_status::ok, limits.account};
    }
    balances = next;
    return {apply_status::ok, batch.size(), transfer_status::ok, {}};
}

void add_transfers(case_balances& balances, std::span<const transfer> legs) {
    for (const transfer& movement : legs) post(balances, movement);
}

const char* to_string(ledger_violation violation) {
    switch (violation) {
        case ledger_violation::none: return "none";
        case ledger_violation::invalid_transfer: return "invalid_transfer";
        case ledger_violation::wrong_case: return "wrong_case";
        case ledger_violation::debits_not_equal_credits: return "debits_not_equal_credits";
        case ledger_violation::balance_below_zero: return "balance_below_zero";
        case ledger_violation::paid_out_more_than_collected: return "paid_out_more_than_collected";
        case ledger_violation::cache_differs_from_replay: return "cache_differs_from_replay";
    }
    return "unknown";
}

ledger_check check_balances(const case_balances& balances) {
    money debits;
    money credits;
    for (std::size_t i = 0; i < case_balances::account_count; ++i) {
        const account_totals& t = balances.totals(case_balances::account_at(i));
        debits += t.debits;
        credits += t.credits;
    }
    if (debits != credits) return {ledger_violation::debits_not_equal_credits, 0, {}, {}};
    return check_limits(balances);
}

ledger_check check_journal(std::span<const transfer> journal, const case_balances& cached) {
    case_balances replayed(cached.for_case());
    for (std::size_t i = 0; i < journal.size(); ++i) {
        const auto problem = validate_transfer(journal[i]);
        if (problem != transfer_status::ok) {
            return {ledger_violation::invalid_transfer, i, problem, {}};
        }
        if (journal[i].for_case != cached.for_case()) {
            return {ledger_violation::wrong_case, i, transfer_status::ok, {}};
        }
        post(replayed, journal[i]);
    }
    // Check the cache's own arithmetic first: an unbalanced cache is the more specific finding.
    const ledger_check own = check_balances(cached);
    if (own.violation == ledger_violation::debits_not_equal_credits) return own;
    for (std::size_t i = 0; i < case_balances::account_count; ++i) {
        const account_ref account = case_balances::account_at(i);
        if (replayed.totals(account) != cached.totals(account)) {
            return {ledger_violation::cache_differs_from_replay, journal.size(), {}, account};
        }
    }
    return own;
}

}  // namespace cms::core
