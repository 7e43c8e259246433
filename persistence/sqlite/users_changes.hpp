#pragma once
/// The file beside a SQLite database that counts committed changes to users and tokens: one
/// byte is appended after each such commit, so its size only grows, and a reader learns whether
/// anything changed with one stat() instead of a query (store.hpp, users_version).
///
/// Why a file: the server and a `cms user revoke` run in different processes, and SQLite's own
/// change counter (PRAGMA data_version) moves with every commit, payments included, so it
/// cannot tell a revocation from the traffic around it.
#include <string>

#include "persistence/store.hpp"

namespace cms::persistence::sqlite {

/// "<database>-users-changed".
std::string users_changes_path(const std::string& database_path);
/// The file's identity and size; changes_count -1 when it does not exist yet.
users_version read_users_version(const std::string& database_path);
/// Appends one byte, creating the file if needed. Throws std::system_error when it cannot: a
/// change nobody hears of could leave a revoked token working in a server's memory.
void record_users_change(const std::string& database_path);

}  // namespace cms::persistence::sqlite
