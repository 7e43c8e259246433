#include "core/payments/allocation.hpp"

#include <algorithm>

namespace cms::core {

namespace {

using slot_amounts = std::array<money, receiving_parents_max>;

bool is_known(allocation_component component) {
    const auto value = static_cast<std::uint8_t>(component);
    return value >= 1 && value <= allocation_component_count;
}

/// Settles one tier (per-slot claims) from `remaining`: in full if it can, else pro rata.
void settle_tier(const slot_amounts& claims, money& remaining, slot_amounts& settled) {
    money tier_total;
    for (const money claim : claims) tier_total += claim;
    const money take = std::min(remaining, tier_total);
    if (take.is_zero()) return;
    slot_amounts shares{};
    split_pro_rata(take, claims, shares);  // cannot fail: tier_total >= take > 0
    for (std::size_t slot = 0; slot < receiving_parents_max; ++slot) settled[slot] += shares[slot];
    remaining -= take;
}

void settle_current(std::span<const maintenance_claim> claims, money& remaining,
                    payment_allocation& result) {
    slot_amounts tier{};
    for (const maintenance_claim& claim : claims) tier[claim.receiving_parent_slot] += claim.amount;
    slot_amounts settled{};
    settle_tier(tier, remaining, settled);
    for (std::size_t slot = 0; slot < receiving_parents_max; ++slot) {
        result.by_receiving_parent[slot].current_maintenance += settled[slot];
    }
}

/// Oldest due date first; claims sharing a due date form one tier.
void settle_arrears(std::span<const arrears_claim> claims, money& remaining,
                    payment_allocation& result) {
    std::size_t begin = 0;
    while (begin < claims.size() && remaining.pence() > 0) {
        std::size_t end = begin;
        slot_amounts tier{};
        while (end < claims.size() && claims[end].due_date == claims[begin].due_date) {
            tier[claims[end].receiving_parent_slot] += claims[end].amount;
            ++end;
        }
        slot_amounts settled{};
        settle_tier(tier, remaining, settled);
        for (std::size_t slot = 0; slot < receiving_parents_max; ++slot) {
            result.by_receiving_parent[slot].maintenance_arrears += settled[slot];
        }
        begin = end;
    }
}

money settle_single(money claim, money& remaining) {
    const money take = std::min(remaining, claim);
    remaining -= take;
    return take;
}

allocation_status validate_owed(const amounts_owed& owed) {
    for (const maintenance_claim& claim : owed.current_maintenance) {
        if (claim.amount.is_negative()) return allocation_status::negative_claim;
        if (claim.receiving_parent_slot >= receiving_parents_max) {
            return allocation_status::slot_out_of_range;
        }
    }
    for (std::size_t i = 0; i < owed.maintenance_arrears.size(); ++i) {
        const arrears_claim& claim = owed.maintenance_arrears[i];
        if (claim.amount.is_negative()) return allocation_status::negative_claim;
        if (claim.receiving_parent_slot >= receiving_parents_max) {
            return allocation_status::slot_out_of_range;
        }
        if (i > 0 && claim.due_date < owed.maintenance_arrears[i - 1].due_date) {
            return allocation_status::arrears_not_in_date_order;
        }
    }
    if (owed.collection_fee.is_negative() || owed.enforcement_charges.is_negative()) {
        return allocation_status::negative_claim;
    }
    return allocation_status::ok;
}

}  // namespace

allocation_policy_status validate_allocation_policy(const allocation_policy& policy) {
    std::array<bool, allocation_component_count + 1> seen{};
    for (const allocation_component component : policy.order) {
        if (!is_known(component)) return allocation_policy_status::unknown_component;
        const auto index = static_cast<std::size_t>(component);
        if (seen[index]) return allocation_policy_status::component_repeated;
        seen[index] = true;
    }
    if (policy.order.back() != allocation_component::enforcement_charges) {
        return allocation_policy_status::enforcement_not_last;
    }
    return allocation_policy_status::ok;
}

const char* to_string(allocation_status status) {
    switch (status) {
        case allocation_status::ok: return "ok";
        case allocation_status::payment_not_positive: return "payment_not_positive";
        case allocation_status::invalid_policy: return "invalid_policy";
        case allocation_status::negative_claim: return "negative_claim";
        case allocation_status::slot_out_of_range: return "slot_out_of_range";
        case allocation_status::arrears_not_in_date_order: return "arrears_not_in_date_order";
        case allocation_status::fee_rate_out_of_range: return "fee_rate_out_of_range";
    }
    return "unknown";
}

money payment_allocation::maintenance_total() const {
    money total;
    for (const receiving_parent_share& share : by_receiving_parent) total += share.maintenance();
    return total;
}

bool split_pro_rata(money amount, std::span<const money> weights, std::span<money> shares) {
    std::fill(shares.begin(), shares.end(), money{});
    if (weights.size() != shares.size() || amount.is_negative()) return false;
    wide_int total_weight = 0;
    for (const money weight : weights) total_weight += weight.pence();
    if (total_weight == 0) return amount.is_zero();
    const auto exact = [&](std::size_t i) { return static_cast<wide_int>(amount.pence()) *
                                                   weights[i].pence(); };
    money left = amount;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        shares[i] = money::from_pence(static_cast<std::int64_t>(exact(i) / total_weight));
        left -= shares[i];
    }
    // Fewer pennies are left than there are non-zero remainders, so each goes to a different
    // share; a share that already got one is skipped by comparing it with its rounded-down value.
    while (left.pence() > 0) {
        std::size_t best = weights.size();
        wide_int best_remainder = 0;
        for (std::size_t i = 0; i < weights.size(); ++i) {
            const bool bumped = shares[i].pence() != static_cast<std::int64_t>(exact(i) / total_weight);
            const wide_int remainder = exact(i) % total_weight;
            if (!bumped && remainder > best_remainder) {
                best = i;
                best_remainder = remainder;
            }
        }
        shares[best] += money::from_pence(1);
        left -= money::from_pence(1);
    }
    return true;
}

