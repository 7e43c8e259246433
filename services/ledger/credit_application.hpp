#pragma once
/// Credit applied as dues are charged (issue: money paid ahead must not sit unapplied while what
/// it could pay is shown owed).
///
/// A payment that finds nothing charged to settle waits as credit (payments_unallocated) and the
/// case is listed as holding credit. When the monthly accrual charges a month, it applies each
/// listed case's credit by the allocation policy, as a posting of its own caused by the batch
/// step (apply_credit, month), so the statement shows each application: payment_allocated legs
/// from the credit to what is charged, and the receiving parent's fee kept from maintenance at
/// the rate in force on the day it is applied (the day the money becomes theirs).
///
/// The application is dated the run's `through` date, or the case's latest posting if later, so
/// credit from every payment received by then can be used; it may use only what stays charged
/// and held at every later point of the ledger (core/payments/settleable.hpp), so it never
/// leaves a later posting short. A payment recorded on that same date before the job ran sits
/// after it in the ledger's order and waits for the next month's run.
#include <span>

#include "core/ledger/collection_fee_policy.hpp"
#include "core/ledger/ledger.hpp"
#include "persistence/unit_of_work.hpp"

namespace cms::services {

/// Inside the writer's transaction. Writes the application posting for (case, period) when the
/// case holds credit and something charged can take it; takes the case off the credit list when
/// it holds none afterwards. True when a posting was written; false when there was nothing to
/// apply or the period's application was posted before. Throws if the ledger is already broken.
bool apply_credit(persistence::unit_of_work& work, core::case_id for_case, date::year_month period,
                  core::civil_date applied_from, std::span<const core::collection_fee_row> fee_policy);

}  // namespace cms::services
