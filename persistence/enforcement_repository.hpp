#pragma once
/// Enforcement actions of a case and each one's events (core/enforcement/action.hpp). An action's
/// row holds its current status; every change, the first included, is an event row beside it, so
/// the history is never lost. Schema: schemas/sql/sqlite/0017_enforcement_actions.sql.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/cases/case_records.hpp"
#include "core/common/civil_date.hpp"
#include "core/common/ids.hpp"
#include "core/common/money.hpp"
#include "core/enforcement/action.hpp"
#include "core/enforcement/deductions.hpp"

namespace cms::persistence {

struct enforcement_action_row {
    std::int64_t action_id = 0;  ///< assigned on insert
    core::case_id for_case;
    core::enforcement_step step = core::enforcement_step::deduction_from_earnings_order;
    core::action_status status = core::action_status::proposed;
    core::civil_date created_on;
    std::optional<core::civil_date> applied_on;  ///< applied for, or made by the service
    core::civil_date status_on;                  ///< the date of the latest event
    std::optional<core::civil_date> until;       ///< a sanction's end
    std::optional<core::employer_details> employer;
    std::optional<core::money> deduction_per_period;  ///< deduction orders: the rate
    bool deduction_capped = false;                    ///< the rate was cut to the share of income allowed
    std::string bank_account_reference;               ///< bank orders
    std::string deduction_inappropriate;              ///< why deductions cannot work (liability order)
    core::money charge;                               ///< the enforcement charge posted for it
    std::string charge_waiver;                        ///< why no charge, when the rule had one
    std::string note;
    core::command_id created_by;
};

struct enforcement_event_row {
    std::int64_t action_id = 0;
    std::int64_t event_index = 0;  ///< 0 for the event that created the action
    core::action_event event = core::action_event::apply;
    core::action_status status_after = core::action_status::proposed;
    core::civil_date on;
    std::optional<core::court_finding> finding;
    std::optional<core::civil_date> until;
    std::string note;
    core::command_id recorded_by;
};

/// One action with its events, oldest first, as views show it.
struct enforcement_action_history {
    enforcement_action_row action;
    std::vector<enforcement_event_row> events;
};

/// Every action of one case.
struct enforcement_action_list {
    core::case_id for_case;
    std::vector<enforcement_action_history> actions;
};

class enforcement_queries {
public:
    virtual ~enforcement_queries() = default;
    /// Every action of the case, oldest first.
    virtual std::vector<enforcement_action_row> enforcement_actions_of_case(core::case_id for_case) = 0;
    virtual std::optional<enforcement_action_row> find_enforcement_action(std::int64_t action_id) = 0;
    /// The action's events in order.
    virtual std::vector<enforcement_event_row> enforcement_events(std::int64_t action_id) = 0;
};

class enforcement_repository : public enforcement_queries {
public:
    /// Returns the new action's id.
    virtual std::int64_t insert_enforcement_action(const enforcement_action_row& row) = 0;
    /// Writes status, status_on, until, charge and charge_waiver of an existing action.
    virtual void update_enforcement_action(const enforcement_action_row& row) = 0;
    virtual void insert_enforcement_event(const enforcement_event_row& row) = 0;
};

}  // namespace cms::persistence