payment_allocation allocate_payment(money payment, const amounts_owed& owed,
                                    const allocation_policy& policy,
                                    basis_points receiving_parent_fee) {
    payment_allocation result;
    if (payment.pence() <= 0) {
        result.status = allocation_status::payment_not_positive;
    } else if (validate_allocation_policy(policy) != allocation_policy_status::ok) {
        result.status = allocation_status::invalid_policy;
    } else if (receiving_parent_fee.value < 0 || receiving_parent_fee.value > 10'000) {
        result.status = allocation_status::fee_rate_out_of_range;
    } else {
        result.status = validate_owed(owed);
    }
    if (result.status != allocation_status::ok) return result;

    money remaining = payment;
    for (const allocation_component component : policy.order) {
        switch (component) {
            case allocation_component::current_maintenance:
                settle_current(owed.current_maintenance, remaining, result);
                break;
            case allocation_component::maintenance_arrears:
                settle_arrears(owed.maintenance_arrears, remaining, result);
                break;
            case allocation_component::collection_fee:
                result.collection_fee = settle_single(owed.collection_fee, remaining);
                break;
            case allocation_component::enforcement_charges:
                result.enforcement_charges = settle_single(owed.enforcement_charges, remaining);
                break;
        }
    }
    result.unallocated = remaining;
    for (receiving_parent_share& share : result.by_receiving_parent) {
        share.receiving_parent_fee =
            share.maintenance().apply_basis_points(receiving_parent_fee, rounding::half_up);
        share.passed_on = share.maintenance() - share.receiving_parent_fee;
    }
    return result;
}

std::size_t allocation_transfers(case_id for_case, const payment_allocation& allocation,
                                 transfer_cause cause, civil_date business_date,
                                 std::uint16_t first_leg, std::span<transfer> out) {
    if (out.size() < allocation_transfers_max || allocation.status != allocation_status::ok) {
        return 0;
    }
    std::size_t count = 0;
    auto emit = [&](account_ref debit, account_ref credit, money amount, transfer_code code) {
        if (amount.is_zero()) return;
        out[count] = make_transfer(for_case, debit, credit, amount, code,
                                   static_cast<std::uint16_t>(first_leg + count), cause, business_date);
        ++count;
    };
    const account_ref unallocated{account_kind::payments_unallocated, 0};
    for (std::size_t slot = 0; slot < receiving_parents_max; ++slot) {
        const auto rp = static_cast<std::uint8_t>(slot);
        emit(unallocated, {account_kind::maintenance_due, rp},
             allocation.by_receiving_parent[slot].maintenance(), transfer_code::payment_allocated);
    }
    emit(unallocated, {account_kind::collection_fee_due, 0}, allocation.collection_fee,
         transfer_code::payment_allocated);
    emit(unallocated, {account_kind::enforcement_charges_due, 0}, allocation.enforcement_charges,
         transfer_code::payment_allocated);
    for (std::size_t slot = 0; slot < receiving_parents_max; ++slot) {
        const auto rp = static_cast<std::uint8_t>(slot);
        emit({account_kind::owed_to_receiving_parent, rp}, {account_kind::fee_income, 0},
             allocation.by_receiving_parent[slot].receiving_parent_fee,
             transfer_code::receiving_parent_fee);
    }
    return count;
}

}  // namespace cms::core
