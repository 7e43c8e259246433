// The background checkpointer: below its mark the WAL is left alone; past it, the checkpointer's
// thread copies the WAL back into the database file, and nothing committed is lost on the way.
#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "persistence/sqlite/wal_checkpointer.hpp"
#include "support/test_support.hpp"

using cms::persistence::sqlite::wal_checkpointer;
using namespace std::chrono_literals;

namespace {

SQLite::Database open_writer(const std::string& path) {
    SQLite::Database database(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX);
    database.exec("PRAGMA journal_mode=WAL");
    database.exec("PRAGMA synchronous=FULL");
    database.exec("CREATE TABLE IF NOT EXISTS rows(id INTEGER PRIMARY KEY, filler BLOB NOT NULL)");
    return database;
}

/// Commits `count` transactions of about one 4 KiB page each.
void commit_pages(SQLite::Database& database, int count) {
    SQLite::Statement insert(database, "INSERT INTO rows(filler) VALUES (zeroblob(4000))");
    for (int i = 0; i < count; ++i) {
        SQLite::Transaction transaction(database);
        insert.exec();
        insert.reset();
        transaction.commit();
    }
}

/// Rows in the database file itself, ignoring the WAL (SQLite's immutable mode reads the file
/// as it is): what checkpoints have copied back.
std::int64_t rows_in_database_file(const std::string& path) {
    SQLite::Database file("file:" + path + "?immutable=1", SQLite::OPEN_READONLY | SQLite::OPEN_URI);
    return file.execAndGet("SELECT COUNT(*) FROM rows").getInt64();
}

}  // namespace

TEST_CASE("below the mark the WAL is left alone; past it the checkpointer copies it into the database file") {
    cms::testing::temporary_directory directory;
    const std::string path = directory.file("wal.db");
    SQLite::Database writer = open_writer(path);
    writer.exec("PRAGMA wal_checkpoint(TRUNCATE)");  // the table's creation is in the file
    auto checkpointer = std::make_unique<wal_checkpointer>(writer, path);

    commit_pages(writer, wal_checkpointer::wal_pages_wake / 4);
    CHECK(checkpointer->checkpoints_run() == 0);
    CHECK(rows_in_database_file(path) == 0);  // all of it still in the WAL only

    // Past the mark (each commit writes a leaf page and more): a commit wakes the thread.
    commit_pages(writer, wal_checkpointer::wal_pages_wake);
    REQUIRE(checkpointer->wait_for_checkpoints(1, 30s));
    // The file is read as it is on disk (immutable), so no checkpoint may be writing it then: the
    // commits past the mark can wake the thread a second time, and a read in the middle of that
    // copy saw a torn file ("database disk image is malformed", seen under load). Stopping the
    // checkpointer joins its thread after any checkpoint in progress.
    checkpointer.reset();
    // Copied back on the checkpointer's thread (its hook replaced the writer's own checkpoint).
    CHECK(rows_in_database_file(path) > wal_checkpointer::wal_pages_wake / 4);
    CHECK(writer.execAndGet("SELECT COUNT(*) FROM rows").getInt64() ==
          wal_checkpointer::wal_pages_wake / 4 + wal_checkpointer::wal_pages_wake);
}
