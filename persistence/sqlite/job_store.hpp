#pragma once
// Rows of jobs and case_failures (job_repository.hpp says what each does), stamped with the
// connection's wall clock through cms_now_utc().
#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "persistence/sqlite/statement_cache.hpp"
#include "persistence/job_repository.hpp"

namespace cms::persistence::sqlite {

std::int64_t start_job(database_ref database, const std::string& kind, core::civil_date through);
void add_job_counts(database_ref database, std::int64_t job_id, std::int64_t cases_processed,
                    std::int64_t postings_written, std::int64_t cases_failed);
void finish_job(database_ref database, std::int64_t job_id, const std::string& status,
                const std::string& detail);
std::optional<job_record> find_job(database_ref database, std::int64_t job_id);
std::vector<std::int64_t> mark_running_jobs_interrupted(database_ref database, const std::string& detail);
void record_case_failure(database_ref database, const case_failure& failure);
std::vector<case_failure> failures_of_job(database_ref database, std::int64_t job_id, std::size_t limit);
std::vector<case_failure> failures_of_case(database_ref database, std::int64_t case_id);

}  // namespace cms::persistence::sqlite
