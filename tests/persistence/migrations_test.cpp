#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include "cms/persistence/connection.hpp"
#include "cms/persistence/migrations.hpp"
#include "test_support.hpp"

using namespace cms::persistence;

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
        database.exec("INSERT INTO schema_migrations(version, name) VALUES (9999, 'from_the_future')");
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
