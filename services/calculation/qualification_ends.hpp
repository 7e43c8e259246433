#pragma once
/// Children ceasing to qualify (core/cases/qualification.hpp): on the day a child stops
/// qualifying, the case's calculation is superseded from that day without them, or, when no
/// qualifying child is left, the case is closed from that day (reason no_qualifying_child).
///
/// Each is a journaled command `end_qualification` by actor `system` (key
/// "end-qualification:CASE:DATE"), so the calculation or closure it writes names a journal entry,
/// and the audit trail shows it. Children of one case ending on the same day (twins) leave in one
/// command. What could not be done (the case already closed, a later calculation already in
/// force, days already charged past the date) is recorded against the waiting row, and nothing
/// is written: a caseworker sees it on the case.
///
/// It runs before each accrual (accrual_job.hpp: every month is charged at the amount in force
/// each day), on each scheduler tick through the business date, and is idempotent: a row once
/// recorded no longer waits.
#include <cstdint>
#include <optional>
#include <span>

#include "core/calculation/calculation_policy.hpp"
#include "core/common/civil_date.hpp"
#include "core/common/ids.hpp"
#include "persistence/unit_of_work.hpp"
#include "services/ledger/accrual_job.hpp"

namespace cms::services {

struct qualification_ends_result {
    std::int64_t recalculated = 0;  ///< cases superseded with fewer children
    std::int64_t closed = 0;        ///< cases closed: no qualifying child left
    std::int64_t not_applied = 0;   ///< recorded with the reason nothing was done
};

/// Case-days one transaction of end_qualifications_through applies at most.
inline constexpr std::int64_t qualification_ends_chunk = 200;

/// In the caller's unit of work: the waiting ends dated on or before `through` (of `only_case`
/// when given), oldest first, at most `limit` rows. `business_date` bounds a closure's date.
qualification_ends_result end_qualifications(persistence::unit_of_work& work, core::civil_date through,
                                             std::optional<core::case_id> only_case, std::int64_t limit,
                                             std::span<const core::calculation_rates> rates,
                                             core::civil_date business_date);

/// end_qualifications over every waiting end through `through`, a chunk per transaction.
qualification_ends_result end_qualifications_through(const transaction_runner& in_transaction, core::civil_date through,
                                                     std::span<const core::calculation_rates> rates,
                                                     core::civil_date business_date);

}  // namespace cms::services
