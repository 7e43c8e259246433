// Rows are stamped by the clock the write connection was opened with, not by the database: a
// test (or a simulation) that holds the clock sees exactly its instants in every *_at_utc column.
#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include "persistence/sqlite/connection.hpp"
#include "persistence/sqlite/job_store.hpp"
#include "persistence/sqlite/journal_store.hpp"
#include "persistence/sqlite/sqlite_store.hpp"
#include "persistence/wall_clock.hpp"
#include "persistence/writer.hpp"
#include "support/fixtures.hpp"
#include "support/test_support.hpp"

using namespace std::chrono_literals;
using cms::persistence::fixed_wall_clock;
using cms::persistence::utc_instant;

namespace {

utc_instant at(int y, unsigned m, unsigned d, std::chrono::milliseconds time_of_day) {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(date::sys_days{cms::testing::ymd(y, m, d)}) + time_of_day;
}

}  // namespace

TEST_CASE("an instant is written as ISO 8601 UTC with milliseconds") {
    CHECK(cms::persistence::format_utc_instant(at(2026, 12, 4, 1h + 18min + 18s + 123ms)) == "2026-12-04T01:18:18.123Z");
    CHECK(cms::persistence::format_utc_instant(at(2025, 1, 1, 0ms)) == "2025-01-01T00:00:00.000Z");
}

TEST_CASE("migrations, journal entries and jobs carry the injected clock's instants") {
    cms::testing::temporary_directory directory;
    const std::string path = directory.file("cms.db");
    fixed_wall_clock clock(at(2030, 6, 1, 9h + 30min));
    SQLite::Database database = cms::persistence::sqlite::open_write_connection(path, clock);
    CHECK(database.execAndGet("SELECT MIN(applied_at_utc) || '|' || MAX(applied_at_utc) FROM schema_migrations")
              .getString() == "2030-06-01T09:30:00.000Z|2030-06-01T09:30:00.000Z");

    clock.set(at(2030, 6, 2, 10h + 1ms));
    const auto command = cms::persistence::sqlite::append_command(
        database, {"key-1", "register_parent", "caseworker:1", "2030-06-02", "{}"});
    SQLite::Statement recorded(database, "SELECT recorded_at_utc FROM command_journal WHERE id = ?");
    recorded.bind(1, command.value);
    REQUIRE(recorded.executeStep());
    CHECK(recorded.getColumn(0).getString() == "2030-06-02T10:00:00.001Z");

    clock.set(at(2030, 6, 3, 23h + 59min + 59s + 999ms));
    const std::int64_t job = cms::persistence::sqlite::start_job(database, "accrue", cms::testing::ymd(2030, 5, 31));
    SQLite::Statement started(database, "SELECT started_at_utc FROM jobs WHERE id = ?");
    started.bind(1, job);
    REQUIRE(started.executeStep());
    CHECK(started.getColumn(0).getString() == "2030-06-03T23:59:59.999Z");
}

TEST_CASE("the writer's connection stamps with the clock it was given") {
    cms::testing::temporary_directory directory;
    fixed_wall_clock clock(at(2031, 2, 28, 12h));
    const auto store = cms::persistence::open_sqlite_store(directory.file("cms.db"), clock);
    cms::persistence::writer single_writer(store->open_write_connection(), cms::persistence::writer_limits{});
    std::optional<cms::persistence::job_record> job;
    single_writer.execute([&](cms::persistence::unit_of_work& work) {
        job = work.jobs().find_job(work.jobs().start_job("accrue", cms::testing::ymd(2031, 1, 31)));
    });
    REQUIRE(job.has_value());
    CHECK(job->started_at_utc == "2031-02-28T12:00:00.000Z");
}
