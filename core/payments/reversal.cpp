#include "core/payments/reversal.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "core/common/enum_names.hpp"

namespace cms::core {

namespace {

constexpr enum_name_table<reversal_reason, 3> reason_names{{
    {reversal_reason::bounced_direct_debit, "bounced_direct_debit"},
    {reversal_reason::wrong_case, "wrong_case"},
    {reversal_reason::duplicate, "duplicate"},
}};

/// Builds the posting leg by leg, each applied to a working copy of the balances as it is made,
/// so every later step sees what the earlier ones did.
class reversal_builder {
public:
    reversal_builder(case_id for_case, std::span<const std::vector<transfer>> ledger, transfer_cause cause,
                     civil_date on, std::vector<transfer>& out)
        : balances_(for_case), not_money_(for_case), cause_(cause), on_(on), out_(out), first_(out.size()) {
        for (const auto& posting : ledger) {
            for (const transfer& leg : posting) record(leg);
        }
    }

    void add(account_ref debit, account_ref credit, money amount, transfer_code code) {
        if (amount <= money{}) return;
        const transfer leg = make_transfer(balances_.for_case(), debit, credit, amount, code,
                                           static_cast<std::uint16_t>(out_.size() - first_), cause_, on_);
        record(leg);
        out_.push_back(leg);
    }
    money balance(account_ref account) const { return balances_.balance(account); }
    /// The receiving parent's 4% kept so far and not given back: no reversal gives back more
    /// (each gives back at today's rate, rounded, so without this bound roundings could add up
    /// to more than was ever kept).
    money receiving_parent_fees_kept(std::uint8_t slot) const { return receiving_parent_fees_kept_[slot]; }
    /// What money settled on a due account and still does: everything credited to it less what
    /// write-offs credited (not money) and what reversals took back.
    money settled(account_ref due) const { return balances_.totals(due).credits - not_money_.totals(due).debits; }
    const case_balances& balances() const { return balances_; }
    void discard() { out_.resize(first_); }

private:
    void record(const transfer& leg) {
        balances_.totals(leg.debit).debits += leg.amount;
        balances_.totals(leg.credit).credits += leg.amount;
        if (leg.code == transfer_code::allocation_reversed) not_money_.totals(leg.debit).debits += leg.amount;
        if (leg.code == transfer_code::write_off) not_money_.totals(leg.credit).debits += leg.amount;
        if (leg.code == transfer_code::receiving_parent_fee) {
            receiving_parent_fees_kept_[leg.debit.receiving_parent_slot] += leg.amount;
        }
        if (leg.code == transfer_code::receiving_parent_fee_reversed) {
            receiving_parent_fees_kept_[leg.credit.receiving_parent_slot] -= leg.amount;
        }
    }

