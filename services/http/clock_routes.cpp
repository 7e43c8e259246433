#include "services/http/clock_routes.hpp"

#include "services/http/command_route.hpp"
#include "services/wire/command_parsing.hpp"
#include "services/clock/clock_commands.hpp"

namespace cms::services {

void add_clock_routes(api_router& router, persistence::writer& writer, const business_clock& clock,
                      simulated_business_clock* simulated) {
    router.add({"POST", "/v1/clock", access_family::job_run,
                [&writer, &clock, simulated](const api_request& request, const route_context& route,
                                             const response_callback& respond) {
                    run_command(request, route, respond, [&](const nlohmann::json& body, const command_context& context) {
                        set_business_date(writer, clock, simulated, parse_set_business_date(body), context,
                                          respond_with(respond));
                    });
                }});
}

}  // namespace cms::services
