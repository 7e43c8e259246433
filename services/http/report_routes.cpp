#include "services/http/report_routes.hpp"

#include "services/reports/report_reads.hpp"

namespace cms::services {

void add_report_routes(api_router& router, persistence::read_pool& readers, const business_clock& clock) {
    router.add({"GET", "/v1/reports/caseload", access_family::report_read,
                [&readers, &clock](const api_request&, const route_context& route, const response_callback& respond) {
                    const core::civil_date as_of = query_as_of(route.query, clock.today());
                    const persistence::caseload_summary summary = read_caseload_summary(readers, as_of);
                    nlohmann::json cases = nlohmann::json::object();
                    std::int64_t cases_total = 0;
                    for (const auto& [key, count] : summary.cases_by_service_and_status) {
                        cases[key] = count;
                        cases_total += count;
                    }
                    const nlohmann::json body = {
                        {"as_of", core::format_iso_date(as_of)},
                        {"cases_total", cases_total},
                        {"cases_by_service_and_status", std::move(cases)},
                        {"payments_received", {{"count", summary.payments_count}, {"amount_pence", summary.payments_pence}}},
                        {"arrears_requests",
                         {{"pending", summary.arrears_requests_pending},
                          {"approved", summary.arrears_requests_approved},
                          {"written_off_pence", summary.written_off_pence}}},
                        {"last_accrued_period",
                         summary.last_accrued_period.empty() ? nlohmann::json() : nlohmann::json(summary.last_accrued_period)}};
                    respond(json_answer(200, body));
                }, {"as_of"}});
}

}  // namespace cms::services
