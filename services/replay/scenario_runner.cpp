#include <nlohmann/json.hpp>

#include <future>
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
#include "services/replay/scenario_names.hpp"
#include "services/batch/batch_job_lock.hpp"

namespace cms::services {

namespace {

/// Everything a replay holds open, wired as run_server wires it, on the simulated clock.
struct replay_services {
    replay_services(const std::string& path, core::civil_date start)
        : store(persistence::open_sqlite_store(path)), clock(start),
          writer(store->open_write_connection(), persistence::writer_limits{}), jobs_lock(path), readers(*store, 2),
          cases(writer, readers, clock), enforcement(writer, readers, clock, load_enforcement_ladder(std::nullopt), fees) {
        jobs_lock.mark_interrupted_jobs(writer_transactions(writer));
    }

    std::unique_ptr<persistence::store> store;
    simulated_business_clock clock;
    persistence::writer writer;
    /// A replay runs accrual jobs, so it holds the batch job lock as the server does.
    batch_job_lock jobs_lock;
    persistence::read_pool readers;
    case_service cases;
    std::vector<core::collection_fee_row> fees = load_collection_fees(std::nullopt);
    ageing_table ageing = load_arrears_ageing(std::nullopt);
    enforcement_service enforcement;
    std::vector<core::missed_payment_policy> missed_payment_policy = load_missed_payment_policy(std::nullopt);
    std::vector<core::court_outcome_row> court_outcomes = load_court_outcomes(std::nullopt);
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
    } else {
        const nlohmann::json body = nlohmann::json::parse(std::get<answer>(outcome).body_json);
        if (body.contains("id") && body["id"].is_number_integer()) result.created_id = body["id"].get<std::int64_t>();
        if (body.contains("action_id") && body["action_id"].is_number_integer()) {
            result.created_id = body["action_id"].get<std::int64_t>();
        }
    }
    if (!result.passed && step.expect_status) {
        result.detail = "expected status " + std::to_string(*step.expect_status) +
                        (result.detail.empty() ? "" : "; " + result.detail);
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
        run_close_day_job(writer_transactions(services.writer), services.fees, services.missed_payment_policy, job);
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
    const accrual_job_result done = run_accrual_job(writer_transactions(services.writer), services.fees, job, nullptr);
    result.passed = done.status == "succeeded" && done.cases_failed == 0;
    result.detail = "job " + std::to_string(done.job_id) + " " + done.status + ": " +
                    std::to_string(done.periods_completed) + " period(s), " + std::to_string(done.postings_written) +
                    " postings, " + std::to_string(done.cases_failed) + " case failures" +
                    (done.detail.empty() ? "" : "; " + done.detail);
    return result;
}

/// Counts of a case's enforcement, as of the step's business date.
struct enforcement_counts {
    std::int64_t missed_payments = 0;
    std::int64_t proposed_actions = 0;
    std::int64_t actions_in_force = 0;
    std::int64_t active_agreements = 0;
    std::int64_t broken_agreements = 0;
    std::int64_t employer_deduction_notices = 0;
};

enforcement_counts count_enforcement(persistence::read_view& view, core::case_id for_case) {
    enforcement_counts counts;
    counts.missed_payments = static_cast<std::int64_t>(view.enforcement().missed_payments_of_case(for_case).size());
    for (const auto& action : view.enforcement().enforcement_actions_of_case(for_case)) {
        if (action.status == core::action_status::proposed) ++counts.proposed_actions;
        if (core::in_force(action.status)) ++counts.actions_in_force;
    }
    for (const auto& agreement : view.enforcement().arrears_agreements_of_case(for_case)) {
        if (agreement.status == core::arrears_agreement_status::active) ++counts.active_agreements;
        if (agreement.status == core::arrears_agreement_status::broken) ++counts.broken_agreements;
    }
    for (const auto& notice : view.enforcement().case_notices_of_case(for_case)) {
        if (notice.kind == core::case_notice::employer_deduction_missed) ++counts.employer_deduction_notices;
    }
    return counts;
}

/// A figure of the case's position, or the weekly amount in force; none when the case has no
/// such figure (no case, no schedule yet for the arrears figures).
std::optional<std::int64_t> actual_figure(const std::optional<core::case_position>& position,
                                          const std::optional<core::case_balances>& balances,
                                          const std::optional<core::money>& weekly,
                                          const std::optional<enforcement_counts>& enforcement, const std::string& name) {
    if (name == "weekly_amount_pence") return weekly ? std::optional(weekly->pence()) : std::nullopt;
    if (name == "missed_payments") return enforcement ? std::optional(enforcement->missed_payments) : std::nullopt;
    if (name == "proposed_actions") return enforcement ? std::optional(enforcement->proposed_actions) : std::nullopt;
    if (name == "actions_in_force") return enforcement ? std::optional(enforcement->actions_in_force) : std::nullopt;
    if (name == "active_arrears_agreements") {
        return enforcement ? std::optional(enforcement->active_agreements) : std::nullopt;
    }
    if (name == "broken_arrears_agreements") {
        return enforcement ? std::optional(enforcement->broken_agreements) : std::nullopt;
    }
    if (name == "employer_deduction_notices") {
        return enforcement ? std::optional(enforcement->employer_deduction_notices) : std::nullopt;
    }
    if (!position || !balances) return std::nullopt;
    if (name == "paid_out_pence") return balances->balance({core::account_kind::cash_paid_out, 0}).pence();
    if (name == "recoverable_pence") return balances->recoverable_total().pence();
    if (name == "penalties_due_pence") return balances->balance({core::account_kind::penalties_due, 0}).pence();
    if (name == "enforcement_charges_due_pence") {
        return balances->balance({core::account_kind::enforcement_charges_due, 0}).pence();
    }
    if (name == "held_for_receiving_parents_pence") {
        core::money held;
        for (std::uint8_t slot = 0; slot < core::receiving_parents_max; ++slot) {
            held += balances->held_for_receiving_parent(slot);
        }
        return held.pence();
    }
    if (name == "due_pence") return position->due.pence();
    if (name == "due_today_pence") return position->due_today.pence();
    if (name == "paid_pence") return position->paid.pence();
    if (name == "credit_pence") return position->credit.pence();
    if (name == "ledger_balance_pence") return position->balance.pence();
    if (!position->arrears) return std::nullopt;
    const core::arrears_by_creditor& arrears = *position->arrears;
    if (name == "arrears_pence") return arrears.total.pence();
    if (name == "maintenance_arrears_pence") return arrears.maintenance.pence();
    if (name == "state_arrears_pence") return arrears.owed_to_state().pence();
    if (name == "days_overdue") return arrears.days_overdue;
    return std::nullopt;
}

std::string shown(const std::optional<std::int64_t>& figure) {
    return figure ? std::to_string(*figure) : std::string("none");
}

step_result run_expectation_step(replay_services& services, const expectation_step& named, std::size_t index,
                                 std::vector<figure_result>& figures, const created_names& created) {
    step_result result;
    result.action = "expect";
    result.status = 200;
    const auto for_case = case_expected(named, created);
    if (const auto* why = std::get_if<std::string>(&for_case)) {
        result.passed = false;
        result.detail = *why;
        return result;
    }
    expectation_step step = named;
    step.for_case = std::get<core::case_id>(for_case);
    // Every figure from one committed state.
    auto session = services.readers.borrow(persistence::read_consistency::snapshot);
    std::optional<core::case_position> position;
    std::optional<core::case_balances> balances;
    std::optional<core::money> weekly;
    std::optional<enforcement_counts> enforcement;
    if (session->cases().find_case(step.for_case)) {
        enforcement = count_enforcement(*session, step.for_case);
        position = case_position_of(*session, step.for_case, step.as_of, services.fees, services.ageing.buckets);
        balances = balances_as_of(session->ledger(), step.for_case, step.as_of);
        weekly = session->calculations().weekly_amount_in_force(step.for_case, step.as_of);
    } else {
        result.detail = "no case " + std::to_string(step.for_case.value) + "; ";
    }
    for (const expected_figure& expected : step.figures) {
        figure_result figure{index, expected.name, expected.value, actual_figure(position, balances, weekly, enforcement, expected.name)};
        if (!figure.passed()) {
            result.passed = false;
            result.detail += expected.name + " expected " + std::to_string(expected.value) + ", actual " +
                             shown(figure.actual) + "; ";
        }
        figures.push_back(std::move(figure));
    }
    if (result.passed) {
        result.detail = "case " + std::to_string(step.for_case.value) + " as of " + core::format_iso_date(step.as_of) +
                        ": " + std::to_string(step.figures.size()) + " figure(s) as expected";
    } else {
        result.detail.resize(result.detail.size() - 2);  // the last "; "
    }
    return result;
}

}  // namespace

std::size_t replay_result::failed_steps_count() const {
    std::size_t failed = 0;
    for (const auto& step : steps) failed += step.passed ? 0 : 1;
    return failed;
}

replay_result replay_scenario(const scenario& played, const std::string& database_path,
                              const replay_options& options) {
    replay_result result;
    if (played.steps.empty()) return result;
    replay_services services(database_path, played.steps.front().on);
    created_names created;  // what each step's "as" stands for, as the replay learns it
    for (const scenario_step& step : played.steps) {
        services.clock.set(step.on);
        step_result done;
        if (const auto* command = std::get_if<command_step>(&step.action)) {
            const auto resolved = with_created_ids(*command, created);
            if (const auto* why = std::get_if<std::string>(&resolved)) {
                // Nothing is sent: the step cannot say which thing it is about.
                done.action = to_string(command->command);
                done.passed = false;
                done.detail = *why;
            } else {
                done = run_command_step(services, std::get<command_step>(resolved), options);
            }
            if (command->as) created[*command->as] = {step.index, done.status / 100 == 2, done.created_id};
        } else if (const auto* job = std::get_if<job_step>(&step.action)) {
            done = run_job_step(services, *job, options);
        } else {
            done = run_expectation_step(services, std::get<expectation_step>(step.action), step.index, result.figures,
                                        created);
        }
        done.index = step.index;
        done.on = step.on;
        result.steps.push_back(std::move(done));
    }
    services.writer.stop();
    return result;
}

}  // namespace cms::services
