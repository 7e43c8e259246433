#include "core/arrears/case_position.hpp"

#include <algorithm>
#include <cstdint>

#include "core/payments/allocation.hpp"

namespace cms::core {

namespace {

money balance_of(const case_balances& balances, account_kind kind, std::uint8_t slot = 0) {
    return balances.balance(account_ref{kind, slot});
}

/// Settled now: every credit to a due account (payments, credit applied, write-offs), less what
/// was taken back since (a reversed allocation debits the account again).
money settled_on(const case_balances& balances, money taken_back, account_kind kind, std::uint8_t slot = 0) {
    return balances.totals(account_ref{kind, slot}).credits - taken_back;
}

bool is_charge(transfer_code code) {
    return code == transfer_code::maintenance_accrued || code == transfer_code::collection_fee_accrued ||
           code == transfer_code::enforcement_charge;
}

money unpaid(money fell_due, money settled) { return std::max(money{}, fell_due - settled); }

/// Credit held counts against arrears in the default allocation order (core/payments/allocation.hpp).
void count_credit(money credit, arrears_by_creditor& arrears) {
    std::array<money, receiving_parents_max> shares{};
    const money to_maintenance = std::min(credit, arrears.maintenance);
    split_pro_rata(to_maintenance, arrears.maintenance_by_receiving_parent, shares);
    arrears.maintenance = {};
    for (std::size_t slot = 0; slot < receiving_parents_max; ++slot) {
        arrears.maintenance_by_receiving_parent[slot] -= shares[slot];
        arrears.maintenance += arrears.maintenance_by_receiving_parent[slot];
    }
    credit -= to_maintenance;
    const money to_fee = std::min(credit, arrears.collection_fee);
    arrears.collection_fee -= to_fee;
    credit -= to_fee;
    arrears.enforcement_charges -= std::min(credit, arrears.enforcement_charges);
}

}  // namespace

money ledger_balance(const case_balances& balances) {
    money charged;
    for (std::uint8_t slot = 0; slot < receiving_parents_max; ++slot) {
        charged += balance_of(balances, account_kind::maintenance_due, slot);
    }
    return charged + balance_of(balances, account_kind::collection_fee_due) +
           balance_of(balances, account_kind::enforcement_charges_due);
}

void settlements_taken_back::count(const transfer& leg) {
    if (is_charge(leg.code)) return;
    if (leg.debit.kind == account_kind::maintenance_due) maintenance[leg.debit.receiving_parent_slot] += leg.amount;
    if (leg.debit.kind == account_kind::collection_fee_due) collection_fee += leg.amount;
    if (leg.debit.kind == account_kind::enforcement_charges_due) enforcement_charges += leg.amount;
}

position_status position_of(const case_balances& balances, const settlements_taken_back& taken_back,
                            const std::optional<plan_dues>& dues, civil_date as_of,
                            std::span<const ageing_bucket> buckets, case_position& out) {
    out = case_position{};
    out.as_of = as_of;
    out.paid = balance_of(balances, account_kind::cash_received);
    out.credit = balance_of(balances, account_kind::payments_unallocated);
    out.balance = ledger_balance(balances);
    if (!dues) return position_status::ok;
    out.next_instalment = dues->next;

    arrears_by_creditor arrears;
    for (std::uint8_t slot = 0; slot < receiving_parents_max; ++slot) {
        const money owed = unpaid(dues->maintenance_before[slot],
                                  settled_on(balances, taken_back.maintenance[slot], account_kind::maintenance_due, slot));
        arrears.maintenance_by_receiving_parent[slot] = owed;
        arrears.maintenance += owed;
    }
    arrears.collection_fee = unpaid(dues->collection_fee_before,
                                    settled_on(balances, taken_back.collection_fee, account_kind::collection_fee_due));
    arrears.enforcement_charges =
        unpaid(dues->enforcement_charges_before,
               settled_on(balances, taken_back.enforcement_charges, account_kind::enforcement_charges_due));
    count_credit(out.credit, arrears);
    arrears.total = arrears.maintenance + arrears.collection_fee + arrears.enforcement_charges;

    // Age the total: what is unpaid is the newest of what fell due before as_of.
    const auto before_end = std::find_if(dues->fallen_due.begin(), dues->fallen_due.end(),
                                         [&](const amount_due& item) { return !(item.due_date < as_of); });
    const std::span<const amount_due> before(dues->fallen_due.begin(), before_end);
    money fell_due_before;
    for (const amount_due& item : before) fell_due_before += item.amount;
    const arrears_position aged =
        age_arrears(before, std::max(money{}, fell_due_before - arrears.total), as_of, buckets);
    if (aged.status != arrears_status::ok) {
        out = case_position{};
        return position_status::invalid_dues;
    }
    for (const amount_due& item : dues->fallen_due) {
        if (as_of < item.due_date) break;
        out.due += item.amount;
        if (item.due_date == as_of) out.due_today += item.amount;
    }
    arrears.bucket_amounts = aged.bucket_amounts;
    arrears.bucket_count = aged.bucket_count;
    arrears.oldest_unpaid_due_date = aged.oldest_unpaid_due_date;
    arrears.days_overdue = aged.days_overdue;
    for (std::uint8_t slot = 0; slot < receiving_parents_max; ++slot) {
        out.arrears_settleable[slot] = std::min(arrears.maintenance_by_receiving_parent[slot],
                                                balance_of(balances, account_kind::maintenance_due, slot));
    }
    out.arrears = arrears;
    return position_status::ok;
}

}  // namespace cms::core
