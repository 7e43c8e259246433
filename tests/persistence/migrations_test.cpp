#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include "persistence/sqlite/connection.hpp"
#include "persistence/sqlite/migrations.hpp"
#include "support/test_support.hpp"

using namespace cms::persistence::sqlite;

namespace {

/// Every column of every job row, as text in id order.
std::string job_rows(const SQLite::Database& database) {
    SQLite::Statement rows(database, "SELECT * FROM jobs ORDER BY id");
    std::string text;
    while (rows.executeStep()) {
        for (int column = 0; column < rows.getColumnCount(); ++column) text += rows.getColumn(column).getString() + "|";
        text += "\n";
    }
    return text;
}

}  // namespace

TEST_CASE("migrations apply in order once and are recorded") {
    cms::testing::temporary_directory directory;
    const std::string path = directory.file("cms.db");
    const int known = embedded_migrations().back().version;
    CHECK(migrate_database(path) == static_cast<int>(embedded_migrations().size()));
    CHECK(migrate_database(path) == 0);  // a second run changes nothing

    SQLite::Database database(path);
    CHECK(recorded_schema_version(database) == known);
    CHECK(database.execAndGet("SELECT COUNT(*) FROM schema_migrations").getInt() ==
          static_cast<int>(embedded_migrations().size()));
    CHECK(database.tableExists("command_journal"));
    CHECK(database.tableExists("payments"));
}

TEST_CASE("migration versions are strictly increasing") {
    int previous = 0;
    for (const auto& step : embedded_migrations()) {
        CHECK(step.version > previous);
        previous = step.version;
    }
}

TEST_CASE("a database from a newer program is refused rather than written") {
    cms::testing::temporary_directory directory;
    const std::string path = directory.file("cms.db");
    migrate_database(path);
    {
        SQLite::Database database(path, SQLite::OPEN_READWRITE);
        database.exec("INSERT INTO schema_migrations(version, name, applied_at_utc)"
                      " VALUES (9999, 'from_the_future', '2099-01-01T00:00:00.000Z')");
    }
    CHECK_THROWS_WITH_AS(migrate_database(path), doctest::Contains("newer than this program knows"),
                         std::runtime_error);
}

TEST_CASE("the write connection is durable: WAL and synchronous=FULL") {
    cms::testing::temporary_directory directory;
    SQLite::Database database = open_write_connection(directory.file("cms.db"));
    CHECK(database.execAndGet("PRAGMA journal_mode").getString() == "wal");
    CHECK(database.execAndGet("PRAGMA synchronous").getInt() == 2);  // 2 = FULL
    CHECK(database.execAndGet("PRAGMA foreign_keys").getInt() == 1);
}

TEST_CASE("only a database asked to be thrown away commits without waiting for the disk") {
    cms::testing::temporary_directory directory;
    SQLite::Database unsynced = open_write_connection(directory.file("replay.db"), cms::persistence::system_wall_clock(),
                                                      false);
    CHECK(unsynced.execAndGet("PRAGMA synchronous").getInt() == 0);  // 0 = OFF
    CHECK(unsynced.execAndGet("PRAGMA journal_mode").getString() == "wal");
    SQLite::Database synced = open_write_connection(directory.file("cms.db"), cms::persistence::system_wall_clock(), true);
    CHECK(synced.execAndGet("PRAGMA synchronous").getInt() == 2);
}

TEST_CASE("read connections cannot write") {
    cms::testing::temporary_directory directory;
    const std::string path = directory.file("cms.db");
    migrate_database(path);
    SQLite::Database reader = open_read_connection(path);
    CHECK_THROWS_AS(reader.exec("INSERT INTO schema_migrations(version, name) VALUES (5000, 'x')"),
                    SQLite::Exception);
}

TEST_CASE("a file that is not a database is reported, not overwritten") {
    cms::testing::temporary_directory directory;
    const std::string path = directory.file("notes.txt");
    {
        std::FILE* file = std::fopen(path.c_str(), "w");
        REQUIRE(file != nullptr);
        std::fputs("this is not a database, it is a text file with enough bytes to be checked\n", file);
        std::fclose(file);
    }
    CHECK_THROWS_AS(migrate_database(path), SQLite::Exception);
}

