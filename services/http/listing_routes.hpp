#pragma once
/// Listing and search (case_read), cursor-paginated by id with `after_id` and `limit` (1-500,
/// default 100); a full page carries `next_after_id`.
///   GET /v1/cases?status=open|closed&service_type=&parent_id=
///   GET /v1/parents/{id}/cases?status=&service_type=
///   GET /v1/cases/{id}/payments
///   GET /v1/payments/{id}          the payment, its ledger legs, and its reversal if any
///   GET /v1/cases/{id}/disbursements?after_date=YYYY-MM-DD
///                                  pay-outs to the receiving parents, paged by date
#include "services/cases/case_service.hpp"
#include "services/http/api_router.hpp"

namespace cms::services {

/// A page's size when the query gives no `limit`.
inline constexpr std::int64_t listing_page_size_default = 100;

void add_listing_routes(api_router& router, case_service& cases);

/// The body of GET /v1/cases/{id}/disbursements; also `cms replay --report`'s (scenario_report.cpp).
nlohmann::json disbursement_page_view(const disbursement_page& page);

}  // namespace cms::services
