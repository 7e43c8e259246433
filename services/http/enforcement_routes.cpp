#include "services/http/enforcement_routes.hpp"

#include "services/http/command_route.hpp"
#include "services/wire/enforcement_json.hpp"

namespace cms::services {

void add_enforcement_routes(api_router& router, enforcement_service& enforcement) {
    router.add({"POST", "/v1/cases/{id}/enforcement-actions", access_family::case_write,
                [&enforcement](const api_request& request, const route_context& route, const response_callback& respond) {
                    run_command(request, route, respond, [&](const nlohmann::json& body, const command_context& context) {
                        enforcement.apply_step(parse_apply_enforcement(body, core::case_id{route.path_ids[0]}), context,
                                               respond_with(respond));
                    });
                }});
    router.add({"POST", "/v1/cases/{id}/enforcement-actions/{action_id}/events", access_family::case_write,
                [&enforcement](const api_request& request, const route_context& route, const response_callback& respond) {
                    run_command(request, route, respond, [&](const nlohmann::json& body, const command_context& context) {
                        enforcement.record_event(
                            parse_enforcement_event(body, core::case_id{route.path_ids[0]}, route.path_ids[1]), context,
                            respond_with(respond));
                    });
                }});
    router.add({"POST", "/v1/cases/{id}/enforcement-actions/{action_id}/deductions", access_family::case_write,
                [&enforcement](const api_request& request, const route_context& route, const response_callback& respond) {
                    run_command(request, route, respond, [&](const nlohmann::json& body, const command_context& context) {
                        enforcement.record_deduction(
                            parse_deduction(body, core::case_id{route.path_ids[0]}, route.path_ids[1]), context,
                            respond_with(respond));
                    });
                }});
    router.add({"POST", "/v1/cases/{id}/penalties", access_family::case_write,
                [&enforcement](const api_request& request, const route_context& route, const response_callback& respond) {
                    run_command(request, route, respond, [&](const nlohmann::json& body, const command_context& context) {
                        enforcement.impose_penalty(parse_penalty(body, core::case_id{route.path_ids[0]}), context,
                                                   respond_with(respond));
                    });
                }});
    router.add({"POST", "/v1/cases/{id}/warning-notices", access_family::case_write,
                [&enforcement](const api_request& request, const route_context& route, const response_callback& respond) {
                    run_command(request, route, respond, [&](const nlohmann::json& body, const command_context& context) {
                        enforcement.record_warning_notice(parse_warning_notice(body, core::case_id{route.path_ids[0]}),
                                                          context, respond_with(respond));
                    });
                }});
    router.add({"POST", "/v1/cases/{id}/service-type", access_family::case_write,
                [&enforcement](const api_request& request, const route_context& route, const response_callback& respond) {
                    run_command(request, route, respond, [&](const nlohmann::json& body, const command_context& context) {
                        enforcement.switch_service(parse_switch_service(body, core::case_id{route.path_ids[0]}), context,
                                                   respond_with(respond));
                    });
                }});
    router.add({"POST", "/v1/cases/{id}/arrears-agreements", access_family::case_write,
                [&enforcement](const api_request& request, const route_context& route, const response_callback& respond) {
                    run_command(request, route, respond, [&](const nlohmann::json& body, const command_context& context) {
                        enforcement.make_arrears_agreement(
                            parse_arrears_agreement(body, core::case_id{route.path_ids[0]}), context, respond_with(respond));
                    });
                }});
    router.add({"GET", "/v1/cases/{id}/enforcement-actions", access_family::case_read,
                [&enforcement](const api_request&, const route_context& route, const response_callback& respond) {
                    respond(render_query(enforcement.list_actions(core::case_id{route.path_ids[0]}),
                                         enforcement_action_list_json));
                }});
}

}  // namespace cms::services
