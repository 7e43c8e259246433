#include "services/batch/job_commands.hpp"

#include <optional>
#include <string>

#include "services/commands/command_submission.hpp"

namespace cms::services {

namespace {

constexpr const char* start_job_command_type = "start_job";

/// The answer to a job the runner did not start. The reason stays in the log (and, for a job
/// that has a row, in its `detail`), never in the answer: it may name paths or SQL.
command_outcome job_refusal_problem(const job_start_result& started) {
    switch (*started.refusal) {
        case job_start_refusal::job_running:
            return make_problem(409, "job-running", "A job is running",
                                "one batch job runs at a time; retry when it has finished");
        case job_start_refusal::writer_refused:
        case job_start_refusal::declined:
            return make_problem(503, "job-not-started", "Job not started",
                                "the job could not be recorded; no job was created; retry later");
        case job_start_refusal::thread_unavailable:
            return make_problem(503, "job-not-started", "Job not started",
                                "job " + std::to_string(started.job_id.value_or(0)) +
                                    " could not be started and is recorded as failed; retry later");
    }
    return make_problem(500, "internal", "Internal error", "the job could not be started");
}

}  // namespace

command_outcome start_accrual_command(job_runner& jobs, persistence::read_pool& readers, core::civil_date business_date,
                                      core::civil_date through, const command_context& context) {
    if (through > business_date) {
        return make_problem(400, "invalid-request", "Invalid request",
                            "through must not be after the business date " + core::format_iso_date(business_date),
                            "through");
    }
    const nlohmann::json canonical = {{"kind", "accrue"}, {"through", core::format_iso_date(through)}};
    // A repeat is answered before the runner is asked, so it gets its job's 202 even while that
    // job (or another) still runs.
    {
        auto session = readers.borrow();
        if (auto answer = answer_for_recorded_key(session->journal(), start_job_command_type, canonical, context)) {
            return *answer;
        }
    }
    std::optional<command_outcome> recorded_meanwhile;
    command_outcome started_answer;
    const auto journal_with_row = [&](persistence::unit_of_work& unit, std::int64_t job_id) {
        // The same key may have been recorded since the read above: then this row goes.
        if (auto answer = answer_for_recorded_key(unit.journal(), start_job_command_type, canonical, context)) {
            recorded_meanwhile = std::move(*answer);
            throw job_start_declined{};
        }
        started_answer = apply_journaled(unit, business_date, start_job_command_type, canonical, context,
                                         [job_id](persistence::unit_of_work&, core::command_id) {
                                             return command_outcome{202, {{"id", job_id},
                                                                          {"status", "running"},
                                                                          {"location", "/v1/jobs/" + std::to_string(job_id)}}};
                                         });
    };
    const job_start_result started = jobs.start_accrual(through, journal_with_row);
    if (recorded_meanwhile) return *recorded_meanwhile;
    if (!started.started()) return job_refusal_problem(started);
    return started_answer;
}

}  // namespace cms::services
