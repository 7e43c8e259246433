#pragma once
/// Money received on a case, inside a command's transaction: the one sequence every way money
/// comes in shares (a caseworker's payment, a share of a parent's payment, a deduction an order
/// took): the payment row, its posting (cash in, then allocated in the default order), and the
/// receipts towards part-payment agreements it completes, so none of them can skip a step.
#include <span>

#include "core/cases/case_records.hpp"
#include "core/common/ids.hpp"
#include "core/ledger/collection_fee_policy.hpp"
#include "persistence/unit_of_work.hpp"

namespace cms::services {

/// The caller has checked the payment (core::check_new_payment). Returns the payment's id.
core::payment_id take_in_payment(persistence::unit_of_work& work, const core::new_payment& payment,
                                 core::command_id cause, std::span<const core::collection_fee_row> fee_policy);

}  // namespace cms::services
