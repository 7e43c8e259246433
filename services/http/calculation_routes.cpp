#include "services/http/calculation_routes.hpp"

#include "services/wire/calculation_json.hpp"
#include "services/http/command_route.hpp"
#include "services/wire/circumstance_parsing.hpp"
#include "services/wire/stored_calculation.hpp"

namespace cms::services {

namespace {

/// A what-if question: the calculation for the body's circumstances, nothing stored, so no
/// Idempotency-Key. Invalid input is a 400 naming the field, as for commands.
void answer_calculation(const api_request& request, const case_service& cases, const response_callback& respond) {
    if (request.content_type.rfind("application/json", 0) != 0) {
        return respond(problem_response(415, "unsupported-media-type", "Unsupported media type",
                                        "calculations are sent as application/json", "Content-Type"));
    }
    const calculation_response calculated = run_calculation_request(parse_json_body(request.body), cases.calculation_rates());
    if (calculated.error) throw field_error(calculated.error->field, calculated.error->message);
    respond(json_answer(200, *calculated.result));
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
                        cases.record_income(parse_income_change(body, core::case_id{route.path_ids[0]}), context, respond_with(respond));
                    });
                }});
    router.add({"POST", "/v1/cases/{id}/shared-care", access_family::case_write,
                [&cases](const api_request& request, const route_context& route, const response_callback& respond) {
                    run_command(request, route, respond, [&](const nlohmann::json& body, const command_context& context) {
                        cases.record_shared_care(
                            parse_shared_care_change(body, core::case_id{route.path_ids[0]}, cases.limits().children_count_max),
                            context, respond_with(respond));
                    });
                }});
    router.add({"GET", "/v1/cases/{id}/calculation", access_family::case_read,
                [&cases](const api_request&, const route_context& route, const response_callback& respond) {
                    respond(render_query(cases.get_calculation(core::case_id{route.path_ids[0]}),
                                         [](const calculation_history_view& view) {
                                             return case_calculation_view(view.for_case, view.rows, view.today);
                                         }));
                }});
}

}  // namespace cms::services
