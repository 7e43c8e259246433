#pragma once
/// The reads behind the caseload report and the audit trail, each in one read of the store.
#include <vector>

#include "core/common/civil_date.hpp"
#include "persistence/audit_repository.hpp"
#include "persistence/read_pool.hpp"
#include "persistence/report_repository.hpp"

namespace cms::services {

/// Cases by service and status, payments received, arrears requests and the last accrued
/// period, as of `as_of`.
persistence::caseload_summary read_caseload_summary(persistence::read_pool& readers, core::civil_date as_of);

/// The journal's entries that pass `filter`, oldest first, at most `filter.entries_max`.
std::vector<persistence::audit_entry> read_audit_entries(persistence::read_pool& readers,
                                                         const persistence::audit_filter& filter);

}  // namespace cms::services
