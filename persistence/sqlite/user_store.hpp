#pragma once
/// Rows of the users table: API users, their role and the SHA-256 of their token. The token
/// itself never reaches this layer; callers hash it first (services/token.hpp).
#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "persistence/sqlite/statement_cache.hpp"
#include "persistence/user_repository.hpp"

namespace cms::persistence::sqlite {

/// Inserts a user; throws SQLite::Exception when the name or token hash is already taken.
std::int64_t insert_user(database_ref database, const std::string& name, core::role role,
                         const std::string& token_sha256_hex);

/// Replaces the token of an existing user, or creates the user; clears any revocation. For the
/// demo users, whose tokens are regenerated on every start.
void upsert_user_token(database_ref database, const std::string& name, core::role role,
                       const std::string& token_sha256_hex);

bool user_name_taken(database_ref database, const std::string& name);

/// Marks the user revoked; false when no active user has that name.
bool revoke_user(database_ref database, const std::string& name);

/// The active (not revoked) user holding the token with this hash.
std::optional<user_row> find_active_user_by_token_hash(database_ref database,
                                                       const std::string& token_sha256_hex);

/// Users in id order after `after_id`, at most `limit`.
std::vector<user_listing> list_users(database_ref database, std::int64_t after_id, std::int64_t limit);
std::optional<user_listing> find_user(database_ref database, std::int64_t id);

}  // namespace cms::persistence::sqlite
