#include <algorithm>
#include <future>
#include <memory>
#include <type_traits>

#include "persistence/read_pool.hpp"
#include "persistence/sqlite/sqlite_store.hpp"
#include "persistence/writer.hpp"
#include "services/ledger/accrual_job.hpp"
#include "services/ledger/payout_job.hpp"
#include "services/clock/business_clock.hpp"
#include "services/cases/case_service.hpp"
#include "services/enforcement/close_day_job.hpp"
#include "services/enforcement/court_simulation.hpp"
#include "services/enforcement/enforcement_service.hpp"
#include "services/policy/enforcement_policy_loader.hpp"
#include "services/http/api_router.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "services/ledger/ledger_service.hpp"
#include "services/batch/jobs_in_place.hpp"
#include "services/replay/replay_backend.hpp"
#include "services/replay/scenario.hpp"
#include "services/replay/scenario_expectations.hpp"
#include "services/replay/scenario_names.hpp"
#include "services/replay/scenario_policy.hpp"
#include "services/batch/batch_job_lock.hpp"
#include "services/batch/batch_scheduler.hpp"
#include "services/batch/job_runner.hpp"

namespace cms::services {

namespace {

/// Everything a replay holds open, wired as run_server wires it, on the simulated clock, under
/// the scenario's policy (the shipped tables and its overrides).
struct replay_services {
    replay_services(const std::string& path, core::civil_date start, replay_policy tables, bool synced_commits)
        : policy(std::move(tables)),
          store(persistence::open_sqlite_store(path, persistence::system_wall_clock(),
                                               synced_commits ? persistence::commit_durability::synced
                                                              : persistence::commit_durability::unsynced)),
          clock(start),
          writer(store->open_write_connection(), persistence::writer_limits{}), jobs_lock(path), readers(*store, 2),
          cases(writer, readers, clock, core::case_limits{}, policy.calculation_rates, policy.collection_fees,
                policy.payment_apportionment),
          enforcement(writer, readers, clock, load_enforcement_ladder(std::nullopt), policy.collection_fees,
                      policy.missed_payments) {
        jobs_lock.mark_interrupted_jobs(writer_transactions(writer));
    }

