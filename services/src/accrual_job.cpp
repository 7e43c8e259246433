#include "cms/services/accrual_job.hpp"

#include <SQLiteCpp/Transaction.h>
#include <spdlog/spdlog.h>

#include <array>
#include <chrono>
#include <stdexcept>

#include "cms/core/accrual.hpp"
#include "cms/persistence/accrual_store.hpp"
#include "cms/persistence/ledger_store.hpp"

namespace cms::services {

namespace {

struct chunk_counts {
    std::int64_t cases = 0;
    std::int64_t postings = 0;
    std::int64_t failed = 0;
};

/// One chunk of one period, inside the caller's transaction.
chunk_counts accrue_chunk(SQLite::Database& database, std::int64_t job_id, date::year_month period,
                          std::int64_t first_id, std::int64_t last_id,
                          std::span<const core::collection_fee_row> fee_policy) {
    chunk_counts counts;
    if (persistence::chunk_done(database, period, first_id, last_id)) return counts;
    persistence::case_terms_batch batch;
    batch.load(database, first_id, last_id, fee_policy);
    persistence::posting_inserter inserter(database);
    const core::civil_date posted_on{date::year_month_day_last{period.year(), date::month_day_last{period.month()}}};
    const std::string period_text = persistence::format_period(period);
    std::array<core::transfer, core::accrual_transfers_max> legs{};
    for (const auto& item : batch.cases()) {
        ++counts.cases;
        core::monthly_accrual accrued;
        try {
            accrued = core::accrue_month(item.id, item.terms, period, posted_on, legs);
        } catch (const std::exception& error) {  // e.g. money_overflow on absurd stored amounts
            persistence::record_case_failure(database, {item.id.value, job_id, period_text, error.what(), {}});
            ++counts.failed;
            continue;
        }
        if (accrued.status != core::accrual_status::ok) {
            persistence::record_case_failure(
                database, {item.id.value, job_id, period_text,
                           std::string("accrual refused: ") + core::to_string(accrued.status), {}});
            ++counts.failed;
            continue;
        }
        if (accrued.transfer_count == 0) continue;  // nothing accrued (not yet liable, or nil)
        const auto posting = std::span<const core::transfer>(legs).first(accrued.transfer_count);
        // The ledger's invariants, asserted on every batch of legs before it is written: each leg
        // well formed, with a cause (debits equal credits by construction of a leg). A failure
        // is a bug in accrual, so it stops the job rather than post a wrong figure.
        if (const auto checked = core::validate_transfers(posting); checked.status != core::transfer_status::ok) {
            throw std::logic_error("accrual produced an invalid leg for case " + std::to_string(item.id.value) + ": " +
                                   core::to_string(checked.status));
        }
        if (inserter.insert(posting)) ++counts.postings;
    }
    persistence::record_chunk(database, period, first_id, last_id, job_id);
    persistence::add_job_counts(database, job_id, counts.cases, counts.postings, counts.failed);
    return counts;
}

/// The month after the last completed one, or the month liability first started.
std::optional<date::year_month> first_open_period(SQLite::Database& database) {
    if (const auto done = persistence::last_completed_period(database)) return *done + date::months{1};
    return persistence::earliest_liability_month(database);
}

/// The last month a run through `through` may post: the month of `through` if it is that
/// month's last day, else the month before.
date::year_month last_postable_period(core::civil_date through) {
    const core::civil_date month_end{date::year_month_day_last{through.year(), date::month_day_last{through.month()}}};
    const date::year_month month = through.year() / through.month();
    return through == month_end ? month : month - date::months{1};
}

}  // namespace

bool accrual_due(SQLite::Database& database, core::civil_date through) {
    const auto period = first_open_period(database);
    return period && *period <= last_postable_period(through);
}

transaction_runner direct_transactions(SQLite::Database& database) {
    return [&database](const std::function<void(SQLite::Database&)>& work) {
        SQLite::Transaction transaction(database, SQLite::TransactionBehavior::IMMEDIATE);
        work(database);
        transaction.commit();
    };
}

transaction_runner writer_transactions(persistence::writer& writer) {
    return [&writer](const std::function<void(SQLite::Database&)>& work) { writer.execute(work); };
}

accrual_job_result run_accrual_job(const transaction_runner& in_transaction,
                                   std::span<const core::collection_fee_row> fee_policy,
                                   const accrual_job_options& options,
                                   const std::function<void(const accrual_progress&)>& on_progress) {
    accrual_job_result result;
    std::optional<date::year_month> period;
    std::int64_t highest_id = 0;
    in_transaction([&](SQLite::Database& database) {
        result.job_id = options.existing_job_id ? *options.existing_job_id
                                                : persistence::start_job(database, "accrue", options.through);
        period = first_open_period(database);
        highest_id = persistence::highest_case_id(database);
    });
    // A month is posted once it has ended by `through`.
    const date::year_month last_period = last_postable_period(options.through);
    std::int64_t periods_left = options.catch_up_periods_max;
    // Logs show progress too (the terminal bar is the CLI's): every few chunks, with the rate.
    constexpr std::int64_t progress_log_every_chunks = 10;
    std::int64_t chunks_done = 0;
    const auto started = std::chrono::steady_clock::now();
    try {
        for (; period && *period <= last_period && periods_left > 0; *period += date::months{1}, --periods_left) {
            const std::string period_text = persistence::format_period(*period);
            spdlog::info("accrual job {}: posting {} for case ids 1..{}", result.job_id, period_text, highest_id);
            for (std::int64_t first = 1; first <= highest_id; first += options.chunk_cases) {
                const std::int64_t last = std::min(highest_id, first + options.chunk_cases - 1);
                chunk_counts counts;
                in_transaction([&](SQLite::Database& database) {
                    counts = accrue_chunk(database, result.job_id, *period, first, last, fee_policy);
                });
                result.cases_processed += counts.cases;
                result.postings_written += counts.postings;
                result.cases_failed += counts.failed;
                if (on_progress) on_progress({period_text, last, highest_id});
                if (++chunks_done % progress_log_every_chunks == 0 || last == highest_id) {
                    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
                    spdlog::info("accrual job {}: {} case ids {}/{} ({:.0f} case-periods/s, {} failures)", result.job_id,
                                 period_text, last, highest_id,
                                 seconds > 0 ? static_cast<double>(result.cases_processed) / seconds : 0.0,
                                 result.cases_failed);
                }
            }
            in_transaction([&](SQLite::Database& database) {
                persistence::mark_period_complete(database, *period, result.job_id);
            });
            ++result.periods_completed;
        }
        result.status = "succeeded";
        if (period && *period <= last_period) {
            result.detail = "caught up " + std::to_string(result.periods_completed) +
                            " periods (the most one run may); run again for the rest";
        }
    } catch (const std::exception& error) {
        // A failure of the job itself (not of one case): recorded, then reported to the caller.
        result.status = "failed";
        result.detail = error.what();
        spdlog::error("accrual job {} failed: {}", result.job_id, error.what());
    }
    in_transaction([&](SQLite::Database& database) {
        persistence::finish_job(database, result.job_id, result.status, result.detail);
    });
    return result;
}

}  // namespace cms::services
