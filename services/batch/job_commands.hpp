#pragma once
/// Starting a batch job is a command like any other: it takes an Idempotency-Key, is journaled
/// with who started it and with what arguments (so the audit trail shows every job run by hand),
/// and a repeat of the key answers the job it started instead of starting another.
#include "core/common/civil_date.hpp"
#include "persistence/read_pool.hpp"
#include "services/batch/job_runner.hpp"
#include "services/cases/case_service.hpp"
#include "services/commands/command_outcome.hpp"

namespace cms::services {

/// Starts the accrual through `through` (at most the business date) as command "start_job":
/// 202 with the job's id, the recorded answer for a repeated key, 409 while another job runs,
/// 503 when it could not be started. The key and the job's row are written in one transaction.
command_outcome start_accrual_command(job_runner& jobs, persistence::read_pool& readers, core::civil_date business_date,
                                      core::civil_date through, const command_context& context);

}  // namespace cms::services
