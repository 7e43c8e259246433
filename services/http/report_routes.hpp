#pragma once
/// Reports for analysts and auditors (access family report_read): aggregates only, no names.
///   GET /v1/reports/caseload?as_of=YYYY-MM-DD   cases by service type and status, payments
///       received, write-off and part-payment requests and what was written off, and the last
///       month the accrual batch posted; as of the business date when as_of is absent.
///   GET /v1/reports/compliance?quarter=YYYY-Qn (or ?as_of=YYYY-MM-DD: the last quarter ended by
///       then)   Collect and Pay compliance in a quarter (services/reports/compliance_report.hpp):
///       paying parents due to pay, and how many paid nothing, up to 90% and over 90% of the
///       maintenance due; by default the last quarter ended by the business date. A quarter not
///       yet ended is refused (400): its figures are not known.
#include <nlohmann/json.hpp>

#include "persistence/read_pool.hpp"
#include "services/http/api_router.hpp"
#include "services/clock/business_clock.hpp"
#include "services/reports/compliance_report.hpp"

namespace cms::services {

/// The body of GET /v1/reports/compliance, which `cms report compliance` prints too.
nlohmann::json compliance_report_body(const compliance_report& report);

void add_report_routes(api_router& router, persistence::read_pool& readers, const business_clock& clock);

}  // namespace cms::services
