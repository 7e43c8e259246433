#include "services/http/case_routes.hpp"

#include "services/http/case_details_view.hpp"
#include "services/http/command_route.hpp"
#include "services/wire/case_views.hpp"
#include "services/wire/command_parsing.hpp"

namespace cms::services {


void add_health_route(api_router& router, const business_clock& clock) {
    router.add({"GET", "/health", access_family::public_health,
                [&clock](const api_request&, const route_context&, const response_callback& respond) {
                    respond(json_answer(200, {{"status", "ok"}, {"business_date", core::format_iso_date(clock.today())}}));
                }});
}

void add_case_routes(api_router& router, case_service& cases) {
    router.add({"POST", "/v1/parents", access_family::case_write,
                [&cases](const api_request& request, const route_context& route, const response_callback& respond) {
                    run_command(request, route, respond, [&](const nlohmann::json& body, const command_context& context) {
                        cases.register_parent(parse_register_parent(body, cases.limits()), context, respond_with(respond));
                    });
                }});
    router.add({"GET", "/v1/parents/{id}", access_family::case_read,
                [&cases](const api_request&, const route_context& route, const response_callback& respond) {
                    respond(render_query(cases.get_parent(core::parent_id{route.path_ids[0]}), parent_view));
                }});
    router.add({"POST", "/v1/cases", access_family::case_write,
                [&cases](const api_request& request, const route_context& route, const response_callback& respond) {
                    run_command(request, route, respond, [&](const nlohmann::json& body, const command_context& context) {
                        cases.open_case(parse_open_case_command(body, cases.limits()), context, respond_with(respond));
                    });
                }});
    router.add({"GET", "/v1/cases/{id}", access_family::case_read,
                [&cases](const api_request&, const route_context& route, const response_callback& respond) {
                    respond(render_query(cases.get_case(core::case_id{route.path_ids[0]}), case_details_view));
                }});
    router.add({"POST", "/v1/cases/{id}/payments", access_family::payment_write,
                [&cases](const api_request& request, const route_context& route, const response_callback& respond) {
                    run_command(request, route, respond, [&](const nlohmann::json& body, const command_context& context) {
                        cases.record_payment(parse_record_payment(body, core::case_id{route.path_ids[0]}, cases.limits()), context,
                                             respond_with(respond));
                    });
                }});
    router.add({"POST", "/v1/parents/{id}/payments", access_family::payment_write,
                [&cases](const api_request& request, const route_context& route, const response_callback& respond) {
                    run_command(request, route, respond, [&](const nlohmann::json& body, const command_context& context) {
                        cases.record_parent_payment(
                            parse_record_parent_payment(body, core::parent_id{route.path_ids[0]}, cases.limits()), context,
                            respond_with(respond));
                    });
                }});
    router.add({"POST", "/v1/cases/{id}/closure", access_family::case_write,
                [&cases](const api_request& request, const route_context& route, const response_callback& respond) {
                    run_command(request, route, respond, [&](const nlohmann::json& body, const command_context& context) {
                        cases.close_case(parse_close_case(body, core::case_id{route.path_ids[0]}), context,
                                         respond_with(respond));
                    });
                }});
    router.add({"POST", "/v1/payments/{id}/reversal", access_family::payment_write,
                [&cases](const api_request& request, const route_context& route, const response_callback& respond) {
                    run_command(request, route, respond, [&](const nlohmann::json& body, const command_context& context) {
                        cases.reverse_payment(parse_reverse_payment(body, core::payment_id{route.path_ids[0]}), context,
                                              respond_with(respond));
                    });
                }});
}

}  // namespace cms::services
