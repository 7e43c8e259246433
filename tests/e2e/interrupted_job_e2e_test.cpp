// A job whose process is killed mid-run (at a named fault point: README, "Testing") is left
// `running` in its row; the next start of `cms serve` or `cms run-job` marks it `interrupted`,
// and a rerun posts exactly what it left. A `cms run-job` on a database a server is serving is
// refused, so it can never mark the server's live job.
#include <doctest/doctest.h>
#include <signal.h>

#include "services/http/http_client.hpp"
#include "server_process.hpp"
#include "support/database_probe.hpp"
#include "support/test_support.hpp"

using cms::services::http_client;
using cms::testing::run_cms;
using cms::testing::server_process;
using nlohmann::json;

namespace {

constexpr int cases_count = 3'000;  // opened during January 2025
constexpr int months_count = 6;     // 2025-01 .. 2025-06, through 2025-06-30

int count(const std::string& path, const std::string& sql) {
    return static_cast<int>(cms::testing::sql_integer(path, sql));
}

std::string job_status(const std::string& path, int job_id) {
    const auto rows = cms::testing::sql_rows(path, "SELECT status FROM jobs WHERE id = " + std::to_string(job_id));
    return rows.empty() ? "(no row)" : rows.front();
}

/// Postings that exist twice for one case and month: must stay 0 through every kill and rerun.
int duplicated_postings(const std::string& path) {
    return count(path, "SELECT COUNT(*) FROM (SELECT 1 FROM ledger_postings"
                       " GROUP BY case_id, cause_kind, cause_ref HAVING COUNT(*) > 1)");
}

void generate_caseload(const std::string& path) {
    REQUIRE(run_cms({"generate", "--db", path, "--cases", std::to_string(cases_count), "--seed", "7", "--opened-by",
                     "2025-01-31", "--opened-span-days", "30"})
                .exit_status == 0);
}

/// What an uninterrupted accrual through 2025-06-30 posts on the same caseload: through January,
/// through March and in all. A killed job and its rerun must add up to it. (Not cases x months:
/// a generated case on the nil rate owes nothing, and a child turning 16 before July closes or
/// recalculates their case.)
struct reference_postings {
    int through_january = 0;
    int through_march = 0;
    int total = 0;
};

reference_postings uninterrupted_accrual(const cms::testing::temporary_directory& directory) {
    const std::string path = directory.file("reference.db");
    generate_caseload(path);
    REQUIRE(run_cms({"run-job", "accrue", "--db", path, "--through", "2025-06-30"}).exit_status == 0);
    const std::string postings = "SELECT COUNT(*) FROM ledger_postings";
    reference_postings reference{count(path, postings + " WHERE business_date <= '2025-01-31'"),
                                 count(path, postings + " WHERE business_date <= '2025-03-31'"), count(path, postings)};
    REQUIRE(reference.through_january > cases_count / 2);  // most cases owe something every month
    return reference;
}

/// The server's scheduler is off, so every job here is one a test started.
const std::vector<std::string> server_arguments = {"--business-date", "2025-07-01", "--scheduler-interval-seconds",
                                                   "0"};

}  // namespace

