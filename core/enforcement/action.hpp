#pragma once
/// An enforcement action's life cycle and the checks that a step may be taken or an outcome
/// recorded. Pure: the case's history and the application come in as values.
///
///   proposed --apply--> applied_for (a court decides) or active (the service makes the order)
///   applied_for --grant--> granted, --refuse--> refused
///   granted --activate--> active (a sanction comes into force; a suspended one stays granted)
///   granted | active --succeed--> succeeded, --fail--> failed, --expire--> expired
///   any state not final --withdraw--> withdrawn
///
/// The enforcement charge is due when the order is made: when the service makes it (apply), or
/// when a court grants it. It is waived for a further order of a step already in force on the
/// case (several employers or accounts at once, or a replacement after a change of employer,
/// account or amount: Child Support Fees Regulations 2014 reg 12(a), (c)).
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <variant>

#include "core/common/civil_date.hpp"
#include "core/common/money.hpp"
#include "core/common/rejection.hpp"
#include "core/enforcement/ladder.hpp"

namespace cms::core {

/// Stored by name; never rename one.
enum class action_status : std::uint8_t {
    proposed = 1,  ///< suggested by the daily escalation; nothing applied for yet
    applied_for,   ///< with the court
    granted,       ///< the court made the order (a sanction may be suspended)
    refused,       ///< the court refused it
    active,        ///< in force: deductions taken, agents instructed, a sanction running
    succeeded,     ///< it recovered what it was for
    failed,        ///< it recovered nothing more (employer left, no funds, nothing to seize)
    withdrawn,     ///< stopped by the service (the parent paid, an agreement, a mistake)
    expired,       ///< its period ran out
};
std::string_view to_string(action_status status);
std::optional<action_status> parse_action_status(std::string_view text);
/// No event changes a final status.
bool is_final(action_status status);
/// Granted or active: the order exists and counts as in force.
bool in_force(action_status status);

/// `propose` is the daily close's (an action it creates); the others are recorded outcomes.
enum class action_event : std::uint8_t { apply = 1, grant, refuse, activate, succeed, fail, withdraw, expire, propose };
std::string_view to_string(action_event event);
std::optional<action_event> parse_action_event(std::string_view text);

/// What a court found before making a sanction order (Child Support Act 1991 s39A: wilful refusal or culpable neglect).
enum class court_finding : std::uint8_t { wilful_refusal = 1, culpable_neglect };
std::string_view to_string(court_finding finding);
std::optional<court_finding> parse_court_finding(std::string_view text);

/// One action of the case, as the checks need it.
struct enforcement_action_state {
    std::int64_t action_id = 0;
    enforcement_step step = enforcement_step::deduction_from_earnings_order;
    action_status status = action_status::proposed;
    std::optional<civil_date> applied_on;  ///< when it was applied for or made (tried)
    std::optional<civil_date> until;       ///< a sanction's end, when it has one
};

/// What the case looks like to a new step.
struct enforcement_case_facts {
    bool collect_and_pay = false;
    money maintenance_arrears;  ///< owed to receiving parents, fallen due before the business date
    std::span<const enforcement_action_state> history;  ///< every action of the case
    /// The day an arrears agreement still being kept was made (arrears_agreement.hpp): the case is
    /// on that rung, and no further step is taken until the agreement is broken.
    std::optional<civil_date> arrears_agreement_kept_since;
};

/// What an application brings beyond the step.
struct step_application {
    enforcement_step step = enforcement_step::deduction_from_earnings_order;
    civil_date on{};
    bool employer_named = false;
    bool bank_account_named = false;
    bool deduction_inappropriate_reason_given = false;
};

/// Refused (conflicting_state, field "step") with the first precondition it fails, named in the
/// detail as "<precondition>: <why>"; or not available on that date at all.
std::optional<rejection> check_step_allowed(const enforcement_ladder& ladder, const step_application& application,
                                            const enforcement_case_facts& facts);

/// The status an application starts in: applied_for when a court decides, else active.
action_status status_when_applied(const ladder_step_rule& rule);

/// An outcome a caseworker (or the simulation) records.
struct action_outcome {
    action_event event = action_event::withdraw;
    civil_date on{};
    std::optional<court_finding> finding;  ///< grant of a sanction
    std::optional<civil_date> until;       ///< grant or activation of a sanction: its end
};

/// The new status, or why the event cannot happen now (conflicting_state on "event" for a
/// transition the life cycle does not have; invalid_field for a missing finding or an `until`
/// beyond the step's longest period; conflicting_state on "event" when a step it may never run
/// with is in force).
std::variant<action_status, rejection> apply_outcome(const enforcement_action_state& action,
                                                    const ladder_step_rule& rule, const action_outcome& outcome,
                                                    std::span<const enforcement_action_state> history);

/// True when an order made now with this event should be charged: the event makes the order
/// (apply of a step the service makes, grant of a court step).
bool makes_the_order(const ladder_step_rule& rule, action_event event);

/// The charge for an order being made now, or zero with the waiver that applies.
struct enforcement_charge_decision {
    money amount;
    std::optional<std::string_view> waived_because;  ///< set when the rule charges but this order is free
};
enforcement_charge_decision charge_for(const ladder_step_rule& rule, std::int64_t action_id,
                                       std::span<const enforcement_action_state> history);

}  // namespace cms::core
