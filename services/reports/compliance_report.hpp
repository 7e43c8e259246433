#pragma once
/// The Collect and Pay compliance report (issue #16): of the paying parents due to pay through
/// Collect and Pay in a quarter, how many paid nothing, up to 90% and over 90% of the maintenance
/// that fell due in it, with the maintenance due and paid (core/statistics/compliance.hpp has the
/// definitions and their source).
#include <cstdint>
#include <unordered_map>

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

/// Each paying parent's maintenance due and paid in a quarter, their cases' figures summed; a
/// paying parent none of whose cases had anything due or paid is left out.
struct quarter_by_paying_parent {
    std::unordered_map<std::int64_t, core::maintenance_in_period> figures;  ///< by paying parent id
    std::int64_t cases_read = 0;
};

/// The compliance measure's population and figures, read in `session`'s snapshot: the reports
/// that count the same paying parents (nil payers by method) start from it.
quarter_by_paying_parent read_quarter_by_paying_parent(persistence::read_view& session, core::reporting_quarter quarter);

/// Reads every case's ledger postings dated in the quarter, in one snapshot, and sums them by
/// paying parent (a paying parent with several cases pays once for all of them). Only cases on
/// Collect and Pay on the quarter's last day count, as in the published statistics: Direct Pay
/// cases accrue maintenance in the ledger too, but nothing of it is due through the service. A
/// case at a time, so memory holds one figure a paying parent.
compliance_report read_compliance_report(persistence::read_pool& readers, core::reporting_quarter quarter);

}  // namespace cms::services