TEST_CASE("migration 8 rebuilds jobs for the interrupted status, keeping every row, id and reference") {
    cms::testing::temporary_directory directory;
    const std::string path = directory.file("cms.db");
    {
        // A database as version 7 left it, with jobs that later tables refer to.
        SQLite::Database database(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        database.exec("PRAGMA foreign_keys=ON");
        recorded_schema_version(database);  // creates schema_migrations
        for (const auto& step : embedded_migrations()) {
            if (step.version >= 8) continue;
            database.exec(step.sql);
            SQLite::Statement record(database, "INSERT INTO schema_migrations(version, name, applied_at_utc)"
                                               " VALUES (?, ?, '2025-01-01T00:00:00.000Z')");
            record.bind(1, step.version);
            record.bind(2, step.name);
            record.exec();
        }
        database.exec(
            "INSERT INTO jobs(id, kind, through_date, status, cases_processed, postings_written, cases_failed,"
            " started_at_utc, finished_at_utc, detail) VALUES"
            " (1, 'accrue', '2025-01-31', 'succeeded', 10, 10, 0, '2025-02-01T00:00:00Z', '2025-02-01T00:01:00Z', ''),"
            " (4, 'accrue', '2025-02-28', 'failed', 3, 2, 1, '2025-03-01T00:00:00Z', '2025-03-01T00:01:00Z', 'no'),"
            " (7, 'accrue', '2025-03-31', 'running', 5, 5, 0, '2025-04-01T00:00:00Z', NULL, '')");
        database.exec("INSERT INTO accrual_chunks(period, first_case_id, last_case_id, job_id) VALUES ('2025-03', 1, 5, 7)");
        database.exec("INSERT INTO accrual_periods(period, job_id, completed_at_utc) VALUES ('2025-01', 1, 'x')");
        CHECK_THROWS_AS(database.exec("UPDATE jobs SET status = 'interrupted' WHERE id = 7"), SQLite::Exception);
    }
    const std::string rows_before = job_rows(SQLite::Database(path, SQLite::OPEN_READONLY));

    SQLite::Database database = open_write_connection(path);  // applies migration 8 and every later one
    CHECK(recorded_schema_version(database) == embedded_migrations().back().version);
    CHECK(database.execAndGet("PRAGMA foreign_keys").getInt() == 1);  // back on after the rebuild
    CHECK(job_rows(database) == rows_before);
    CHECK(!database.tableExists("jobs_with_interrupted"));
    // The later tables still refer to jobs (by name, so to the rebuilt table), and are enforced.
    CHECK(database.execAndGet("SELECT \"table\" FROM pragma_foreign_key_list('accrual_chunks')").getString() == "jobs");
    CHECK(database.execAndGet("SELECT COUNT(*) FROM pragma_foreign_key_check").getInt() == 0);
    CHECK_THROWS_AS(database.exec("INSERT INTO accrual_chunks(period, first_case_id, last_case_id, job_id)"
                                  " VALUES ('2025-04', 1, 5, 99)"),
                    SQLite::Exception);
    database.exec("UPDATE jobs SET status = 'interrupted' WHERE id = 7");
    CHECK_THROWS_AS(database.exec("UPDATE jobs SET status = 'lost' WHERE id = 7"), SQLite::Exception);
    // New jobs continue after the highest id.
    database.exec("INSERT INTO jobs(kind, through_date, status, started_at_utc) VALUES ('accrue', '2025-04-30', 'running', 'x')");
    CHECK(database.execAndGet("SELECT MAX(id) FROM jobs").getInt() == 8);
}

TEST_CASE("a migration that would leave a broken reference is rolled back") {
    cms::testing::temporary_directory directory;
    const std::string path = directory.file("cms.db");
    migrate_database(path);
    {
        // A reference already broken (the batch connection writes with foreign keys off) stands
        // for one a migration breaks: either way nothing of the migration may commit.
        SQLite::Database database(path, SQLite::OPEN_READWRITE);
        database.exec("INSERT INTO accrual_periods(period, job_id, completed_at_utc) VALUES ('2025-01', 42, 'x')");
        database.exec("DELETE FROM schema_migrations WHERE version = 7");
        database.exec("DROP INDEX command_journal_by_case");
    }
    CHECK_THROWS_WITH_AS(migrate_database(path), doctest::Contains("referring to a missing row of jobs"),
                         std::runtime_error);
    SQLite::Database database(path, SQLite::OPEN_READONLY);
    CHECK(database.execAndGet("SELECT COUNT(*) FROM schema_migrations WHERE version = 7").getInt() == 0);
    CHECK(database.execAndGet("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'command_journal_by_case'").getInt() == 0);
}
