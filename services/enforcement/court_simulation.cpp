#include "services/enforcement/court_simulation.hpp"

#include <nlohmann/json.hpp>

#include <future>
#include <vector>

#include "services/commands/command_outcome.hpp"
#include "services/wire/enforcement_json.hpp"

namespace cms::services {

namespace {

struct due_decision {
    persistence::enforcement_action_row action;
    core::action_outcome outcome;
};

/// The event's body as a caseworker would POST it, so the journal holds the same command.
nlohmann::json body_of(const core::action_outcome& outcome, std::uint64_t seed) {
    nlohmann::json body = {{"event", core::to_string(outcome.event)},
                           {"on", core::format_iso_date(outcome.on)},
                           {"note", "simulated court decision (seed " + std::to_string(seed) + ")"}};
    if (outcome.finding) body["court_finding"] = core::to_string(*outcome.finding);
    if (outcome.until) body["until"] = core::format_iso_date(*outcome.until);
    return body;
}

command_outcome record_and_wait(enforcement_service& enforcement, enforcement_event_command command,
                                const command_context& context) {
    std::promise<command_outcome> answered;
    auto future = answered.get_future();
    enforcement.record_event(std::move(command), context,
                             [&answered](command_outcome outcome) { answered.set_value(std::move(outcome)); });
    return future.get();
}

}  // namespace

court_simulation_result simulate_court_decisions(enforcement_service& enforcement, persistence::read_pool& readers,
                                                 std::span<const core::court_outcome_row> table,
                                                 const court_simulation_options& options) {
    court_simulation_result result;
    std::vector<due_decision> due;
    // Drawn first from one read of the applications, then recorded one by one: each decision goes
    // through the single writer like any other command.
    for (std::int64_t after = 0;;) {
        auto session = readers.borrow(persistence::read_consistency::snapshot);
        const auto waiting = session->enforcement().actions_before_a_court(after, options.chunk_actions);
        for (const auto& action : waiting) {
            after = action.action_id;
            const core::civil_date applied_on = action.applied_on.value_or(action.status_on);
            const core::ladder_step_rule* rule = enforcement.ladder().rule_on(action.step, applied_on);
            const core::civil_date decided = rule ? core::decided_on(*rule, applied_on) : applied_on;
            const core::court_outcome_row* row = core::court_outcome_on(table, action.step, decided);
            if (!rule || !row || options.through < decided) {
                ++result.waiting;
                continue;
            }
            due.push_back({action, core::draw_court_decision(*row, *rule, applied_on, options.seed, action.action_id)});
        }
        if (waiting.size() < static_cast<std::size_t>(options.chunk_actions)) break;
    }
    for (const due_decision& decision : due) {
        const command_context context{
            "court-simulation-" + std::to_string(options.seed) + "-" + std::to_string(decision.action.action_id),
            options.actor};
        const command_outcome outcome = record_and_wait(
            enforcement,
            parse_enforcement_event(body_of(decision.outcome, options.seed), decision.action.for_case,
                                    decision.action.action_id),
            context);
        if (const refusal* refused = refusal_of(outcome)) {
            ++result.failed;
            if (result.first_failure.empty()) {
                result.first_failure = "action " + std::to_string(decision.action.action_id) + ": " + refused->detail;
            }
            continue;
        }
        ++(decision.outcome.event == core::action_event::grant ? result.granted : result.refused);
    }
    return result;
}

}  // namespace cms::services
