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

/// Where a replay stands: what it has learnt and done, and whether it must stop.
struct replay_progress {
    const replay_options& options;
    const scenario& played;
    const std::string& database_path;
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

/// The end of `day`: the day-end expectations (replay_options::expectations_at_day_end).
void check_day_end(replay_services& services, core::civil_date day, replay_progress& progress) {
    if (!progress.options.expectations_at_day_end || progress.stopped) return;
    for (const expectation_step& expected : progress.options.expectations_at_day_end(day)) {
        const std::size_t index = progress.file_steps + progress.day_end_checks++;
        step_result done = run_expectation_step(services.readers, {services.policy.collection_fees, services.ageing.buckets},
                                                expected, index, progress.result.figures, progress.created);
        done.index = index;
        done.on = day;
        progress.record(std::move(done));
        if (progress.stopped) return;
    }
}

/// After a day's end: a restart when asked (replay_options::restart_after_day): the writer
/// stopped and everything closed, then opened again from the file as a restarted server opens it
/// (jobs a dead process left running marked interrupted, the batch-job lock taken again).
void restart_if_asked(std::unique_ptr<replay_services>& services, core::civil_date day, replay_progress& progress) {
    if (!progress.options.restart_after_day || progress.stopped || !progress.options.restart_after_day(day)) return;
    services->writer.stop();
    services.reset();
    services = std::make_unique<replay_services>(progress.database_path, day, policy_of(progress.played),
                                                 progress.options.synced_commits);
    ++progress.result.restarts;
}

/// What the server's scheduler runs on each day after `from` through `to`, one day at a time,
/// with the clock set to each day in turn; each day before it is checked at its end first, and
/// restarted after when asked.
void run_daily_schedule(std::unique_ptr<replay_services>& services, core::civil_date from, core::civil_date to,
                        replay_progress& progress) {
    std::vector<scheduled_job_result>& ran = progress.result.scheduled_jobs;
    for (core::civil_date day = core::add_days(from, 1); !(to < day); day = core::add_days(day, 1)) {
        check_day_end(*services, core::add_days(day, -1), progress);
        if (progress.stopped) return;
        restart_if_asked(services, core::add_days(day, -1), progress);
        // A rerun on a database that has already lived through these days finds the day before
        // closed: its tick ran then. Running it again would act on what came later (money held
        // from a payment after it would start a pay-out for a past day), which production's
        // clock, only ever moving forward, never does.
        bool ticked = false;
        services->writer.execute([&](persistence::unit_of_work& work) {
            ticked = !close_day_due(work.enforcement(), core::add_days(day, -1));
        });
        if (ticked) continue;
        services->clock.set(day);
        for (const scheduled_job_run& run : run_scheduled_jobs(services->scheduled, day)) {
            scheduled_job_result done{day, run.job, run.through, true, {}};
            const job_start_result& job = run.result;
            if (job.job_id) done.detail = "job " + std::to_string(*job.job_id);
            if (job.refusal) {
                done.passed = false;
                done.detail += (done.detail.empty() ? "" : " ") + std::string("not run: ") +
                               std::string(job_start_refusal_name(*job.refusal)) +
                               (job.reason.empty() ? "" : " (" + job.reason + ")");
            } else if (!job.problem.empty()) {
                done.passed = false;
                done.detail += " " + job.problem;
            }
            if (!done.passed && progress.options.stop_at_first_failure) progress.stopped = true;
            ran.push_back(std::move(done));
        }
        if (progress.stopped) return;
    }
}

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

step_result run_command_step(replay_services& services, const command_step& step, const replay_options& options) {
    step_result result;
    result.action = to_string(step.command);
    const command_outcome outcome =
        send_command(services, step, command_context{step.key, step.actor.value_or(options.actor)});
    // Scenario files expect the status the HTTP API would give, so the API's own mapping says it.
    result.status = to_api_response(outcome).status;
    result.passed = step.expect_status ? result.status == *step.expect_status : result.status / 100 == 2;
    if (const refusal* refused = refusal_of(outcome)) {
        result.detail = refused->detail;  // names its field
        result.problem_type = problem_type_of(refused->kind);
        result.field = refused->field;
    } else {
        result.created_id = id_created_in(std::get<answer>(outcome).body_json);
    }
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

step_result run_payout_step(replay_services& services, const job_step& step) {
    step_result result;
    result.action = "run_job disburse";
    result.status = 200;
    // As the scheduler does: a date already paid out (or an earlier one) writes nothing.
    bool due = false;
    services.writer.execute([&](persistence::unit_of_work& work) { due = payout_due(work.payouts(), step.through); });
    if (!due) {
        result.passed = true;
        result.detail = "nothing to pay out for " + core::format_iso_date(step.through);
        return result;
    }
    payout_job_options job;
    job.through = step.through;
    const payout_job_result done = run_payout_job(writer_transactions(services.writer), job);
    result.passed = done.status == "succeeded";
    result.detail = "job " + std::to_string(done.job_id) + " " + done.status + ": " + std::to_string(done.disbursements) +
                    " disbursement(s), " + std::to_string(done.paid_total.pence()) + "p paid out" +
                    (done.detail.empty() ? "" : "; " + done.detail);
    return result;
}

step_result run_close_day_step(replay_services& services, const job_step& step) {
    step_result result;
    result.action = "run_job close_day";
    result.status = 200;
    // As the scheduler does: nothing to close, no job row, so a rerun of the scenario writes nothing.
    bool due = false;
    services.writer.execute([&](persistence::unit_of_work& work) { due = close_day_due(work.enforcement(), step.through); });
    if (!due) {
        result.detail = "every day through " + core::format_iso_date(step.through) + " is closed";
        return result;
    }
    close_day_options job;
    job.through = step.through;
    job.calculation_rates = services.cases.calculation_rates();
    const close_day_result done =
        run_close_day_job(writer_transactions(services.writer), services.policy.collection_fees, services.policy.missed_payments, job);
    result.passed = done.status == "succeeded" && done.cases_failed == 0;
    result.detail = "job " + std::to_string(done.job_id) + " " + done.status + ": " + summary_of(done);
    return result;
}

step_result run_court_outcomes_step(replay_services& services, const job_step& step, const replay_options& options) {
    step_result result;
    result.action = "run_job court_outcomes";
    result.status = 200;
    court_simulation_options simulation;
    simulation.through = step.through;
    simulation.seed = step.seed;
    simulation.actor = options.actor;
    const court_simulation_result done =
        simulate_court_decisions(services.enforcement, services.readers, services.court_outcomes, simulation);
    // A decision the life cycle refuses is reported, not hidden: the scenario expects none.
    result.passed = done.failed == 0;
    result.detail = std::to_string(done.granted) + " granted, " + std::to_string(done.refused) + " refused, " +
                    std::to_string(done.waiting) + " still before a court, " + std::to_string(done.failed) +
                    " refused by the life cycle" + (done.first_failure.empty() ? "" : " (" + done.first_failure + ")");
    return result;
}

step_result run_job_step(replay_services& services, const job_step& step, const replay_options& options) {
    if (step.job == scenario_job::court_outcomes) return run_court_outcomes_step(services, step, options);
    if (step.job == scenario_job::disburse) return run_payout_step(services, step);
    if (step.job == scenario_job::close_day) return run_close_day_step(services, step);
    step_result result;
    result.action = "run_job accrue";
    result.status = 200;
    // As the scheduler does: no month due, no job row, so a rerun of the scenario writes nothing.
    bool due = false;
    services.writer.execute([&](persistence::unit_of_work& work) { due = accrual_due(work.accrual(), step.through); });
    if (!due) {
        result.detail = "nothing to post through " + core::format_iso_date(step.through);
        return result;
    }
    accrual_job_options job;
    job.through = step.through;
    job.read_ahead_store = services.store.get();
    job.calculation_rates = services.cases.calculation_rates();
    const accrual_job_result done = run_accrual_job(writer_transactions(services.writer), services.policy.collection_fees, job, nullptr);
    result.passed = done.status == "succeeded" && done.cases_failed == 0;
    result.detail = "job " + std::to_string(done.job_id) + " " + done.status + ": " +
                    std::to_string(done.periods_completed) + " period(s), " + std::to_string(done.postings_written) +
                    " postings, " + std::to_string(done.cases_failed) + " case failures" +
                    (done.detail.empty() ? "" : "; " + done.detail);
    return result;
}


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

replay_result replay_scenario(const scenario& played, const std::string& database_path,
                              const replay_options& options) {
    replay_progress progress{options, played, database_path, played.steps.size(), {}, {}, 0, false};
    if (played.steps.empty()) return progress.result;
    auto services = std::make_unique<replay_services>(database_path, played.steps.front().on, policy_of(played),
                                                      options.synced_commits);
    created_names& created = progress.created;
    core::civil_date today = played.steps.front().on;
    for (const scenario_step& step : played.steps) {
        if (played.jobs == scenario_jobs::daily) run_daily_schedule(services, today, step.on, progress);
        if (progress.stopped) break;
        today = step.on;
        services->clock.set(step.on);
        step_result done;
        if (const auto* command = std::get_if<command_step>(&step.action)) {
            const auto resolved = with_created_ids(*command, created);
            if (const auto* why = std::get_if<std::string>(&resolved)) {
                // Nothing is sent: the step cannot say which thing it is about.
                done.action = to_string(command->command);
                done.passed = false;
                done.detail = *why;
            } else {
                done = run_command_step(*services, std::get<command_step>(resolved), options);
            }
            if (command->as) created[*command->as] = {step.index, done.status / 100 == 2, done.created_id};
        } else if (const auto* job = std::get_if<job_step>(&step.action)) {
            done = run_job_step(*services, *job, options);
        } else {
            done = run_expectation_step(services->readers, {services->policy.collection_fees, services->ageing.buckets},
                                        std::get<expectation_step>(step.action), step.index, progress.result.figures, created);
        }
        done.index = step.index;
        done.on = step.on;
        progress.record(std::move(done));
        if (progress.stopped) break;
    }
    check_day_end(*services, today, progress);
    services->writer.stop();
    return std::move(progress.result);
}

}  // namespace cms::services
