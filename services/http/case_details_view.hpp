#pragma once
/// GET /v1/cases/{id} as JSON: the case's view (services/wire/case_views.hpp) with the batch
/// failures recorded against it.
#include <nlohmann/json.hpp>

#include "services/cases/case_service.hpp"

namespace cms::services {

nlohmann::json case_details_view(const case_details& details);

}  // namespace cms::services
