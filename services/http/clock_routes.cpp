#include "services/http/clock_routes.hpp"

#include "services/http/json_fields.hpp"

namespace cms::services {

void add_clock_routes(api_router& router, const business_clock& clock, simulated_business_clock* simulated) {
    router.add({"POST", "/v1/clock", access_family::job_run,
                [&clock, simulated](const api_request& request, const route_context&, const response_callback& respond) {
                    if (simulated == nullptr) {
                        return respond(problem_response(409, "real-clock", "Real clock",
                                                        "this server runs on today's date; start it with --business-date to simulate"));
                    }
                    const nlohmann::json body = parse_json_body(request.body);
                    json_fields fields(body, "");
                    const core::civil_date target = fields.required_date("business_date");
                    fields.refuse_unknown_fields();
                    if (target < clock.today()) {
                        return respond(problem_response(422, "clock-backwards", "Clock cannot go back",
                                                        "business_date must not be before " + core::format_iso_date(clock.today()),
                                                        "business_date"));
                    }
                    simulated->set(target);
                    respond(json_answer(200, {{"business_date", core::format_iso_date(target)}}));
                }});
}

}  // namespace cms::services
