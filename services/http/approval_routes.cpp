#include "services/http/approval_routes.hpp"

#include "services/http/command_route.hpp"
#include "services/wire/case_views.hpp"
#include "services/wire/command_parsing.hpp"

namespace cms::services {

namespace {

constexpr std::int64_t approvals_page_size_max = 500;

route_handler request_route(case_service& cases, core::approval_kind kind) {
    return [&cases, kind](const api_request& request, const route_context& route, const response_callback& respond) {
        run_command(request, route, respond, [&](const nlohmann::json& body, const command_context& context) {
            cases.request_arrears_action(parse_arrears_request(body, core::case_id{route.path_ids[0]}, kind), context,
                                     respond_with(respond));
        });
    };
}

route_handler decision_route(case_service& cases, bool approve) {
    return [&cases, approve](const api_request& request, const route_context& route, const response_callback& respond) {
        run_command(request, route, respond, [&](const nlohmann::json& body, const command_context& context) {
            cases.decide_arrears_request(parse_arrears_decision(body, route.path_ids[0], approve), route.actor_role,
                                         context, respond_with(respond));
        });
    };
}

}  // namespace

void add_approval_routes(api_router& router, case_service& cases) {
    router.add({"POST", "/v1/cases/{id}/write-offs", access_family::case_write,
                request_route(cases, core::approval_kind::write_off)});
    router.add({"POST", "/v1/cases/{id}/part-payments", access_family::case_write,
                request_route(cases, core::approval_kind::part_payment)});
    router.add({"GET", "/v1/approvals", access_family::approval,
                [&cases](const api_request&, const route_context& route, const response_callback& respond) {
                    const std::string status = query_parameter(route.query, "status").value_or("pending");
                    if (status != "pending" && status != "all") {
                        throw field_error("status", "must be pending or all");
                    }
                    const std::int64_t after_id = query_integer(route.query, "after_id", 0, INT64_MAX, 0);
                    const std::int64_t limit = query_integer(route.query, "limit", 1, approvals_page_size_max, 100);
                    const arrears_request_page page = cases.list_arrears_requests(status == "pending", after_id, limit);
                    nlohmann::json body = {{"requests", nlohmann::json::array()}};
                    for (const auto& row : page.requests) body["requests"].push_back(arrears_request_view(row));
                    if (page.next_after_id) body["next_after_id"] = *page.next_after_id;
                    respond(json_answer(200, body));
                }, {"status", "after_id", "limit"}});
    router.add({"POST", "/v1/approvals/{id}/approve", access_family::approval, decision_route(cases, true)});
    router.add({"POST", "/v1/approvals/{id}/reject", access_family::approval, decision_route(cases, false)});
}

}  // namespace cms::services
