#include "services/batch/job_commands.hpp"

#include <optional>
#include <string>

#include "services/commands/command_submission.hpp"
#include "services/wire/answers.hpp"

namespace cms::services {

namespace {

constexpr const char* start_job_command_type = "start_job";

/// The answer to a job the runner did not start. The reason stays in the log (and, for a job
/// that has a row, in its `detail`), never in the answer: it may name paths or SQL.
refusal job_refusal(const job_start_result& started) {
    switch (*started.refusal) {
        case job_start_refusal::job_running:
            return {refusal_kind::job_running, "one batch job runs at a time; retry when it has finished", {}};
        case job_start_refusal::writer_refused:
        case job_start_refusal::declined:
            return {refusal_kind::job_not_started, "the job could not be recorded; no job was created; retry later", {}};
        case job_start_refusal::thread_unavailable:
            return {refusal_kind::job_not_started,
                    "job " + std::to_string(started.job_id.value_or(0)) +
                        " could not be started and is recorded as failed; retry later",
                    {}};
    }
    return {refusal_kind::internal, "the job could not be started", {}};
}

}  // namespace

command_outcome start_accrual(job_runner& jobs, persistence::read_pool& readers, core::civil_date business_date,
                              const start_accrual_command& command, const command_context& context) {
    const core::civil_date through = command.through;
    if (through > business_date) {
        return refusal{refusal_kind::invalid_request,
                       "through must not be after the business date " + core::format_iso_date(business_date), "through"};
    }
    const std::string& canonical = command.request_json;
    // A repeat is answered before the runner is asked, so it gets its job's 202 even while that
    // job (or another) still runs.
    {
        auto session = readers.borrow();
        if (auto recorded = answer_for_recorded_key(session->journal(), start_job_command_type, canonical, context)) {
            return *recorded;
        }
    }
    std::optional<command_outcome> recorded_meanwhile;
    answer started_answer;
    const auto journal_with_row = [&](persistence::unit_of_work& unit, std::int64_t job_id) {
        // The same key may have been recorded since the read above: then this row goes.
        if (auto recorded = answer_for_recorded_key(unit.journal(), start_job_command_type, canonical, context)) {
            recorded_meanwhile = std::move(*recorded);
            throw job_start_declined{};
        }
        started_answer = apply_journaled(unit, business_date, start_job_command_type, canonical, context,
                                         [job_id](persistence::unit_of_work&, core::command_id) {
                                             return answer{answer_kind::accepted, job_started_answer(job_id)};
                                         });
    };
    const job_start_result started = jobs.start_accrual(through, journal_with_row);
    if (recorded_meanwhile) return *recorded_meanwhile;
    if (!started.started()) return job_refusal(started);
    return started_answer;
}

}  // namespace cms::services
