// Interrupted jobs: a job row left `running` by a process that died is marked `interrupted` by
// the next process that takes the batch job lock, and its rerun posts exactly what is left; a
// process that cannot take the lock (another live process runs jobs) marks nothing.
#include <doctest/doctest.h>

#include <stdexcept>

#include "persistence/unit_of_work.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "support/database_probe.hpp"
#include "support/service_fixture.hpp"
#include "services/batch/batch_job_lock.hpp"

using namespace cms;

namespace {

const std::vector<core::collection_fee_row> fees = services::load_collection_fees(std::nullopt);

persistence::job_record job_row(testing::service_fixture& fixture, std::int64_t job_id) {
    const auto job = fixture.readers.borrow()->jobs().find_job(job_id);
    REQUIRE(job.has_value());
    return *job;
}

/// Thrown by a transaction runner that stands for a process that has died: nothing after it
/// reaches the database, not even the job's own final status.
struct process_died : std::runtime_error {
    process_died() : std::runtime_error("the process died") {}
};

/// Runs an accrual through `through` whose process dies after `transactions_lived` committed
/// transactions; the job's id.
std::int64_t accrue_and_die(testing::service_fixture& fixture, const char* through, int transactions_lived) {
    const services::transaction_runner writer = services::writer_transactions(fixture.writer);
    int committed = 0;
    std::int64_t job_id = 0;
    const services::transaction_runner dying = [&](const std::function<void(persistence::unit_of_work&)>& work) {
        if (committed == transactions_lived) throw process_died();
        writer(work);
        ++committed;
    };
    services::accrual_job_options options;
    options.through = *core::parse_iso_date(through);
    options.chunk_cases = 1;
    dying([&](persistence::unit_of_work& work) { job_id = work.jobs().start_job("accrue", options.through); });
    options.existing_job_id = job_id;
    CHECK_THROWS_AS(services::run_accrual_job(dying, fees, options, nullptr), process_died);
    return job_id;
}

}  // namespace

TEST_CASE("a job left running by a process that died is marked interrupted, and its rerun posts what is left") {
    testing::service_fixture fixture;
    for (const char* family : {"a-", "b-", "c-"}) fixture.open_family(family);
    // Its row, then the first job transaction (reading the caseload), then January's three
    // one-case chunks and the month's completion, then one chunk of February: then it dies.
    const std::int64_t died = accrue_and_die(fixture, "2025-02-28", 7);
    REQUIRE(job_row(fixture, died).status == "running");
    REQUIRE(fixture.count("ledger_postings") == 4);

    const services::batch_job_lock lock(fixture.path);
    CHECK(lock.mark_interrupted_jobs(services::writer_transactions(fixture.writer)) == std::vector<std::int64_t>{died});
    const auto interrupted = job_row(fixture, died);
    CHECK(interrupted.status == "interrupted");
    CHECK(interrupted.detail.find("a rerun posts what is left") != std::string::npos);
    CHECK(!interrupted.finished_at_utc.empty());
    CHECK(interrupted.cases_processed == 4);  // the progress it committed is kept on the row
    // Marking again finds nothing: the row is no longer running.
    CHECK(lock.mark_interrupted_jobs(services::writer_transactions(fixture.writer)).empty());

    services::accrual_job_options options;
    options.through = *core::parse_iso_date("2025-02-28");
    options.chunk_cases = 2;  // another chunk size: progress is kept per case range
    const auto rerun = services::run_accrual_job(services::writer_transactions(fixture.writer), fees, options, nullptr);
    CHECK(rerun.status == "succeeded");
    CHECK(rerun.postings_written == 2);  // February of the two cases the dead process had not reached
    CHECK(fixture.count("ledger_postings") == 6);
    CHECK(fixture.count("accrual_periods") == 2);
    CHECK(testing::sql_integer(fixture.path, "SELECT COUNT(*) FROM (SELECT 1 FROM ledger_postings"
                                             " GROUP BY case_id, cause_kind, cause_ref HAVING COUNT(*) > 1)") == 0);
}

TEST_CASE("while one process holds the batch job lock, another is refused and marks nothing") {
    testing::service_fixture fixture;
    std::int64_t running_job = 0;
    {
        const services::batch_job_lock holder(fixture.path);
        // The holder's job is running: live, not orphaned.
        fixture.writer.execute([&](persistence::unit_of_work& work) {
            running_job = work.jobs().start_job("accrue", *core::parse_iso_date("2025-01-31"));
        });
        CHECK_THROWS_WITH_AS(services::batch_job_lock(fixture.path), doctest::Contains("is running batch jobs on"),
                             services::batch_job_lock_held);
        CHECK(job_row(fixture, running_job).status == "running");
    }
    // The holder has gone (as a process's lock goes with it, however it ends): the row is an orphan now.
    const services::batch_job_lock next(fixture.path);
    CHECK(next.mark_interrupted_jobs(services::writer_transactions(fixture.writer)) ==
          std::vector<std::int64_t>{running_job});
    CHECK(job_row(fixture, running_job).status == "interrupted");
}
