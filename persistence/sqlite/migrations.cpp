#include "persistence/sqlite/migrations.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <stdexcept>
#include <string>

namespace cms::persistence::sqlite {

namespace {

void ensure_migration_table(SQLite::Database& database) {
    database.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY,"
        " name TEXT NOT NULL,"
        " applied_at_utc TEXT NOT NULL)");
}

/// Foreign keys off while migrations run, and back on however they end. A migration that
/// rebuilds a table (SQLite cannot alter a constraint; 0008) drops a table other tables refer
/// to, which with foreign keys on fails or deletes. The pragma is a no-op inside a transaction,
/// so it is set here, around the migrations' transactions; each migration then proves it broke
/// no reference before it commits (check_foreign_keys).
class foreign_keys_suspended {
public:
    explicit foreign_keys_suspended(SQLite::Database& database)
        : database_(database), were_on_(database.execAndGet("PRAGMA foreign_keys").getInt() == 1) {
        database_.exec("PRAGMA foreign_keys=OFF");
    }
    ~foreign_keys_suspended() {
        // Outside any transaction and on an open connection, this cannot fail in practice; a
        // destructor must not throw, and the write connection's setting is tested.
        try {
            if (were_on_) database_.exec("PRAGMA foreign_keys=ON");
        } catch (const SQLite::Exception&) {
        }
    }
    foreign_keys_suspended(const foreign_keys_suspended&) = delete;
    foreign_keys_suspended& operator=(const foreign_keys_suspended&) = delete;

private:
    SQLite::Database& database_;
    const bool were_on_;
};

/// Throws, so the migration's transaction rolls back, when any row refers to a missing one.
void check_foreign_keys(SQLite::Database& database, const migration& step) {
    SQLite::Statement violations(database, "PRAGMA foreign_key_check");
    if (violations.executeStep()) {
        throw std::runtime_error("migration " + std::to_string(step.version) + " (" + step.name +
                                 ") would leave a row of " + violations.getColumn(0).getString() +
                                 " referring to a missing row of " + violations.getColumn(2).getString());
    }
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
    const foreign_keys_suspended foreign_keys_off(database);
    for (const migration& step : all) {
        SQLite::Statement recorded(database, "SELECT 1 FROM schema_migrations WHERE version = ?");
        recorded.bind(1, step.version);
        if (recorded.executeStep()) continue;
        SQLite::Transaction transaction(database, SQLite::TransactionBehavior::IMMEDIATE);
        database.exec(step.sql);
        check_foreign_keys(database, step);
        SQLite::Statement record(database,
                                 "INSERT INTO schema_migrations(version, name, applied_at_utc) VALUES (?, ?, cms_now_utc())");
        record.bind(1, step.version);
        record.bind(2, step.name);
        record.exec();
        transaction.commit();
        ++applied;
    }
    return applied;
}

}  // namespace cms::persistence::sqlite
