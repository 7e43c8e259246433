#pragma once
/// GET /v1/audit: the audit trail (accepted commands with actor, times, key and outcome),
/// filtered by case_id, actor and business date (from, to), paged by after_id and limit.
#include "persistence/read_pool.hpp"
#include "services/http/api_router.hpp"

namespace cms::services {

/// Page size bounds for the audit trail.
inline constexpr std::int64_t audit_entries_per_page_max = 500;
inline constexpr std::int64_t audit_entries_per_page_default = 100;

void add_audit_routes(api_router& router, persistence::read_pool& readers);

}  // namespace cms::services
