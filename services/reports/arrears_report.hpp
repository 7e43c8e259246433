#pragma once
/// The arrears by area report (issue #16): every case's arrears on a date, by its paying
/// parent's local authority, by that area's region and by nation
/// (core/statistics/arrears_by_area.hpp).
#include <span>
#include <vector>

#include "core/arrears/case_position.hpp"
#include "core/ledger/collection_fee_policy.hpp"
#include "core/statistics/arrears_by_area.hpp"
#include "core/statistics/compliance.hpp"
#include "persistence/read_pool.hpp"

namespace cms::services {

struct arrears_report {
    core::civil_date as_of;
    core::arrears_by_area_summary summary;
    std::int64_t cases_read = 0;  ///< cases opened on or before the date, whatever their status
};

/// Reads each case opened by `as_of`, in one snapshot, a page at a time. Its arrears are the
/// case's position on the date, the same figures as GET /v1/cases/{id}/balance. Its area is its
/// paying parent's local authority; its region, that area's region in schemas/reference/. A
/// closed case still owes its arrears, so it counts.
arrears_report read_arrears_by_area(persistence::read_pool& readers, core::civil_date as_of,
                                    std::span<const core::collection_fee_row> fees,
                                    std::span<const core::ageing_bucket> buckets);

/// Total arrears at the end of a quarter, split into maintenance owed to receiving parents and
/// fees and charges owed to the state (the "all" row of the arrears by area report on that day).
struct arrears_at_quarter_end {
    core::reporting_quarter quarter;
    core::area_arrears totals;
};

/// At most this many quarters a request: each is a read of every case's position.
inline constexpr std::int64_t arrears_quarters_max = 40;

/// Total arrears at the end of each quarter from `from` to `to`, oldest first. The caller keeps
/// the range within arrears_quarters_max and ended by the business date.
std::vector<arrears_at_quarter_end> read_arrears_by_quarter(persistence::read_pool& readers, core::reporting_quarter from,
                                                            core::reporting_quarter to,
                                                            std::span<const core::collection_fee_row> fees,
                                                            std::span<const core::ageing_bucket> buckets);

}  // namespace cms::services
