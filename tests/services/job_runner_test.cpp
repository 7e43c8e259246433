// The batch job runner's exception safety: whatever throws (the job mid-run, the writer refusing
// or failing the job's row), the job ends `failed` with a reason in our words when it has a row
// (a library's message goes to the log only), and the runner accepts the next job. Failures are injected through the runner's two seams (the job
// function, and the transaction runner that stands for the writer), never through timing.
#include <doctest/doctest.h>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <future>
#include <sstream>
#include <stdexcept>

#include "persistence/unit_of_work.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "support/database_probe.hpp"
#include "support/service_fixture.hpp"
#include "services/batch/job_runner.hpp"

using namespace cms;
using services::job_start_refusal;

namespace {

/// The services on a temporary database, with the lock a process holds to run jobs on it.
struct job_fixture : testing::service_fixture {
    services::batch_job_lock jobs_lock{path};
};

const std::vector<core::collection_fee_row> fees = services::load_collection_fees(std::nullopt);

core::civil_date day(const char* text) { return *core::parse_iso_date(text); }

persistence::job_record job_row(testing::service_fixture& fixture, std::int64_t job_id) {
    const auto job = fixture.readers.borrow()->jobs().find_job(job_id);
    REQUIRE(job.has_value());
    return *job;
}

/// A job that posts January for real (its chunks committed under its own job id), then stops
/// in its own words as a job that met a broken fee table would; every later run is the real accrual.
/// `before_throwing` runs between the two, while the job is still running.
services::accrual_job_function failing_mid_run_once(std::function<void()> before_throwing = {}) {
    return [runs = 0, before_throwing](const services::transaction_runner& in_transaction,
                                       std::span<const core::collection_fee_row> fee_policy,
                                       const services::accrual_job_options& options) mutable
           -> services::accrual_job_result {
        if (runs++ > 0) return services::run_accrual_job(in_transaction, fee_policy, options, nullptr);
        services::accrual_job_options january = options;
        january.through = day("2025-01-31");
        const auto posted = services::run_accrual_job(in_transaction, fee_policy, january, nullptr);
        if (posted.postings_written != 1) throw std::logic_error("the test's January did not post");
        if (before_throwing) before_throwing();
        throw services::job_failure("collection fee table has no row for 2025-02-01");
    };
}

/// How long a test waits for a job to reach a point before calling it missing: generous, since a
/// slow machine should make the test wait longer, never fail.
constexpr std::chrono::seconds testing_deadline{120};

/// A gate a background job waits at until the test opens it.
class gate {
public:
    void open() {
        if (opened_) return;
        opened_ = true;
        promise_.set_value();
    }
    /// The job's own handle (one shared_future per thread).
    std::shared_future<void> waiter() const { return future_; }

private:
    std::promise<void> promise_;
    std::shared_future<void> future_ = promise_.get_future().share();
    bool opened_ = false;
};

/// Opens a gate when it goes out of scope, so a failed check cannot leave a runner joining a
/// job that waits forever.
struct gate_opener {
    gate& opened;
    ~gate_opener() { opened.open(); }
};

}  // namespace

