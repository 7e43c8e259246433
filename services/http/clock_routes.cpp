#include "services/http/clock_routes.hpp"

#include "services/http/command_route.hpp"
#include "services/http/json_fields.hpp"
#include "services/runtime/clock_commands.hpp"

namespace cms::services {

void add_clock_routes(api_router& router, persistence::writer& writer, const business_clock& clock,
                      simulated_business_clock* simulated) {
    router.add({"POST", "/v1/clock", access_family::job_run,
                [&writer, &clock, simulated](const api_request& request, const route_context& route,
                                             const response_callback& respond) {
                    run_command(request, route, respond, [&](const nlohmann::json& body, const command_context& context) {
                        json_fields fields(body, "");
                        const core::civil_date target = fields.required_date("business_date");
                        fields.refuse_unknown_fields();
                        set_business_date(writer, clock, simulated, target, context, respond_with(respond));
                    });
                }});
}

}  // namespace cms::services
