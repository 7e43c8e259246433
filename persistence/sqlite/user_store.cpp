#include "persistence/sqlite/user_store.hpp"

#include <SQLiteCpp/Statement.h>

#include <stdexcept>
#include <string>

namespace cms::persistence::sqlite {

namespace {
constexpr const char* now_utc = "cms_now_utc()";
}  // namespace

std::int64_t insert_user(database_ref database, const std::string& name, core::role role,
                         const std::string& token_sha256_hex) {
    cached_statement insert(database, std::string("INSERT INTO users(name, role, token_sha256, created_at_utc)"
                                                   " VALUES (?, ?, ?, ") + now_utc + ")");
    insert.bind(1, name);
    insert.bind(2, std::string(core::role_name(role)));
    insert.bind(3, token_sha256_hex);
    insert.exec();
    return database.getLastInsertRowid();
}

void upsert_user_token(database_ref database, const std::string& name, core::role role,
                       const std::string& token_sha256_hex) {
    cached_statement upsert(database,
                             std::string("INSERT INTO users(name, role, token_sha256, created_at_utc)"
                                         " VALUES (?, ?, ?, ") + now_utc + ")"
                                 " ON CONFLICT(name) DO UPDATE SET role = excluded.role,"
                                 " token_sha256 = excluded.token_sha256, revoked_at_utc = NULL");
    upsert.bind(1, name);
    upsert.bind(2, std::string(core::role_name(role)));
    upsert.bind(3, token_sha256_hex);
    upsert.exec();
}

bool user_name_taken(database_ref database, const std::string& name) {
    cached_statement taken(database, "SELECT 1 FROM users WHERE name = ?");
    taken.bind(1, name);
    return taken.executeStep();
}

bool revoke_user(database_ref database, const std::string& name) {
    cached_statement revoke(database, std::string("UPDATE users SET revoked_at_utc = ") + now_utc +
                                           " WHERE name = ? AND revoked_at_utc IS NULL");
    revoke.bind(1, name);
    return revoke.exec() == 1;
}

namespace {

constexpr const char* listing_columns = "SELECT id, name, role, created_at_utc, revoked_at_utc FROM users";

core::role stored_role(const std::string& text) {
    const auto held = core::parse_role(text);
    // The CHECK constraint allows only known roles; anything else means a newer schema.
    if (!held) throw std::runtime_error("users row with an unknown role");
    return *held;
}

user_listing read_listing(cached_statement& query) {
    user_listing listing{{query.getColumn(0).getInt64(), query.getColumn(1).getString(),
                          stored_role(query.getColumn(2).getString())},
                         query.getColumn(3).getString(),
                         std::nullopt};
    if (!query.getColumn(4).isNull()) listing.revoked_at_utc = query.getColumn(4).getString();
    return listing;
}

}  // namespace

std::vector<user_listing> list_users(database_ref database, std::int64_t after_id, std::int64_t limit) {
    cached_statement query(database, std::string(listing_columns) + " WHERE id > ? ORDER BY id LIMIT ?");
    query.bind(1, after_id);
    query.bind(2, limit);
    std::vector<user_listing> users;
    while (query.executeStep()) users.push_back(read_listing(query));
    return users;
}

std::optional<user_listing> find_user(database_ref database, std::int64_t id) {
    cached_statement query(database, std::string(listing_columns) + " WHERE id = ?");
    query.bind(1, id);
    if (!query.executeStep()) return std::nullopt;
    return read_listing(query);
}

std::optional<user_row> find_active_user_by_token_hash(database_ref database,
                                                       const std::string& token_sha256_hex) {
    cached_statement query(database,
                            "SELECT id, name, role FROM users WHERE token_sha256 = ? AND revoked_at_utc IS NULL");
    query.bind(1, token_sha256_hex);
    if (!query.executeStep()) return std::nullopt;
    return user_row{query.getColumn(0).getInt64(), query.getColumn(1).getString(),
                    stored_role(query.getColumn(2).getString())};
}

}  // namespace cms::persistence::sqlite
