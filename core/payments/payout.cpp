#include "core/payments/payout.hpp"

#include <algorithm>

namespace cms::core {

money payout_plan::paid_total() const {
    money total;
    for (const payout_share& share : list()) total += share.paid;
    return total;
}

payout_plan plan_payout(const case_balances& at_place, std::span<const std::vector<transfer>> later) {
    std::array<money, receiving_parents_max> held_least{};
    std::array<money, receiving_parents_max> recoverable_least{};
    const auto recoverable_of = [](const case_balances& balances, std::uint8_t slot) {
        return balances.balance({account_kind::recoverable_from_receiving_parent, slot});
    };
    for (std::uint8_t slot = 0; slot < receiving_parents_max; ++slot) {
        held_least[slot] = at_place.held_for_receiving_parent(slot);
        recoverable_least[slot] = recoverable_of(at_place, slot);
    }
    // Replayed without limit checks: a sound ledger already passed them, and only the least
    // figures matter here.
    case_balances running = at_place;
    for (const auto& posting : later) {
        for (const transfer& leg : posting) {
            running.totals(leg.debit).debits += leg.amount;
            running.totals(leg.credit).credits += leg.amount;
        }
        for (std::uint8_t slot = 0; slot < receiving_parents_max; ++slot) {
            held_least[slot] = std::min(held_least[slot], running.held_for_receiving_parent(slot));
            recoverable_least[slot] = std::min(recoverable_least[slot], recoverable_of(running, slot));
        }
    }
    payout_plan plan;
    for (std::uint8_t slot = 0; slot < receiving_parents_max; ++slot) {
        const money available = std::max(held_least[slot], money{});
        if (available.is_zero()) continue;
        const money recovered = std::clamp(recoverable_least[slot], money{}, available);
        plan.shares[plan.count++] = {slot, recovered, available - recovered};
    }
    return plan;
}

std::size_t payout_transfers(case_id for_case, const payout_plan& plan, transfer_cause cause, civil_date on,
                             std::span<transfer, payout_transfers_max> out) {
    std::size_t count = 0;
    const auto add = [&](account_ref debit, account_ref credit, money amount, transfer_code code) {
        if (amount <= money{}) return;
        out[count] = make_transfer(for_case, debit, credit, amount, code, static_cast<std::uint16_t>(count), cause, on);
        ++count;
    };
    for (const payout_share& share : plan.list()) {
        const account_ref owed{account_kind::owed_to_receiving_parent, share.receiving_parent_slot};
        add(owed, {account_kind::recoverable_from_receiving_parent, share.receiving_parent_slot}, share.recovered,
            transfer_code::overpayment_recovered);
        add(owed, {account_kind::cash_paid_out, 0}, share.paid, transfer_code::paid_out);
    }
    return count;
}

}  // namespace cms::core
