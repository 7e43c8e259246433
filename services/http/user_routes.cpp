#include "services/http/user_routes.hpp"

#include "services/http/command_route.hpp"
#include "services/wire/case_views.hpp"
#include "services/wire/command_parsing.hpp"

namespace cms::services {

namespace {

constexpr std::int64_t users_page_size_max = 500;

}  // namespace

void add_user_routes(api_router& router, user_route_context& context) {
    router.add({"POST", "/v1/users", access_family::user_admin,
                [&context](const api_request& request, const route_context& route, const response_callback& respond) {
                    run_command(request, route, respond, [&](const nlohmann::json& body, const command_context& command) {
                        context.users.add_user(parse_add_user(body), command, respond_with(respond));
                    });
                }});
    router.add({"GET", "/v1/users", access_family::user_admin,
                [&context](const api_request&, const route_context& route, const response_callback& respond) {
                    const std::int64_t after_id = query_integer(route.query, "after_id", 0, INT64_MAX, 0);
                    const std::int64_t limit = query_integer(route.query, "limit", 1, users_page_size_max, 100);
                    nlohmann::json users = nlohmann::json::array();
                    for (const auto& listing : context.users.list_users(after_id, limit)) users.push_back(user_view(listing));
                    respond(json_answer(200, {{"users", std::move(users)}}));
                }, {"after_id", "limit"}});
    router.add({"POST", "/v1/users/{id}/revoke", access_family::user_admin,
                [&context](const api_request& request, const route_context& route, const response_callback& respond) {
                    run_command(request, route, respond, [&](const nlohmann::json& body, const command_context& command) {
                        context.users.revoke_user(parse_revoke_user(body, route.path_ids[0]), command, respond_with(respond));
                    });
                }});
}

}  // namespace cms::services
