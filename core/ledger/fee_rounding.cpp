#include "core/ledger/fee_rounding.hpp"

namespace cms::core {

std::int64_t collection_fee_rounded_pence(wide_int fee_weighted) {
    constexpr std::int64_t days_per_week_times_basis_points = 7 * 10'000;
    return divide_half_up(fee_weighted, days_per_week_times_basis_points);
}

}  // namespace cms::core
