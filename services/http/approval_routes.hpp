#pragma once
/// Write-off and part-payment routes: caseworkers ask (case_write); supervisors list and decide
/// (approval), never their own requests.
///   POST /v1/cases/{id}/write-offs      {"amount_pence", "reason", "receiving_parent_slot"?}
///   POST /v1/cases/{id}/part-payments   {"accepted_pence", "consent_reference", "receiving_parent_slot"?}
///   GET  /v1/approvals?status=pending|all&after_id=&limit=
///   POST /v1/approvals/{id}/approve     {"note"}
///   POST /v1/approvals/{id}/reject      {"note"}
#include "services/http/api_router.hpp"
#include "services/cases/case_service.hpp"

namespace cms::services {

void add_approval_routes(api_router& router, case_service& cases);

}  // namespace cms::services
