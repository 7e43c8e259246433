#pragma once
/// Routes of the statutory calculation: the what-if endpoint (POST /v1/calculations, writes
/// nothing) and a case's changes of circumstances and calculation history.
#include "services/http/api_router.hpp"
#include "services/cases/case_service.hpp"

namespace cms::services {

void add_calculation_routes(api_router& router, case_service& cases);

}  // namespace cms::services
