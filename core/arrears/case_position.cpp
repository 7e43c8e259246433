#include "core/arrears/case_position.hpp"

#include <cstdint>

namespace cms::core {

namespace {

money balance_of(const case_balances& balances, account_kind kind, std::uint8_t slot = 0) {
    return balances.balance(account_ref{kind, slot});
}

}  // namespace

money owed_to_receiving_parent(const case_balances& balances, std::uint8_t receiving_parent_slot) {
    return balance_of(balances, account_kind::maintenance_due, receiving_parent_slot);
}

money owed_to_receiving_parents(const case_balances& balances) {
    money owed;
    for (std::uint8_t slot = 0; slot < receiving_parents_max; ++slot) owed += owed_to_receiving_parent(balances, slot);
    return owed;
}

money owed_to_state(const case_balances& balances) {
    return balance_of(balances, account_kind::collection_fee_due) +
           balance_of(balances, account_kind::enforcement_charges_due);
}

money owed_by_paying_parent(const case_balances& balances) {
    return owed_to_receiving_parents(balances) + owed_to_state(balances);
}

case_position position_of(const case_balances& balances, const std::optional<schedule_dues>& dues, civil_date as_of,
                          std::span<const ageing_bucket> buckets) {
    case_position position;
    position.as_of = as_of;
    position.owed_to_receiving_parents = owed_to_receiving_parents(balances);
    for (std::uint8_t slot = 0; slot < receiving_parents_max; ++slot) {
        position.owed_to_each_receiving_parent[slot] = owed_to_receiving_parent(balances, slot);
    }
    position.owed_to_state = owed_to_state(balances);
    position.owed_by_paying_parent = position.owed_to_receiving_parents + position.owed_to_state;
    position.paid = balance_of(balances, account_kind::cash_received);
    position.credit = balance_of(balances, account_kind::payments_unallocated);
    if (dues) {
        position.arrears = age_arrears(dues->fallen_due, position.paid, as_of, buckets);
        position.next_instalment = dues->next;
    }
    return position;
}

}  // namespace cms::core
