#pragma once
/// The one rounding of the paying parent's collection fee (core/ledger/accrual.hpp): the fee
/// accrued through a day, from its exact weighted sum, half up to the penny (The Child Support
/// Fees Regulations 2014, SI 2014/612; NI mirror reg 3: fees rounded to the nearest penny).
///
/// It is alone in its translation unit (fee_rounding.cpp defines nothing else) on purpose: a
/// test executable links its own, wrong, definition in place of that archive member, and checks
/// that `cms simulate` finds the planted fault and reduces it to a short scenario
/// (tests/simulation/planted_fee_rounding_test.cpp).
#include <cstdint>

#include "core/common/money.hpp"

namespace cms::core {

/// Pence of collection fee for `fee_weighted` = the sum over days of weekly pence x the fee's
/// basis points (a day's fee is weekly / 7 x bp / 10,000). `fee_weighted` >= 0.
std::int64_t collection_fee_rounded_pence(wide_int fee_weighted);

/// Half-up division of a non-negative exact sum (accrual.cpp); shared by maintenance and the fee.
std::int64_t divide_half_up(wide_int numerator, std::int64_t denominator);

}  // namespace cms::core
