#pragma once
/// The JSON bodies of the enforcement, nil payers, write-offs, service types and unpaid-since-start
/// reports (issue #16), which their GET /v1/reports/{name} routes answer and `cms report NAME`
/// prints; report_routes.hpp has the compliance and arrears ones.
#include <nlohmann/json.hpp>

#include "services/reports/enforcement_report.hpp"
#include "services/reports/nil_payers_report.hpp"
#include "services/reports/service_types_report.hpp"
#include "services/reports/unpaid_report.hpp"
#include "services/reports/write_offs_report.hpp"

namespace cms::services {

/// {"count", "share_basis_points"}: `count` of `of`, rounded half up.
nlohmann::json count_and_share(std::int64_t count, std::int64_t of);

nlohmann::json enforcement_report_body(const enforcement_report& report);
nlohmann::json nil_payers_report_body(const nil_payers_report& report);
nlohmann::json write_offs_report_body(const write_offs_report& report);
nlohmann::json service_types_report_body(const service_types_report& report);
nlohmann::json unpaid_report_body(const unpaid_report& report);

}  // namespace cms::services
