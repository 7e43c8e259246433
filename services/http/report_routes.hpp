#pragma once
/// Reports for analysts and auditors (access family report_read): aggregates only, no names.
///   GET /v1/reports/caseload?as_of=YYYY-MM-DD   cases by service type and status, payments
///       received, write-off and part-payment requests and what was written off, and the last
///       month the accrual batch posted; as of the business date when as_of is absent.
#include "persistence/read_pool.hpp"
#include "services/http/api_router.hpp"
#include "services/clock/business_clock.hpp"

namespace cms::services {

void add_report_routes(api_router& router, persistence::read_pool& readers, const business_clock& clock);

}  // namespace cms::services
