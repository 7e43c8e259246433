#pragma once
// The case accounts the core ledger tests move money between, named once (slot 0 unless the
// receiving parent is given).
#include <cstdint>

#include "core/ledger/ledger.hpp"

namespace cms::testing::accounts {

constexpr core::account_ref maintenance_due_of(std::uint8_t receiving_parent_slot) {
    return {core::account_kind::maintenance_due, receiving_parent_slot};
}
constexpr core::account_ref owed_to_rp_of(std::uint8_t receiving_parent_slot) {
    return {core::account_kind::owed_to_receiving_parent, receiving_parent_slot};
}

inline constexpr core::account_ref maintenance_due = maintenance_due_of(0);
inline constexpr core::account_ref owed_to_rp = owed_to_rp_of(0);
inline constexpr core::account_ref fee_due{core::account_kind::collection_fee_due, 0};
inline constexpr core::account_ref fee_income{core::account_kind::fee_income, 0};
inline constexpr core::account_ref cash_received{core::account_kind::cash_received, 0};
inline constexpr core::account_ref unallocated{core::account_kind::payments_unallocated, 0};
inline constexpr core::account_ref cash_paid_out{core::account_kind::cash_paid_out, 0};

}  // namespace cms::testing::accounts
