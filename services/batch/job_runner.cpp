#include "services/batch/job_runner.hpp"

#include <spdlog/spdlog.h>

#include <exception>
#include <memory>

#include "services/calculation/qualification_ends.hpp"
#include "services/enforcement/close_day_job.hpp"
#include "services/ledger/payout_job.hpp"

namespace cms::services {

namespace {

/// Holds the runner's "a job is running" flag for as long as it lives: the only place the flag
/// is set and the only place it is cleared, so no path out of a job (a return, anything thrown,
/// a thread that never started) can leave it set and refuse every later job.
class running_job_claim {
public:
    explicit running_job_claim(std::atomic<bool>& running) : running_(running), held_(!running.exchange(true)) {}
    ~running_job_claim() {
        if (held_) running_.store(false);
    }
    running_job_claim(const running_job_claim&) = delete;
    running_job_claim& operator=(const running_job_claim&) = delete;

    /// False when another job already held the flag: this claim then holds nothing.
    bool held() const { return held_; }

private:
    std::atomic<bool>& running_;
    const bool held_;
};

job_start_result refused(job_start_refusal refusal, std::optional<std::int64_t> job_id = std::nullopt,
                         std::string reason = {}) {
    return job_start_result{job_id, refusal, std::move(reason), {}};
}

}  // namespace

std::string_view job_start_refusal_name(job_start_refusal refusal) {
    switch (refusal) {
        case job_start_refusal::job_running: return "job_running";
        case job_start_refusal::writer_refused: return "writer_refused";
        case job_start_refusal::thread_unavailable: return "thread_unavailable";
        case job_start_refusal::declined: return "declined";
    }
    return "unknown";
}

job_runner::job_runner([[maybe_unused]] const batch_job_lock& held_lock, transaction_runner in_transaction,
                       persistence::store* read_ahead_store, std::vector<core::collection_fee_row> fees,
                       accrual_job_function job, std::vector<core::calculation_rates> calculation_rates,
                       std::vector<core::missed_payment_policy> missed_payment_policy)
    : in_transaction_(std::move(in_transaction)), read_ahead_store_(read_ahead_store), fees_(std::move(fees)),
      calculation_rates_(std::move(calculation_rates)), missed_payment_policy_(std::move(missed_payment_policy)),
      job_(std::move(job)) {
    if (!job_) {
        job_ = [](const transaction_runner& transactions, std::span<const core::collection_fee_row> fee_policy,
                  const accrual_job_options& options) {
            return run_accrual_job(transactions, fee_policy, options, nullptr);
        };
    }
}

job_runner::~job_runner() { wait_for_background_job(); }

void job_runner::wait_for_background_job() {
    std::lock_guard lock(worker_mutex_);
    if (worker_.joinable()) worker_.join();
}

job_start_result job_runner::start_accrual(core::civil_date through, const job_row_work& with_row) {
    std::lock_guard lock(worker_mutex_);
    // Shared with the job's thread, which keeps it until the job ends; this call keeps its own
    // share until it returns, so a job whose thread could not start is ended `failed` before the
    // next job may start.
    const auto claim = std::make_shared<running_job_claim>(running_);
    if (!claim->held()) return refused(job_start_refusal::job_running);
    if (worker_.joinable()) worker_.join();  // the previous job's thread, which has ended or is ending
    // The row first, so the caller has the job's id at once.
    std::int64_t job_id = 0;
    try {
        job_id = start_accrual_job_row(in_transaction_, through, with_row);
    } catch (const job_start_declined&) {
        return refused(job_start_refusal::declined);
    } catch (...) {
        const std::string reason = current_exception_text();
        spdlog::error("accrual job not started: its row could not be written: {}", reason);
        return refused(job_start_refusal::writer_refused, std::nullopt, reason);
    }
    try {
        worker_ = std::thread([this, claim, job_id, through] { run_to_end(job_id, through); });
    } catch (...) {
        // The system's words stay in the log and the result; the row says it in ours.
        const std::string reason = "no thread could run the job: " + current_exception_text();
        spdlog::error("accrual job {} not started: {}", job_id, reason);
        end_failed(job_id, "no thread could run the job, so it did not start; retry later");
        return refused(job_start_refusal::thread_unavailable, job_id, reason);
    }
    return job_start_result{job_id, std::nullopt, {}, {}};
}

std::optional<job_start_result> job_runner::run_due_accrual(core::civil_date through) {
    const running_job_claim claim(running_);
    if (!claim.held()) return refused(job_start_refusal::job_running);  // the next tick sees its result
    std::optional<std::int64_t> job_id;
    try {
        job_id = start_due_accrual_job_row(in_transaction_, through);
    } catch (...) {
        const std::string reason = current_exception_text();
        spdlog::error("scheduled accrual not started: its row could not be written: {}", reason);
        return refused(job_start_refusal::writer_refused, std::nullopt, reason);
    }
    if (!job_id) return std::nullopt;
    return job_start_result{job_id, std::nullopt, {}, run_to_end(*job_id, through)};
}

void job_runner::run_due_qualification_ends(core::civil_date business_date) {
    if (calculation_rates_.empty()) return;
    const running_job_claim claim(running_);
    if (!claim.held()) return;  // the running job applies them first if it is an accrual; else the next tick
    try {
        const auto ended = end_qualifications_through(in_transaction_, business_date, calculation_rates_, business_date);
        if (ended.recalculated + ended.closed + ended.not_applied > 0) {
            spdlog::info("children ceasing to qualify through {}: {} case(s) recalculated, {} closed, {} not acted on",
                         core::format_iso_date(business_date), ended.recalculated, ended.closed, ended.not_applied);
        }
    } catch (...) {
        // What committed stays; the next tick goes on from the rows still waiting.
        spdlog::error("children ceasing to qualify through {}: stopped: {}", core::format_iso_date(business_date),
                      current_exception_text());
    }
}

std::optional<job_start_result> job_runner::run_due_close_day(core::civil_date through) {
    const running_job_claim claim(running_);
    if (!claim.held()) return refused(job_start_refusal::job_running);  // the next tick closes the day
    bool due = false;
    try {
        in_transaction_([&](persistence::unit_of_work& work) { due = close_day_due(work.enforcement(), through); });
    } catch (...) {
        const std::string reason = current_exception_text();
        spdlog::error("scheduled close of day not started: {}", reason);
        return refused(job_start_refusal::writer_refused, std::nullopt, reason);
    }
    if (!due) return std::nullopt;
    try {
        close_day_options options;
        options.through = through;
        options.read_ahead_store = read_ahead_store_;
        options.calculation_rates = calculation_rates_;
        const close_day_result result = run_close_day_job(in_transaction_, fees_, missed_payment_policy_, options);
        if (result.days_closed > 0 || result.status != "succeeded") {
            spdlog::info("close of day job {} {}: {}", result.job_id, result.status, summary_of(result));
        }
        const bool whole = result.status == "succeeded" && result.cases_failed == 0;
        return job_start_result{result.job_id, std::nullopt, {},
                                whole ? std::string() : result.status + ": " + summary_of(result)};
    } catch (...) {
        // As for the pay-out: the job ends its own row; this is its first or last transaction
        // failing. The next tick closes what is left.
        const std::string reason = current_exception_text();
        spdlog::error("scheduled close of day through {} failed: {}", core::format_iso_date(through), reason);
        return refused(job_start_refusal::writer_refused, std::nullopt, reason);
    }
}

std::optional<job_start_result> job_runner::run_due_payout(core::civil_date through) {
    const running_job_claim claim(running_);
    if (!claim.held()) return refused(job_start_refusal::job_running);  // the next tick pays out
    bool due = false;
    try {
        // The close of the day skipped it when nothing was held; so does this, by the same rule,
        // or every idle day would leave a pay-out job row behind it.
        in_transaction_([&](persistence::unit_of_work& work) { due = scheduled_payout_has_work(work.payouts(), through); });
    } catch (...) {
        const std::string reason = current_exception_text();
        spdlog::error("scheduled pay-out not started: {}", reason);
        return refused(job_start_refusal::writer_refused, std::nullopt, reason);
    }
    if (!due) return std::nullopt;
    try {
        payout_job_options options;
        options.through = through;
        const payout_job_result result = run_payout_job(in_transaction_, options);
        return job_start_result{result.job_id, std::nullopt, {},
                                result.status == "succeeded" ? std::string() : result.status + ": " + result.detail};
    } catch (...) {
        // run_payout_job ends its own row; this is its first or last transaction failing (e.g.
        // the writer stopping at shutdown). A row it left running is marked interrupted at the
        // next start, and the next tick pays what is left.
        const std::string reason = current_exception_text();
        spdlog::error("scheduled pay-out for {} failed: {}", core::format_iso_date(through), reason);
        return refused(job_start_refusal::writer_refused, std::nullopt, reason);
    }
}

bool job_runner::run_claimed(const std::function<void()>& work) {
    const running_job_claim claim(running_);
    if (!claim.held()) return false;
    work();
    return true;
}

std::string job_runner::run_to_end(std::int64_t job_id, core::civil_date through) noexcept {
    try {
        accrual_job_options options;
        options.through = through;
        options.existing_job_id = job_id;
        options.read_ahead_store = read_ahead_store_;
        options.calculation_rates = calculation_rates_;
        const accrual_job_result result = job_(in_transaction_, fees_, options);
        spdlog::info("accrual job {} {}: {} postings, {} case failures", result.job_id, result.status,
                     result.postings_written, result.cases_failed);
        if (result.status == "succeeded" && result.cases_failed == 0) return {};
        return result.status + ": " + std::to_string(result.cases_failed) + " case failures" +
               (result.detail.empty() ? "" : "; " + result.detail);
    } catch (...) {
        // run_accrual_job records its own failures; this is anything it let through (e.g. the
        // writer failing the row's last update) or a job that throws outright. The full text
        // goes to the log; the row gets our words unless the job stated its own.
        const std::string detail = failed_job_detail(job_id);
        end_failed(job_id, detail);
        return "failed: " + detail;
    }
}

void job_runner::end_failed(std::int64_t job_id, const std::string& detail) noexcept {
    try {
        finish_job_row(in_transaction_, job_id, "failed", detail);
    } catch (...) {
        // E.g. the writer stopped during shutdown. Chunks already committed stay committed, and
        // the next start of a process that runs jobs marks the row interrupted; a rerun posts
        // what is left.
        spdlog::error("accrual job {} stays 'running' in its row: {}", job_id, current_exception_text());
    }
}

}  // namespace cms::services
