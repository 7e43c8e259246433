#include "cms/persistence/migrations.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <stdexcept>
#include <string>

namespace cms::persistence {

namespace {

void ensure_migration_table(SQLite::Database& database) {
    database.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY,"
        " name TEXT NOT NULL,"
        " applied_at_utc TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))");
}

}  // namespace

int recorded_schema_version(SQLite::Database& database) {
    ensure_migration_table(database);
    return database.execAndGet("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").getInt();
}

int apply_migrations(SQLite::Database& database) {
    const auto& all = embedded_migrations();
    const int known_version = all.empty() ? 0 : all.back().version;
    const int current_version = recorded_schema_version(database);
    if (current_version > known_version) {
        throw std::runtime_error("database schema version " + std::to_string(current_version) +
                                 " is newer than this program knows (" +
                                 std::to_string(known_version) + "); upgrade cms");
    }
    // Apply every migration not yet recorded, in version order (not only those above the
    // highest recorded), so a migration merged with a lower number than one already applied
    // on a development database is still applied rather than silently skipped.
    int applied = 0;
    for (const migration& step : all) {
        SQLite::Statement recorded(database, "SELECT 1 FROM schema_migrations WHERE version = ?");
        recorded.bind(1, step.version);
        if (recorded.executeStep()) continue;
        SQLite::Transaction transaction(database, SQLite::TransactionBehavior::IMMEDIATE);
        database.exec(step.sql);
        SQLite::Statement record(database,
                                 "INSERT INTO schema_migrations(version, name) VALUES (?, ?)");
        record.bind(1, step.version);
        record.bind(2, step.name);
        record.exec();
        transaction.commit();
        ++applied;
    }
    return applied;
}

}  // namespace cms::persistence
