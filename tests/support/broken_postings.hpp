#pragma once
// A posting no correct command writes: it settles `amount` of maintenance out of a payment of
// the same amount, far more than any case owes, so the ledger's limits must refuse it. For the
// tests of the invariant check after every command.
#include <array>

#include "core/ledger/ledger.hpp"

namespace cms::testing {

inline std::array<core::transfer, 2> over_settling_payment_legs(core::case_id for_case, core::command_id cause,
                                                                core::civil_date on, core::money amount) {
    const auto by = core::transfer_cause::from_command(cause);
    return {core::make_transfer(for_case, {core::account_kind::cash_received, 0},
                                {core::account_kind::payments_unallocated, 0}, amount,
                                core::transfer_code::payment_received, 0, by, on),
            core::make_transfer(for_case, {core::account_kind::payments_unallocated, 0},
                                {core::account_kind::maintenance_due, 0}, amount,
                                core::transfer_code::payment_allocated, 1, by, on)};
}

}  // namespace cms::testing
