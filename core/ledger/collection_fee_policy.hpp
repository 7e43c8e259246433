#pragma once
/// The effective-dated collection-fee table (The Child Support Fees Regulations 2014,
/// SI 2014/612, regulation 7; core/ledger/README.md).
///
/// Today's row: from 2014-08-11 the paying parent pays 20% on top of each day's maintenance and
/// the receiving parent has 4% deducted from what is passed on. A rule change, such as the
/// announced 2% / 2% reform, is a new row with its own start date, so history replays under the
/// rates in force at the time. Before the first row no collection fee is charged: the fees are
/// due only on maintenance that accrues once the regulations are in force.
///
/// Open point: the reform's 20% rate for a "non-compliant" paying parent needs a dated
/// compliance status per case that does not exist yet; these rows hold one PP rate.
#include <cstdint>
#include <span>

#include "core/common/civil_date.hpp"
#include "core/common/money.hpp"

namespace cms::core {

/// One row of the fee table, in force from `effective_from` until the next row starts.
struct collection_fee_row {
    civil_date effective_from{};
    basis_points paying_parent_fee{};     ///< added to each day's maintenance (2000 = 20%)
    basis_points receiving_parent_fee{};  ///< kept from maintenance passed on (400 = 4%)
};

enum class fee_policy_status : std::uint8_t {
    ok = 0,
    invalid_date,
    not_ascending,       ///< rows must have strictly increasing effective_from
    rate_out_of_range,   ///< a rate below 0 or above 10000 bp (100%)
};
const char* to_string(fee_policy_status status);

struct fee_policy_check {
    fee_policy_status status = fee_policy_status::ok;
    std::size_t row = 0;
};
fee_policy_check validate_fee_policy(std::span<const collection_fee_row> rows);

/// The row in force on `day`, or nullptr before the first row. Rows must be valid (ascending).
/// O(log rows).
const collection_fee_row* fee_row_in_force(std::span<const collection_fee_row> rows,
                                           civil_date day);

}  // namespace cms::core
