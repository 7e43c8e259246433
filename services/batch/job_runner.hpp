#pragma once
/// The batch job runner: one job at a time, either in the background (a job started over HTTP)
/// or on the caller's thread (the scheduler's tick), each piece of work in a transaction the
/// server's single writer commits, so a job's chunks interleave with caseworkers' commands
/// instead of locking them out.
///
/// Exception safety: whatever throws (the writer refusing or failing the job's row, the job
/// itself, starting its thread), the job ends `failed` when a row was written, with a `detail`
/// in our words (failed_job_detail: what was thrown goes to the log, since `GET /v1/jobs/{id}`
/// shows the detail and a library's message may name paths or SQL); the runner's "a job is
/// running" state is released (by a guard object, on every path), and the next job is accepted.
/// The one row it cannot end is one whose writer has stopped (shutdown); it stays `running` and
/// the next start of a process that runs jobs marks it `interrupted`.
#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/common/civil_date.hpp"
#include "core/ledger/collection_fee_policy.hpp"
#include "core/enforcement/escalation.hpp"
#include "services/ledger/accrual_job.hpp"
#include "services/policy/enforcement_policy_loader.hpp"
#include "services/batch/batch_job_lock.hpp"

namespace cms::services {

/// Why a job was not started.
enum class job_start_refusal {
    job_running,         ///< one job runs at a time: ask again once it has ended
    writer_refused,      ///< the job's row could not be written (the writer refused or threw): no job exists
    thread_unavailable,  ///< no thread could run the job: its row is ended `failed` with the reason
    declined,            ///< the caller's work in the row's transaction threw job_start_declined: no job exists
};

/// Thrown by the work a caller runs in a job row's transaction (start_accrual's `with_row`) to
/// roll the row back and start nothing, e.g. when the command's idempotency key turned out to
/// be recorded already.
struct job_start_declined {};

/// "job_running", "writer_refused", "thread_unavailable" (for logs and tests).
std::string_view job_start_refusal_name(job_start_refusal refusal);

/// What became of a request to start a job.
struct job_start_result {
    std::optional<std::int64_t> job_id;        ///< the job's row, whenever one was written
    std::optional<job_start_refusal> refusal;  ///< empty when the job started (or, run in place, ran)
    std::string reason;                        ///< what was thrown, for writer_refused and thread_unavailable
    /// A job run in place (the scheduler's path) that ended other than `succeeded`, or with
    /// cases it could not post: its status and summary, for the replay to report. Empty when it
    /// succeeded, and for a job started in the background (its row says how it ends).
    std::string problem;

    bool started() const { return !refusal.has_value(); }
};

/// The job the runner runs: run_accrual_job, unless a test substitutes one that fails.
using accrual_job_function = std::function<accrual_job_result(
    const transaction_runner& in_transaction, std::span<const core::collection_fee_row> fee_policy,
    const accrual_job_options& options)>;

class job_runner {
public:
    /// The lock is asked for only as proof that this process holds it, and so has marked the
    /// orphaned job rows before any job of its own exists (batch_job_lock.hpp); the caller keeps
    /// it for as long as the runner lives. `in_transaction` commits each piece of work (the
    /// server passes writer_transactions); `read_ahead_store`, when not null, lets a job read ahead
    /// on a read connection of its own (accrual_chunk.hpp); an empty `job` means run_accrual_job.
    /// `calculation_rates`, when given, make every accrual act first on children who stopped
    /// qualifying (accrual_job_options), and run_due_qualification_ends do so daily.
    job_runner(const batch_job_lock& held_lock, transaction_runner in_transaction, persistence::store* read_ahead_store,
               std::vector<core::collection_fee_row> fees, accrual_job_function job = {},
               std::vector<core::calculation_rates> calculation_rates = {},
               std::vector<core::missed_payment_policy> missed_payment_policy = load_missed_payment_policy(std::nullopt));
    ~job_runner();  ///< waits for a job running in the background to end
    job_runner(const job_runner&) = delete;
    job_runner& operator=(const job_runner&) = delete;

    /// Writes the job's row (with `with_row` in the same transaction, when set) and starts the
    /// accrual through `through` on a thread of its own, so the caller has the job's id at once.
    /// Every refusal is an answer, not an exception.
    job_start_result start_accrual(core::civil_date through, const job_row_work& with_row = {});
    /// The scheduler's path: when some month that has ended by `through` is not yet posted,
    /// writes a job row and runs the accrual to its end on the calling thread; nothing (and no
    /// row, so idle ticks leave none) when no month is due. Every refusal is an answer.
    std::optional<job_start_result> run_due_accrual(core::civil_date through);
    /// The scheduler's daily pay-out: when no pay-out dated `through` or later has completed and
    /// some case holds collected money (scheduled_payout_has_work), runs run_payout_job for
    /// `through` on the calling thread (it writes its own row); nothing otherwise. Every refusal
    /// is an answer.
    std::optional<job_start_result> run_due_payout(core::civil_date through);
    /// The scheduler's daily close (services/enforcement/close_day_job.hpp) of every day after the
    /// last closed one through `through`, on the calling thread; nothing when all are closed.
    /// Every refusal is an answer.
    std::optional<job_start_result> run_due_close_day(core::civil_date through);
    /// The scheduler's daily step before the accrual: children who stopped qualifying on or
    /// before the business date (services/calculation/qualification_ends.hpp); nothing while a
    /// job runs, or without calculation rates.
    void run_due_qualification_ends(core::civil_date business_date);
    /// Runs `work` on the calling thread while holding the runner's "a job is running" claim, so
    /// no other job of this runner starts beside it (a job run in place by name over HTTP); false,
    /// with nothing run, while another job runs.
    bool run_claimed(const std::function<void()>& work);
    /// Waits until the job started by start_accrual, if any, has ended (shutdown and tests).
    void wait_for_background_job();

private:
    /// Runs the job whose row is `job_id` to its end; ends the row `failed` if the job throws.
    /// Returns the problem, if any, as job_start_result::problem says it.
    std::string run_to_end(std::int64_t job_id, core::civil_date through) noexcept;
    /// Ends the job's row `failed` with `detail` (our words; the caller has logged the cause);
    /// logs when even that cannot be written.
    void end_failed(std::int64_t job_id, const std::string& detail) noexcept;

    transaction_runner in_transaction_;
    persistence::store* read_ahead_store_;
    std::vector<core::collection_fee_row> fees_;
    std::vector<core::calculation_rates> calculation_rates_;
    std::vector<core::missed_payment_policy> missed_payment_policy_;
    accrual_job_function job_;
    /// Set while a job runs on any thread; only running_job_claim (job_runner.cpp) sets and clears it.
    std::atomic<bool> running_{false};
    std::mutex worker_mutex_;  ///< guards worker_
    std::thread worker_;
};

}  // namespace cms::services
