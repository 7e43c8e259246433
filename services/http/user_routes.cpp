#include "services/http/user_routes.hpp"

#include "persistence/unit_of_work.hpp"
#include "services/http/command_route.hpp"
#include "services/access/token.hpp"
#include "services/commands/command_refusal.hpp"
#include "services/commands/command_submission.hpp"

namespace cms::services {

namespace {

using detail::refuse;

constexpr std::int64_t users_page_size_max = 500;

nlohmann::json user_view(const persistence::user_listing& listing) {
    return {{"id", listing.user.id},
            {"name", listing.user.name},
            {"role", core::role_name(listing.user.role)},
            {"created_at_utc", listing.created_at_utc},
            {"revoked_at_utc", listing.revoked_at_utc ? nlohmann::json(*listing.revoked_at_utc) : nlohmann::json()}};
}

void add_user(user_route_context& context, const nlohmann::json& body, const command_context& command,
              const response_callback& respond) {
    json_fields fields(body, "");
    const std::string name = fields.required_string("name", 64);
    if (!is_valid_user_name(name)) throw field_error("name", "must be 1 to 64 of A-Z a-z 0-9 . _ -");
    const core::role held = required_enum(fields, "role", &core::parse_role,
                                          "caseworker, supervisor, batch, analyst, auditor, admin");
    fields.refuse_unknown_fields();
    // Made before the writer runs; used only if this key is new. Only its hash is written.
    const auto token = std::make_shared<std::string>(generate_token());
    const auto created = std::make_shared<bool>(false);
    submit_command(context.writer, context.clock.today(), "add_user", body, command,
                   [=](persistence::unit_of_work& work, core::command_id) {
                       if (work.users().find_active_user_by_token_hash(sha256_hex(*token))) {
                           throw std::runtime_error("generated token collides");  // 2^-256: a broken generator
                       }
                       if (work.users().user_name_taken(name)) {
                           refuse({core::rejection_code::conflicting_state, "name", "a user with this name exists"});
                       }
                       const std::int64_t id = work.users().insert_user(name, held, sha256_hex(*token));
                       *created = true;
                       return command_outcome{201, user_view(*work.users().find_user(id))};
                   },
                   [=](command_outcome outcome) {
                       // The journal recorded the outcome without the token; only this answer has it.
                       if (*created && outcome.status == 201) outcome.body["token"] = *token;
                       respond(to_api_response(outcome));
                   });
}

void revoke_user(user_route_context& context, std::int64_t user_id, const nlohmann::json& body,
                 const command_context& command, const response_callback& respond) {
    json_fields(body, "").refuse_unknown_fields();
    nlohmann::json canonical = body;
    canonical["user_id"] = user_id;
    submit_command(context.writer, context.clock.today(), "revoke_user", std::move(canonical), command,
                   [=](persistence::unit_of_work& work, core::command_id) {
                       const auto found = work.users().find_user(user_id);
                       if (!found) refuse({core::rejection_code::not_found, "user_id", "does not exist"});
                       if (found->user.name == command.actor) {
                           refuse({core::rejection_code::conflicting_state, "user_id",
                                   "an administrator cannot revoke themself; ask another administrator"});
                       }
                       if (!work.users().revoke_user(found->user.name)) {
                           refuse({core::rejection_code::conflicting_state, "user_id", "is already revoked"});
                       }
                       return command_outcome{200, user_view(*work.users().find_user(user_id))};
                   },
                   [respond](command_outcome outcome) { respond(to_api_response(outcome)); });
}

}  // namespace

void add_user_routes(api_router& router, user_route_context& context) {
    router.add({"POST", "/v1/users", access_family::user_admin,
                [&context](const api_request& request, const route_context& route, const response_callback& respond) {
                    run_command(request, route, respond, [&](const nlohmann::json& body, const command_context& command) {
                        add_user(context, body, command, respond);
                    });
                }});
    router.add({"GET", "/v1/users", access_family::user_admin,
                [&context](const api_request&, const route_context& route, const response_callback& respond) {
                    const std::int64_t after_id = query_integer(route.query, "after_id", 0, INT64_MAX, 0);
                    const std::int64_t limit = query_integer(route.query, "limit", 1, users_page_size_max, 100);
                    auto session = context.readers.borrow();
                    nlohmann::json users = nlohmann::json::array();
                    for (const auto& listing : session->users().list_users(after_id, limit)) {
                        users.push_back(user_view(listing));
                    }
                    respond(to_api_response(command_outcome{200, {{"users", std::move(users)}}}));
                }, {"after_id", "limit"}});
    router.add({"POST", "/v1/users/{id}/revoke", access_family::user_admin,
                [&context](const api_request& request, const route_context& route, const response_callback& respond) {
                    run_command(request, route, respond, [&](const nlohmann::json& body, const command_context& command) {
                        revoke_user(context, route.path_ids[0], body, command, respond);
                    });
                }});
}

}  // namespace cms::services
