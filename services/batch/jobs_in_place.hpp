#pragma once
/// The batch jobs run in place, by name, on the caller's thread, answering when each has ended:
/// a scenario's run_job steps in process (services/replay/scenario_runner.cpp) and POST /v1/jobs
/// {"in_place": true} on a server (services/http/ledger_routes.cpp), so `cms replay` and `cms replay
/// --against` run the very same code and say the very same thing. Like the scheduler, a job with
/// nothing to do writes no job row and says so ("nothing to post through 2025-01-31"), so a rerun
/// writes nothing.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/common/civil_date.hpp"
#include "core/enforcement/court_outcomes.hpp"
#include "core/ledger/collection_fee_policy.hpp"
#include "persistence/read_pool.hpp"
#include "services/batch/batch_scheduler.hpp"
#include "services/commands/commands.hpp"
#include "services/enforcement/enforcement_service.hpp"
#include "services/ledger/accrual_job.hpp"

namespace cms::services {

/// What the jobs read and write through, wired as the server or the replay wires them.
struct jobs_in_place_context {
    transaction_runner in_transaction;
    persistence::store* read_ahead_store = nullptr;  ///< optional: the accrual reads ahead on it
    persistence::read_pool& readers;
    enforcement_service& enforcement;
    std::span<const core::collection_fee_row> fees;
    std::span<const core::missed_payment_policy> missed_payments;
    std::span<const core::calculation_rates> calculation_rates;
    std::span<const core::court_outcome_row> court_outcomes;
};

/// What one job did: whether it succeeded with no case failures (a court decision the life cycle
/// refused counts as a failure), and its summary ("job 7 succeeded: 1 period(s), 4 postings, 0
/// case failures").
struct job_in_place_result {
    bool passed = true;
    std::string detail;
};

/// Runs accrue (through `through`, not after the business date), disburse (the pay-out of that
/// date), close_day (every day not yet closed through it) or court_outcomes (decisions due by it,
/// drawn from `seed`, journaled as `actor`). Not scheduled_tick: run_daily_tick below.
job_in_place_result run_job_in_place(const jobs_in_place_context& context, job_in_place_kind kind,
                                     core::civil_date through, std::uint64_t seed, const std::string& actor);

/// The scheduler's tick on `day` (run_scheduled_jobs), unless the day before `day` is closed
/// already: then a tick ran on `day` before (a rerun on a database that lived through it), and
/// running it again would act on what came later (money held from a later payment would start a
/// pay-out for a past day), which a clock that only moves forward never does. Nothing then.
std::vector<scheduled_job_run> run_daily_tick(job_runner& jobs, const transaction_runner& in_transaction,
                                              core::civil_date day);

/// A tick's job as a replay line says it: "job 9", then "not run: job_running (reason)" for a job
/// that did not start or the problem of one that did not succeed whole (and `passed` false).
job_in_place_result describe_scheduled_job(const job_start_result& job);

}  // namespace cms::services
