#pragma once
/// The monthly accrual batch: for every calendar month that has ended by `through` and was not
/// yet completed, posts each case's maintenance and collection fee for that month.
///
/// Idempotent per (case, period): each case's posting is keyed by (case, accrual, month), and
/// each chunk of cases is recorded in the same transaction as its postings, so a rerun, or a
/// restart after a crash at any moment, posts nothing twice and resumes after the last
/// committed chunk. Missed months are caught up one period at a time, oldest first. A case the
/// rules refuse is recorded as a case failure (visible on the job and the case) and the rest go
/// on.
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/calculation/calculation_policy.hpp"
#include "core/common/civil_date.hpp"
#include "core/ledger/collection_fee_policy.hpp"
#include "persistence/writer.hpp"
#include "persistence/store.hpp"

namespace cms::services {

struct accrual_job_options {
    core::civil_date through;
    /// Cases per chunk (one transaction each): bounds memory and how long the writer is held.
    std::int64_t chunk_cases = 20'000;
    /// Periods one run catches up at most; the rest wait for the next run.
    std::int64_t catch_up_periods_max = 120;
    /// The store, when the job may open a read connection to it: the next chunk is then read and
    /// computed there while the writer commits the current one (see accrual_chunk.hpp). Null:
    /// every chunk is read and written inside its own unit of work.
    persistence::store* read_ahead_store = nullptr;
    /// A job row created beforehand (the HTTP route answers with its id before the job runs).
    std::optional<std::int64_t> existing_job_id;
    /// When given, children who stop qualifying on or before `through` are acted on first (the
    /// case recalculated without them, or closed: services/calculation/qualification_ends.hpp), so
    /// each month is charged at the amount in force each day. Empty: the accrual alone (the
    /// accrual benchmark measures that).
    std::span<const core::calculation_rates> calculation_rates;
};

struct accrual_progress {
    std::string period;            ///< "YYYY-MM" being posted
    std::int64_t cases_done = 0;   ///< in this period
    std::int64_t cases_total = 0;  ///< case ids to cover in this period
};

struct accrual_job_result {
    std::int64_t job_id = 0;
    std::int64_t periods_completed = 0;
    std::int64_t cases_processed = 0;
    std::int64_t postings_written = 0;
    std::int64_t cases_failed = 0;
    std::string status;  ///< succeeded or failed
    std::string detail;
};

/// A whole job's failure that the code states in its own words (naming cases, periods, statuses;
/// never a path, SQL or a library's message): its text becomes the job's `detail` as it is.
class job_failure : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// What the exception being handled says, for the log; call only inside a catch block.
std::string current_exception_text();

/// The `detail` for job `job_id` ending on the exception being handled; call only inside a catch
/// block. A job_failure keeps its own words. Anything else (a database or library error, the
/// system) may name paths or internals that `GET /v1/jobs/{id}` must not show: its full text is
/// logged for operators as "job ID failed: ...", and the detail says so in our words.
std::string failed_job_detail(std::int64_t job_id);

/// Runs `work` as one unit of work and commits it. The CLI uses its own write connection; the
/// server hands the work to its single writer.
using transaction_runner = std::function<void(const std::function<void(persistence::unit_of_work&)>& work)>;

accrual_job_result run_accrual_job(const transaction_runner& in_transaction,
                                   std::span<const core::collection_fee_row> fee_policy,
                                   const accrual_job_options& options,
                                   const std::function<void(const accrual_progress&)>& on_progress);

/// True when some month that has ended by `through` is not yet posted (the scheduler's cheap
/// check before it starts a job, so idle ticks leave no job rows).
bool accrual_due(persistence::accrual_queries& accrual, core::civil_date through);

/// Job rows, each written in a transaction of its own through `in_transaction`, for code that
/// runs jobs without touching the database itself (services/batch/job_runner.hpp).
/// Work done in the transaction that writes a job's row, given the row's id (the HTTP command
/// journals its idempotency key there, so the key and the job exist together or not at all).
using job_row_work = std::function<void(persistence::unit_of_work&, std::int64_t job_id)>;
/// A new `running` accrual job row through `through`, with `with_row` (when set) in the same
/// transaction; its id.
std::int64_t start_accrual_job_row(const transaction_runner& in_transaction, core::civil_date through,
                                   const job_row_work& with_row = {});
/// As start_accrual_job_row, in the same transaction as the accrual_due check, when a month is
/// due; nothing (and no row) otherwise.
std::optional<std::int64_t> start_due_accrual_job_row(const transaction_runner& in_transaction,
                                                      core::civil_date through);
/// Ends the job's row with `status` (succeeded, failed) and `detail`.
void finish_job_row(const transaction_runner& in_transaction, std::int64_t job_id, const std::string& status,
                    const std::string& detail);
/// Marks every job row still `running` as `interrupted` with `detail`; their ids. Only under the
/// batch job lock (services/batch/batch_job_lock.hpp).
std::vector<std::int64_t> mark_running_job_rows_interrupted(const transaction_runner& in_transaction,
                                                            const std::string& detail);

/// A transaction_runner over a write connection this caller owns: one transaction per work.
transaction_runner direct_transactions(persistence::write_connection& connection);

/// A transaction_runner through the server's single writer: each piece of work is committed in
/// the writer's next group, so caseworkers' commands interleave with the batch's chunks.
transaction_runner writer_transactions(persistence::writer& writer);

}  // namespace cms::services
