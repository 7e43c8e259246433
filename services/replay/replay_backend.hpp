#pragma once
/// Where a scenario's steps go: one step sequence (replay_scenario, scenario_runner.cpp) drives
/// either the services in process or a live server through its HTTP API (http_replay.hpp). The
/// runner decides what to send and when; a back end only sends it and reads what came back, in
/// the same terms, so both print the same lines and report the same bytes.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/common/civil_date.hpp"
#include "services/batch/jobs_in_place.hpp"
#include "services/replay/scenario.hpp"
#include "services/replay/scenario_expectations.hpp"
#include "services/replay/scenario_names.hpp"

namespace cms::services {

/// The job a run_job step names, as the jobs run in place name it.
inline job_in_place_kind in_place_kind_of(scenario_job job) {
    switch (job) {
        case scenario_job::accrue: return job_in_place_kind::accrue;
        case scenario_job::disburse: return job_in_place_kind::disburse;
        case scenario_job::close_day: return job_in_place_kind::close_day;
        case scenario_job::court_outcomes: return job_in_place_kind::court_outcomes;
    }
    return job_in_place_kind::accrue;
}

/// A command's answer as a step reports it.
struct command_answer {
    int status = 0;                          ///< the HTTP status the API gives (to_api_response's)
    std::optional<std::int64_t> created_id;  ///< what an accepted command created (id_created_in)
    std::string detail;                      ///< a refusal's detail
    std::string problem_type;                ///< a refusal's problem type, without "urn:cms:problem:"
    std::string field;                       ///< the field a refusal names, if any
};

/// Thrown when the back end itself cannot go on (the server unreachable, a token refused, a clock
/// move refused): no step's answer, the replay stops.
struct replay_backend_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class replay_backend {
public:
    virtual ~replay_backend() = default;
    /// Moves the business date to `day`, never back.
    virtual void set_business_date(core::civil_date day) = 0;
    /// The scheduler's tick on business date `day` (run_daily_tick): the jobs that had work.
    virtual std::vector<scheduled_job_result> run_daily_tick(core::civil_date day) = 0;
    /// Sends the command (its ids resolved) as `actor`.
    virtual command_answer send_command(const command_step& step, const std::string& actor) = 0;
    /// A run_job step (run_job_in_place); court decisions journaled as `actor`.
    virtual job_in_place_result run_job(const job_step& step, const std::string& actor) = 0;
    /// An expect step's facts (check_expectation), for `for_case` (the step's case, resolved).
    virtual expectation_facts read_expectation_facts(const expectation_step& step, core::case_id for_case) = 0;
    /// Stops and starts again from what is on disk, as a restarted server does, on `day`
    /// (replay_options::restart_after_day). A back end that cannot throws replay_backend_error.
    virtual void restart(core::civil_date day) = 0;
};

/// Replays every step through `backend`, each on its date (scenario_jobs::daily: each day between
/// them with the scheduler's tick). replay_scenario(played, path) is this with the services in process.
replay_result replay_scenario(const scenario& played, replay_backend& backend, const replay_options& options = {});

}  // namespace cms::services
