#pragma once
/// What every command route does the same way, so each resource's routes stay one line each.
#include "services/commands/commands.hpp"
#include "services/http/api_router.hpp"
#include "services/wire/json_fields.hpp"

namespace cms::services {

/// Runs a command route's common steps: header checks, the JSON body, then `run(body, context)`,
/// where `run` reads the typed command with its parser (services/wire/command_parsing.hpp) and
/// hands it to its service.
template <typename Run>
void run_command(const api_request& request, const route_context& route, const response_callback& respond,
                 Run&& run) {
    if (auto refused = check_command_headers(request)) return respond(*refused);
    run(parse_json_body(request.body), command_context{*request.idempotency_key, route.actor});
}

/// Forwards a command outcome to the response callback.
inline outcome_callback respond_with(const response_callback& respond) {
    return [respond](command_outcome outcome) { respond(to_api_response(outcome)); };
}

}  // namespace cms::services
