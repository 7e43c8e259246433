#pragma once
/// The enforcement report (issue #16): enforcement actions taken in a quarter by ladder step, the
/// outcomes recorded in it, and the orders in force at its end
/// (core/statistics/enforcement_activity.hpp has the definitions).
#include "core/statistics/compliance.hpp"
#include "core/statistics/enforcement_activity.hpp"
#include "persistence/read_pool.hpp"

namespace cms::services {

struct enforcement_report {
    core::reporting_quarter quarter;
    core::enforcement_activity_summary summary;
    std::int64_t actions_read = 0;  ///< every action in the store, proposals included
};

/// Reads every action with its events in one snapshot, a page of actions at a time (two reads a
/// page), and counts them for the quarter.
enforcement_report read_enforcement_report(persistence::read_pool& readers, core::reporting_quarter quarter);

}  // namespace cms::services
