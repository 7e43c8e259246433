#include "services/batch/job_status.hpp"

namespace cms::services {

query_result<job_details> read_job(persistence::read_pool& readers, std::int64_t job_id, std::size_t failures_max) {
    auto session = readers.borrow();
    auto job = session->jobs().find_job(job_id);
    if (!job) return refusal{refusal_kind::not_found, "no job with this id", "job_id"};
    auto failures = session->jobs().failures_of_job(job->id, failures_max);
    return job_details{std::move(*job), std::move(failures)};
}

}  // namespace cms::services
