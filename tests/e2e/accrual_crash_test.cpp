// The accrual batch killed with SIGKILL part way through, then rerun: every posting must equal
// a run that was never interrupted, none twice, none missing.
#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <thread>

#include "server_process.hpp"
#include "test_support.hpp"

using cms::testing::run_cms;

namespace {

/// Every posting as text, in key order: equal strings mean equal ledgers.
std::string ledger_contents(const std::string& path) {
    SQLite::Database database(path, SQLite::OPEN_READONLY);
    SQLite::Statement query(database,
                            "SELECT case_id, cause_kind, cause_ref, business_date, hex(legs) FROM ledger_postings"
                            " ORDER BY case_id, cause_kind, cause_ref");
    std::string text;
    while (query.executeStep()) {
        for (int column = 0; column < 5; ++column) text += query.getColumn(column).getString() + (column < 4 ? "," : "\n");
    }
    return text;
}

int count(const std::string& path, const std::string& sql) {
    SQLite::Database database(path, SQLite::OPEN_READONLY);
    return database.execAndGet(sql).getInt();
}

/// Starts `cms run-job accrue`, kills it with SIGKILL after `delay`, and reaps it. True when the
/// kill landed while the job was still running.
bool kill_accrual_after(const std::string& path, std::chrono::milliseconds delay) {
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        const std::string binary = cms::testing::cms_binary();
        std::freopen("/dev/null", "w", stdout);
        std::freopen("/dev/null", "w", stderr);
        execl(binary.c_str(), binary.c_str(), "run-job", "accrue", "--db", path.c_str(), "--through", "2025-12-31",
              "--chunk-cases", "500", static_cast<char*>(nullptr));
        _exit(127);
    }
    std::this_thread::sleep_for(delay);
    const bool still_running = kill(child, SIGKILL) == 0;
    int status = 0;
    waitpid(child, &status, 0);
    return still_running && WIFSIGNALED(status);
}

}  // namespace

TEST_CASE("an accrual killed with SIGKILL and rerun posts exactly what an uninterrupted run posts") {
    cms::testing::temporary_directory directory;
    const std::string interrupted = directory.file("interrupted.db");
    const std::string reference = directory.file("reference.db");
    for (const auto& path : {interrupted, reference}) {
        const auto generated = run_cms({"generate", "--db", path, "--cases", "6000", "--seed", "11",
                                        "--opened-by", "2025-01-31", "--opened-span-days", "30"});
        REQUIRE(generated.exit_status == 0);
    }
    const auto uninterrupted = run_cms({"run-job", "accrue", "--db", reference, "--through", "2025-12-31"});
    REQUIRE(uninterrupted.exit_status == 0);
    const std::string expected = ledger_contents(reference);
    REQUIRE(count(reference, "SELECT COUNT(*) FROM ledger_postings") == 6000 * 12);

    const auto seed = static_cast<unsigned>(std::random_device{}());
    std::mt19937 random(seed);
    INFO("kill seed " << seed);
    int kills_landed = 0;
    for (int attempt = 0; attempt < 3; ++attempt) {
        const auto delay = std::chrono::milliseconds(50 + random() % 400);
        CAPTURE(delay.count());
        if (kill_accrual_after(interrupted, delay)) ++kills_landed;
        // Whatever was committed is whole: every posting balances and no case has two for a month.
        CHECK(count(interrupted, "SELECT COUNT(*) FROM (SELECT case_id, cause_ref, COUNT(*) AS n FROM ledger_postings"
                                 " GROUP BY case_id, cause_kind, cause_ref HAVING n > 1)") == 0);
    }
    CHECK(kills_landed >= 1);  // at least one kill hit a running job, or the test proved nothing
    const auto finished = run_cms({"run-job", "accrue", "--db", interrupted, "--through", "2025-12-31"});
    CHECK(finished.exit_status == 0);
    CHECK(ledger_contents(interrupted) == expected);
    // A further rerun changes nothing.
    CHECK(run_cms({"run-job", "accrue", "--db", interrupted, "--through", "2025-12-31"}).exit_status == 0);
    CHECK(ledger_contents(interrupted) == expected);
}
