// A database with a damaged page must not be served: `cms serve` (and `cms run-job`) run SQLite's
// quick check at start and refuse, pointing at `cms check` and `cms backup`; `cms check` names the
// damage in a few lines. Before this, a server started on such a file and its scheduler went on
// posting a month's accrual into it.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include "server_process.hpp"
#include "support/database_damage.hpp"
#include "support/database_probe.hpp"
#include "support/test_support.hpp"

using cms::testing::run_cms;
using cms::testing::server_process;

TEST_CASE("a damaged database is refused at start, and cms check names the damage") {
    cms::testing::temporary_directory directory;
    const std::string database = (directory.path() / "damaged.db").string();
    REQUIRE(run_cms({"generate", "--db", database, "--cases", "3000", "--seed", "1"}).exit_status == 0);
    REQUIRE(run_cms({"check", "--db", database}).exit_status == 0);
    const std::int64_t postings_before = cms::testing::sql_integer(database, "SELECT COUNT(*) FROM ledger_postings");
    const std::int64_t jobs_before = cms::testing::sql_integer(database, "SELECT COUNT(*) FROM jobs");
    cms::testing::damage_first_interior_page(database);

    // cms check reports on standard output, a failure as well as "ok".
    const auto checked = run_cms({"check", "--db", database});
    CHECK(checked.exit_status == 1);
    INFO("what cms check said: " << checked.output);
    CHECK(checked.output.find("FAILED integrity") != std::string::npos);
    // The first problems and how many more there are, not every line SQLite reports.
    CHECK(std::count(checked.output.begin(), checked.output.end(), '\n') < 10);
    CHECK(checked.output.find("the first 5:") != std::string::npos);
    CHECK(checked.output.find("more\n") != std::string::npos);

    const std::string log = (directory.path() / "serve.log").string();
    bool served = false;
    try {
        // The scheduler's first tick would post every month up to the business date.
        server_process server(database, {"--business-date", "2025-06-30", "--scheduler-interval-seconds", "1"}, log);
        served = true;
    } catch (const std::exception&) {
        // The server ended before it listened; what it said is in its log (standard error).
    }
    CHECK_FALSE(served);
    std::ifstream log_file(log);
    const std::string refusal{std::istreambuf_iterator<char>(log_file), std::istreambuf_iterator<char>()};
    INFO("what cms serve said: " << refusal);
    CHECK(refusal.find("is damaged") != std::string::npos);
    CHECK(refusal.find("Offset") != std::string::npos);  // SQLite's first problem line
    CHECK(refusal.find("cms check --db " + database) != std::string::npos);
    CHECK(refusal.find("cms backup") != std::string::npos);

    const auto job = run_cms({"run-job", "accrue", "--db", database, "--through", "2025-06-30"});
    CHECK(job.exit_status == 1);
    INFO("what cms run-job said: " << job.errors);
    CHECK(job.errors.find("is damaged") != std::string::npos);
    CHECK(job.errors.find("cms check --db " + database) != std::string::npos);

    // Every other command that writes refuses it the same way.
    const std::vector<std::vector<std::string>> writers = {
        {"migrate", "--db", database},
        {"generate", "--db", database, "--cases", "1"},
        {"user", "add", "--db", database, "--name", "late", "--role", "admin"},
    };
    for (const auto& command : writers) {
        const auto refused = run_cms(command);
        INFO("cms " << command[0] << " said: " << refused.errors);
        CHECK(refused.exit_status == 1);
        CHECK(refused.errors.find("is damaged") != std::string::npos);
    }

    // Neither posted nor recorded a job: the counts read through tables the damage spares.
    CHECK(cms::testing::sql_integer(database, "SELECT COUNT(*) FROM ledger_postings") == postings_before);
    CHECK(cms::testing::sql_integer(database, "SELECT COUNT(*) FROM jobs") == jobs_before);
}
