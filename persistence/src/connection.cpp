#include "cms/persistence/connection.hpp"

#include "cms/persistence/migrations.hpp"

namespace cms::persistence {

namespace {
// How long a connection waits for a lock held by another process (e.g. `cms backup` or a second
// tool) before reporting SQLITE_BUSY. Within one process only the writer writes.
constexpr int busy_timeout_ms = 5'000;
}  // namespace

SQLite::Database open_write_connection(const std::string& path) {
    SQLite::Database database(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_FULLMUTEX);
    database.setBusyTimeout(busy_timeout_ms);
    database.exec("PRAGMA journal_mode=WAL");
    database.exec("PRAGMA synchronous=FULL");
    database.exec("PRAGMA foreign_keys=ON");
    apply_migrations(database);
    return database;
}

SQLite::Database open_read_connection(const std::string& path) {
    SQLite::Database database(path, SQLite::OPEN_READONLY | SQLite::OPEN_FULLMUTEX);
    database.setBusyTimeout(busy_timeout_ms);
    database.exec("PRAGMA query_only=ON");
    return database;
}

int migrate_database(const std::string& path) {
    SQLite::Database database(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    database.setBusyTimeout(busy_timeout_ms);
    database.exec("PRAGMA journal_mode=WAL");
    database.exec("PRAGMA synchronous=FULL");
    database.exec("PRAGMA foreign_keys=ON");
    return apply_migrations(database);
}

}  // namespace cms::persistence
