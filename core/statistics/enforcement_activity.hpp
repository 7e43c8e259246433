#pragma once
/// Enforcement actions in a quarter, by ladder step: the actions taken (applied for at a court,
/// or made by the service), the outcomes recorded, and the orders in force at the quarter's end.
/// The statistics publish enforcement actions by type (README.md in this folder).
#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/common/civil_date.hpp"
#include "core/enforcement/action.hpp"
#include "core/enforcement/ladder.hpp"

namespace cms::core {

/// One recorded change of an action, as its history holds it.
struct enforcement_event_fact {
    action_event event = action_event::apply;
    action_status status_after = action_status::proposed;  ///< what the event left the action in
    civil_date on{};
};

/// One action: its step and every event, oldest first.
struct enforcement_action_facts {
    enforcement_step step = enforcement_step::deduction_from_earnings_order;
    std::vector<enforcement_event_fact> events;
};

/// The outcomes counted, in this order; each is the status its event leads to.
inline constexpr std::array<action_status, 7> enforcement_outcomes = {
    action_status::granted, action_status::refused,   action_status::active, action_status::succeeded,
    action_status::failed,  action_status::withdrawn, action_status::expired,
};

/// Their names in reports, in the same order ("activated": a sanction granted, then put in force).
inline constexpr std::array<std::string_view, enforcement_outcomes.size()> enforcement_outcome_names = {
    "granted", "refused", "activated", "succeeded", "failed", "withdrawn", "expired",
};

struct enforcement_step_activity {
    enforcement_step step = enforcement_step::deduction_from_earnings_order;
    std::int64_t taken = 0;  ///< applied for or made in the period
    /// Outcomes recorded in the period, indexed as enforcement_outcomes (activated counts as active).
    std::array<std::int64_t, enforcement_outcomes.size()> outcomes{};
    std::int64_t in_force_at_end = 0;  ///< granted or active on the period's last day
};

struct enforcement_activity_summary {
    std::vector<enforcement_step_activity> steps;  ///< every step of the ladder, in ladder order
    enforcement_step_activity all;                 ///< the totals (its step is meaningless)
};

/// Counts the actions' events dated in [from, to]. An action is taken when it is applied for, or
/// made, by an `apply` event. A proposal the daily close made and nobody applied is not an action
/// taken, so neither its withdrawal nor it counts. Outcomes are events after the apply: grant,
/// refuse, activate, succeed, fail, withdraw, expire. In force at the end: applied and granted or
/// active (core::in_force) after its last event dated on or before `to`; a sanction past its
/// `until` stays in force until its expiry is recorded, as the service's own views show it.
enforcement_activity_summary summarise_enforcement_activity(std::span<const enforcement_action_facts> actions,
                                                            civil_date from, civil_date to);

}  // namespace cms::core
