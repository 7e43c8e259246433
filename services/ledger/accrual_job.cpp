#include "services/ledger/accrual_job.hpp"

#include <spdlog/spdlog.h>

#include <array>
#include <chrono>
#include <future>
#include <optional>

#include "persistence/fault_points.hpp"
#include "services/calculation/qualification_ends.hpp"
#include "services/ledger/accrual_chunk.hpp"

namespace cms::services {

namespace {

/// The month after the last completed one, or the month liability first started.
std::optional<date::year_month> first_open_period(persistence::accrual_queries& accrual) {
    if (const auto done = accrual.last_completed_period()) return *done + date::months{1};
    return accrual.earliest_liability_month();
}

/// The last month a run through `through` may post: the month of `through` if it is that
/// month's last day, else the month before.
date::year_month last_postable_period(core::civil_date through) {
    const core::civil_date month_end{date::year_month_day_last{through.year(), date::month_day_last{through.month()}}};
    const date::year_month month = through.year() / through.month();
    return through == month_end ? month : month - date::months{1};
}

}  // namespace

std::string current_exception_text() {
    try {
        throw;
    } catch (const std::exception& error) {
        return error.what();
    } catch (...) {
        return "an exception that is not a std::exception";
    }
}

std::string failed_job_detail(std::int64_t job_id) {
    spdlog::error("job {} failed: {}", job_id, current_exception_text());
    try {
        throw;
    } catch (const job_failure& failure) {
        return failure.what();
    } catch (...) {
        return "the job stopped on an internal error; the cause is in the log, under 'job " +
               std::to_string(job_id) + " failed'";
    }
}

bool accrual_due(persistence::accrual_queries& accrual, core::civil_date through) {
    const auto period = first_open_period(accrual);
    return period && *period <= last_postable_period(through);
}

std::int64_t start_accrual_job_row(const transaction_runner& in_transaction, core::civil_date through,
                                   const job_row_work& with_row) {
    std::int64_t job_id = 0;
    in_transaction([&](persistence::unit_of_work& work) {
        job_id = work.jobs().start_job("accrue", through);
        if (with_row) with_row(work, job_id);
    });
    return job_id;
}

std::optional<std::int64_t> start_due_accrual_job_row(const transaction_runner& in_transaction,
                                                      core::civil_date through) {
    std::optional<std::int64_t> job_id;
    in_transaction([&](persistence::unit_of_work& work) {
        if (accrual_due(work.accrual(), through)) job_id = work.jobs().start_job("accrue", through);
    });
    return job_id;
}

void finish_job_row(const transaction_runner& in_transaction, std::int64_t job_id, const std::string& status,
                    const std::string& detail) {
    in_transaction([&](persistence::unit_of_work& work) { work.jobs().finish_job(job_id, status, detail); });
}

std::vector<std::int64_t> mark_running_job_rows_interrupted(const transaction_runner& in_transaction,
                                                            const std::string& detail) {
    std::vector<std::int64_t> interrupted;
    in_transaction([&](persistence::unit_of_work& work) {
        interrupted = work.jobs().mark_running_jobs_interrupted(detail);
    });
    return interrupted;
}

transaction_runner direct_transactions(persistence::write_connection& connection) {
    return [&connection](const std::function<void(persistence::unit_of_work&)>& work) {
        persistence::in_transaction(connection, work);
    };
}

transaction_runner writer_transactions(persistence::writer& writer) {
    return [&writer](const std::function<void(persistence::unit_of_work&)>& work) { writer.execute(work); };
}

accrual_job_result run_accrual_job(const transaction_runner& in_transaction,
                                   std::span<const core::collection_fee_row> fee_policy,
                                   const accrual_job_options& options,
                                   const std::function<void(const accrual_progress&)>& on_progress) {
    accrual_job_result result;
    std::optional<date::year_month> period;
    std::int64_t highest_id = 0;
    in_transaction([&](persistence::unit_of_work& work) {
        result.job_id = options.existing_job_id ? *options.existing_job_id
                                                : work.jobs().start_job("accrue", options.through);
        period = first_open_period(work.accrual());
        highest_id = work.cases().highest_case_id();
    });
    // A month is posted once it has ended by `through`.
    const date::year_month last_period = last_postable_period(options.through);
    std::int64_t periods_left = options.catch_up_periods_max;
    // Logs show progress too (the terminal bar is the CLI's): every few chunks, with the rate.
    constexpr std::int64_t progress_log_every_chunks = 10;
    std::int64_t chunks_done = 0;
    const auto started = std::chrono::steady_clock::now();
    persistence::case_terms_batch writer_scratch;
    persistence::case_terms_batch reader_scratch;
    try {
        std::unique_ptr<persistence::read_connection> reader;
        if (options.read_ahead_store != nullptr) reader = options.read_ahead_store->open_read_connection();
        if (!options.calculation_rates.empty()) {
            const auto ended = end_qualifications_through(in_transaction, options.through, options.calculation_rates,
                                                          options.through);
            spdlog::info("accrual job {}: children ceasing to qualify through {}: {} case(s) recalculated, {} closed,"
                         " {} not acted on",
                         result.job_id, core::format_iso_date(options.through), ended.recalculated, ended.closed,
                         ended.not_applied);
        }
        for (; period && *period <= last_period && periods_left > 0; *period += date::months{1}, --periods_left) {
            const std::string period_text = persistence::format_period(*period);
            spdlog::info("accrual job {}: posting {} for case ids 1..{}", result.job_id, period_text, highest_id);
            const std::int64_t chunk_count = (highest_id + options.chunk_cases - 1) / options.chunk_cases;
            const auto range_of = [&](std::int64_t index) {
                const std::int64_t first = 1 + index * options.chunk_cases;
                return accrual_chunk_range{*period, first, std::min(highest_id, first + options.chunk_cases - 1),
                                           options.through};
            };
            // Chunk k+1 is read and computed on the read connection while chunk k is written.
            // Declared before the futures, so a task still running when an error unwinds this
            // scope (a std::async future waits in its destructor) never outlives its buffers.
            std::array<prepared_accrual_chunk, 2> buffers;
            const auto start_preparing = [&](std::int64_t index) {
                if (!reader || index >= chunk_count) return std::future<void>{};
                return std::async(std::launch::async, [&, index] {
                    prepare_accrual_chunk_in_snapshot(*reader, range_of(index), fee_policy, reader_scratch,
                                                      buffers[static_cast<std::size_t>(index % 2)]);
                });
            };
            std::future<void> pending = start_preparing(0);
            for (std::int64_t index = 0; index < chunk_count; ++index) {
                if (pending.valid()) pending.get();  // rethrows what the preparation threw
                std::future<void> next = start_preparing(index + 1);
                prepared_accrual_chunk& chunk = buffers[static_cast<std::size_t>(index % 2)];
                const accrual_chunk_range range = range_of(index);
                accrual_chunk_counts counts;
                in_transaction([&](persistence::unit_of_work& work) {
                    if (!reader) prepare_accrual_chunk(work.accrual(), range, fee_policy, writer_scratch, chunk);
                    counts = write_accrual_chunk(work, result.job_id, chunk, fee_policy, writer_scratch);
                    persistence::fault_point_reached(persistence::fault_point::accrual_before_chunk_commit);
                });
                persistence::fault_point_reached(persistence::fault_point::accrual_after_chunk_commit);
                pending = std::move(next);
                result.cases_processed += counts.cases;
                result.postings_written += counts.postings;
                result.cases_failed += counts.failed;
                if (on_progress) on_progress({period_text, range.last_case_id, highest_id});
                if (++chunks_done % progress_log_every_chunks == 0 || range.last_case_id == highest_id) {
                    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
                    spdlog::info("accrual job {}: {} case ids {}/{} ({:.0f} case-periods/s, {} failures)", result.job_id,
                                 period_text, range.last_case_id, highest_id,
                                 seconds > 0 ? static_cast<double>(result.cases_processed) / seconds : 0.0,
                                 result.cases_failed);
                }
            }
            persistence::fault_point_reached(persistence::fault_point::accrual_before_period_complete);
            in_transaction([&](persistence::unit_of_work& work) {
                work.accrual().mark_period_complete(*period, result.job_id);
            });
            ++result.periods_completed;
        }
        result.status = "succeeded";
        if (period && *period <= last_period) {
            result.detail = "caught up " + std::to_string(result.periods_completed) +
                            " periods (the most one run may); run again for the rest";
        }
    } catch (const std::exception&) {
        // A failure of the job itself (not of one case): recorded, then reported to the caller.
        result.status = "failed";
        result.detail = failed_job_detail(result.job_id);
    }
    persistence::fault_point_reached(persistence::fault_point::accrual_before_job_finish);
    in_transaction([&](persistence::unit_of_work& work) {
        work.jobs().finish_job(result.job_id, result.status, result.detail);
    });
    return result;
}

}  // namespace cms::services
