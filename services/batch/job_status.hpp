#pragma once
/// A batch job as an operator follows it: its row and the first of the cases it failed on.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "persistence/job_repository.hpp"
#include "persistence/read_pool.hpp"
#include "services/commands/command_outcome.hpp"

namespace cms::services {

struct job_details {
    persistence::job_record job;
    std::vector<persistence::case_failure> failures;  ///< at most the `failures_max` asked for
};

/// not_found for a job that does not exist.
query_result<job_details> read_job(persistence::read_pool& readers, std::int64_t job_id, std::size_t failures_max);

}  // namespace cms::services