TEST_CASE("a job that throws mid-run ends failed with its reason, and the next job runs and posts what is left") {
    job_fixture fixture;
    fixture.open_family();  // opens 2025-01-15: January and February are due by 2025-02-28

    SUBCASE("started in the background") {
        // The job holds on mid-run until the test has tried to start another: one job at a time.
        std::promise<void> job_mid_run;
        gate release_job;
        services::job_runner jobs(fixture.jobs_lock, services::writer_transactions(fixture.writer), fixture.store.get(),
                                  fees,
                                  failing_mid_run_once([&job_mid_run, released = release_job.waiter()] {
                                      job_mid_run.set_value();
                                      released.wait();
                                  }));
        gate_opener open_on_exit{release_job};  // before `jobs` joins its job, whatever happens
        const auto failed = jobs.start_accrual(day("2025-02-28"));
        REQUIRE(failed.started());
        REQUIRE(job_mid_run.get_future().wait_for(testing_deadline) == std::future_status::ready);
        CHECK(jobs.start_accrual(day("2025-02-28")).refusal == job_start_refusal::job_running);
        const auto refused_in_place = jobs.run_due_accrual(day("2025-02-28"));
        CHECK((refused_in_place && refused_in_place->refusal == job_start_refusal::job_running));
        release_job.open();
        jobs.wait_for_background_job();
        const auto row = job_row(fixture, *failed.job_id);
        CHECK(row.status == "failed");
        CHECK(row.detail == "collection fee table has no row for 2025-02-01");
        CHECK(!row.finished_at_utc.empty());

        const auto next = jobs.start_accrual(day("2025-02-28"));
        REQUIRE(next.started());  // not job_running: the failure released the runner
        jobs.wait_for_background_job();
        CHECK(job_row(fixture, *next.job_id).status == "succeeded");
    }
    SUBCASE("run in place by the scheduler") {
        services::job_runner jobs(fixture.jobs_lock, services::writer_transactions(fixture.writer), fixture.store.get(),
                                  fees,
                                  failing_mid_run_once());
        const auto failed = jobs.run_due_accrual(day("2025-02-28"));
        REQUIRE(failed.has_value());
        REQUIRE(failed->started());
        const auto row = job_row(fixture, *failed->job_id);
        CHECK(row.status == "failed");
        CHECK(row.detail == "collection fee table has no row for 2025-02-01");

        const auto next = jobs.run_due_accrual(day("2025-02-28"));
        REQUIRE(next.has_value());
        REQUIRE(next->started());
        CHECK(job_row(fixture, *next->job_id).status == "succeeded");
        CHECK(!jobs.run_due_accrual(day("2025-02-28")).has_value());  // nothing due now, no row
    }
    // January was posted once by the failed job; the rerun posted only February, and the
    // refused starts wrote no row.
    CHECK(fixture.count("jobs") == 2);
    CHECK(fixture.count("ledger_postings") == 2);
    CHECK(fixture.count("accrual_periods") == 2);
}

/// Sends the log to a string while it lives, so a test can see what operators would read.
class captured_log {
public:
    captured_log() : previous_(spdlog::default_logger()) {
        spdlog::set_default_logger(
            std::make_shared<spdlog::logger>("captured", std::make_shared<spdlog::sinks::ostream_sink_mt>(text_)));
    }
    ~captured_log() { spdlog::set_default_logger(previous_); }
    captured_log(const captured_log&) = delete;
    captured_log& operator=(const captured_log&) = delete;

    std::string text() const { return text_.str(); }

private:
    std::shared_ptr<spdlog::logger> previous_;
    std::ostringstream text_;
};

TEST_CASE("a job that fails on a library's exception shows our words; the library's stay in the log") {
    job_fixture fixture;
    fixture.open_family();
    // As a database library words a failure: a path and internals no API client should see.
    const std::string library_text = "disk I/O error: /var/lib/cms/cms.db-wal (SQLITE_IOERR_WRITE)";
    captured_log log;
    std::int64_t job_id = 0;
    SUBCASE("thrown out of the job") {
        services::job_runner jobs(fixture.jobs_lock, services::writer_transactions(fixture.writer), fixture.store.get(),
                                  fees,
                                  [&library_text](const services::transaction_runner&,
                                                  std::span<const core::collection_fee_row>,
                                                  const services::accrual_job_options&) -> services::accrual_job_result {
                                      throw std::runtime_error(library_text);
                                  });
        const auto failed = jobs.start_accrual(day("2025-01-31"));
        REQUIRE(failed.started());
        jobs.wait_for_background_job();
        job_id = *failed.job_id;
    }
    SUBCASE("caught by the accrual job itself, from the writer failing its first chunk") {
        const services::transaction_runner writer = services::writer_transactions(fixture.writer);
        int transactions = 0;
        services::job_runner jobs(
            fixture.jobs_lock,
            [&](const std::function<void(persistence::unit_of_work&)>& work) {
                // The job's row, the job's first read, then its first chunk.
                if (++transactions == 3) throw std::runtime_error(library_text);
                writer(work);
            },
            fixture.store.get(), fees);
        const auto failed = jobs.start_accrual(day("2025-01-31"));
        REQUIRE(failed.started());
        jobs.wait_for_background_job();
        job_id = *failed.job_id;
    }
    const auto row = job_row(fixture, job_id);
    CHECK(row.status == "failed");
    CHECK(row.detail == "the job stopped on an internal error; the cause is in the log, under 'job " +
                            std::to_string(job_id) + " failed'");
    CHECK(row.detail.find("cms.db") == std::string::npos);
    CHECK(log.text().find("job " + std::to_string(job_id) + " failed: " + library_text) != std::string::npos);
}