    case_balances balances_;
    case_balances not_money_;  ///< per due account: taken back by reversals, or written off
    std::array<money, receiving_parents_max> receiving_parent_fees_kept_{};
    transfer_cause cause_;
    civil_date on_;
    std::vector<transfer>& out_;
    std::size_t first_;
};

constexpr account_ref unallocated{account_kind::payments_unallocated, 0};
constexpr account_ref cash_received{account_kind::cash_received, 0};
constexpr account_ref fee_income{account_kind::fee_income, 0};

/// Step 2: takes `shortfall` back from what the ledger settled, charges first, maintenance last.
money take_back_from_dues(reversal_builder& build, money shortfall, basis_points receiving_parent_fee_now) {
    const auto take = [&](account_ref due) {
        const money available = std::min(shortfall, build.settled(due));
        build.add(due, unallocated, available, transfer_code::allocation_reversed);
        shortfall -= available;
        return available;
    };
    take({account_kind::enforcement_charges_due, 0});
    take({account_kind::collection_fee_due, 0});
    for (int slot = static_cast<int>(receiving_parents_max) - 1; slot >= 0 && shortfall > money{}; --slot) {
        const auto slot_number = static_cast<std::uint8_t>(slot);
        const money taken = take({account_kind::maintenance_due, slot_number});
        // Nothing left collected for them: every penny of fee kept on it goes back.
        const money kept = build.receiving_parent_fees_kept(slot_number);
        const money fee = build.settled({account_kind::maintenance_due, slot_number}).is_zero()
                              ? kept
                              : std::min(taken.apply_basis_points(receiving_parent_fee_now, rounding::half_up), kept);
        build.add(fee_income, {account_kind::owed_to_receiving_parent, slot_number}, fee,
                  transfer_code::receiving_parent_fee_reversed);
    }
    return shortfall;
}

/// Step 4: what is still held as credit, allocated again to what is due now.
money reallocate(reversal_builder& build, basis_points receiving_parent_fee_now, transfer_cause cause, civil_date on) {
    const money held = build.balance(unallocated);
    std::array<maintenance_claim, receiving_parents_max> maintenance{};
    std::size_t claims = 0;
    money due_total;
    for (std::uint8_t slot = 0; slot < receiving_parents_max; ++slot) {
        const money due = build.balance({account_kind::maintenance_due, slot});
        if (due > money{}) maintenance[claims++] = {slot, due};
        due_total += due;
    }
    const money fee = build.balance({account_kind::collection_fee_due, 0});
    const money charges = build.balance({account_kind::enforcement_charges_due, 0});
    const money usable = std::min(held, due_total + fee + charges);
    if (usable <= money{}) return {};
    const auto allocation = allocate_payment(usable, {std::span(maintenance).first(claims), {}, fee, charges},
                                             allocation_policy{}, receiving_parent_fee_now);
    std::array<transfer, allocation_transfers_max> legs{};
    const std::size_t count = allocation_transfers(build.balances().for_case(), allocation, cause, on,
                                                   0, legs);
    for (std::size_t i = 0; i < count; ++i) build.add(legs[i].debit, legs[i].credit, legs[i].amount, legs[i].code);
    return usable - allocation.unallocated;
}

}  // namespace

std::string_view to_string(reversal_reason reason) {
    return name_in(reason_names, reason);
}

std::optional<reversal_reason> parse_reversal_reason(std::string_view text) {
    return value_named(reason_names, text);
}

const char* to_string(reversal_status status) {
    switch (status) {
        case reversal_status::ok: return "ok";
        case reversal_status::not_a_payment: return "not_a_payment";
        case reversal_status::wrote_off_arrears: return "wrote_off_arrears";
        case reversal_status::ledger_short: return "ledger_short";
    }
    return "unknown";
}

payment_reversal reverse_payment(std::span<const transfer> payment_legs, std::span<const std::vector<transfer>> ledger,
                                 basis_points receiving_parent_fee_now, transfer_cause cause, civil_date on,
                                 std::vector<transfer>& out) {
    payment_reversal result;
    for (const transfer& leg : payment_legs) {
        if (leg.code == transfer_code::payment_received) result.amount += leg.amount;
        if (leg.code == transfer_code::write_off) return {reversal_status::wrote_off_arrears, {}, {}, {}};
    }
    if (result.amount <= money{}) return {reversal_status::not_a_payment, {}, {}, {}};
    if (payment_legs.empty()) return {reversal_status::not_a_payment, {}, {}, {}};
    reversal_builder build(payment_legs.front().for_case, ledger, cause, on, out);
    // Step 1: the payment's own allocations and the fee kept on them, as far as they still
    // settle their account: an earlier reversal whose credit had been applied may already have
    // taken some of this settlement back (step 2 cannot tell whose money settled what), and
    // taking it back twice would charge the paying parent again for what was never paid.
    std::array<money, receiving_parents_max> maintenance_left_standing{};
    for (const transfer& leg : payment_legs) {
        if (leg.code != transfer_code::payment_allocated) continue;
        const money taken = std::min(leg.amount, build.settled(leg.credit));
        build.add(leg.credit, leg.debit, taken, transfer_code::allocation_reversed);
        if (leg.credit.kind == account_kind::maintenance_due) {
            maintenance_left_standing[leg.credit.receiving_parent_slot] += leg.amount - taken;
        }
    }
    for (const transfer& leg : payment_legs) {
        if (leg.code != transfer_code::receiving_parent_fee) continue;
        // The fee on maintenance another reversal already took back was given back by it.
        const money kept_back = maintenance_left_standing[leg.debit.receiving_parent_slot].apply_basis_points(
            receiving_parent_fee_now, rounding::half_up);
        const std::uint8_t slot = leg.debit.receiving_parent_slot;
        const money kept = build.receiving_parent_fees_kept(slot);
        const money fee = build.settled({account_kind::maintenance_due, slot}).is_zero()
                              ? kept
                              : std::min(leg.amount - std::min(leg.amount, kept_back), kept);
        build.add(leg.credit, leg.debit, fee, transfer_code::receiving_parent_fee_reversed);
    }
    // Step 2: the credit it left, if applied since.
    const money held = build.balance(unallocated);
    if (held < result.amount && take_back_from_dues(build, result.amount - held, receiving_parent_fee_now) > money{}) {
        build.discard();
        return {reversal_status::ledger_short, {}, {}, {}};
    }
    // Step 3: the cash.
    build.add(unallocated, cash_received, result.amount, transfer_code::payment_reversed);
    // Step 4: other credit, allocated again.
    result.reallocated = reallocate(build, receiving_parent_fee_now, cause, on);
    // Step 5: what a receiving parent was already paid out of the money taken back.
    for (std::uint8_t slot = 0; slot < receiving_parents_max; ++slot) {
        const money overpaid = money{} - build.balances().held_for_receiving_parent(slot);
        if (overpaid <= money{}) continue;
        build.add({account_kind::recoverable_from_receiving_parent, slot}, {account_kind::owed_to_receiving_parent, slot},
                  overpaid, transfer_code::overpayment_recoverable);
        result.recoverable += overpaid;
    }
    return result;
}

}  // namespace cms::core
