#include "cms/persistence/connection.hpp"

#include "cms/persistence/migrations.hpp"

namespace cms::persistence {

namespace {
// How long a connection waits for a lock held by another process (e.g. `cms backup` or a second
// tool) before reporting SQLITE_BUSY. Within one process only the writer writes.
constexpr int busy_timeout_ms = 5'000;
// Connections are opened NOMUTEX: each is used by one thread at a time (the writer thread owns
// the write connection; a read connection is lent to one request at a time), so SQLite's
// per-call mutex would only cost time (about a tenth of the accrual batch).
}  // namespace

SQLite::Database open_write_connection(const std::string& path) {
    SQLite::Database database(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX);
    database.setBusyTimeout(busy_timeout_ms);
    database.exec("PRAGMA journal_mode=WAL");
    database.exec("PRAGMA synchronous=FULL");
    database.exec("PRAGMA foreign_keys=ON");
    apply_migrations(database);
    return database;
}

SQLite::Database open_read_connection(const std::string& path) {
    SQLite::Database database(path, SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX);
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
