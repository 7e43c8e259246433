#pragma once
/// User administration over HTTP (admin role only, access family user_admin):
///   POST /v1/users              {"name", "role"} -> 201 with the bearer token, shown only in
///                               this answer: the journal and the users table keep no token
///                               (a repeat of the same key answers without it)
///   GET  /v1/users?after_id=&limit=   users, roles, created and revoked times; never hashes
///   POST /v1/users/{id}/revoke  {}   stops the token at once; an admin cannot revoke themself
/// Each change is a journaled command like any other, so the audit trail shows who made whom.
#include "services/access/user_service.hpp"
#include "services/http/api_router.hpp"

namespace cms::services {

struct user_route_context {
    user_service& users;
};

void add_user_routes(api_router& router, user_route_context& context);

}  // namespace cms::services
