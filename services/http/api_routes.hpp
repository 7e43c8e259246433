#pragma once
/// Every route of the HTTP API, registered in one place: `cms serve` and the test that checks
/// schemas/openapi.json against the route table both build the API with this, so neither can
/// miss a route family the other has.
#include <vector>

#include "persistence/read_pool.hpp"
#include "persistence/writer.hpp"
#include "services/http/api_router.hpp"
#include "services/clock/business_clock.hpp"
#include "services/cases/case_service.hpp"
#include "core/enforcement/ladder.hpp"
#include "services/enforcement/enforcement_service.hpp"
#include "services/http/ledger_routes.hpp"
#include "services/http/user_routes.hpp"

namespace cms::services {

struct api_route_dependencies {
    persistence::writer& writer;
    persistence::read_pool& readers;
    const business_clock& clock;
    simulated_business_clock* simulated_clock;  ///< nullptr on the system clock: no POST /v1/clock moves
    case_service& cases;
    job_runner& jobs;
    std::vector<core::collection_fee_row> collection_fees;
    ageing_table ageing;
    core::enforcement_ladder enforcement_ladder;
    std::vector<core::missed_payment_policy> missed_payment_policy;
    std::vector<core::penalty_rule> penalty_rules;
};

/// Registers every route on `router`. Holds the contexts the handlers refer to, so it must
/// outlive the router's use.
class api_routes {
public:
    api_routes(api_router& router, api_route_dependencies dependencies);
    api_routes(const api_routes&) = delete;
    api_routes& operator=(const api_routes&) = delete;

private:
    user_service user_service_;
    user_route_context users_;
    /// Kept here for the jobs run in place (POST /v1/jobs), which read them as spans.
    std::vector<core::collection_fee_row> collection_fees_;
    std::vector<core::missed_payment_policy> missed_payment_policy_;
    std::vector<core::court_outcome_row> court_outcomes_;
    enforcement_service enforcement_;
    in_place_job_thread in_place_thread_;
    ledger_route_context ledger_;
};

}  // namespace cms::services
