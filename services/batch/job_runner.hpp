#pragma once
/// The batch job runner: one job at a time, in the background, through the single writer.
#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/common/civil_date.hpp"
#include "core/ledger/collection_fee_policy.hpp"
#include "cms/persistence/writer.hpp"

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

}  // namespace cms::services