    replay_policy policy;
    std::unique_ptr<persistence::store> store;
    simulated_business_clock clock;
    persistence::writer writer;
    /// A replay runs accrual jobs, so it holds the batch job lock as the server does.
    batch_job_lock jobs_lock;
    persistence::read_pool readers;
    case_service cases;
    enforcement_service enforcement;
    ageing_table ageing = load_arrears_ageing(std::nullopt);
    std::vector<core::court_outcome_row> court_outcomes = load_court_outcomes(std::nullopt);
    /// The server's scheduler's runner, for the daily schedule (scenario_jobs::daily).
    job_runner scheduled{jobs_lock, writer_transactions(writer), store.get(), policy.collection_fees, {},
                         policy.calculation_rates, policy.missed_payments};
};

/// Sends the command to the service and waits for the writer's answer.
command_outcome send_command(replay_services& services, const command_step& step, const command_context& context) {
    case_service& cases = services.cases;
    std::promise<command_outcome> answered;
    auto future = answered.get_future();
    const outcome_callback done = [&answered](command_outcome outcome) { answered.set_value(std::move(outcome)); };
    std::visit(
        [&](const auto& command) {
            using command_type = std::decay_t<decltype(command)>;
            if constexpr (std::is_same_v<command_type, register_parent_command>) cases.register_parent(command, context, done);
            if constexpr (std::is_same_v<command_type, open_case_command>) cases.open_case(command, context, done);
            if constexpr (std::is_same_v<command_type, record_payment_command>) cases.record_payment(command, context, done);
            if constexpr (std::is_same_v<command_type, income_change_command>) cases.record_income(command, context, done);
            if constexpr (std::is_same_v<command_type, shared_care_change_command>) {
                cases.record_shared_care(command, context, done);
            }
            if constexpr (std::is_same_v<command_type, reverse_payment_command>) cases.reverse_payment(command, context, done);
            if constexpr (std::is_same_v<command_type, record_parent_payment_command>) {
                cases.record_parent_payment(command, context, done);
            }
            if constexpr (std::is_same_v<command_type, close_case_command>) cases.close_case(command, context, done);
            if constexpr (std::is_same_v<command_type, apply_enforcement_command>) {
                services.enforcement.apply_step(command, context, done);
            }
            if constexpr (std::is_same_v<command_type, enforcement_event_command>) {
                services.enforcement.record_event(command, context, done);
            }
            if constexpr (std::is_same_v<command_type, warning_notice_command>) {
                services.enforcement.record_warning_notice(command, context, done);
            }
            if constexpr (std::is_same_v<command_type, switch_service_command>) {
                services.enforcement.switch_service(command, context, done);
            }
            if constexpr (std::is_same_v<command_type, arrears_agreement_command>) {
                services.enforcement.make_arrears_agreement(command, context, done);
            }
            if constexpr (std::is_same_v<command_type, deduction_command>) {
                services.enforcement.record_deduction(command, context, done);
            }
            if constexpr (std::is_same_v<command_type, penalty_command>) {
                services.enforcement.impose_penalty(command, context, done);
            }
            if constexpr (std::is_same_v<command_type, arrears_request_command>) {
                cases.request_arrears_action(command, context, done);
            }
            if constexpr (std::is_same_v<command_type, arrears_decision_command>) {
                // As a supervisor would send it (the approval route's role); four eyes still
                // holds: the step's actor must not be the requester.
                cases.decide_arrears_request(command, core::role::supervisor, context, done);
            }
        },
        step.value);
    return future.get();
}

/// The services in process, as replay_backend. It owns them, so that a restart can stop them and
/// open them again from the file.
class in_process_backend final : public replay_backend {
public:
    in_process_backend(std::string path, core::civil_date start, const scenario& played, bool synced_commits)
        : path_(std::move(path)), played_(played), synced_commits_(synced_commits),
          owned_(std::make_unique<replay_services>(path_, start, policy_of(played_), synced_commits_)) {}
    ~in_process_backend() override { owned_->writer.stop(); }
    in_process_backend(const in_process_backend&) = delete;
    in_process_backend& operator=(const in_process_backend&) = delete;

    /// As a restarted server: the writer stopped and everything closed, then opened again from the
    /// file (jobs a dead process left running marked interrupted, the batch-job lock taken again).
    void restart(core::civil_date day) override {
        owned_->writer.stop();
        owned_.reset();
        owned_ = std::make_unique<replay_services>(path_, day, policy_of(played_), synced_commits_);
    }

    void set_business_date(core::civil_date day) override { owned_->clock.set(day); }

    std::vector<scheduled_job_result> run_daily_tick(core::civil_date day) override {
        std::vector<scheduled_job_result> ran;
        for (const scheduled_job_run& run :
             services::run_daily_tick(owned_->scheduled, writer_transactions(owned_->writer), day)) {
            const job_in_place_result described = describe_scheduled_job(run.result);
            ran.push_back({day, run.job, run.through, described.passed, described.detail});
        }
        return ran;
    }

    command_answer send_command(const command_step& step, const std::string& actor) override {
        const command_outcome outcome = services::send_command(*owned_, step, command_context{step.key, actor});
        command_answer replied;
        // Scenario files expect the status the HTTP API would give, so the API's own mapping says it.
        replied.status = to_api_response(outcome).status;
        if (const refusal* refused = refusal_of(outcome)) {
            replied.detail = refused->detail;  // names its field
            replied.problem_type = problem_type_of(refused->kind);
            replied.field = refused->field;
        } else {
            replied.created_id = id_created_in(std::get<answer>(outcome).body_json);
        }
        return replied;
    }

    job_in_place_result run_job(const job_step& step, const std::string& actor) override {
        return run_job_in_place(jobs_context(), in_place_kind_of(step.job), step.through, step.seed, actor);
    }

