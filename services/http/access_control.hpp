#pragma once
/// The API's access check (api_router::set_access_check): bearer token -> active user -> role
/// -> may this role use the route's access family (core/access/authorisation.hpp)?
///   missing, malformed, unknown or revoked token  -> 401
///   known user whose role lacks the family        -> 403
/// Both are decided before any handler runs, so neither writes anything. Each refusal is one
/// log line (actor when known, route, reason); never the token.
#include <variant>

#include "persistence/read_pool.hpp"
#include "services/http/api_router.hpp"

namespace cms::services {

class access_control {
public:
    explicit access_control(persistence::read_pool& readers);

    /// The refusal to send, or the acting user's name and role.
    std::variant<api_response, granted_actor> check(const api_request& request, access_family family) const;

private:
    persistence::read_pool& readers_;
};

/// Installs `control` as the router's access check; `control` must outlive the router's use.
void use_access_control(api_router& router, const access_control& control);

}  // namespace cms::services
