#pragma once
/// Opening SQLite connections with the settings durability depends on.
#include <SQLiteCpp/Database.h>

#include <string>

#include "persistence/wall_clock.hpp"

namespace cms::persistence::sqlite {

/// The one read-write connection: WAL journal, synchronous=FULL (a commit has reached the disk
/// before anyone is told "created"), foreign keys enforced, rows stamped by `clock` (which must
/// outlive the connection; wall_clock.hpp). Creates the file if missing and applies pending
/// migrations. Throws SQLite::Exception with SQLite's message on failure.
/// Process-wide SQLite settings that must precede the library's initialisation (the first
/// connection opened); later calls do nothing. open_sqlite_store calls it.
void configure_library_once();

/// `synced_commits` false is synchronous=OFF, for a database thrown away after use only
/// (persistence::commit_durability).
SQLite::Database open_write_connection(const std::string& path, const wall_clock& clock = system_wall_clock(),
                                       bool synced_commits = true);

/// A read-only connection for queries. It never takes the write lock, so readers and the single
/// writer do not block each other under WAL. The database must already exist and be migrated.
SQLite::Database open_read_connection(const std::string& path);

/// Creates (if needed) and migrates the database, then closes it. Returns migrations applied.
int migrate_database(const std::string& path, const wall_clock& clock = system_wall_clock());

}  // namespace cms::persistence::sqlite
