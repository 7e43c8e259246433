#pragma once
/// Passing collected money on to receiving parents (Collect and Pay: the Child Maintenance
/// Service collects from the paying parent and pays the receiving parent, keeping the 4%
/// collection fee, which the payment's own posting already took: see allocation.hpp).
///
/// A pay-out is one posting per case and date, closing its day in the ledger's order (after the
/// day's payments). For each receiving parent it passes on what is held for them (ledger.hpp:
/// owed_to_receiving_parent - maintenance_due): first it keeps back what they were overpaid (a
/// payment paid out and then reversed, overpayment_recovered), then pays the rest (paid_out).
///
/// What is held may be smaller later in the ledger than at the pay-out's place: a reversal
/// recorded before the pay-out ran, but dated the same day, sits before it yet already counted
/// on the money. So a pay-out passes on at most the least held at its place or after it, and
/// recovers at most the least recoverable; nothing later can then go below a limit.
#include <array>
#include <cstddef>
#include <span>
#include <vector>

#include "core/ledger/ledger_balances.hpp"

namespace cms::core {

/// One receiving parent's part of a pay-out.
struct payout_share {
    std::uint8_t receiving_parent_slot = 0;
    money recovered;  ///< kept back against an earlier overpayment
    money paid;       ///< passed on
};

struct payout_plan {
    std::array<payout_share, receiving_parents_max> shares{};
    std::size_t count = 0;
    std::span<const payout_share> list() const { return std::span(shares).first(count); }
    money paid_total() const;
};

/// The shares (only receiving parents with something to pay or recover) given the case's
/// balances at the pay-out's place and the postings after it, in ledger order.
payout_plan plan_payout(const case_balances& at_place, std::span<const std::vector<transfer>> later);

/// Two legs at most per receiving parent: overpayment_recovered, then paid_out.
inline constexpr std::size_t payout_transfers_max = 2 * receiving_parents_max;

/// Writes the plan's legs (numbered from 0); returns how many.
std::size_t payout_transfers(case_id for_case, const payout_plan& plan, transfer_cause cause, civil_date on,
                             std::span<transfer, payout_transfers_max> out);

}  // namespace cms::core
