#pragma once
/// Routes of parents, cases and payments, and the health check.
#include "services/http/api_router.hpp"
#include "services/clock/business_clock.hpp"
#include "services/cases/case_service.hpp"

namespace cms::services {

void add_health_route(api_router& router, const business_clock& clock);
void add_case_routes(api_router& router, case_service& cases);

}  // namespace cms::services
