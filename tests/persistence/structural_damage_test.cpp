// A database whose file is damaged below any cms invariant (a page overwritten): the store's
// quick check at start and `cms check`'s integrity check name it in a few lines, however many
// problems SQLite finds, and a sound or not yet created database passes.
#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>

#include "persistence/sqlite/connection.hpp"
#include "persistence/sqlite/database_checks.hpp"
#include "persistence/sqlite/sqlite_store.hpp"
#include "support/database_damage.hpp"
#include "support/test_support.hpp"

using namespace cms::persistence;

namespace {

/// A migrated database with a journal large enough that its table has interior pages.
std::string database_with_interior_pages(const cms::testing::temporary_directory& directory) {
    const std::string path = directory.file("cms.db");
    sqlite::migrate_database(path);
    SQLite::Database database(path, SQLite::OPEN_READWRITE);
    database.exec(R"sql(
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
        INSERT INTO command_journal(id, idempotency_key, command_type, actor, business_date, request_json,
                                    recorded_at_utc)
        SELECT i, 'key-' || i, 'register_parent', 'sam', '2025-01-15', printf('{"padding": "%.200c"}', 'x'),
               '2025-01-15T10:00:00.000Z' FROM n;
    )sql");
    return path;
}

std::size_t line_count(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1; }

}  // namespace

TEST_CASE("a sound database, and one not yet created, pass the quick check") {
    cms::testing::temporary_directory directory;
    const auto missing = open_sqlite_store(directory.file("missing.db"));
    CHECK_FALSE(missing->quick_check(3));
    const auto sound = open_sqlite_store(database_with_interior_pages(directory));
    CHECK_FALSE(sound->quick_check(3));
}

TEST_CASE("a damaged page is named by the quick check and the integrity check, in a few lines") {
    cms::testing::temporary_directory directory;
    const std::string path = database_with_interior_pages(directory);
    cms::testing::damage_first_interior_page(path);

    const auto damage = open_sqlite_store(path)->quick_check(3);
    REQUIRE(damage);
    CHECK(damage->first_problems.size() == 3);
    CHECK(damage->problems_count > 3);  // the damaged page alone has dozens of bad cells
    CHECK_FALSE(damage->count_is_lower_bound);
    CHECK(damage->first_problems[0].find("page") != std::string::npos);
    const std::string described = describe_damage(*damage);
    CHECK(line_count(described) == 5);  // how many, 3 problems, how many more
    CHECK(described.rfind(std::to_string(damage->problems_count) + " problems, the first 3:", 0) == 0);
    CHECK(described.find("... and " + std::to_string(damage->problems_count - 3) + " more") != std::string::npos);

    const auto failure = open_sqlite_store(path)->check();
    REQUIRE(failure);
    CHECK(failure->check_name == "integrity");
    CHECK(failure->violation.find("the file is damaged") != std::string::npos);
    CHECK(line_count(failure->violation) == 7);  // how many, 5 problems, how many more
}

TEST_CASE("a file that is not a database at all is damage, not an error") {
    cms::testing::temporary_directory directory;
    const std::string path = directory.file("cms.db");
    std::ofstream(path) << std::string(8192, 'x');
    const auto damage = open_sqlite_store(path)->quick_check(3);
    REQUIRE(damage);
    CHECK(damage->problems_count == 1);
    CHECK(damage->first_problems[0].find("not a database") != std::string::npos);
    CHECK(describe_damage(*damage) == "1 problem:\n  " + damage->first_problems[0]);
}
