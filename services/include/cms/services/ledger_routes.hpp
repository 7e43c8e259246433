#pragma once
/// Routes of the ledger and batch jobs:
///   GET  /v1/cases/{id}/balance?as_of=YYYY-MM-DD
///   GET  /v1/cases/{id}/statement?from=&to=&page=&page_size=
///   POST /v1/jobs   {"kind": "accrue", "through": "YYYY-MM-DD"}  -> 202 with the job's id
///   GET  /v1/jobs/{id}
#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/ledger/collection_fee_policy.hpp"
#include "cms/persistence/read_pool.hpp"
#include "cms/persistence/writer.hpp"
#include "cms/services/api_router.hpp"
#include "cms/services/business_clock.hpp"
#include "cms/services/ledger_policy_loader.hpp"

namespace cms::services {

/// Runs batch jobs in the background through the single writer, one at a time, so chunks of a
/// job interleave with caseworkers' commands instead of locking them out.
class job_runner {
public:
    /// `database_path` lets a job read ahead on a read connection of its own (accrual_chunk.hpp).
    job_runner(persistence::writer& writer, std::string database_path, std::vector<core::collection_fee_row> fees);
    ~job_runner();  ///< waits for a job started over HTTP to finish (it resumes if cut short)
    job_runner(const job_runner&) = delete;
    job_runner& operator=(const job_runner&) = delete;

    /// Starts an accrual through `through`; the new job's id, or nothing when one is running.
    std::optional<std::int64_t> start_accrual(core::civil_date through);
    /// Runs an accrual to completion on the calling thread (the scheduler's path).
    void run_accrual_now(core::civil_date through);

private:
    persistence::writer& writer_;
    std::string database_path_;
    std::vector<core::collection_fee_row> fees_;
    std::mutex mutex_;
    std::atomic<bool> running_{false};
    std::thread worker_;
};

struct ledger_route_context {
    persistence::read_pool& readers;
    const business_clock& clock;
    job_runner& jobs;
    std::vector<core::collection_fee_row> fees;
    ageing_table ageing;
};

void add_ledger_routes(api_router& router, ledger_route_context& context);

}  // namespace cms::services
