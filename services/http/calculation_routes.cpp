#include "services/http/calculation_routes.hpp"

#include "services/http/calculation_json.hpp"
#include "services/http/command_route.hpp"

namespace cms::services {

namespace {

/// A what-if question: the calculation for the body's circumstances, nothing stored, so no
/// Idempotency-Key. Invalid input is a 400 naming the field, as for commands.
void answer_calculation(const api_request& request, const case_service& cases, const response_callback& respond) {
    if (request.content_type.rfind("application/json", 0) != 0) {
        return respond(problem_response(415, "unsupported-media-type", "Unsupported media type",
                                        "calculations are sent as application/json", "Content-Type"));
    }
    const calculation_response answer = run_calculation_request(parse_json_body(request.body), cases.calculation_rates());
    if (answer.error) throw field_error(answer.error->field, answer.error->message);
    respond(json_answer(200, *answer.result));
}

}  // namespace

void add_calculation_routes(api_router& router, case_service& cases) {
    router.add({"POST", "/v1/calculations", access_family::calculation,
                [&cases](const api_request& request, const route_context&, const response_callback& respond) {
                    answer_calculation(request, cases, respond);
                }});
    router.add({"POST", "/v1/cases/{id}/income", access_family::case_write,
                [&cases](const api_request& request, const route_context& route, const response_callback& respond) {
                    run_command(request, route, respond, [&](const nlohmann::json& body, const command_context& context) {
                        cases.record_income(core::case_id{route.path_ids[0]}, body, context, respond_with(respond));
                    });
                }});
    router.add({"POST", "/v1/cases/{id}/shared-care", access_family::case_write,
                [&cases](const api_request& request, const route_context& route, const response_callback& respond) {
                    run_command(request, route, respond, [&](const nlohmann::json& body, const command_context& context) {
                        cases.record_shared_care(core::case_id{route.path_ids[0]}, body, context, respond_with(respond));
                    });
                }});
    router.add({"GET", "/v1/cases/{id}/calculation", access_family::case_read,
                [&cases](const api_request&, const route_context& route, const response_callback& respond) {
                    respond(to_api_response(cases.get_calculation(core::case_id{route.path_ids[0]})));
                }});
}

}  // namespace cms::services
