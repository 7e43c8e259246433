#include "services/http/access_control.hpp"

#include <spdlog/spdlog.h>

#include <string_view>

#include "persistence/read_pool.hpp"
#include "persistence/store.hpp"
#include "persistence/user_repository.hpp"
#include "services/access/token.hpp"

namespace cms::services {

namespace {

/// The token of an "Authorization: Bearer <token>" header; the scheme is case-insensitive
/// (RFC 9110), the token is not.
std::optional<std::string_view> bearer_token(const std::optional<std::string>& header) {
    if (!header) return std::nullopt;
    std::string_view value = *header;
    constexpr std::string_view scheme = "bearer ";
    if (value.size() <= scheme.size()) return std::nullopt;
    for (std::size_t i = 0; i < scheme.size(); ++i) {
        const char c = value[i];
        if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != scheme[i]) return std::nullopt;
    }
    value.remove_prefix(scheme.size());
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    return value;
}

std::string route_of(const api_request& request) {
    // The path only: a query may carry names (e.g. an audit filter) that do not belong in logs.
    return request.method + " " + request.target.substr(0, request.target.find('?'));
}

api_response unauthenticated(const api_request& request, std::string_view reason) {
    spdlog::warn("access refused (401): {}: {}", route_of(request), reason);
    return problem_response(401, "unauthenticated", "Unauthenticated",
                            "send Authorization: Bearer <token>; the token must be current", "Authorization");
}

}  // namespace

access_control::access_control(persistence::read_pool& readers) : readers_(readers) {}

std::variant<api_response, granted_actor> access_control::check(const api_request& request,
                                                              access_family family) const {
    if (core::is_public(family)) return granted_actor{"anonymous", std::nullopt};
    const auto token = bearer_token(request.authorization);
    if (!token) return unauthenticated(request, request.authorization ? "not a bearer token" : "no token");
    if (!has_token_shape(*token)) return unauthenticated(request, "malformed token");
    const std::optional<persistence::user_row> user = active_user(sha256_hex(*token));
    if (!user) return unauthenticated(request, "unknown or revoked token");
    if (!core::role_may_use(user->role, family)) {
        spdlog::warn("access refused (403): actor {} ({}): {}: role may not use {}", user->name,
                     core::role_name(user->role), route_of(request), core::access_family_name(family));
        return problem_response(403, "forbidden", "Forbidden",
                                "the role " + std::string(core::role_name(user->role)) + " may not use " +
                                    std::string(core::access_family_name(family)) + " routes");
    }
    return granted_actor{user->name, user->role};
}

std::optional<persistence::user_row> access_control::active_user(const std::string& token_sha256_hex) const {
    const persistence::users_version version = readers_.source().users_changed();
    {
        const std::lock_guard lock(remembered_mutex_);
        if (!(version == remembered_as_of_)) {
            remembered_users_.clear();
            remembered_as_of_ = version;
        }
        if (const auto found = remembered_users_.find(token_sha256_hex); found != remembered_users_.end()) {
            return found->second;
        }
    }
    std::optional<persistence::user_row> user;
    {
        auto session = readers_.borrow();
        user = session->users().find_active_user_by_token_hash(token_sha256_hex);
    }
    if (!user) return user;
    // Kept only if nothing changed since `version` was read before the query: a revocation
    // committed after the query has been announced by now (or will be, and then empties this
    // memory before the next check), so a row read before it is never kept past it.
    const persistence::users_version after = readers_.source().users_changed();
    const std::lock_guard lock(remembered_mutex_);
    if (after == version && remembered_as_of_ == version && remembered_users_.size() < remembered_users_max) {
        remembered_users_.emplace(token_sha256_hex, *user);
    }
    return user;
}

void use_access_control(api_router& router, const access_control& control) {
    router.set_access_check(
        [&control](const api_request& request, access_family family) { return control.check(request, family); });
}

}  // namespace cms::services
