#pragma once
/// API users, their role and the SHA-256 of their token. The token itself never reaches this
/// layer; callers hash it first (services/access/token.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/access/authorisation.hpp"

namespace cms::persistence {

struct user_row {
    std::int64_t id = 0;
    std::string name;
    core::role role = core::role::caseworker;
};

/// A user as an administrator sees them: never the token hash.
struct user_listing {
    user_row user;
    std::string created_at_utc;
    std::optional<std::string> revoked_at_utc;
};

class user_queries {
public:
    virtual ~user_queries() = default;
    /// The active (not revoked) user holding the token with this hash.
    virtual std::optional<user_row> find_active_user_by_token_hash(const std::string& token_sha256_hex) = 0;
    /// True when any user, active or revoked, has this name (names are never reused).
    virtual bool user_name_taken(const std::string& name) = 0;
    /// Users in id order after `after_id`, at most `limit`.
    virtual std::vector<user_listing> list_users(std::int64_t after_id, std::int64_t limit) = 0;
    virtual std::optional<user_listing> find_user(std::int64_t id) = 0;
};

class user_repository : public user_queries {
public:
    /// Inserts a user; throws when the name or token hash is already taken.
    virtual std::int64_t insert_user(const std::string& name, core::role role, const std::string& token_sha256_hex) = 0;
    /// Replaces the token of an existing user, or creates the user; clears any revocation. For the
    /// demo users, whose tokens are regenerated on every start.
    virtual void upsert_user_token(const std::string& name, core::role role, const std::string& token_sha256_hex) = 0;
    /// Marks the user revoked, stamped with the store's clock; false when no active user has that name.
    virtual bool revoke_user(const std::string& name) = 0;
};

}  // namespace cms::persistence
