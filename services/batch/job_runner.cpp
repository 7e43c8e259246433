#include "services/batch/job_runner.hpp"

#include <spdlog/spdlog.h>

#include "cms/persistence/accrual_store.hpp"
#include "cms/services/accrual_job.hpp"

namespace cms::services {

job_runner::job_runner(persistence::writer& writer, std::string database_path,
                       std::vector<core::collection_fee_row> fees)
    : writer_(writer), database_path_(std::move(database_path)), fees_(std::move(fees)) {}

job_runner::~job_runner() {
    std::lock_guard lock(mutex_);
    if (worker_.joinable()) worker_.join();
}

std::optional<std::int64_t> job_runner::start_accrual(core::civil_date through) {
    std::lock_guard lock(mutex_);
    if (running_.exchange(true)) return std::nullopt;
    if (worker_.joinable()) worker_.join();
    // Create the job row first so the caller gets its id at once.
    std::int64_t job_id = 0;
    writer_.execute([&](SQLite::Database& database) { job_id = persistence::start_job(database, "accrue", through); });
    worker_ = std::thread([this, through, job_id] {
        try {
            accrual_job_options options;
            options.through = through;
            options.existing_job_id = job_id;
            options.read_database_path = database_path_;
            const auto result = run_accrual_job(writer_transactions(writer_), fees_, options, nullptr);
            spdlog::info("accrual job {} {}: {} postings, {} case failures", result.job_id, result.status,
                         result.postings_written, result.cases_failed);
        } catch (const std::exception& error) {
            // E.g. the writer stopped during shutdown: the job row stays "running" and the next
            // run resumes after the last committed chunk.
            spdlog::error("accrual job {} stopped: {}", job_id, error.what());
        }
        running_ = false;
    });
    return job_id;
}

void job_runner::run_accrual_now(core::civil_date through) {
    if (running_.exchange(true)) return;  // a job is running: the next tick will see its result
    try {
        bool due = false;
        writer_.execute([&](SQLite::Database& database) { due = accrual_due(database, through); });
        if (!due) {
            running_ = false;
            return;
        }
        accrual_job_options options;
        options.through = through;
        options.read_database_path = database_path_;
        const auto result = run_accrual_job(writer_transactions(writer_), fees_, options, nullptr);
        if (result.postings_written > 0 || result.cases_failed > 0) {
            spdlog::info("scheduled accrual job {} {}: {} postings, {} case failures", result.job_id, result.status,
                         result.postings_written, result.cases_failed);
        }
    } catch (const std::exception& error) {
        spdlog::error("scheduled accrual stopped: {}", error.what());
    }
    running_ = false;
}

}  // namespace cms::services
