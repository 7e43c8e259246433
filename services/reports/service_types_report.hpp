#pragma once
/// The service types report (issue #16): arrangements and children covered by Direct Pay and
/// Collect and Pay on a date, and how many Collect and Pay arrangements paid some or nothing in
/// the last quarter ended by it (core/statistics/service_types.hpp).
#include "core/statistics/compliance.hpp"
#include "core/statistics/service_types.hpp"
#include "persistence/read_pool.hpp"

namespace cms::services {

struct service_types_report {
    core::civil_date as_of;
    core::service_types_summary summary;
    core::reporting_quarter quarter;         ///< the last quarter ended on or before as_of
    core::arrangements_paying paying;        ///< Collect and Pay arrangements due to pay in it
    std::int64_t cases_read = 0;
};

/// One snapshot: a page of cases at a time, a range read of their coverage and one of their
/// postings in the quarter.
service_types_report read_service_types_report(persistence::read_pool& readers, core::civil_date as_of);

}  // namespace cms::services
