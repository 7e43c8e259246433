#include "services/http/listing_routes.hpp"

#include <climits>

#include "services/wire/case_views.hpp"
#include "services/wire/json_fields.hpp"

namespace cms::services {

namespace {

struct page_request {
    std::int64_t after_id = 0;
    std::int64_t limit = 100;
};

page_request page_of(const route_context& route) {
    return {query_integer(route.query, "after_id", 0, INT64_MAX, 0),
            query_integer(route.query, "limit", 1, listing_page_size_max, listing_page_size_default)};
}

/// status, service_type and arrears_above_pence, checked; the parent comes from the path or the query.
case_search search_of(const route_context& route) {
    case_search search;
    persistence::case_filter& filter = search.filter;
    if (auto status = query_parameter(route.query, "status")) {
        if (*status != "open" && *status != "closed") throw field_error("status", "must be open or closed");
        filter.status = *status;
    }
    if (auto service = query_parameter(route.query, "service_type")) {
        filter.service = core::parse_service_type(*service);
        if (!filter.service) throw field_error("service_type", "must be collect_and_pay or direct_pay");
    }
    if (query_parameter(route.query, "arrears_above_pence")) {
        search.arrears_above =
            core::money::from_pence(query_integer(route.query, "arrears_above_pence", 0, INT64_MAX, 0));
    }
    return search;
}

nlohmann::json case_page_view(const case_page& page) {
    nlohmann::json body = {{"cases", nlohmann::json::array()}};
    for (std::size_t i = 0; i < page.cases.size(); ++i) {
        nlohmann::json shown = case_summary_view(page.cases[i]);
        if (i < page.arrears.size()) shown["arrears_pence"] = page.arrears[i].pence();
        body["cases"].push_back(std::move(shown));
    }
    if (page.next_after_id) body["next_after_id"] = *page.next_after_id;
    return body;
}

nlohmann::json payment_page_view(const payment_page& page) {
    nlohmann::json body = {{"case_id", page.for_case.value}, {"payments", nlohmann::json::array()}};
    for (const auto& row : page.payments) body["payments"].push_back(payment_view(row));
    if (page.next_after_id) body["next_after_id"] = *page.next_after_id;
    return body;
}

nlohmann::json legs_view(const std::vector<core::transfer>& legs) {
    nlohmann::json shown = nlohmann::json::array();
    for (const auto& leg : legs) shown.push_back(leg_view(leg));
    return shown;
}

nlohmann::json payment_details_view(const payment_details& details) {
    nlohmann::json body = payment_view(details.payment);
    body["legs"] = legs_view(details.legs);
    body["reversal"] = nullptr;
    if (details.reversal) {
        body["reversal"] = payment_reversal_view(*details.reversal);
        body["reversal"]["legs"] = legs_view(details.reversal_legs);
    }
    return body;
}

}  // namespace

nlohmann::json disbursement_page_view(const disbursement_page& page) {
    nlohmann::json body = {{"case_id", page.for_case.value}, {"disbursements", nlohmann::json::array()}};
    for (const auto& row : page.disbursements) {
        body["disbursements"].push_back({{"paid_on", core::format_iso_date(row.paid_on)},
                                         {"receiving_parent_id", row.receiving_parent.value},
                                         {"paid_pence", row.paid.pence()},
                                         {"recovered_pence", row.recovered.pence()},
                                         {"job_id", row.job_id}});
    }
    if (page.next_after_date) body["next_after_date"] = core::format_iso_date(*page.next_after_date);
    return body;
}

void add_listing_routes(api_router& router, case_service& cases) {
    router.add({"GET", "/v1/cases", access_family::case_read,
                [&cases](const api_request&, const route_context& route, const response_callback& respond) {
                    case_search search = search_of(route);
                    if (query_parameter(route.query, "parent_id")) {
                        search.filter.parent = core::parent_id{query_integer(route.query, "parent_id", 1, INT64_MAX, 1)};
                    }
                    const page_request page = page_of(route);
                    respond(render_query(cases.list_cases(search, page.after_id, page.limit), case_page_view));
                }, {"status", "service_type", "parent_id", "arrears_above_pence", "after_id", "limit"}});
    router.add({"GET", "/v1/parents/{id}/cases", access_family::case_read,
                [&cases](const api_request&, const route_context& route, const response_callback& respond) {
                    case_search search = search_of(route);
                    search.filter.parent = core::parent_id{route.path_ids[0]};
                    const page_request page = page_of(route);
                    respond(render_query(cases.list_cases(search, page.after_id, page.limit), case_page_view));
                }, {"status", "service_type", "arrears_above_pence", "after_id", "limit"}});
    router.add({"GET", "/v1/cases/{id}/payments", access_family::case_read,
                [&cases](const api_request&, const route_context& route, const response_callback& respond) {
                    const page_request page = page_of(route);
                    respond(render_query(cases.list_payments(core::case_id{route.path_ids[0]}, page.after_id, page.limit),
                                         payment_page_view));
                }, {"after_id", "limit"}});
    router.add({"GET", "/v1/cases/{id}/disbursements", access_family::case_read,
                [&cases](const api_request&, const route_context& route, const response_callback& respond) {
                    const auto limit =
                        query_integer(route.query, "limit", 1, listing_page_size_max, listing_page_size_default);
                    respond(render_query(cases.list_disbursements(core::case_id{route.path_ids[0]},
                                                                  query_date(route.query, "after_date"), limit),
                                         disbursement_page_view));
                }, {"after_date", "limit"}});
    router.add({"GET", "/v1/payments/{id}", access_family::case_read,
                [&cases](const api_request&, const route_context& route, const response_callback& respond) {
                    respond(render_query(cases.get_payment(core::payment_id{route.path_ids[0]}), payment_details_view));
                }});
}

}  // namespace cms::services
