#pragma once
// What enforcement's rules need to know about a case on a date, gathered in the command's
// transaction: shared by the ladder's steps (enforcement_service.cpp) and arrears agreements
// (arrears_agreements.cpp). Internal to services/enforcement/.
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/enforcement/action.hpp"
#include "core/ledger/collection_fee_policy.hpp"
#include "persistence/enforcement_repository.hpp"
#include "persistence/unit_of_work.hpp"

namespace cms::services {

struct case_facts {
    bool collect_and_pay = false;
    core::money maintenance_arrears;  ///< owed to receiving parents, fallen due before the date
    core::money arrears_total;        ///< with the fees and charges owed to the state
    core::money weekly_maintenance;   ///< in force, all receiving parents together
    core::money weekly_due;           ///< weekly maintenance in force plus its collection fee
    std::int64_t days_overdue = 0;    ///< of the oldest amount fallen due before the date and unpaid
    std::vector<persistence::enforcement_action_row> actions;
    std::vector<core::enforcement_action_state> history;
    std::optional<core::civil_date> arrears_agreement_kept_since;  ///< an active agreement's date
};

core::enforcement_action_state state_of(const persistence::enforcement_action_row& row);

/// What the ladder's check reads of the facts (views into `facts`, which must outlive it).
core::enforcement_case_facts ladder_facts(const case_facts& facts);

case_facts gather_facts(persistence::unit_of_work& work, core::case_id for_case, core::civil_date on,
                        std::span<const core::collection_fee_row> fees);

/// An action with its events and deductions, as answers show it.
persistence::enforcement_action_history view_of(persistence::enforcement_queries& enforcement,
                                                const persistence::enforcement_action_row& row);

/// Withdraws every proposed action of the case on `day` with `note`, recorded by a command or a
/// job (exactly one); returns how many.
std::int64_t withdraw_open_proposals(persistence::unit_of_work& work, core::case_id for_case, core::civil_date day,
                                     const std::string& note, std::optional<core::command_id> cause,
                                     std::optional<std::int64_t> job_id);

/// Runs `per_case` for one case in the daily close, recording what it throws against the case
/// (and counting it in `failed`) instead of failing the chunk: one broken case never stops the
/// close of the rest.
void for_one_case(persistence::unit_of_work& work, std::int64_t job_id, core::case_id for_case, core::civil_date day,
                  std::int64_t& failed, const std::function<void()>& per_case);

}  // namespace cms::services
