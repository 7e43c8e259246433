#include "core/statistics/enforcement_activity.hpp"

#include <algorithm>
#include <optional>

namespace cms::core {

namespace {

/// The status an outcome event leads to; nothing for apply and propose, which are not outcomes.
std::optional<action_status> outcome_of(action_event event) {
    switch (event) {
        case action_event::grant: return action_status::granted;
        case action_event::refuse: return action_status::refused;
        case action_event::activate: return action_status::active;
        case action_event::succeed: return action_status::succeeded;
        case action_event::fail: return action_status::failed;
        case action_event::withdraw: return action_status::withdrawn;
        case action_event::expire: return action_status::expired;
        case action_event::apply:
        case action_event::propose: return std::nullopt;
    }
    return std::nullopt;
}

std::size_t outcome_index(action_status status) {
    return static_cast<std::size_t>(std::find(enforcement_outcomes.begin(), enforcement_outcomes.end(), status) -
                                    enforcement_outcomes.begin());
}

void add(enforcement_step_activity& into, const enforcement_step_activity& one) {
    into.taken += one.taken;
    for (std::size_t index = 0; index < one.outcomes.size(); ++index) into.outcomes[index] += one.outcomes[index];
    into.in_force_at_end += one.in_force_at_end;
}

}  // namespace

enforcement_activity_summary summarise_enforcement_activity(std::span<const enforcement_action_facts> actions,
                                                            civil_date from, civil_date to) {
    enforcement_activity_summary summary;
    for (std::size_t step = 1; step <= enforcement_step_count; ++step) {
        summary.steps.push_back({static_cast<enforcement_step>(step), 0, {}, 0});
    }
    for (const enforcement_action_facts& action : actions) {
        enforcement_step_activity& row = summary.steps[static_cast<std::size_t>(action.step) - 1];
        bool applied = false;
        std::optional<action_status> status_at_end;  // the last event's on or before `to`, once applied
        for (const enforcement_event_fact& event : action.events) {
            const bool in_period = !(event.on < from) && !(to < event.on);
            if (event.event == action_event::apply) {
                applied = true;
                if (in_period) ++row.taken;
            } else if (const auto outcome = outcome_of(event.event); outcome && applied && in_period) {
                ++row.outcomes[outcome_index(*outcome)];
            }
            if (applied && !(to < event.on)) status_at_end = event.status_after;
        }
        if (status_at_end && in_force(*status_at_end)) ++row.in_force_at_end;
    }
    for (const enforcement_step_activity& row : summary.steps) add(summary.all, row);
    return summary;
}

}  // namespace cms::core
