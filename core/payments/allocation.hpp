#pragma once
/// Payment allocation: how one payment from the paying parent is split, as a configurable policy.
///
/// Only "enforcement charges are collected last" is confirmed (DWP, answer to a written
/// parliamentary question, 2022); no public source found gives the order of current maintenance,
/// arrears and the collection fee, so the order is data (core/payments/README.md). Default:
/// current-period maintenance, then maintenance arrears oldest first, then the collection fee,
/// then enforcement charges.
///
/// Several receiving parents: within one tier (the current period, or one arrears due date) a
/// short payment is split pro rata to each receiving parent's share of that tier's liability,
/// largest remainder first, so the shares add up to the penny. Each receiving parent then has the
/// 4% receiving-parent fee deducted (half up) from the maintenance passed on.
///
/// Sum preservation, always: maintenance + collection fee + enforcement + unallocated = payment,
/// and for each receiving parent receiving_parent_fee + passed_on = maintenance.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/ledger/ledger.hpp"

namespace cms::core {

enum class allocation_component : std::uint8_t {
    current_maintenance = 1,
    maintenance_arrears,     ///< oldest due date first
    collection_fee,
    enforcement_charges,
};
inline constexpr std::size_t allocation_component_count = 4;

/// The order in which a payment settles what is owed.
struct allocation_policy {
    std::array<allocation_component, allocation_component_count> order{
        allocation_component::current_maintenance, allocation_component::maintenance_arrears,
        allocation_component::collection_fee, allocation_component::enforcement_charges};
};

enum class allocation_policy_status : std::uint8_t {
    ok = 0,
    unknown_component,
    component_repeated,
    enforcement_not_last,   ///< confirmed rule: enforcement charges are collected last
};
allocation_policy_status validate_allocation_policy(const allocation_policy& policy);

/// Maintenance owed to one receiving parent for the current period.
struct maintenance_claim {
    std::uint8_t receiving_parent_slot = 0;
    money amount;
};

/// Maintenance arrears owed to one receiving parent, fallen due on `due_date`.
struct arrears_claim {
    civil_date due_date{};
    std::uint8_t receiving_parent_slot = 0;
    money amount;
};

/// What is owed when the payment arrives.
struct amounts_owed {
    std::span<const maintenance_claim> current_maintenance;
    std::span<const arrears_claim> maintenance_arrears;  ///< in due-date order
    money collection_fee;
    money enforcement_charges;
};

/// What one receiving parent gets out of the payment.
struct receiving_parent_share {
    money current_maintenance;
    money maintenance_arrears;
    money receiving_parent_fee;  ///< kept as fee income (4% today)
    money passed_on;             ///< what is paid out: maintenance - receiving_parent_fee

    money maintenance() const { return current_maintenance + maintenance_arrears; }
};

enum class allocation_status : std::uint8_t {
    ok = 0,
    payment_not_positive,
    invalid_policy,
    negative_claim,
    slot_out_of_range,
    arrears_not_in_date_order,
    fee_rate_out_of_range,
};
const char* to_string(allocation_status status);

struct payment_allocation {
    allocation_status status = allocation_status::ok;
    std::array<receiving_parent_share, receiving_parents_max> by_receiving_parent{};
    money collection_fee;
    money enforcement_charges;
    money unallocated;  ///< overpayment, held in payments_unallocated for later dues

    money maintenance_total() const;
};

/// Splits `amount` across `weights` pro rata (amount * w / sum of weights, rounded down), then
/// gives the pennies left over one each to the largest remainders (ties: lower index). Shares add
/// up to `amount` exactly and none exceeds its weight when amount <= sum of weights.
/// Returns false (and writes zeros) when the weights are all zero but amount is not, or the spans
/// differ in size. Weights must not be negative.
bool split_pro_rata(money amount, std::span<const money> weights, std::span<money> shares);

/// Allocates one payment. `receiving_parent_fee` is the rate in force on the payment date
/// (fee_row_in_force(...)->receiving_parent_fee). Pure and allocation-free.
payment_allocation allocate_payment(money payment, const amounts_owed& owed,
                                    const allocation_policy& policy,
                                    basis_points receiving_parent_fee);

/// Most legs allocation_transfers writes: per receiving parent one payment_allocated and one
/// receiving_parent_fee, plus the collection fee and enforcement legs.
inline constexpr std::size_t allocation_transfers_max = 2 * receiving_parents_max + 2;

/// The ledger legs of an allocation, numbered from `first_leg` (after the command's own
/// payment_received leg, typically 1): payment_allocated to each maintenance_due[rp], to
/// collection_fee_due and to enforcement_charges_due, then receiving_parent_fee per receiving
/// parent. Zero amounts post nothing. Returns the number written, or 0 with nothing written if
/// `out` is smaller than allocation_transfers_max.
std::size_t allocation_transfers(case_id for_case, const payment_allocation& allocation,
                                 transfer_cause cause, civil_date business_date,
                                 std::uint16_t first_leg, std::span<transfer> out);

}  // namespace cms::core
