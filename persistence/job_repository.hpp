#pragma once
/// Batch job rows and the per-case failures a job records.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/civil_date.hpp"

namespace cms::persistence {

struct job_record {
    std::int64_t id = 0;
    std::string kind;
    std::string through_date;
    std::string status;  ///< running, succeeded, failed, interrupted (left running by a process that died)
    std::int64_t cases_processed = 0;
    std::int64_t postings_written = 0;
    std::int64_t cases_failed = 0;
    std::string started_at_utc;
    std::string finished_at_utc;
    std::string detail;
};

struct case_failure {
    std::int64_t case_id = 0;
    std::int64_t job_id = 0;
    std::string period;
    std::string reason;
    std::string recorded_at_utc;
};

class job_queries {
public:
    virtual ~job_queries() = default;
    virtual std::optional<job_record> find_job(std::int64_t job_id) = 0;
    virtual std::vector<case_failure> failures_of_job(std::int64_t job_id, std::size_t limit) = 0;
    virtual std::vector<case_failure> failures_of_case(std::int64_t case_id) = 0;
};

class job_repository : public job_queries {
public:
    /// A new `running` job row; its id.
    virtual std::int64_t start_job(const std::string& kind, core::civil_date through) = 0;
    virtual void add_job_counts(std::int64_t job_id, std::int64_t cases_processed, std::int64_t postings_written,
                                std::int64_t cases_failed) = 0;
    virtual void finish_job(std::int64_t job_id, const std::string& status, const std::string& detail) = 0;
    /// Marks every job still `running` as `interrupted`, with `detail` and a finish time; returns
    /// their ids. Only a process that knows no live process is running a job may call it: see
    /// services/batch/batch_job_lock.hpp.
    virtual std::vector<std::int64_t> mark_running_jobs_interrupted(const std::string& detail) = 0;
    /// Stamped with the store's clock (recorded_at_utc is ignored).
    virtual void record_case_failure(const case_failure& failure) = 0;
};

}  // namespace cms::persistence
