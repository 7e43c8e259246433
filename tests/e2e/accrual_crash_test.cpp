// The accrual batch killed at each of its named fault points (README, "Testing"), then rerun:
// every posting, completed month and recorded failure must equal a run that was never
// interrupted, none twice, none missing. Which occurrence of each point dies comes from a logged
// seed, so every run is interrupted mid-job by construction and a failure replays exactly.
#include <doctest/doctest.h>
#include <signal.h>

#include <random>

#include "persistence/fault_points.hpp"
#include "server_process.hpp"
#include "support/database_probe.hpp"
#include "support/test_support.hpp"

using cms::persistence::fault_point;
using cms::testing::run_cms;

namespace {

constexpr int cases_count = 6'000;
constexpr int months_count = 12;  // 2025-01 .. 2025-12
constexpr int chunk_cases = 500;
constexpr int chunks_per_month = (cases_count + chunk_cases - 1) / chunk_cases;

/// The money and progress the job leaves, as text in key order: equal strings, equal outcomes.
std::string accrual_outcome(const std::string& path) {
    std::string text;
    const auto append_rows = [&](const char* sql) {
        for (const std::string& row : cms::testing::sql_rows(path, sql)) text += row + "\n";
    };
    append_rows("SELECT case_id, cause_kind, cause_ref, business_date, hex(legs) FROM ledger_postings"
                " ORDER BY case_id, cause_kind, cause_ref");
    text += "periods\n";
    append_rows("SELECT period FROM accrual_periods ORDER BY period");
    text += "failures\n";
    append_rows("SELECT case_id, period, reason FROM case_failures ORDER BY case_id, period, reason");
    return text;
}

int count(const std::string& path, const std::string& sql) {
    return static_cast<int>(cms::testing::sql_integer(path, sql));
}

/// How many times a run on this database will reach the point: the range a seeded kill draws
/// from. A run goes through every chunk of each month not yet complete (skipping those already
/// committed), so the count follows the completed months alone.
int occurrences_left(const std::string& path, fault_point point) {
    const int months_left = months_count - count(path, "SELECT COUNT(*) FROM accrual_periods");
    switch (point) {
        case fault_point::accrual_before_chunk_commit:
        case fault_point::accrual_after_chunk_commit: return months_left * chunks_per_month;
        case fault_point::accrual_before_period_complete: return months_left;
        default: return 1;  // accrual.before_job_finish: once a run
    }
}

cms::testing::cms_run_result accrue(const std::string& path, const cms::testing::environment_variables& environment,
                                    const char* chunk_size) {
    return run_cms({"run-job", "accrue", "--db", path, "--through", "2025-12-31", "--chunk-cases", chunk_size},
                   environment);
}

}  // namespace

TEST_CASE("an accrual killed at each fault point and rerun posts exactly what an uninterrupted run posts") {
    cms::testing::temporary_directory directory;
    const std::string pristine = directory.file("pristine.db");
    const auto generated = run_cms({"generate", "--db", pristine, "--cases", std::to_string(cases_count), "--seed",
                                    "11", "--opened-by", "2025-01-31", "--opened-span-days", "30"});
    REQUIRE(generated.exit_status == 0);
    const std::string reference = directory.file("reference.db");
    REQUIRE(run_cms({"backup", "--db", pristine, "--to", reference}).exit_status == 0);
    REQUIRE(run_cms({"run-job", "accrue", "--db", reference, "--through", "2025-12-31"}).exit_status == 0);
    const std::string expected = accrual_outcome(reference);
    // Not every case every month: a generated case on the nil rate owes nothing, and a child
    // turning 16 in the year closes or recalculates its case. Most do.
    REQUIRE(count(reference, "SELECT COUNT(*) FROM ledger_postings") > cases_count * months_count / 2);
    REQUIRE(count(reference, "SELECT COUNT(*) FROM accrual_periods") == months_count);

    const std::uint64_t seed = cms::testing::test_seed();
    MESSAGE("accrual crash test ", cms::testing::seed_message(seed));
    INFO(cms::testing::seed_message(seed));
    std::mt19937_64 random(seed);
    for (const fault_point point : {fault_point::accrual_before_chunk_commit, fault_point::accrual_after_chunk_commit,
                                    fault_point::accrual_before_period_complete,
                                    fault_point::accrual_before_job_finish}) {
        const std::string name(cms::persistence::fault_point_name(point));
        const std::string interrupted = directory.file(name + ".db");
        REQUIRE(run_cms({"backup", "--db", pristine, "--to", interrupted}).exit_status == 0);
        // Two kills in a row at the same point (the second in the rerun's own count), then a
        // clean run: a crash during recovery is recovered from too.
        for (int kill = 0; kill < 2; ++kill) {
            std::uniform_int_distribution<int> occurrence(1, occurrences_left(interrupted, point));
            const int chosen = occurrence(random);
            const std::string spec = name + ":" + std::to_string(chosen);
            INFO("CMS_FAULT=", spec);
            const auto killed = accrue(interrupted, {{"CMS_FAULT", spec}}, "500");
            INFO(killed.errors);
            REQUIRE(killed.signal == SIGKILL);
            CHECK(killed.errors.find("fault point " + name + " reached (occurrence " + std::to_string(chosen) + ")") !=
                  std::string::npos);
            // Whatever was committed is whole: no case has two postings for a month, and the
            // interrupted run posted less than a whole run (it really was mid-job).
            CHECK(count(interrupted, "SELECT COUNT(*) FROM (SELECT case_id, cause_ref, COUNT(*) AS n FROM ledger_postings"
                                     " GROUP BY case_id, cause_kind, cause_ref HAVING n > 1)") == 0);
            if (point != fault_point::accrual_before_job_finish) {
                CHECK(count(interrupted, "SELECT COUNT(*) FROM accrual_periods") < months_count);
            }
        }
        // The rerun resumes with another chunk size: progress is by case range, not by chunk count.
        const auto finished = run_cms({"run-job", "accrue", "--db", interrupted, "--through", "2025-12-31"});
        INFO(finished.errors);
        CHECK(finished.exit_status == 0);
        CHECK(accrual_outcome(interrupted) == expected);
        // A further rerun changes nothing.
        CHECK(accrue(interrupted, {}, "700").exit_status == 0);
        CHECK(accrual_outcome(interrupted) == expected);
        CHECK(run_cms({"check", "--db", interrupted}).exit_status == 0);
    }
}

TEST_CASE("an unknown fault point or a bad count stops cms before it does anything") {
    cms::testing::temporary_directory directory;
    const std::string database = directory.file("cms.db");
    for (const char* spec : {"accrual.nowhere:1", "writer.after_commit", "writer.after_commit:0",
                             "writer.after_commit:x", "writer.after_commit:-1"}) {
        INFO(spec);
        const auto refused = run_cms({"migrate", "--db", database}, {{"CMS_FAULT", spec}});
        CHECK(refused.exit_status == 2);
        CHECK(refused.errors.find("CMS_FAULT") != std::string::npos);
    }
    CHECK(run_cms({"migrate", "--db", database}, {{"CMS_FAULT", "accrual.nowhere:1"}}).errors.find(
              "accrual.after_chunk_commit") != std::string::npos);  // the refusal lists the points
    CHECK(!std::filesystem::exists(database));  // refused before opening anything
    CHECK(run_cms({"migrate", "--db", database}, {{"CMS_FAULT", ""}}).exit_status == 0);  // empty: inert
}
