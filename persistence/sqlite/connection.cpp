#include "persistence/sqlite/connection.hpp"

#include <sqlite3.h>

#include <cstdint>
#include <string>

#include "persistence/sqlite/migrations.hpp"

namespace cms::persistence::sqlite {

namespace {
// How long a connection waits for a lock held by another process (e.g. `cms backup` or a second
// tool) before reporting SQLITE_BUSY. Within one process only the writer writes.
constexpr int busy_timeout_ms = 5'000;
// Connections are opened NOMUTEX: each is used by one thread at a time (the writer thread owns
// the write connection; a read connection is lent to one request at a time), so SQLite's
// per-call mutex would only cost time (about a tenth of the accrual batch).

/// cms_now_utc(): the connection's wall clock as ISO text, for the SQL that stamps rows.
void now_utc_function(sqlite3_context* context, int, sqlite3_value**) {
    const auto* clock = static_cast<const wall_clock*>(sqlite3_user_data(context));
    const std::string text = format_utc_instant(clock->now());
    sqlite3_result_text(context, text.c_str(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

// How much of the database file a read connection reads through a memory map instead of
// read(2) calls (https://sqlite.org/mmap.html); SQLite caps it at its compile-time maximum (2 GiB
// in Debian's build), the rest is read as before. Why: a case read touches pages all over a file
// much larger than a connection's page cache, and each miss was a pread and a copy (issue #13:
// the server's CPU per case read went from 105-138 us to 63-75 us at 100,000 cases). Pages still
// in the WAL are read from the WAL as before. The cost, accepted: an I/O error on a mapped page
// arrives as SIGBUS instead of an error code, and the server's RSS counts the file pages it
// touched (the soak reports private memory apart). Not on the write connection: the batch jobs
// write through it, and there the map made the accrual at 1M cases 15% slower (its ratio to a
// bulk insert 1.52-1.55 against 1.34-1.37) and its RSS 470 MiB instead of 24, for a payment gain
// lost in the noise.
constexpr std::int64_t mapped_bytes_max = std::int64_t{2} << 30;

void map_database_file(SQLite::Database& database) {
    database.exec("PRAGMA mmap_size=" + std::to_string(mapped_bytes_max));
}

/// What every connection that writes needs, before its first statement.
void prepare_for_writing(SQLite::Database& database, const wall_clock& clock, bool synced_commits) {
    database.setBusyTimeout(busy_timeout_ms);
    database.exec("PRAGMA journal_mode=WAL");
    database.exec(synced_commits ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=OFF");
    database.exec("PRAGMA foreign_keys=ON");
    // Every command runs in a savepoint of its own inside the writer's group transaction, and
    // SQLite keeps a savepoint's undo pages in a statement journal: on disk (a temporary file per
    // statement, written page by page) unless told otherwise. Under payment load those files
    // took three page writes for every page the WAL took (issue #13's strace). They are never
    // needed after a crash (the WAL is what survives), so memory is the right place; their size
    // is bounded by what one group transaction changes.
    database.exec("PRAGMA temp_store=MEMORY");
    // A larger page cache than SQLite's 2 MiB default, so the indexes a command walks (cases,
    // payments, postings by case) stay in memory instead of being read again from the OS.
    database.exec("PRAGMA cache_size=-65536");
    // Not deterministic: SQLite must call it for every row, never fold it into a constant.
    database.createFunction("cms_now_utc", 0, false, const_cast<wall_clock*>(&clock), &now_utc_function);
}

}  // namespace

void configure_library_once() {
    // SQLite counts the memory it allocates under one process-wide mutex unless told not to
    // (SQLITE_CONFIG_MEMSTATUS, https://sqlite.org/c3ref/c_config_covering_index_scan.html);
    // nothing here reads those counts, and the lock and unlock around every allocation were
    // about 4% of the writer's time on the payment path (issue #13). Only possible before the
    // library initialises; if something opened a database first it stays on, which is harmless.
    static const int configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    (void)configured;
}

SQLite::Database open_write_connection(const std::string& path, const wall_clock& clock, bool synced_commits) {
    SQLite::Database database(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX);
    prepare_for_writing(database, clock, synced_commits);
    apply_migrations(database);
    return database;
}

SQLite::Database open_read_connection(const std::string& path) {
    SQLite::Database database(path, SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX);
    database.setBusyTimeout(busy_timeout_ms);
    database.exec("PRAGMA query_only=ON");
    // See prepare_for_writing: a read of one case walks several indexes, kept in memory here.
    database.exec("PRAGMA cache_size=-16384");
    map_database_file(database);
    return database;
}

int migrate_database(const std::string& path, const wall_clock& clock) {
    SQLite::Database database(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    prepare_for_writing(database, clock, true);
    return apply_migrations(database);
}

}  // namespace cms::persistence::sqlite
