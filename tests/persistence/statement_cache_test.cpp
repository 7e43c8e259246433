// The per-connection statement cache: a statement is prepared once per connection, comes back
// reset with no bindings, never holds a read open after its use, and a query run inside the loop
// of the same query gets a statement of its own instead of resetting the outer one.
#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <vector>

#include "persistence/sqlite/statement_cache.hpp"

using cms::persistence::sqlite::cached_statement;
using cms::persistence::sqlite::database_ref;
using cms::persistence::sqlite::statement_cache;

namespace {

struct numbers_database {
    numbers_database() {
        database.exec("CREATE TABLE numbers(n INTEGER PRIMARY KEY, label TEXT)");
        database.exec("INSERT INTO numbers VALUES (1, 'one'), (2, 'two'), (3, 'three')");
    }
    SQLite::Database database{":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE};
    statement_cache cache{database};
    database_ref cached{database, cache};
};

const char* const label_of = "SELECT label FROM numbers WHERE n = ?";

}  // namespace

TEST_CASE("a statement is prepared once per connection and reused") {
    numbers_database fixture;
    sqlite3_stmt* first_handle = nullptr;
    {
        cached_statement query(fixture.cached, label_of);
        query.bind(1, 2);
        REQUIRE(query.executeStep());
        CHECK(query.getColumn(0).getString() == "two");
        first_handle = sqlite3_next_stmt(fixture.database.getHandle(), nullptr);  // the only statement
    }
    CHECK(fixture.cache.size() == 1);
    {
        cached_statement query(fixture.cached, label_of);
        query.bind(1, 3);
        REQUIRE(query.executeStep());
        CHECK(query.getColumn(0).getString() == "three");
    }
    CHECK(fixture.cache.size() == 1);
    // Still the one statement SQLite prepared for the first use: nothing was prepared again.
    CHECK(sqlite3_next_stmt(fixture.database.getHandle(), nullptr) == first_handle);
    CHECK(sqlite3_next_stmt(fixture.database.getHandle(), first_handle) == nullptr);
}

TEST_CASE("a statement comes back reset, with its bindings cleared") {
    numbers_database fixture;
    {
        cached_statement query(fixture.cached, label_of);
        query.bind(1, 1);
        REQUIRE(query.executeStep());  // left mid-result: one row read, the statement still busy
    }
    const sqlite3_stmt* handle = sqlite3_next_stmt(fixture.database.getHandle(), nullptr);
    REQUIRE(handle != nullptr);
    // Reset: a read left mid-result would hold the connection's read transaction open.
    CHECK(sqlite3_stmt_busy(const_cast<sqlite3_stmt*>(handle)) == 0);
    cached_statement again(fixture.cached, label_of);
    // Nothing bound: the parameter is NULL, so no row matches (a stale binding would find "one").
    CHECK_FALSE(again.executeStep());
}

TEST_CASE("the same query inside its own loop gets a statement of its own") {
    numbers_database fixture;
    const char* const all = "SELECT n FROM numbers ORDER BY n";
    std::vector<std::int64_t> outer_seen;
    std::int64_t inner_rows = 0;
    cached_statement outer(fixture.cached, all);
    while (outer.executeStep()) {
        outer_seen.push_back(outer.getColumn(0).getInt64());
        cached_statement inner(fixture.cached, all);  // the cached one is busy: a fresh one
        while (inner.executeStep()) ++inner_rows;
    }
    CHECK(outer_seen == std::vector<std::int64_t>{1, 2, 3});  // the outer loop was never reset
    CHECK(inner_rows == 9);
    CHECK(fixture.cache.size() == 1);
}

TEST_CASE("a step that failed does not poison the next use") {
    numbers_database fixture;
    const char* const insert = "INSERT INTO numbers(n, label) VALUES (?, ?)";
    {
        cached_statement statement(fixture.cached, insert);
        statement.bind(1, 1);  // n = 1 exists: the primary key refuses it
        statement.bind(2, "again");
        CHECK_THROWS_AS(statement.exec(), SQLite::Exception);
    }
    cached_statement statement(fixture.cached, insert);
    statement.bind(1, 4);
    statement.bind(2, "four");
    CHECK(statement.exec() == 1);
    CHECK(fixture.database.execAndGet("SELECT label FROM numbers WHERE n = 4").getString() == "four");
}

TEST_CASE("a database without a cache prepares each use, as before") {
    numbers_database fixture;
    const database_ref uncached(fixture.database);
    {
        cached_statement query(uncached, label_of);
        query.bind(1, 1);
        REQUIRE(query.executeStep());
    }
    CHECK(fixture.cache.size() == 0);
    CHECK(sqlite3_next_stmt(fixture.database.getHandle(), nullptr) == nullptr);  // finalised at scope end
}
