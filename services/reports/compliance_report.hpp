#pragma once
/// The Collect and Pay compliance report (issue #16): of the paying parents due to pay through
/// Collect and Pay in a quarter, how many paid nothing, up to 90% and over 90% of the maintenance
/// that fell due in it, with the maintenance due and paid (core/statistics/compliance.hpp has the
/// definitions and their source).
#include "core/statistics/compliance.hpp"
#include "persistence/read_pool.hpp"

namespace cms::services {

struct compliance_report {
    core::reporting_quarter quarter;
    core::compliance_summary summary;
    std::int64_t cases_read = 0;  ///< every case in the store, whatever its service or status
};

/// The latest quarter that has ended by `as_of` (its last day on or before it): the statistics
/// are published for whole quarters.
core::reporting_quarter last_quarter_ended_by(core::civil_date as_of);

/// Reads every case's ledger postings dated in the quarter, in one snapshot, and sums them by
/// paying parent (a paying parent with several cases pays once for all of them). Direct Pay cases
/// post no maintenance, so they fall outside the measure, as in the published statistics. A case
/// at a time, so memory holds one figure a paying parent.
compliance_report read_compliance_report(persistence::read_pool& readers, core::reporting_quarter quarter);

}  // namespace cms::services
