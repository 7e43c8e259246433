#pragma once
/// Routes of the ledger and batch jobs:
///   GET  /v1/cases/{id}/balance?as_of=YYYY-MM-DD
///   GET  /v1/cases/{id}/statement?from=&to=&page=&page_size=
///   POST /v1/jobs   {"kind": "accrue", "through": "YYYY-MM-DD"}  -> 202 with the job's id
///   POST /v1/jobs   {"kind": K, "through": D, "in_place": true}   -> 200 when the job has ended
///                   (accrue, disburse, close_day, court_outcomes with "seed"; scheduled_tick,
///                   without "through": the scheduler's tick on the business date), on a server
///                   with a simulated clock (services/batch/jobs_in_place.hpp)
///   GET  /v1/jobs/{id}
#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/ledger/collection_fee_policy.hpp"
#include "persistence/read_pool.hpp"
#include "services/http/api_router.hpp"
#include "services/clock/business_clock.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "services/batch/job_runner.hpp"
#include "services/batch/jobs_in_place.hpp"
#include "services/ledger/ledger_service.hpp"

namespace cms::services {

/// The thread a job run in place runs on: one at a time, off the event loop, because a job may
/// wait for commands whose answers that loop delivers (the court decisions are commands).
class in_place_job_thread {
public:
    in_place_job_thread() = default;
    ~in_place_job_thread();  ///< waits for the job running, if any
    in_place_job_thread(const in_place_job_thread&) = delete;
    in_place_job_thread& operator=(const in_place_job_thread&) = delete;
    /// Runs `job` on the thread and sends its answer through `respond`; false, with nothing
    /// started, while another job runs. The thread is free again before the answer goes out, so
    /// a client that sends its next job on hearing the answer is never refused.
    bool start(std::function<api_response()> job, response_callback respond);

private:
    std::mutex mutex_;
    std::thread thread_;
    std::atomic<bool> busy_{false};
};

struct ledger_route_context {
    persistence::read_pool& readers;
    const business_clock& clock;
    job_runner& jobs;
    std::vector<core::collection_fee_row> fees;
    ageing_table ageing;
    /// What jobs run in place use; none on the system clock, where they are refused: with a
    /// real date they would race the scheduler's own runs, which is what the scheduler is for.
    std::optional<jobs_in_place_context> in_place;
    in_place_job_thread& in_place_thread;
};

void add_ledger_routes(api_router& router, ledger_route_context& context);

/// The statement page GET /v1/cases/{id}/statement asks for with this query: by default the year
/// to the business date, page 1 of 100. Shared with `cms replay --report` (scenario_report.cpp),
/// which asks with no query and must get the body the route gives.
statement_page_request statement_request_of(const std::string& query, core::civil_date business_date);

}  // namespace cms::services
