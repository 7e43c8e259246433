#include "services/http/report_routes.hpp"

#include <string_view>

#include "services/http/statistics_bodies.hpp"
#include "services/reports/reference_data.hpp"
#include "services/reports/report_pages.hpp"
#include "services/reports/report_reads.hpp"
#include "services/wire/json_fields.hpp"

namespace cms::services {

namespace {

/// The quarter a compliance request asks for: ?quarter=, else the last ended by ?as_of= (or by
/// the business date). Refused when it has not ended by the business date.
core::reporting_quarter requested_quarter(const std::string& query, core::civil_date business_date) {
    core::reporting_quarter quarter = last_quarter_ended_by(query_as_of(query, business_date));
    if (const auto text = query_parameter(query, "quarter")) {
        if (query_parameter(query, "as_of")) throw field_error("quarter", "give quarter or as_of, not both");
        const auto parsed = core::parse_reporting_quarter(*text);
        if (!parsed) throw field_error("quarter", "must be a quarter such as 2025-Q1");
        quarter = *parsed;
    }
    if (business_date < quarter.last_day()) {
        throw field_error("quarter", "has not ended by the business date " + core::format_iso_date(business_date));
    }
    return quarter;
}

/// The report as its JSON body, or as an HTML page with ?format=html.
template <typename Report, typename Body, typename Page>
api_response report_answer(const std::string& query, const Report& report, Body body, Page page) {
    const std::string format = query_parameter(query, "format").value_or("json");
    if (format == "html") return {200, "text/html; charset=utf-8", render_report_html(page(report))};
    if (format != "json") throw field_error("format", "must be json or html");
    return json_answer(200, body(report));
}

nlohmann::json area_body(const core::area_arrears& area) {
    return {{"cases_in_arrears", area.cases_in_arrears},
            {"maintenance_pence", area.maintenance.pence()},
            {"owed_to_state_pence", area.owed_to_state.pence()},
            {"total_pence", area.total.pence()},
            {"average_per_case_pence", area.average_per_case.pence()}};
}

/// Ranked local authorities or regions, each with its rank, GSS code and name from the reference
/// data (null when the code is not listed).
nlohmann::json ranked_body(const std::vector<core::area_arrears>& ranked) {
    nlohmann::json rows = nlohmann::json::array();
    std::int64_t rank = 0;
    for (const core::area_arrears& area : ranked) {
        nlohmann::json row = area_body(area);
        row["rank"] = ++rank;
        row["code"] = area.area_code;
        const std::string_view name = reference_name(area.area_code);
        row["name"] = name.empty() ? nlohmann::json() : nlohmann::json(name);
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace

nlohmann::json arrears_report_body(const arrears_report& report) {
    nlohmann::json nations = nlohmann::json::array();
    for (const core::area_arrears& nation : report.summary.nations) {
        nlohmann::json row = area_body(nation);
        row["nation"] = nation.area_code;
        nations.push_back(std::move(row));
    }
    return {{"as_of", core::format_iso_date(report.as_of)},
            {"cases_read", report.cases_read},
            {"all", area_body(report.summary.all)},
            {"nations", std::move(nations)},
            {"regions", ranked_body(report.summary.regions)},
            {"local_authorities", ranked_body(report.summary.areas)}};
}

nlohmann::json arrears_by_quarter_body(const std::vector<arrears_at_quarter_end>& quarters) {
    nlohmann::json rows = nlohmann::json::array();
    for (const arrears_at_quarter_end& quarter : quarters) {
        nlohmann::json row = area_body(quarter.totals);
        row["quarter"] = core::format_reporting_quarter(quarter.quarter);
        row["as_of"] = core::format_iso_date(quarter.quarter.last_day());
        rows.push_back(std::move(row));
    }
    return {{"quarters", std::move(rows)}};
}

std::pair<core::reporting_quarter, core::reporting_quarter> requested_quarters(const std::optional<std::string>& from_text,
                                                                               const std::optional<std::string>& to_text,
                                                                               core::civil_date business_date) {
    auto parsed = [](const std::optional<std::string>& text, const char* field) -> std::optional<core::reporting_quarter> {
        if (!text) return std::nullopt;
        const auto quarter = core::parse_reporting_quarter(*text);
        if (!quarter) throw field_error(field, "must be a quarter such as 2025-Q1");
        return quarter;
    };
    const core::reporting_quarter to = parsed(to_text, "to").value_or(last_quarter_ended_by(business_date));
    core::reporting_quarter from = to;
    for (int earlier = 0; earlier < 3; ++earlier) from = core::previous_quarter(from);  // four quarters by default
    from = parsed(from_text, "from").value_or(from);
    if (business_date < to.last_day()) {
        throw field_error("to", "has not ended by the business date " + core::format_iso_date(business_date));
    }
    const std::int64_t count = core::quarters_from_to(from, to);
    if (count == 0) throw field_error("from", "must not be after to");
    if (count > arrears_quarters_max) {
        throw field_error("from", "at most " + std::to_string(arrears_quarters_max) + " quarters a request");
    }
    return {from, to};
}

std::pair<core::reporting_quarter, core::reporting_quarter> requested_write_off_quarters(
    const std::optional<std::string>& quarter_text, const std::optional<std::string>& from_text,
    const std::optional<std::string>& to_text, core::civil_date business_date) {
    if (!quarter_text) return requested_quarters(from_text, to_text, business_date);
    if (from_text || to_text) throw field_error("quarter", "give quarter, or from and to, not both");
    if (!core::parse_reporting_quarter(*quarter_text)) throw field_error("quarter", "must be a quarter such as 2025-Q1");
    return requested_quarters(quarter_text, quarter_text, business_date);
}

nlohmann::json compliance_report_body(const compliance_report& report) {
    const core::compliance_summary& summary = report.summary;
    const std::int64_t due = summary.paying_parents_due;
    return {{"quarter", core::format_reporting_quarter(report.quarter)},
            {"from", core::format_iso_date(report.quarter.first_day())},
            {"to", core::format_iso_date(report.quarter.last_day())},
            {"paying_parents_due", due},
            {"paid_nothing", count_and_share(summary.paid_nothing, due)},
            {"paid_some", count_and_share(summary.paid_up_to_90_percent + summary.paid_over_90_percent, due)},
            {"paid_up_to_90_percent", count_and_share(summary.paid_up_to_90_percent, due)},
            {"paid_over_90_percent", count_and_share(summary.paid_over_90_percent, due)},
            {"maintenance_due_pence", summary.maintenance_due.pence()},
            {"maintenance_paid_pence", summary.maintenance_paid.pence()},
            {"maintenance_paid_share_basis_points",
             core::share_basis_points(summary.maintenance_paid.pence(), summary.maintenance_due.pence()).value},
            {"cases_read", report.cases_read}};
}

void add_report_routes(api_router& router, persistence::read_pool& readers, const business_clock& clock,
                       std::span<const core::collection_fee_row> fees, std::span<const core::ageing_bucket> buckets) {
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
    router.add({"GET", "/v1/reports/compliance", access_family::report_read,
                [&readers, &clock](const api_request&, const route_context& route, const response_callback& respond) {
                    const core::reporting_quarter quarter = requested_quarter(route.query, clock.today());
                    respond(report_answer(route.query, read_compliance_report(readers, quarter), compliance_report_body,
                                          compliance_page));
                }, {"quarter", "as_of", "format"}});
    router.add({"GET", "/v1/reports/arrears-by-area", access_family::report_read,
                [&readers, &clock, fees, buckets](const api_request&, const route_context& route, const response_callback& respond) {
                    const core::civil_date as_of = query_as_of(route.query, clock.today());
                    respond(report_answer(route.query, read_arrears_by_area(readers, as_of, fees, buckets), arrears_report_body,
                                          arrears_by_area_page));
                }, {"as_of", "format"}});
    router.add({"GET", "/v1/reports/arrears-by-quarter", access_family::report_read,
                [&readers, &clock, fees, buckets](const api_request&, const route_context& route, const response_callback& respond) {
                    const auto [from, to] = requested_quarters(query_parameter(route.query, "from"),
                                                               query_parameter(route.query, "to"), clock.today());
                    respond(report_answer(route.query, read_arrears_by_quarter(readers, from, to, fees, buckets),
                                          arrears_by_quarter_body, arrears_by_quarter_page));
                }, {"from", "to", "format"}});
    router.add({"GET", "/v1/reports/enforcement", access_family::report_read,
                [&readers, &clock](const api_request&, const route_context& route, const response_callback& respond) {
                    const core::reporting_quarter quarter = requested_quarter(route.query, clock.today());
                    respond(report_answer(route.query, read_enforcement_report(readers, quarter), enforcement_report_body,
                                          enforcement_page));
                }, {"quarter", "as_of", "format"}});
    router.add({"GET", "/v1/reports/nil-payers-by-method", access_family::report_read,
                [&readers, &clock](const api_request&, const route_context& route, const response_callback& respond) {
                    const core::reporting_quarter quarter = requested_quarter(route.query, clock.today());
                    respond(report_answer(route.query, read_nil_payers_report(readers, quarter), nil_payers_report_body,
                                          nil_payers_page));
                }, {"quarter", "as_of", "format"}});
    router.add({"GET", "/v1/reports/write-offs", access_family::report_read,
                [&readers, &clock](const api_request&, const route_context& route, const response_callback& respond) {
                    const auto [from, to] = requested_write_off_quarters(query_parameter(route.query, "quarter"),
                                                                         query_parameter(route.query, "from"),
                                                                         query_parameter(route.query, "to"), clock.today());
                    respond(report_answer(route.query, read_write_offs_report(readers, from, to), write_offs_report_body,
                                          write_offs_page));
                }, {"quarter", "from", "to", "format"}});
    router.add({"GET", "/v1/reports/service-types", access_family::report_read,
                [&readers, &clock](const api_request&, const route_context& route, const response_callback& respond) {
                    const core::civil_date as_of = query_as_of(route.query, clock.today());
                    respond(report_answer(route.query, read_service_types_report(readers, as_of), service_types_report_body,
                                          service_types_page));
                }, {"as_of", "format"}});
    router.add({"GET", "/v1/reports/unpaid-since-start", access_family::report_read,
                [&readers, &clock](const api_request&, const route_context& route, const response_callback& respond) {
                    const core::civil_date as_of = query_as_of(route.query, clock.today());
                    respond(report_answer(route.query, read_unpaid_report(readers, as_of), unpaid_report_body, unpaid_page));
                }, {"as_of", "format"}});
}

}  // namespace cms::services
