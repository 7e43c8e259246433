#pragma once
/// The scheduler inside `cms serve`: on each tick it runs the monthly accrual through the last
/// month end on or before the business date, then the daily close of every day not yet closed
/// up to the day before the business date (missed payments, escalation and the day's pay-out:
/// services/enforcement/close_day_job.hpp), catching up one day at a time. The job itself skips what was posted, so a tick
/// with nothing new costs one small query, and a server that was down catches up on its first
/// tick. With a simulated clock, advancing the date past a month end is enough.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "services/clock/business_clock.hpp"
#include "services/batch/job_runner.hpp"

namespace cms::services {

class batch_scheduler {
public:
    /// Starts ticking at once; `interval` between ticks.
    batch_scheduler(const business_clock& clock, job_runner& jobs, std::chrono::seconds interval);
    ~batch_scheduler();  ///< stops after the current tick
    batch_scheduler(const batch_scheduler&) = delete;
    batch_scheduler& operator=(const batch_scheduler&) = delete;

private:
    void run();
    const business_clock& clock_;
    job_runner& jobs_;
    std::chrono::seconds interval_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

/// A job one tick ran (or tried to): "accrue", "close_day" or "disburse", through which date,
/// and what became of it.
struct scheduled_job_run {
    const char* job;
    core::civil_date through;
    job_start_result result;
};

/// One tick's work on business date `today`, on the calling thread: children who stopped
/// qualifying, the accrual through the last month end on or before `today`, then the daily close
/// and pay-out of every day before `today` not yet done. Returns the jobs that had work (idle
/// ticks return none). A replay on `"jobs": "daily"` calls it for each simulated day, and the
/// command history generator (services/generation/command_history.hpp) after each move of its
/// clock, so a scenario's jobs and a generated history's run exactly as the server's.
std::vector<scheduled_job_run> run_scheduled_jobs(job_runner& jobs, core::civil_date today);

/// The last day of the month before `day`'s month, or `day` itself when it is a month end.
core::civil_date last_month_end_on_or_before(core::civil_date day);

}  // namespace cms::services
