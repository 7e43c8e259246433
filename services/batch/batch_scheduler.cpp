#include "services/batch/batch_scheduler.hpp"

namespace cms::services {

core::civil_date last_month_end_on_or_before(core::civil_date day) {
    const core::civil_date month_end{date::year_month_day_last{day.year(), date::month_day_last{day.month()}}};
    if (day == month_end) return day;
    const date::year_month previous = day.year() / day.month() - date::months{1};
    return core::civil_date{date::year_month_day_last{previous.year(), date::month_day_last{previous.month()}}};
}

std::vector<scheduled_job_run> run_scheduled_jobs(job_runner& jobs, core::civil_date today) {
    std::vector<scheduled_job_run> ran;
    const auto keep = [&ran](const char* job, core::civil_date through, std::optional<job_start_result> result) {
        if (result) ran.push_back({job, through, std::move(*result)});
    };
    jobs.run_due_qualification_ends(today);
    const core::civil_date month_end = last_month_end_on_or_before(today);
    keep("accrue", month_end, jobs.run_due_accrual(month_end));
    // Day D is closed (missed payments, escalation, its pay-out) from D + 1: everything
    // received on D is in. The pay-out after it only acts if the close could not.
    const core::civil_date yesterday = core::add_days(today, -1);
    keep("close_day", yesterday, jobs.run_due_close_day(yesterday));
    keep("disburse", yesterday, jobs.run_due_payout(yesterday));
    return ran;
}

batch_scheduler::batch_scheduler(const business_clock& clock, job_runner& jobs, std::chrono::seconds interval)
    : clock_(clock), jobs_(jobs), interval_(interval), thread_([this] { run(); }) {}

batch_scheduler::~batch_scheduler() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
}

void batch_scheduler::run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        lock.unlock();
        // The runner answers refusals and records job failures itself, so a tick never throws
        // and one bad tick never stops the scheduler.
        run_scheduled_jobs(jobs_, clock_.today());
        lock.lock();
        wake_.wait_for(lock, interval_, [this] { return stopping_; });
    }
}

}  // namespace cms::services
