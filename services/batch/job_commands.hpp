#pragma once
/// Starting a batch job is a command like any other: it takes an Idempotency-Key, is journaled
/// with who started it and with what arguments (so the audit trail shows every job run by hand),
/// and a repeat of the key answers the job it started instead of starting another.
#include "core/common/civil_date.hpp"
#include "persistence/read_pool.hpp"
#include "services/batch/job_runner.hpp"
#include "services/commands/commands.hpp"

namespace cms::services {

/// Starts the accrual through `command.through` (at most the business date) as command
/// "start_job": accepted with the job's id, the recorded answer for a repeated key, job_running
/// while another job runs, job_not_started when it could not be started. The key and the job's
/// row are written in one transaction.
command_outcome start_accrual(job_runner& jobs, persistence::read_pool& readers, core::civil_date business_date,
                              const start_accrual_command& command, const command_context& context);

}  // namespace cms::services
