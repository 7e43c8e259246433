#pragma once
/// The unpaid-since-start report (issue #16): Collect and Pay maintenance due since the service's
/// first posting up to a date, and how much of it was unpaid then
/// (core/statistics/unpaid_maintenance.hpp).
#include "core/statistics/unpaid_maintenance.hpp"
#include "persistence/read_pool.hpp"

namespace cms::services {

struct unpaid_report {
    core::civil_date as_of;
    core::unpaid_since_start figures;
    std::int64_t cases_read = 0;
};

/// The postings dated up to `as_of` of every case on Collect and Pay on `as_of` (a case that moved
/// from Direct Pay brings the arrears it built there, collectable since the move), one range read
/// a page of cases, in one snapshot.
unpaid_report read_unpaid_report(persistence::read_pool& readers, core::civil_date as_of);

}  // namespace cms::services