    expectation_facts read_expectation_facts(const expectation_step& step, core::case_id for_case) override {
        expectation_step resolved = step;
        resolved.for_case = for_case;
        auto session = owned_->readers.borrow(persistence::read_consistency::snapshot);
        return read_case_facts(*session, {owned_->policy.collection_fees, owned_->ageing.buckets}, resolved);
    }

private:
    jobs_in_place_context jobs_context() {
        replay_services& services_ = *owned_;
        return {writer_transactions(services_.writer), services_.store.get(), services_.readers, services_.enforcement,
                services_.policy.collection_fees, services_.policy.missed_payments, services_.cases.calculation_rates(),
                services_.court_outcomes};
    }

    std::string path_;
    const scenario& played_;
    bool synced_commits_;
    std::unique_ptr<replay_services> owned_;
};

}  // namespace

std::size_t replay_result::failed_steps_count() const {
    std::size_t failed = 0;
    for (const auto& step : steps) failed += step.passed ? 0 : 1;
    return failed;
}

std::size_t replay_result::failed_scheduled_jobs_count() const {
    std::size_t failed = 0;
    for (const auto& job : scheduled_jobs) failed += job.passed ? 0 : 1;
    return failed;
}

namespace {

/// A command step's answer against what the step expects.
step_result run_command_step(replay_backend& backend, const command_step& step, const replay_options& options) {
    step_result result;
    result.action = to_string(step.command);
    const command_answer answered = backend.send_command(step, step.actor.value_or(options.actor));
    result.status = answered.status;
    result.passed = step.expect_status ? result.status == *step.expect_status : result.status / 100 == 2;
    result.detail = answered.detail;
    result.problem_type = answered.problem_type;
    result.field = answered.field;
    result.created_id = answered.created_id;
    if (!result.passed && step.expect_status) {
        result.detail = "expected status " + std::to_string(*step.expect_status) +
                        (result.detail.empty() ? "" : "; " + result.detail);
    }
    if (step.expect_problem_type && result.problem_type != *step.expect_problem_type) {
        result.passed = false;
        result.detail = "expected problem type " + *step.expect_problem_type + ", actual " +
                        (result.problem_type.empty() ? "none (accepted)" : result.problem_type) +
                        (result.detail.empty() ? "" : "; " + result.detail);
    }
    if (step.expect_field && result.field != *step.expect_field) {
        result.passed = false;
        result.detail = "expected a refusal of field " + *step.expect_field + ", actual " +
                        (result.field.empty() ? "none" : result.field) + (result.detail.empty() ? "" : "; " + result.detail);
    }
    if (step.expect_detail && result.detail.find(*step.expect_detail) == std::string::npos) {
        result.passed = false;
        result.detail = "expected a refusal naming \"" + *step.expect_detail + "\"" +
                        (result.detail.empty() ? "" : "; " + result.detail);
    }
    return result;
}

step_result run_job_step(replay_backend& backend, const job_step& step, const replay_options& options) {
    const job_in_place_result done = backend.run_job(step, options.actor);
    step_result result;
    result.action = std::string("run_job ") + std::string(to_string(in_place_kind_of(step.job)));
    result.status = 200;
    result.passed = done.passed;
    result.detail = done.detail;
    return result;
}

/// Where a replay stands: what it has learnt and done, and whether it must stop.
struct replay_progress {
    const replay_options& options;
    std::size_t file_steps = 0;
    replay_result result;
    created_names created;  // what each step's "as" stands for, as the replay learns it
    std::size_t day_end_checks = 0;
    bool stopped = false;