TEST_CASE("a server killed mid-accrual leaves its job interrupted after restart, and a rerun completes it") {
    cms::testing::temporary_directory directory;
    const std::string database = directory.file("cms.db");
    const std::string log_path = directory.file("server.log");
    const reference_postings reference = uninterrupted_accrual(directory);
    generate_caseload(database);
    {
        // One chunk a month (the default chunk is larger than the caseload): the server dies once
        // March is committed, with April to June to come.
        server_process server(database, server_arguments, log_path, {{"CMS_FAULT", "accrual.after_chunk_commit:3"}});
        http_client batch(server.port(), server.token("batch"));
        try {
            const auto started = batch.post("/v1/jobs", json{{"kind", "accrue"}, {"through", "2025-06-30"}}.dump(), {{"Idempotency-Key", "job-4"}});
            CHECK(started.status == 202);
        } catch (const std::exception& error) {
            // The job may reach its fault point before the 202 is written: the answer is lost with
            // the process, and the job's row (id 1 on this fresh database) is what the test follows.
            MESSAGE("the server died before answering POST /v1/jobs: ", error.what());
        }
        const auto ended = server.wait_for_end(cms::testing::event_deadline);
        REQUIRE(ended.has_value());
        REQUIRE(ended->signal == SIGKILL);
    }
    REQUIRE(job_status(database, 1) == "running");  // left so by the dead process
    REQUIRE(count(database, "SELECT COUNT(*) FROM ledger_postings") == reference.through_march);

    server_process server(database, server_arguments, log_path);
    http_client batch(server.port(), server.token("batch"));
    const auto interrupted = batch.get("/v1/jobs/1");
    REQUIRE(interrupted.status == 200);
    CHECK(interrupted.json()["status"] == "interrupted");
    CHECK(interrupted.json()["detail"].get<std::string>().find("a rerun posts what is left") != std::string::npos);
    CHECK(!interrupted.json()["finished_at_utc"].is_null());
    CHECK(interrupted.json()["cases_processed"] == 3 * cases_count);

    const auto rerun = batch.post("/v1/jobs", json{{"kind", "accrue"}, {"through", "2025-06-30"}}.dump(), {{"Idempotency-Key", "job-5"}});
    REQUIRE(rerun.status == 202);
    const std::string rerun_target = "/v1/jobs/" + std::to_string(rerun.json()["id"].get<std::int64_t>());
    cms::services::http_reply finished;
    REQUIRE(cms::testing::eventually([&] {
        finished = batch.get(rerun_target);
        return finished.status == 200 && finished.json()["status"] != "running";
    }));
    CHECK(finished.json()["status"] == "succeeded");
    CHECK(finished.json()["postings_written"] == reference.total - reference.through_march);  // exactly what was left
    CHECK(batch.get("/v1/jobs/1").json()["status"] == "interrupted");               // history is kept
    CHECK(server.stop() == 0);

    CHECK(count(database, "SELECT COUNT(*) FROM ledger_postings") == reference.total);
    CHECK(count(database, "SELECT COUNT(*) FROM accrual_periods") == months_count);
    CHECK(duplicated_postings(database) == 0);
    CHECK(run_cms({"check", "--db", database}).exit_status == 0);
}

TEST_CASE("cms run-job killed mid-accrual leaves its job interrupted at the next run-job, which completes it") {
    cms::testing::temporary_directory directory;
    const std::string database = directory.file("cms.db");
    const reference_postings reference = uninterrupted_accrual(directory);
    generate_caseload(database);
    const std::vector<std::string> accrue = {"run-job", "accrue", "--db", database, "--through", "2025-06-30",
                                             "--chunk-cases", "1000"};
    // Three chunks a month: it dies within January, before the month is complete.
    const auto killed = run_cms(accrue, {{"CMS_FAULT", "accrual.after_chunk_commit:3"}});
    INFO(killed.errors);
    REQUIRE(killed.signal == SIGKILL);
    REQUIRE(job_status(database, 1) == "running");
    REQUIRE(count(database, "SELECT COUNT(*) FROM accrual_periods") == 0);

    const auto rerun = run_cms(accrue);
    INFO(rerun.output, rerun.errors);
    CHECK(rerun.exit_status == 0);
    CHECK(job_status(database, 1) == "interrupted");
    CHECK(job_status(database, 2) == "succeeded");
    // The three chunks of 1,000 the first job committed were all of January.
    CHECK(count(database, "SELECT postings_written FROM jobs WHERE id = 2") == reference.total - reference.through_january);
    CHECK(count(database, "SELECT COUNT(*) FROM ledger_postings") == reference.total);
    CHECK(duplicated_postings(database) == 0);
    CHECK(run_cms({"check", "--db", database}).exit_status == 0);
}

TEST_CASE("cms run-job on a database a server is serving is refused and marks nothing") {
    cms::testing::temporary_directory directory;
    const std::string database = directory.file("cms.db");
    generate_caseload(database);
    server_process server(database, server_arguments, directory.file("server.log"));
    const auto refused = run_cms({"run-job", "accrue", "--db", database, "--through", "2025-06-30"});
    INFO(refused.output, refused.errors);
    CHECK(refused.exit_status == 1);
    CHECK(refused.errors.find("is running batch jobs on") != std::string::npos);
    CHECK(count(database, "SELECT COUNT(*) FROM jobs") == 0);
    CHECK(count(database, "SELECT COUNT(*) FROM ledger_postings") == 0);
    CHECK(server.stop() == 0);
    // With the server gone, the same command runs.
    CHECK(run_cms({"run-job", "accrue", "--db", database, "--through", "2025-06-30"}).exit_status == 0);
}
