#pragma once
/// Routes of enforcement actions: take a step, record an outcome, list a case's actions.
#include "services/enforcement/enforcement_service.hpp"
#include "services/http/api_router.hpp"

namespace cms::services {

void add_enforcement_routes(api_router& router, enforcement_service& enforcement);

}  // namespace cms::services