TEST_CASE("a job that throws something that is not a std::exception ends failed too") {
    job_fixture fixture;
    fixture.open_family();
    int runs = 0;
    services::job_runner jobs(fixture.jobs_lock, services::writer_transactions(fixture.writer), fixture.store.get(), fees,
                              [&runs](const services::transaction_runner& in_transaction,
                                      std::span<const core::collection_fee_row> fee_policy,
                                      const services::accrual_job_options& options) {
                                  if (runs++ == 0) throw 42;
                                  return services::run_accrual_job(in_transaction, fee_policy, options, nullptr);
                              });
    const auto failed = jobs.start_accrual(day("2025-01-31"));
    REQUIRE(failed.started());
    jobs.wait_for_background_job();
    const auto row = job_row(fixture, *failed.job_id);
    CHECK(row.status == "failed");
    CHECK(row.detail.find("internal error") != std::string::npos);
    const auto next = jobs.start_accrual(day("2025-01-31"));
    REQUIRE(next.started());
    jobs.wait_for_background_job();
    CHECK(job_row(fixture, *next.job_id).status == "succeeded");
}

TEST_CASE("the runner accepts a job after start failed because the writer threw") {
    job_fixture fixture;
    fixture.open_family();
    services::job_runner jobs(fixture.jobs_lock, services::writer_transactions(fixture.writer), fixture.store.get(), fees);
    // The real writer, failing the job's row as a full disk or a broken schema would.
    testing::sql_exec(fixture.path,
                      "CREATE TRIGGER jobs_refused BEFORE INSERT ON jobs BEGIN SELECT RAISE(ABORT, 'disk is full'); END");

    const auto refused = jobs.start_accrual(day("2025-01-31"));
    CHECK(refused.refusal == job_start_refusal::writer_refused);
    CHECK(!refused.job_id.has_value());
    CHECK(refused.reason.find("disk is full") != std::string::npos);
    const auto refused_in_place = jobs.run_due_accrual(day("2025-01-31"));
    REQUIRE(refused_in_place.has_value());
    CHECK(refused_in_place->refusal == job_start_refusal::writer_refused);
    CHECK(fixture.count("jobs") == 0);

    testing::sql_exec(fixture.path, "DROP TRIGGER jobs_refused");
    const auto next = jobs.start_accrual(day("2025-01-31"));
    REQUIRE(next.started());  // not job_running
    jobs.wait_for_background_job();
    CHECK(job_row(fixture, *next.job_id).status == "succeeded");
    CHECK(fixture.count("ledger_postings") == 1);
}

TEST_CASE("the runner accepts a job after the writer refused its work") {
    job_fixture fixture;
    fixture.open_family();
    bool refusing = true;
    const services::transaction_runner writer = services::writer_transactions(fixture.writer);
    // As persistence::writer::execute refuses when its queue is full or it has stopped.
    services::job_runner jobs(
        fixture.jobs_lock, [&](const std::function<void(persistence::unit_of_work&)>& work) {
            if (refusing) throw std::runtime_error("writer queue is full or stopped");
            writer(work);
        },
        fixture.store.get(), fees);

    const auto refused = jobs.start_accrual(day("2025-01-31"));
    CHECK(refused.refusal == job_start_refusal::writer_refused);
    CHECK(refused.reason == "writer queue is full or stopped");
    CHECK(jobs.run_due_accrual(day("2025-01-31"))->refusal == job_start_refusal::writer_refused);

    refusing = false;
    const auto next = jobs.run_due_accrual(day("2025-01-31"));
    REQUIRE(next.has_value());
    REQUIRE(next->started());
    CHECK(job_row(fixture, *next->job_id).status == "succeeded");
}
