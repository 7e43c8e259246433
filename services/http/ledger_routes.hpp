#pragma once
/// Routes of the ledger and batch jobs:
///   GET  /v1/cases/{id}/balance?as_of=YYYY-MM-DD
///   GET  /v1/cases/{id}/statement?from=&to=&page=&page_size=
///   POST /v1/jobs   {"kind": "accrue", "through": "YYYY-MM-DD"}  -> 202 with the job's id
///   GET  /v1/jobs/{id}
#include <vector>

#include "core/ledger/collection_fee_policy.hpp"
#include "persistence/read_pool.hpp"
#include "services/http/api_router.hpp"
#include "services/clock/business_clock.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "services/batch/job_runner.hpp"
#include "services/ledger/ledger_service.hpp"

namespace cms::services {

struct ledger_route_context {
    persistence::read_pool& readers;
    const business_clock& clock;
    job_runner& jobs;
    std::vector<core::collection_fee_row> fees;
    ageing_table ageing;
};

void add_ledger_routes(api_router& router, ledger_route_context& context);

/// The statement page GET /v1/cases/{id}/statement asks for with this query: by default the year
/// to the business date, page 1 of 100. Shared with `cms replay --report` (scenario_report.cpp),
/// which asks with no query and must get the body the route gives.
statement_page_request statement_request_of(const std::string& query, core::civil_date business_date);

}  // namespace cms::services
