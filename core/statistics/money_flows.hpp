#pragma once
/// Where a caseload's money went over a period, from its ledger legs: what paying parents paid in
/// collection fees and in maintenance, what receiving parents paid in fees, and what reached them
/// (issue #16 point 5: the reform's side-by-side). Reversals net off what they undo.
#include <span>

#include "core/common/civil_date.hpp"
#include "core/common/money.hpp"
#include "core/ledger/ledger.hpp"

namespace cms::core {

struct money_flows {
    money maintenance_collected;      ///< payments allocated to maintenance due
    money paying_parent_fees;         ///< payments allocated to the collection fee (20% today)
    money receiving_parent_fees;      ///< kept back from what was passed on (4% today)
    money paid_to_receiving_parents;  ///< paid out to them
};

/// Adds the legs dated in [from, to] to `into`.
void add_money_flows(money_flows& into, std::span<const transfer> legs, civil_date from, civil_date to);

}  // namespace cms::core