    void record(step_result done) {
        if (!done.passed && options.stop_at_first_failure) stopped = true;
        result.steps.push_back(std::move(done));
    }
};

/// An expect step's check through the back end, or why its case cannot be named.
step_result run_expectation(replay_backend& backend, const expectation_step& expectation, std::size_t index,
                            replay_progress& progress) {
    const auto for_case = case_expected(expectation, progress.created);
    if (const auto* why = std::get_if<std::string>(&for_case)) {
        step_result done;
        done.action = "expect";
        done.status = 200;
        done.passed = false;
        done.detail = *why;
        return done;
    }
    const core::case_id id = std::get<core::case_id>(for_case);
    return check_expectation(expectation, id, backend.read_expectation_facts(expectation, id), index,
                             progress.result.figures, progress.created);
}

/// The end of `day`: the day-end expectations (replay_options::expectations_at_day_end), then a
/// restart when asked (replay_options::restart_after_day) and `restart_allowed` (not after the
/// last day, when it would change nothing).
void end_day(replay_backend& backend, core::civil_date day, replay_progress& progress, bool restart_allowed = true) {
    if (progress.options.expectations_at_day_end && !progress.stopped) {
        for (const expectation_step& expected : progress.options.expectations_at_day_end(day)) {
            const std::size_t index = progress.file_steps + progress.day_end_checks++;
            step_result done = run_expectation(backend, expected, index, progress);
            done.index = index;
            done.on = day;
            progress.record(std::move(done));
            if (progress.stopped) return;
        }
    }
    if (restart_allowed && progress.options.restart_after_day && !progress.stopped &&
        progress.options.restart_after_day(day)) {
        backend.restart(day);
        ++progress.result.restarts;
    }
}

}  // namespace

replay_result replay_scenario(const scenario& played, replay_backend& backend, const replay_options& options) {
    replay_progress progress{options, played.steps.size(), {}, {}, 0, false};
    replay_result& result = progress.result;
    if (played.steps.empty()) return result;
    created_names& created = progress.created;
    core::civil_date today = played.steps.front().on;
    core::civil_date clock_at = today;  // the back end's business date
    backend.set_business_date(clock_at);
    for (const scenario_step& step : played.steps) {
        if (played.jobs == scenario_jobs::daily) {
            // What the server's scheduler runs on each day after the last step's through this
            // one's, one day at a time, with the clock set to each day in turn; each day before
            // it is ended first (its checks, a restart when asked).
            for (core::civil_date day = core::add_days(today, 1); !(step.on < day); day = core::add_days(day, 1)) {
                end_day(backend, core::add_days(day, -1), progress);
                if (progress.stopped) break;
                backend.set_business_date(clock_at = day);
                for (scheduled_job_result& job : backend.run_daily_tick(day)) {
                    if (!job.passed && options.stop_at_first_failure) progress.stopped = true;
                    result.scheduled_jobs.push_back(std::move(job));
                }
                if (progress.stopped) break;
            }
        }
        if (progress.stopped) break;
        if (clock_at != step.on) backend.set_business_date(clock_at = step.on);
        today = step.on;
        step_result done;
        if (const auto* command = std::get_if<command_step>(&step.action)) {
            const auto resolved = with_created_ids(*command, created);
            if (const auto* why = std::get_if<std::string>(&resolved)) {
                // Nothing is sent: the step cannot say which thing it is about.
                done.action = to_string(command->command);
                done.passed = false;
                done.detail = *why;
            } else {
                done = run_command_step(backend, std::get<command_step>(resolved), options);
            }
            if (command->as) created[*command->as] = {step.index, done.status / 100 == 2, done.created_id};
            if (command->command == scenario_command::open_case && done.status / 100 == 2 && done.created_id) {
                result.cases_created.push_back(core::case_id{*done.created_id});
            }
        } else if (const auto* job = std::get_if<job_step>(&step.action)) {
            done = run_job_step(backend, *job, options);
        } else {
            done = run_expectation(backend, std::get<expectation_step>(step.action), step.index, progress);
        }
        done.index = step.index;
        done.on = step.on;
        progress.record(std::move(done));
        if (progress.stopped) break;
    }
    if (!progress.stopped) end_day(backend, today, progress, false);
    std::sort(result.cases_created.begin(), result.cases_created.end(),
              [](core::case_id a, core::case_id b) { return a.value < b.value; });
    result.cases_created.erase(std::unique(result.cases_created.begin(), result.cases_created.end(),
                                           [](core::case_id a, core::case_id b) { return a.value == b.value; }),
                               result.cases_created.end());
    return result;
}

replay_result replay_scenario(const scenario& played, const std::string& database_path,
                              const replay_options& options) {
    if (played.steps.empty()) return {};
    in_process_backend backend(database_path, played.steps.front().on, played, options.synced_commits);
    return replay_scenario(played, backend, options);
}

}  // namespace cms::services
