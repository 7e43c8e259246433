#include "core/payments/settleable.hpp"

#include <algorithm>

namespace cms::core {

namespace {

settleable_dues dues_of(const case_balances& balances) {
    settleable_dues dues;
    for (std::uint8_t slot = 0; slot < receiving_parents_max; ++slot) {
        dues.maintenance[slot] = balances.balance({account_kind::maintenance_due, slot});
    }
    dues.collection_fee = balances.balance({account_kind::collection_fee_due, 0});
    dues.enforcement_charges = balances.balance({account_kind::enforcement_charges_due, 0});
    dues.credit = balances.balance({account_kind::payments_unallocated, 0});
    return dues;
}

void keep_lowest(settleable_dues& lowest, const settleable_dues& now) {
    for (std::size_t slot = 0; slot < receiving_parents_max; ++slot) {
        lowest.maintenance[slot] = std::min(lowest.maintenance[slot], now.maintenance[slot]);
    }
    lowest.collection_fee = std::min(lowest.collection_fee, now.collection_fee);
    lowest.enforcement_charges = std::min(lowest.enforcement_charges, now.enforcement_charges);
    lowest.credit = std::min(lowest.credit, now.credit);
}

}  // namespace

std::optional<settleable_dues> settleable_from(const case_balances& at_place,
                                               std::span<const std::vector<transfer>> later) {
    settleable_dues lowest = dues_of(at_place);
    case_balances running = at_place;
    for (const std::vector<transfer>& posting : later) {
        if (apply_transfers(running, posting).status != apply_status::ok) return std::nullopt;
        keep_lowest(lowest, dues_of(running));
    }
    return lowest;
}

}  // namespace cms::core
