#pragma once
/// The API's access check (api_router::set_access_check): bearer token -> active user -> role
/// -> may this role use the route's access family (core/access/authorisation.hpp)?
///   missing, malformed, unknown or revoked token  -> 401
///   known user whose role lacks the family        -> 403
/// Both are decided before any handler runs, so neither writes anything. Each refusal is one
/// log line (actor when known, route, reason); never the token.
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>

#include "persistence/read_pool.hpp"
#include "persistence/store.hpp"
#include "persistence/user_repository.hpp"
#include "services/http/api_router.hpp"

namespace cms::services {

/// Bearer token -> active user -> may the role use the route's family.
///
/// Active users found by their token are kept in memory, so a request does not pay a database
/// read to be authenticated (issue #13: about a tenth of the event loop's time per request).
/// Revocation still takes effect on the very next request: every check first reads the store's
/// users_version (one stat(), persistence/store.hpp), and any committed change to users or
/// tokens, by this process or a `cms user` command beside it, empties the memory. Only active
/// users are kept, so a token added elsewhere works at once too.
class access_control {
public:
    explicit access_control(persistence::read_pool& readers);

    /// The refusal to send, or the acting user's name and role.
    std::variant<api_response, granted_actor> check(const api_request& request, access_family family) const;

private:
    std::optional<persistence::user_row> active_user(const std::string& token_sha256_hex) const;

    /// Bounds the memory; beyond it users are read from the store each time, as before.
    static constexpr std::size_t remembered_users_max = 10'000;

    persistence::read_pool& readers_;
    mutable std::mutex remembered_mutex_;
    mutable persistence::users_version remembered_as_of_;
    mutable std::unordered_map<std::string, persistence::user_row> remembered_users_;  ///< by token SHA-256
};

/// Installs `control` as the router's access check; `control` must outlive the router's use.
void use_access_control(api_router& router, const access_control& control);

}  // namespace cms::services
